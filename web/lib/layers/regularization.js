// Keras-style regularizer and constraint options as the records the core takes:
// 'l2' | {l1, l2} and 'maxNorm' | {kind: 'maxNorm', maxValue}, ...
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
    return { l1: spec.l1 ?? 0, l2: spec.l2 ?? 0 };
  }
  throw new TypeError(`${where}: ${name} must be 'l1', 'l2', 'l1l2' or {l1, l2}, got ${JSON.stringify(spec)}`);
}

export function constraintRecord(where, name, spec) {
  const base = { kind: 'none', maxValue: 2, minValue: 0, rate: 1 };
  if (spec === undefined || spec === null) return base;
  const s = typeof spec === 'string' ? { kind: spec } : spec;
  if (typeof s !== 'object' || !CONSTRAINTS.includes(s.kind)) {
    throw new TypeError(`${where}: ${name} must be one of ${CONSTRAINTS.join(', ')} or {kind, maxValue, minValue, rate}, got ${JSON.stringify(spec)}`);
  }
  for (const key of Object.keys(s)) {
    if (!['kind', 'maxValue', 'minValue', 'rate'].includes(key)) {
      throw new TypeError(`${where}: ${name} has no option '${key}' (valid: kind, maxValue, minValue, rate)`);
    }
  }
  return { ...base, ...s };
}
