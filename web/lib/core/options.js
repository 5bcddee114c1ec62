// Option objects are checked before anything reaches the core: unknown names and
// wrong types are TypeErrors that list what is valid. Options the core has a schema for
// are checked against it (option_schema.js); these helpers serve the options only JS
// has (fit, init, a call's options).

/**
 * A value for an error message: JSON where that reads well, but NaN and Infinity as
 * themselves (JSON.stringify would print null for both), and long values cut short.
 */
export function show(v) {
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (v === undefined) return 'undefined';
  if (typeof v === 'function') return 'a function';
  let text;
  try {
    text = JSON.stringify(v);
  } catch {
    text = undefined;
  }
  if (text === undefined) return typeof v;
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** What kind of value x is, for "got ..." in a message: null, array, number, Float32Array... */
export function kindOf(x) {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'array';
  if (typeof x === 'object') return x.constructor?.name ?? 'object';
  return typeof x;
}

export function checkOptionNames(where, options, valid) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`${where}: options must be an object, got ${kindOf(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!valid.includes(key)) {
      throw new TypeError(`${where}: unknown option '${key}' (valid options: ${valid.join(', ')})`);
    }
  }
}

export function integerOption(where, options, name, fallback) {
  const v = options[name];
  if (v === undefined) {
    if (fallback === undefined) throw new TypeError(`${where}: option '${name}' is required`);
    return fallback;
  }
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    throw new TypeError(`${where}: option '${name}' must be an integer, got ${show(v)}`);
  }
  return v;
}

export function numberOption(where, options, name, fallback) {
  const v = options[name];
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || Number.isNaN(v)) {
    throw new TypeError(`${where}: option '${name}' must be a number, got ${show(v)}`);
  }
  return v;
}

export function booleanOption(where, options, name, fallback) {
  const v = options[name];
  if (v === undefined) return fallback;
  if (typeof v !== 'boolean') {
    throw new TypeError(`${where}: option '${name}' must be true or false, got ${show(v)}`);
  }
  return v;
}

/** An integer option of at least `min` (a RangeError below it), or the fallback. */
export function countOption(where, options, name, fallback, min = 0) {
  const v = integerOption(where, options, name, fallback);
  if (v < min) throw new RangeError(`${where}: option '${name}' must be >= ${min}, got ${v}`);
  return v;
}

/** A string option that must be one of `valid`; `fallback` when absent. */
export function enumOption(where, options, name, valid, fallback) {
  const v = options[name];
  if (v === undefined) return fallback;
  if (!valid.includes(v)) {
    throw new TypeError(`${where}: option '${name}' must be one of ${valid.map((x) => `'${x}'`).join(', ')}, got ${show(v)}`);
  }
  return v;
}
