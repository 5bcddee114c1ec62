// Inputs arrive as nested arrays, typed arrays with a shape, or {data, shape}; the
// core wants one flat typed array plus a shape. Outputs are {data, shape}.
import { show } from './options.js';

function isTypedArray(x) {
  return ArrayBuffer.isView(x) && !(x instanceof DataView);
}

function checkShape(shape, what) {
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d))) {
    throw new TypeError(`${what}: shape must be an array of non-negative integers, got ${show(shape)}`);
  }
  const negative = shape.findIndex((d) => d < 0);
  if (negative >= 0) {
    throw new RangeError(`${what}: shape[${negative}] = ${shape[negative]} is negative (shape ${show(shape)})`);
  }
  return shape.reduce((a, b) => a * b, 1);
}

// The innermost level of a nested array may be a typed array (rows kept as Float32Array).
function nestedShape(x) {
  const shape = [];
  let level = x;
  while (Array.isArray(level) || (shape.length > 0 && isTypedArray(level))) {
    shape.push(level.length);
    if (level.length === 0 || isTypedArray(level)) break;
    level = level[0];
  }
  return shape;
}

/** Flat copy of a nested array of the given shape; a ragged one is a TypeError naming where. */
function flattenNested(x, shape, what) {
  const out = new Array(shape.reduce((a, b) => a * b, 1));
  const at = [];  // the index path being visited, only read to word an error
  let k = 0;
  const visit = (level, axis) => {
    const last = axis === shape.length - 1;
    if (!(Array.isArray(level) || (last && axis > 0 && isTypedArray(level))) || level.length !== shape[axis]) {
      throw new TypeError(`${what}: ragged nested array at [${at.join(', ')}]: expected ` +
        `${shape[axis]} elements like the first entry along axis ${axis}`);
    }
    if (last) {
      for (let i = 0; i < level.length; ++i) out[k++] = level[i];
      return;
    }
    for (let i = 0; i < level.length; ++i) {
      at.push(i);
      visit(level[i], axis + 1);
      at.pop();
    }
  };
  if (shape.length > 0) visit(x, 0);
  return out;
}

/**
 * Normalises x (nested array, typed array + shape, or {data, shape}) to
 * {data: flat array-like, shape, positionOf(i)}.
 */
function normalise(x, shape, what) {
  if (x !== null && typeof x === 'object' && !Array.isArray(x) && !isTypedArray(x) && 'data' in x) {
    return normalise(x.data, x.shape, what);
  }
  // A flat plain array with a shape is read like a typed array: {data: [1, 2, 3, 4], shape: [2, 2]}.
  const flat = isTypedArray(x) || (Array.isArray(x) && shape !== undefined && shape.length !== 1 &&
    (x.length === 0 || (!Array.isArray(x[0]) && !isTypedArray(x[0]))));
  if (flat) {
    const s = shape ?? [x.length];
    const n = checkShape(s, what);
    if (n !== x.length) {
      throw new TypeError(`${what}: shape [${s.join(', ')}] holds ${n} values but the array has ${x.length}`);
    }
    return { data: x, shape: [...s] };
  }
  if (Array.isArray(x)) {
    const s = nestedShape(x);
    if (shape !== undefined) checkShape(shape, what);
    if (shape !== undefined && JSON.stringify(shape) !== JSON.stringify(s)) {
      throw new TypeError(`${what}: nested array has shape [${s.join(', ')}] but shape [${shape.join(', ')}] was given`);
    }
    return { data: flattenNested(x, s, what), shape: s };
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
      // A string id is quoted, so that "2" does not read as the number 2.
      throw new TypeError(`${what}: id ${typeof v === 'string' ? show(v) : String(v)} at position ${positionOf(i, t.shape)} is not an integer`);
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

const DTYPES = ['float32', 'int32'];

/**
 * A tensor as every input accepts it: {data, shape} with a flat Float32Array or
 * Int32Array. `data` is a nested array (shape optional, checked when given), a flat array
 * or typed array with `shape` (default: 1-D), or another {data, shape}. dtype defaults
 * to the typed array's own when it is Float32Array or Int32Array, else 'float32' (as in
 * TF.js); pass 'int32' for ids above 2^24, which float32 cannot hold exactly. A typed
 * array already of that dtype is used as is, not copied.
 */
export function tensor(data, shape, dtype) {
  const where = 'tensor';
  if (shape !== undefined) checkShape(shape, where);
  if (dtype !== undefined && !DTYPES.includes(dtype)) {
    throw new TypeError(`${where}: dtype must be 'float32' or 'int32', got ${show(dtype)}`);
  }
  const flat = normalise(data, shape, where);
  const type = dtype ?? (flat.data instanceof Int32Array ? 'int32' : 'float32');
  const t = type === 'int32' ? toIds(flat, where) : toFloats(flat, where);
  return Object.freeze({ data: t.data, shape: Object.freeze([...t.shape]) });
}
