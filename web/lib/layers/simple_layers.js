// Layers without weights: flatten, globalAveragePooling1d, globalMaxPooling1d,
// dropout, activation (TF.js names and options; records as the core's registry states them).
import { inputShapeOption } from './dense.js';
import { layerRecord } from './layer_record.js';
import { ModelLayer } from './model_layer.js';

/**
 * layers.<kind>(options): the kind's record from its options, plus what JS keeps
 * (inputShape for a layer that may come first). Layers with an option need an options
 * object, as in TF.js.
 */
function layerFactory(kind, { inputShape = false } = {}) {
  return (options = inputShape ? {} : undefined) => {
    const where = `${kind}${options?.name ? ` '${options.name}'` : ''}`;
    const layer = new ModelLayer(kind, where, layerRecord(where, kind, options, inputShape ? ['name', 'inputShape'] : ['name']));
    if (inputShape) layer.inputShape = inputShapeOption(where, options);
    return layer;
  };
}

export const flatten = layerFactory('flatten', { inputShape: true });
/** Mean over time steps, skipping those masked by an embedding with maskZero. */
export const globalAveragePooling1d = layerFactory('globalAveragePooling1d', { inputShape: true });
/** Max over time steps, skipping masked ones (Keras 3 itself ignores the mask here). */
export const globalMaxPooling1d = layerFactory('globalMaxPooling1d', { inputShape: true });
/** Inverted dropout while training; seeded, so a seed repeats the same masks. */
export const dropout = layerFactory('dropout');
export const activation = layerFactory('activation');
