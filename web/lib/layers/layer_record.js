// A layer's option record from a user's options, as the core's layer registry states the
// kind (cpp/include/embedwasm/layers/layer_registry.h): which options it takes, which
// are required, their types, ranges and defaults, and the record's shape, which the
// engine reads and a model file stores. Here only what JS users write differently from
// the record: initializer, regularizer and constraint shorthands ('l2', 'maxNorm', a
// name for {name, ...parameters}).
import { OPTIONS, buildRecord, checkNames, optionNames, optionsFrom } from '../core/option_schema.js';
import { constraintOption, constraintRecord, regularizerRecord } from './regularization.js';

/** The kind as the registry states it: {record, layerOptions, required, weights, table, defaults}. */
export function layerKind(kind) {
  return OPTIONS.layers[kind];
}

/** The kinds, in the registry's order. */
export const LAYER_KINDS = Object.freeze(Object.keys(OPTIONS.layers));

function initializerOptions(where, field, spec) {
  if (spec === undefined || spec === null) return {};
  const s = typeof spec === 'string' ? { name: spec } : spec;
  if (typeof s !== 'object' || Array.isArray(s)) {
    throw new TypeError(`${where}: ${field.option} must be a name or {name, ...parameters}`);
  }
  checkNames(`${where} ${field.option}`, field, s);
  const names = field.fields.find((f) => f.name === 'name').choices;
  if (!names.includes(s.name)) throw new TypeError(`${where}: unknown ${field.option} '${s.name}' (valid: ${names.join(', ')})`);
  return s;
}

// Nested records by their schema: the user's shorthand into the nested options.
const NESTED = {
  initializer: initializerOptions,
  regularizer: (where, field, value) => regularizerRecord(where, field.option, value),
  constraint: (where, field, value) => constraintRecord(where, field.option, value),
};

/**
 * The record of layer kind `kind` from options, after checking the option names (the
 * kind's, its layer options' and `jsOptions`, which the caller handles) and required ones.
 */
export function layerRecord(where, kind, options, jsOptions = []) {
  const k = layerKind(kind);
  checkNames(where, k.record, options, [...jsOptions, ...(k.layerOptions ? optionNames(k.layerOptions) : [])]);
  for (const name of k.required) {
    if (options[name] === undefined) throw new TypeError(`${where}: option '${name}' is required`);
  }
  return buildRecord(where, k.record, options, {
    nested: (field, value) => (NESTED[field.schema] ? NESTED[field.schema](where, field, value) : value ?? {}),
    nestedHooks: (field) => (field.flat ? { where: `${where} ${field.option}` } : { label: (f) => `${field.option} ${f.option}` }),
  });
}

/** The options a saved record of `kind` was made from (the inverse of layerRecord). */
export function layerOptionsFrom(kind, record) {
  return optionsFrom(layerKind(kind).record, record, {
    nested: (field, value) => (field.schema === 'constraint' ? constraintOption(value) : value),
  });
}
