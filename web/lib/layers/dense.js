// layers.dense: y = activation(x · kernel + bias) over the last axis (TF.js names).
import { show } from '../core/options.js';
import { toFloats } from '../core/tensor.js';
import { layerRecord } from './layer_record.js';
import { ModelLayer } from './model_layer.js';

/**
 * @param {object} options units, activation, useBias, kernelInitializer (glorotUniform),
 *   biasInitializer (zeros), seed, kernelRegularizer, biasRegularizer, kernelConstraint,
 *   biasConstraint, weights ([kernel (in, units), bias (units)]), name
 */
export function dense(options) {
  const where = `dense${options?.name ? ` '${options.name}'` : ''}`;
  const record = layerRecord(where, 'dense', options, ['weights', 'name', 'inputShape']);
  let weights = null;
  if (options.weights !== undefined) {
    if (!Array.isArray(options.weights) || options.weights.length !== (record.useBias ? 2 : 1)) {
      throw new TypeError(`${where}: weights must be [kernel (in, units)${record.useBias ? ', bias (units)' : ''}]`);
    }
    weights = options.weights.map((w, k) => toFloats(w, `${where} weights[${k}]`, w?.shape).data);
  }
  const layer = new ModelLayer('dense', where, record, weights);
  layer.inputShape = inputShapeOption(where, options);
  return layer;
}

/** TF.js' inputShape: the per-sample shape, positive integers (undefined when not given). */
export function inputShapeOption(where, options) {
  const shape = options.inputShape;
  if (shape === undefined) return undefined;
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d))) {
    throw new TypeError(`${where}: inputShape must be an array of positive integers, got ${show(shape)}`);
  }
  const bad = shape.findIndex((d) => d < 1);
  if (bad >= 0) throw new RangeError(`${where}: inputShape[${bad}] must be >= 1, got ${shape[bad]}`);
  return [...shape];
}
