// train.*: optimizer records for compile(), with TF.js positional signatures
// (train.adam(learningRate, beta1, beta2, epsilon)) or one options object. Names and
// defaults follow Keras; the core documents where PyTorch differs.
import { checkOptionNames, show } from '../core/options.js';

const COMMON = ['learningRate', 'weightDecay', 'decay', 'clipNorm', 'clipValue', 'schedule'];
const SCHEDULES = ['constant', 'linear', 'exponential', 'cosine'];
const SCHEDULE_OPTIONS = ['name', 'finalLearningRate', 'decayRate', 'decaySteps', 'staircase', 'alpha', 'totalSteps'];

const DEFAULTS = {
  name: 'sgd', learningRate: 0.01, momentum: 0, nesterov: false, beta1: 0.9, beta2: 0.999,
  epsilon: 1e-7, rho: 0.9, centered: false, initialAccumulatorValue: 0.1, weightDecay: 0,
  decay: 0, clipNorm: 0, clipValue: 0, schedule: 'constant', finalLearningRate: 0,
  decayRate: 0.96, decaySteps: 1000, staircase: false, alpha: 0, totalSteps: 0,
};

// The core's ranges (cpp/src/optim/optimizer.cpp validate_spec), checked when the record
// is made so that a bad value fails at train.adam(...), not later at compile().
// [low, high, high excluded]
const RANGES = {
  learningRate: [0, Infinity], momentum: [0, 1], beta1: [0, 1, true], beta2: [0, 1, true],
  epsilon: [0, Infinity], rho: [0, 1], initialAccumulatorValue: [0, Infinity], weightDecay: [0, Infinity],
  decay: [0, Infinity], clipNorm: [0, Infinity], clipValue: [0, Infinity],
};
const SCHEDULE_RANGES = {
  finalLearningRate: [0, Infinity], decayRate: [0, Infinity, false, true], decaySteps: [0, Infinity, false, true],
  alpha: [0, 1], totalSteps: [0, Infinity],
};

function checkRange(where, what, value, [low, high, highOpen = false, lowOpen = false]) {
  const ok = (lowOpen ? value > low : value >= low) && (highOpen ? value < high : value <= high);
  if (!ok) {
    throw new RangeError(`${where}: ${what} must be in ${lowOpen ? '(' : '['}${low}, ${high}${highOpen ? ')' : ']'}, got ${value}`);
  }
}

function make(name, positional, extra, defaults) {
  return (...args) => {
    const where = `train.${name}`;
    const valid = [...COMMON, ...positional.slice(1), ...extra];
    let options;
    if (args.length === 1 && typeof args[0] === 'object' && args[0] !== null) {
      options = args[0];
    } else {
      options = {};
      positional.forEach((key, i) => { if (args[i] !== undefined) options[key] = args[i]; });
    }
    checkOptionNames(where, options, valid);
    for (const [key, value] of Object.entries(options)) {
      if (key === 'schedule') continue;
      const expected = typeof DEFAULTS[key];
      if (typeof value !== expected || (expected === 'number' && !Number.isFinite(value))) {
        throw new TypeError(`${where}: ${key} must be a ${expected === 'number' ? 'finite number' : expected}, got ${show(value)}`);
      }
      if (RANGES[key]) checkRange(where, key, value, RANGES[key]);
    }
    const schedule = scheduleRecord(where, options.schedule);
    const { schedule: _ignored, ...rest } = options;
    return Object.freeze({ ...DEFAULTS, ...defaults, ...rest, ...schedule, name: defaults.name ?? name });
  };
}

function scheduleRecord(where, spec) {
  if (spec === undefined) return {};
  const s = typeof spec === 'string' ? { name: spec } : spec;
  checkOptionNames(`${where} schedule`, s, SCHEDULE_OPTIONS);
  if (!SCHEDULES.includes(s.name)) {
    throw new TypeError(`${where}: schedule must be one of ${SCHEDULES.join(', ')}, got ${show(s.name)}`);
  }
  const { name, ...params } = s;
  for (const [key, value] of Object.entries(params)) {
    const ok = key === 'staircase' ? typeof value === 'boolean' : typeof value === 'number' && Number.isFinite(value);
    if (!ok) throw new TypeError(`${where}: schedule ${key} must be a ${key === 'staircase' ? 'boolean' : 'finite number'}, got ${show(value)}`);
    if (SCHEDULE_RANGES[key]) checkRange(where, `schedule ${key}`, value, SCHEDULE_RANGES[key]);
  }
  return { schedule: name, ...params };
}

export const sgd = make('sgd', ['learningRate'], ['momentum', 'nesterov'], {});
export const momentum = make('momentum', ['learningRate', 'momentum', 'nesterov'], [], { name: 'sgd', momentum: 0.9 });
export const adagrad = make('adagrad', ['learningRate', 'initialAccumulatorValue'], ['epsilon'], {});
export const rmsprop = make('rmsprop', ['learningRate', 'rho', 'momentum', 'epsilon', 'centered'], [], { learningRate: 0.001 });
export const adam = make('adam', ['learningRate', 'beta1', 'beta2', 'epsilon'], [], { learningRate: 0.001 });
export const adamw = make('adamw', ['learningRate', 'beta1', 'beta2', 'epsilon', 'weightDecay'], [], { learningRate: 0.001, weightDecay: 0.004 });
export const adamax = make('adamax', ['learningRate', 'beta1', 'beta2', 'epsilon'], [], { learningRate: 0.002 });
/** PyTorch SparseAdam on sparse embeddings (touched rows only), Adam elsewhere. */
export const sparseAdam = make('sparseAdam', ['learningRate', 'beta1', 'beta2', 'epsilon'], [], { name: 'sparse_adam', learningRate: 0.001, epsilon: 1e-8 });

const BY_NAME = { sgd, momentum, adagrad, rmsprop, adam, adamw, adamax, sparseAdam };

/** An optimizer record from a record, a name ('adam') or a train.* result. */
export function resolveOptimizer(where, spec) {
  if (typeof spec === 'string') {
    const factory = BY_NAME[spec];
    if (!factory) throw new TypeError(`${where}: unknown optimizer '${spec}' (valid: ${Object.keys(BY_NAME).join(', ')})`);
    return factory();
  }
  if (spec && typeof spec === 'object' && typeof spec.name === 'string' && 'learningRate' in spec) return spec;
  throw new TypeError(`${where}: optimizer must be a name like 'adam' or a train.* optimizer`);
}
