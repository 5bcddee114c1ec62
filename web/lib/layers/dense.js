// layers.dense: y = activation(x · kernel + bias) over the last axis (TF.js names).
import { booleanOption, checkOptionNames, enumOption, integerOption, show } from '../core/options.js';
import { toFloats } from '../core/tensor.js';
import { ModelLayer } from './model_layer.js';
import { constraintRecord, regularizerRecord } from './regularization.js';
import { INITIALIZERS } from './table_options.js';

export const ACTIVATIONS = ['linear', 'relu', 'sigmoid', 'tanh', 'softmax'];
const OPTIONS = ['units', 'activation', 'useBias', 'kernelInitializer', 'biasInitializer', 'seed',
  'kernelRegularizer', 'biasRegularizer', 'kernelConstraint', 'biasConstraint', 'weights', 'name',
  'inputShape'];

/**
 * @param {object} options units, activation, useBias, kernelInitializer (glorotUniform),
 *   biasInitializer (zeros), seed, kernelRegularizer, biasRegularizer, kernelConstraint,
 *   biasConstraint, weights ([kernel (in, units), bias (units)]), name
 */
export function dense(options) {
  const where = `dense${options?.name ? ` '${options.name}'` : ''}`;
  checkOptionNames(where, options, OPTIONS);
  const useBias = booleanOption(where, options, 'useBias', true);
  let weights = null;
  if (options.weights !== undefined) {
    if (!Array.isArray(options.weights) || options.weights.length !== (useBias ? 2 : 1)) {
      throw new TypeError(`${where}: weights must be [kernel (in, units)${useBias ? ', bias (units)' : ''}]`);
    }
    weights = options.weights.map((w, k) => toFloats(w, `${where} weights[${k}]`, w?.shape).data);
  }
  const units = integerOption(where, options, 'units');
  if (units < 1 || units > 0x7fffffff) throw new RangeError(`${where}: units must be in [1, 2^31), got ${units}`);
  const record = {
    kind: 'dense',
    units,
    activation: enumOption(where, options, 'activation', ACTIVATIONS, 'linear'),
    useBias,
    kernelInitializer: enumOption(where, options, 'kernelInitializer', INITIALIZERS, 'glorotUniform'),
    biasInitializer: enumOption(where, options, 'biasInitializer', INITIALIZERS, 'zeros'),
    seed: integerOption(where, options, 'seed', Math.floor(Math.random() * 2 ** 32)),
    kernelRegularizer: regularizerRecord(where, 'kernelRegularizer', options.kernelRegularizer),
    biasRegularizer: regularizerRecord(where, 'biasRegularizer', options.biasRegularizer),
    kernelConstraint: constraintRecord(where, 'kernelConstraint', options.kernelConstraint),
    biasConstraint: constraintRecord(where, 'biasConstraint', options.biasConstraint),
    rate: 0,
  };
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
