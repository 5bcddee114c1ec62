// Layers without weights: flatten, globalAveragePooling1d, globalMaxPooling1d,
// dropout, activation (TF.js names and options).
import { checkOptionNames, enumOption, integerOption, numberOption } from '../core/options.js';
import { ACTIVATIONS, inputShapeOption } from './dense.js';
import { ModelLayer } from './model_layer.js';

function record(kind, extra = {}) {
  return {
    kind, units: 0, activation: 'linear', useBias: false, kernelInitializer: 'zeros',
    biasInitializer: 'zeros', seed: 0, kernelRegularizer: { l1: 0, l2: 0 }, biasRegularizer: { l1: 0, l2: 0 },
    kernelConstraint: { kind: 'none', maxValue: 2, minValue: 0, rate: 1 },
    biasConstraint: { kind: 'none', maxValue: 2, minValue: 0, rate: 1 }, rate: 0, ...extra,
  };
}

function plain(kind, name) {
  return (options = {}) => {
    const where = `${name}${options?.name ? ` '${options.name}'` : ''}`;
    checkOptionNames(where, options, ['name', 'inputShape']);
    const layer = new ModelLayer(kind, where, record(kind));
    layer.inputShape = inputShapeOption(where, options);
    return layer;
  };
}

export const flatten = plain('flatten', 'flatten');
/** Mean over time steps, skipping those masked by an embedding with maskZero. */
export const globalAveragePooling1d = plain('globalAveragePooling1d', 'globalAveragePooling1d');
/** Max over time steps, skipping masked ones (Keras 3 itself ignores the mask here). */
export const globalMaxPooling1d = plain('globalMaxPooling1d', 'globalMaxPooling1d');

/** Inverted dropout while training; seeded, so a seed repeats the same masks. */
export function dropout(options) {
  const where = `dropout${options?.name ? ` '${options.name}'` : ''}`;
  checkOptionNames(where, options, ['rate', 'seed', 'name']);
  const rate = numberOption(where, options, 'rate', undefined);
  if (rate === undefined) throw new TypeError(`${where}: option 'rate' is required`);
  // rate 1 would drop everything and scale by 1 / 0.
  if (!(rate >= 0 && rate < 1)) throw new RangeError(`${where}: rate must be in [0, 1), got ${rate}`);
  return new ModelLayer('dropout', where, record('dropout', {
    rate,
    seed: integerOption(where, options, 'seed', Math.floor(Math.random() * 2 ** 32)),
  }));
}

export function activation(options) {
  const where = `activation${options?.name ? ` '${options.name}'` : ''}`;
  checkOptionNames(where, options, ['activation', 'name']);
  return new ModelLayer('activation', where, record('activation', {
    activation: enumOption(where, options, 'activation', ACTIVATIONS, 'linear'),
  }));
}
