// layers.dense: y = activation(x · kernel + bias) over the last axis (TF.js names).
import { booleanOption, checkOptionNames, enumOption, integerOption } from '../core/options.js';
import { toFloats } from '../core/tensor.js';
import { ModelLayer } from './model_layer.js';
import { constraintRecord, regularizerRecord } from './regularization.js';

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
  const record = {
    kind: 'dense',
    units: integerOption(where, options, 'units'),
    activation: enumOption(where, options, 'activation', ACTIVATIONS, 'linear'),
    useBias,
    kernelInitializer: options.kernelInitializer ?? 'glorotUniform',
    biasInitializer: options.biasInitializer ?? 'zeros',
    seed: integerOption(where, options, 'seed', Math.floor(Math.random() * 2 ** 32)),
    kernelRegularizer: regularizerRecord(where, 'kernelRegularizer', options.kernelRegularizer),
    biasRegularizer: regularizerRecord(where, 'biasRegularizer', options.biasRegularizer),
    kernelConstraint: constraintRecord(where, 'kernelConstraint', options.kernelConstraint),
    biasConstraint: constraintRecord(where, 'biasConstraint', options.biasConstraint),
    rate: 0,
  };
  const layer = new ModelLayer('dense', where, record, weights);
  layer.inputShape = options.inputShape;
  return layer;
}
