// Options as the core's schemas state them. The build asks the engine for every schema
// (cpp/include/embedwasm/core/option_schema.h) and writes them to option_schemas.js, so
// that names, defaults and ranges are written once, in C++, and are known here before
// init() has loaded anything: train.adam(-1) fails at once, as Keras fails at
// construction. This module checks a user's options against a schema, builds the
// record the engine takes (and a model file stores), and turns a record back into options.
//
// A schema field: {name (C++ snake_case), key (its record key), option (what users
// write), type: number | integer | boolean | string | choice | record, default, low, high,
// lowOpen, highOpen, admitsInfinity, expect (the range in words), choices, fields (record), flat,
// optional, hasKey, randomSeed, slot}.
import { OPTION_SCHEMAS } from './option_schemas.js';
import { checkOptionNames, show } from './options.js';

function deepFreeze(value) {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** {schemas: {name: schema}, optimizers: {factory: ...}, layers: {kind: ...}} */
export const OPTIONS = deepFreeze(OPTION_SCHEMAS);

/** A seed for an option left unset whose field says randomSeed (Keras' seed=None). */
export const randomSeed = () => Math.floor(Math.random() * 2 ** 32);

/**
 * value checked against field: a TypeError for the wrong type, a RangeError outside the
 * range, each naming `label` (e.g. "option 'inputDim'") and the value. Returns value.
 */
export function checkValue(where, label, field, value) {
  const fail = (Type, expected) => { throw new Type(`${where}: ${label} must be ${expected}, got ${show(value)}`); };
  switch (field.type) {
    case 'boolean':
      if (typeof value !== 'boolean') fail(TypeError, 'true or false');
      return value;
    case 'string':
      if (typeof value !== 'string') fail(TypeError, 'a string');
      return value;
    case 'choice':
      if (!field.choices.includes(value)) fail(TypeError, `one of ${field.choices.map((c) => `'${c}'`).join(', ')}`);
      return value;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) fail(TypeError, 'an integer');
      break;
    case 'number':
      if (typeof value !== 'number' || Number.isNaN(value)) fail(TypeError, 'a number');
      break;
    default:
      throw new TypeError(`${where}: ${label} cannot be checked here (a ${field.type})`);
  }
  if (!withinRange(field, value)) throw new RangeError(`${where}: ${label} ${field.expect}, got ${show(value)}`);
  return value;
}

/** Whether a number is inside a field's range (a closed infinite bound admits infinity). */
export function withinRange(f, x) {
  if (Number.isNaN(x)) return false;
  if (x === Infinity) return f.admitsInfinity === true;
  if (x === -Infinity) return false;
  return (f.low === undefined || (f.lowOpen ? x > f.low : x >= f.low))
    && (f.high === undefined || (f.highOpen ? x < f.high : x <= f.high));
}

/** The options a user writes for schema: its fields' option names, a flat record without a name inlined. */
export function optionNames(schema) {
  return schema.fields.flatMap((f) => {
    if (f.slot) return [];
    if (f.type === 'record' && f.flat && !hasNameField(f)) return optionNames(f);
    return [f.option];
  });
}

const hasNameField = (f) => f.fields.some((n) => n.name === 'name');

/** The field users set as `option`, looked for through inlined records, or undefined. */
export function findOption(schema, option) {
  for (const f of schema.fields) {
    if (f.slot) continue;
    if (f.type === 'record' && f.flat && !hasNameField(f)) {
      const inner = findOption(f, option);
      if (inner) return inner;
    } else if (f.option === option) {
      return f;
    }
  }
  return undefined;
}

/**
 * The record of schema made from a user's options (keyed by field.option), in the
 * schema's order: each field's value when given and checked, else its default (a fresh
 * random seed where the field says randomSeed); slots at their value; a flat record
 * without a name inline from the same options; a record field through hooks.nested(field,
 * value) (which turns the user's value, e.g. 'l2' or a schedule name, into the nested
 * schema's options), then built the same way with hooks.nestedHooks(field) - inline with
 * its name under the field's key when flat; an optional field as has<Key> and <key>
 * (absent when undefined or null).
 * hooks: {label(field): how messages name a field (default "option 'x'"), where: the
 * message prefix (default where), defaults: a record whose values replace the schema's
 * defaults (an algorithm's own), nested, nestedHooks}.
 */
export function buildRecord(where, schema, options, hooks = {}, out = {}, nameKey = undefined) {
  const at = hooks.where ?? where;
  const label = hooks.label ?? ((f) => `option '${f.option}'`);
  const fallback = (f, key) => (hooks.defaults && Object.hasOwn(hooks.defaults, key) ? hooks.defaults[key] : f.default);
  for (const f of schema.fields) {
    const key = nameKey !== undefined && f.name === 'name' ? nameKey : f.key;
    if (f.slot) {
      if (f.optional) out[f.hasKey] = false;
      out[key] = f.default;
    } else if (f.type === 'record' && f.flat && !hasNameField(f)) {
      buildRecord(where, f, options, hooks, out);
    } else if (f.type === 'record') {
      const given = hooks.nested ? hooks.nested(f, options[f.option]) : options[f.option] ?? {};
      const inner = hooks.nestedHooks ? hooks.nestedHooks(f) : { label: (n) => `${f.option} ${n.option}` };
      if (f.flat) {
        buildRecord(where, f, given, inner, out, f.key);
      } else {
        out[key] = buildRecord(where, f, given, inner);
      }
    } else if (f.optional) {
      const value = options[f.option];
      const present = value !== undefined && value !== null;
      out[f.hasKey] = present;
      out[key] = present ? checkValue(at, label(f), f, value) : f.default;
    } else if (options[f.option] === undefined) {
      out[key] = f.randomSeed ? randomSeed() : fallback(f, key);
    } else {
      out[key] = checkValue(at, label(f), f, options[f.option]);
    }
  }
  return out;
}

/**
 * The user's options a record was made from (the inverse of buildRecord, for a model
 * file): every field but slots, flat records folded back into one option (or inlined),
 * optional fields only when present. hooks.nested(field, record) gives the option a
 * nested record came from (undefined: leave it out).
 */
export function optionsFrom(schema, record, hooks = {}, nameKey = undefined) {
  const options = {};
  for (const f of schema.fields) {
    const key = nameKey !== undefined && f.name === 'name' ? nameKey : f.key;
    if (f.slot) continue;
    if (f.type === 'record') {
      if (f.flat && !hasNameField(f)) {
        Object.assign(options, optionsFrom(f, record, hooks));
        continue;
      }
      const inner = f.flat ? optionsFrom(f, record, {}, f.key) : record[key];
      const value = hooks.nested ? hooks.nested(f, inner) : inner;
      if (value !== undefined) options[f.option] = value;
    } else if (f.optional) {
      if (record[f.hasKey]) options[f.option] = record[key];
    } else if (Object.hasOwn(record, key)) {
      options[f.option] = record[key];
    }
  }
  return options;
}

/** {option: default} of a schema's fields (slots left out): the defaults of options JS checks itself. */
export function defaultOptions(schema) {
  return Object.freeze(Object.fromEntries(schema.fields.filter((f) => !f.slot).map((f) => [f.option, f.default])));
}

/** Options checked by name against schema (plus extra names JS keeps itself). */
export function checkNames(where, schema, options, extra = []) {
  checkOptionNames(where, options, [...optionNames(schema), ...extra]);
}
