// fit()'s options, checked in one place so that trainInWorker refuses bad ones on the
// calling thread, before a worker starts, with the same errors as fit().
import { booleanOption, checkOptionNames, countOption, integerOption, kindOf, numberOption } from '../core/options.js';

export const FIT_OPTIONS = ['epochs', 'batchSize', 'validationSplit', 'validationData', 'shuffle', 'seed',
  'classWeight', 'sampleWeight', 'callbacks', 'verbose', 'yieldEvery'];

/** The checked values fit() uses; `valid` lets a caller accept its own options too. */
export function checkFitOptions(where, options, valid = FIT_OPTIONS) {
  checkOptionNames(where, options, valid);
  const seed = integerOption(where, options, 'seed', Math.floor(Math.random() * 2 ** 32));
  if (seed < 0 || seed > Number.MAX_SAFE_INTEGER) throw new RangeError(`${where}: seed must be a non-negative safe integer, got ${seed}`);
  const validationSplit = numberOption(where, options, 'validationSplit', 0);
  if (validationSplit !== 0 && !(validationSplit > 0 && validationSplit < 1)) {
    throw new RangeError(`${where}: validationSplit must be in (0, 1), got ${validationSplit}`);
  }
  const { validationData, classWeight, sampleWeight, callbacks } = options;
  if (validationData !== undefined && !(Array.isArray(validationData) && validationData.length === 2)) {
    throw new TypeError(`${where}: validationData must be [x, y], got ${kindOf(validationData)}`);
  }
  for (const [name, value] of [['classWeight', classWeight], ['callbacks', callbacks]]) {
    if (value !== undefined && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw new TypeError(`${where}: ${name} must be an object, got ${kindOf(value)}`);
    }
  }
  if (sampleWeight !== undefined && !(Array.isArray(sampleWeight) || ArrayBuffer.isView(sampleWeight))) {
    throw new TypeError(`${where}: sampleWeight must be an array of per-sample weights, got ${kindOf(sampleWeight)}`);
  }
  return {
    epochs: countOption(where, options, 'epochs', 1, 0),
    batchSize: countOption(where, options, 'batchSize', 32, 1),
    seed,
    validationSplit,
    shuffle: booleanOption(where, options, 'shuffle', true),
    yieldEvery: countOption(where, options, 'yieldEvery', 50, 0),  // ms between yields to the event loop
  };
}
