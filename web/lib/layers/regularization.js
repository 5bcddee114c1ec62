// Keras-style regularizer and constraint options as the records the core takes:
// 'l2' | {l1, l2} and 'maxNorm' | {kind: 'maxNorm', maxValue}, ...
import { show } from '../core/options.js';

const CONSTRAINTS = ['maxNorm', 'unitNorm', 'nonNeg', 'minMaxNorm'];

export function regularizerRecord(where, name, spec) {
  if (spec === undefined || spec === null) return { l1: 0, l2: 0 };
  if (spec === 'l1') return { l1: 0.01, l2: 0 };   // Keras default factor
  if (spec === 'l2') return { l1: 0, l2: 0.01 };
  if (spec === 'l1l2') return { l1: 0.01, l2: 0.01 };
  if (typeof spec === 'object' && !Array.isArray(spec)) {
    for (const key of Object.keys(spec)) {
      if (key !== 'l1' && key !== 'l2') throw new TypeError(`${where}: ${name} takes {l1, l2}, not '${key}'`);
    }
    return { l1: factor(where, `${name} l1`, spec.l1), l2: factor(where, `${name} l2`, spec.l2) };
  }
  throw new TypeError(`${where}: ${name} must be 'l1', 'l2', 'l1l2' or {l1, l2}, got ${show(spec)}`);
}

export function constraintRecord(where, name, spec) {
  const base = { kind: 'none', maxValue: 2, minValue: 0, rate: 1 };
  if (spec === undefined || spec === null) return base;
  const s = typeof spec === 'string' ? { kind: spec } : spec;
  if (typeof s !== 'object' || !CONSTRAINTS.includes(s.kind)) {
    throw new TypeError(`${where}: ${name} must be one of ${CONSTRAINTS.join(', ')} or {kind, maxValue, minValue, rate}, got ${show(spec)}`);
  }
  for (const key of Object.keys(s)) {
    if (!['kind', 'maxValue', 'minValue', 'rate'].includes(key)) {
      throw new TypeError(`${where}: ${name} has no option '${key}' (valid: kind, maxValue, minValue, rate)`);
    }
  }
  const out = { ...base, ...s };
  for (const key of ['maxValue', 'minValue', 'rate']) {
    if (typeof out[key] !== 'number' || !Number.isFinite(out[key])) {
      throw new TypeError(`${where}: ${name} ${key} must be a finite number, got ${show(out[key])}`);
    }
  }
  // The core's ranges (cpp/src/layers/param.cpp), checked here so a bad constraint fails
  // when the layer is made rather than when a model adopts it.
  if (out.maxValue < 0 || out.minValue < 0) {
    throw new RangeError(`${where}: ${name} maxValue and minValue must be >= 0, got maxValue ${out.maxValue}, minValue ${out.minValue}`);
  }
  if (out.kind === 'minMaxNorm' && out.minValue > out.maxValue) {
    throw new RangeError(`${where}: ${name} needs minValue <= maxValue, got minValue ${out.minValue} > maxValue ${out.maxValue}`);
  }
  if (out.rate < 0 || out.rate > 1) throw new RangeError(`${where}: ${name} rate must be in [0, 1], got ${out.rate}`);
  return out;
}

/** An l1 / l2 factor: a finite number >= 0 (undefined means 0). */
function factor(where, what, v) {
  if (v === undefined) return 0;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new TypeError(`${where}: ${what} must be a finite number, got ${show(v)}`);
  if (v < 0) throw new RangeError(`${where}: ${what} must be >= 0, got ${v}`);
  return v;
}
