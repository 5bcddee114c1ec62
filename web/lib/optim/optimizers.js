// train.*: optimizer records for compile(), with TF.js positional signatures
// (train.adam(learningRate, beta1, beta2, epsilon)) or one options object. Which options
// each algorithm takes, their positional order and its defaults are the core's (each
// algorithm's registration in cpp/src/optim/<name>.cpp); the record is the optimizer
// schema's, the schedule's fields inline, checked here so that a bad value fails at
// train.adam(...), not later at compile().
import { OPTIONS, buildRecord, checkNames } from '../core/option_schema.js';
import { checkOptionNames, show } from '../core/options.js';

const SCHEMA = OPTIONS.schemas.optimizer;
const SCHEDULE = SCHEMA.fields.find((f) => f.option === 'schedule');
const SCHEDULE_NAMES = SCHEDULE.fields.find((f) => f.name === 'name').choices;

/** A schedule option ('cosine' or {name, ...parameters}) as the schedule schema's options. */
function scheduleOptions(where, spec) {
  if (spec === undefined) return {};
  const s = typeof spec === 'string' ? { name: spec } : spec;
  checkNames(`${where} schedule`, SCHEDULE, s);
  if (!SCHEDULE_NAMES.includes(s.name)) {
    throw new TypeError(`${where}: schedule must be one of ${SCHEDULE_NAMES.join(', ')}, got ${show(s.name)}`);
  }
  return s;
}

function make(factory) {
  const algorithm = OPTIONS.optimizers[factory];
  const hooks = {
    defaults: algorithm.defaults,
    nested: (field, value) => scheduleOptions(`train.${factory}`, value),
    nestedHooks: () => ({ defaults: algorithm.defaults, label: (f) => `schedule ${f.option}` }),
  };
  return (...args) => {
    const where = `train.${factory}`;
    let options;
    if (args.length === 1 && typeof args[0] === 'object' && args[0] !== null) {
      options = args[0];
    } else {
      options = {};
      algorithm.positional.forEach((key, i) => { if (args[i] !== undefined) options[key] = args[i]; });
    }
    checkOptionNames(where, options, algorithm.options);
    return Object.freeze(buildRecord(where, SCHEMA, options, hooks));
  };
}

export const sgd = make('sgd');
export const momentum = make('momentum');
export const adagrad = make('adagrad');
export const rmsprop = make('rmsprop');
export const adam = make('adam');
export const adamw = make('adamw');
export const adamax = make('adamax');
/** PyTorch SparseAdam on sparse embeddings (touched rows only), Adam elsewhere. */
export const sparseAdam = make('sparseAdam');

/** train.<factory> by its name ('adam'), for compile({optimizer: 'adam'}). */
export const FACTORIES = Object.freeze({ sgd, momentum, adagrad, rmsprop, adam, adamw, adamax, sparseAdam });

/** An optimizer record from a record, a name ('adam') or a train.* result. */
export function resolveOptimizer(where, spec) {
  if (typeof spec === 'string') {
    const factory = Object.hasOwn(FACTORIES, spec) ? FACTORIES[spec] : undefined;
    if (!factory) throw new TypeError(`${where}: unknown optimizer '${spec}' (valid: ${Object.keys(FACTORIES).join(', ')})`);
    return factory();
  }
  if (spec && typeof spec === 'object' && typeof spec.name === 'string' && 'learningRate' in spec) return spec;
  throw new TypeError(`${where}: optimizer must be a name like 'adam' or a train.* optimizer`);
}
