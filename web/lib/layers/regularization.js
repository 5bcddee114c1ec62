// Keras-style regularizer and constraint options as the records the core takes (its
// regularizer and constraint schemas, cpp/include/embedwasm/layers/param.h):
// 'l2' | {l1, l2} and 'maxNorm' | {kind: 'maxNorm', maxValue}, ...
import { OPTIONS, buildRecord, optionNames } from '../core/option_schema.js';
import { show } from '../core/options.js';

const REGULARIZER = OPTIONS.schemas.regularizer;
const CONSTRAINT = OPTIONS.schemas.constraint;
const REGULARIZER_OPTIONS = optionNames(REGULARIZER);
const CONSTRAINT_OPTIONS = optionNames(CONSTRAINT);
// 'none' is the record's "no constraint"; users leave the option out instead.
const NO_CONSTRAINT = CONSTRAINT.fields.find((f) => f.option === 'kind').default;
const CONSTRAINTS = CONSTRAINT.fields.find((f) => f.option === 'kind').choices.filter((k) => k !== NO_CONSTRAINT);

// Keras' l1(), l2() and l1_l2() by name: factor 0.01, their default. A JS shorthand the
// core does not have.
const PRESETS = { l1: { l1: 0.01 }, l2: { l2: 0.01 }, l1l2: { l1: 0.01, l2: 0.01 } };

export function regularizerRecord(where, name, spec) {
  const label = (f) => `${name} ${f.option}`;
  if (spec === undefined || spec === null) return buildRecord(where, REGULARIZER, {});
  if (typeof spec === 'string' && Object.hasOwn(PRESETS, spec)) return buildRecord(where, REGULARIZER, PRESETS[spec]);
  if (typeof spec === 'object' && !Array.isArray(spec)) {
    for (const key of Object.keys(spec)) {
      if (!REGULARIZER_OPTIONS.includes(key)) throw new TypeError(`${where}: ${name} takes {${REGULARIZER_OPTIONS.join(', ')}}, not '${key}'`);
    }
    return buildRecord(where, REGULARIZER, spec, { label });
  }
  throw new TypeError(`${where}: ${name} must be ${Object.keys(PRESETS).map((p) => `'${p}'`).join(', ')} or {${REGULARIZER_OPTIONS.join(', ')}}, got ${show(spec)}`);
}

export function constraintRecord(where, name, spec) {
  if (spec === undefined || spec === null) return buildRecord(where, CONSTRAINT, {});
  const s = typeof spec === 'string' ? { kind: spec } : spec;
  if (typeof s !== 'object' || !CONSTRAINTS.includes(s.kind)) {
    throw new TypeError(`${where}: ${name} must be one of ${CONSTRAINTS.join(', ')} or {${CONSTRAINT_OPTIONS.join(', ')}}, got ${show(spec)}`);
  }
  for (const key of Object.keys(s)) {
    if (!CONSTRAINT_OPTIONS.includes(key)) {
      throw new TypeError(`${where}: ${name} has no option '${key}' (valid: ${CONSTRAINT_OPTIONS.join(', ')})`);
    }
  }
  const out = buildRecord(where, CONSTRAINT, s, { label: (f) => `${name} ${f.option}` });
  // The rule between two fields, which the core checks too (layers::validate(ConstraintSpec)):
  // here as well so that a bad constraint fails when the layer is made, before any engine
  // call, rather than when a model adopts it.
  if (out.kind === 'minMaxNorm' && out.minValue > out.maxValue) {
    throw new RangeError(`${where}: ${name} needs minValue <= maxValue, got minValue ${out.minValue} > maxValue ${out.maxValue}`);
  }
  return out;
}

/** The option a saved constraint record came from: none for 'none'. */
export function constraintOption(record) {
  return record?.kind === NO_CONSTRAINT ? undefined : record;
}
