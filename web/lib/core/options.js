// Option objects are checked before anything reaches the core: unknown names and
// wrong types are TypeErrors that list what is valid. Ranges are the core's to check.

export function checkOptionNames(where, options, valid) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`${where}: options must be an object`);
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
    throw new TypeError(`${where}: option '${name}' must be an integer, got ${JSON.stringify(v)}`);
  }
  return v;
}

export function numberOption(where, options, name, fallback) {
  const v = options[name];
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || Number.isNaN(v)) {
    throw new TypeError(`${where}: option '${name}' must be a number, got ${JSON.stringify(v)}`);
  }
  return v;
}

export function booleanOption(where, options, name, fallback) {
  const v = options[name];
  if (v === undefined) return fallback;
  if (typeof v !== 'boolean') {
    throw new TypeError(`${where}: option '${name}' must be true or false, got ${JSON.stringify(v)}`);
  }
  return v;
}

export function enumOption(where, options, name, valid, fallback) {
  const v = options[name];
  if (v === undefined) return fallback;
  if (!valid.includes(v)) {
    throw new TypeError(`${where}: option '${name}' must be one of ${valid.map((x) => `'${x}'`).join(', ')}, got ${JSON.stringify(v)}`);
  }
  return v;
}
