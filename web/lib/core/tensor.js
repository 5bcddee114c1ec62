// Inputs arrive as nested arrays, typed arrays with a shape, or {data, shape}; the
// core wants one flat typed array plus a shape. Outputs are {data, shape}.

function isTypedArray(x) {
  return ArrayBuffer.isView(x) && !(x instanceof DataView);
}

function checkShape(shape, what) {
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
    throw new TypeError(`${what}: shape must be an array of non-negative integers, got ${JSON.stringify(shape)}`);
  }
  return shape.reduce((a, b) => a * b, 1);
}

function nestedShape(x) {
  const shape = [];
  let level = x;
  while (Array.isArray(level)) {
    shape.push(level.length);
    if (level.length === 0) break;
    level = level[0];
  }
  return shape;
}

function flattenNested(x, shape, what, out) {
  let k = 0;
  const visit = (level, axis, position) => {
    if (axis === shape.length) {
      out.push(level, position);
      k += 1;
      return;
    }
    if (!Array.isArray(level) || level.length !== shape[axis]) {
      throw new TypeError(`${what}: ragged nested array at [${position.join(', ')}]: expected ` +
        `${shape[axis]} elements like the first entry along axis ${axis}`);
    }
    for (let i = 0; i < level.length; ++i) visit(level[i], axis + 1, [...position, i]);
  };
  visit(x, 0, []);
  return k;
}

/**
 * Normalises x (nested array, typed array + shape, or {data, shape}) to
 * {data: flat array-like, shape, positionOf(i)}.
 */
function normalise(x, shape, what) {
  if (x !== null && typeof x === 'object' && !Array.isArray(x) && !isTypedArray(x) && 'data' in x) {
    return normalise(x.data, x.shape, what);
  }
  if (isTypedArray(x)) {
    const s = shape ?? [x.length];
    const n = checkShape(s, what);
    if (n !== x.length) {
      throw new TypeError(`${what}: shape [${s.join(', ')}] holds ${n} values but the array has ${x.length}`);
    }
    return { data: x, shape: [...s] };
  }
  if (Array.isArray(x)) {
    const s = nestedShape(x);
    if (shape !== undefined && JSON.stringify(shape) !== JSON.stringify(s)) {
      throw new TypeError(`${what}: nested array has shape [${s.join(', ')}] but shape [${shape.join(', ')}] was given`);
    }
    const pairs = [];
    flattenNested(x, s, what, pairs);
    const data = new Array(pairs.length / 2);
    for (let i = 0; i < data.length; ++i) data[i] = pairs[2 * i];
    return { data, shape: s };
  }
  if (typeof x === 'number') return { data: [x], shape: [] };
  throw new TypeError(`${what}: expected a nested array, a typed array or {data, shape}, got ${x === null ? 'null' : typeof x}`);
}

function positionOf(i, shape) {
  const index = new Array(shape.length).fill(0);
  for (let axis = shape.length - 1; axis >= 0 && shape[axis] > 0; --axis) {
    index[axis] = i % shape[axis];
    i = Math.floor(i / shape[axis]);
  }
  return `[${index.join(', ')}]`;
}

/** Ids as Int32Array + shape; non-integers are a TypeError naming their position. */
export function toIds(x, what, shape) {
  const t = normalise(x, shape, what);
  if (t.data instanceof Int32Array) return t;
  const ids = new Int32Array(t.data.length);
  for (let i = 0; i < ids.length; ++i) {
    const v = typeof t.data[i] === 'bigint' ? Number(t.data[i]) : t.data[i];
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      throw new TypeError(`${what}: id ${String(v)} at position ${positionOf(i, t.shape)} is not an integer`);
    }
    if (v < -2147483648 || v > 2147483647) {
      throw new RangeError(`${what}: id ${v} at position ${positionOf(i, t.shape)} is outside the int32 range`);
    }
    ids[i] = v;
  }
  return { data: ids, shape: t.shape };
}

/** Floats as Float32Array + shape; non-numbers are a TypeError naming their position. */
export function toFloats(x, what, shape) {
  const t = normalise(x, shape, what);
  if (t.data instanceof Float32Array) return t;
  const out = new Float32Array(t.data.length);
  for (let i = 0; i < out.length; ++i) {
    const v = t.data[i];
    if (typeof v !== 'number') {
      throw new TypeError(`${what}: value ${String(v)} at position ${positionOf(i, t.shape)} is not a number`);
    }
    out[i] = v;
  }
  return { data: out, shape: t.shape };
}

export function sameShape(a, b) {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

export function shapeText(shape) {
  return `[${shape.join(', ')}]`;
}
