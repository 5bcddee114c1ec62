// What the three file readers share. Files come from fetch, FileReader, fs or a test,
// so any byte view is accepted; every failure, even one the engine raises, leaves as
// a TypeError / RangeError / Error whose message starts with the public function's name.

export const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function describe(x) {
  if (x === null) return 'null';
  if (typeof x !== 'object') return typeof x;
  return x.constructor?.name ?? 'object';
}

/** A Uint8Array over the input's bytes (no copy). */
export function asBytes(where, input) {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer
    || (typeof SharedArrayBuffer !== 'undefined' && input instanceof SharedArrayBuffer)) {
    return new Uint8Array(input);
  }
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  throw new TypeError(`${where}: expected the file as a Uint8Array or an ArrayBuffer, got ${describe(input)}`);
}

/**
 * Runs fn and rethrows anything that is not already one of ours with `where` in front,
 * keeping the class for TypeError / RangeError (e.g. a stack overflow on a hostile
 * header), so callers can rely on one message shape.
 */
export function withErrorPrefix(where, fn) {
  try {
    return fn();
  } catch (error) {
    throw prefixed(where, error);
  }
}

export function prefixed(where, error) {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof Error && message.startsWith(`${where}:`)) return error;
  const Type = error instanceof RangeError ? RangeError : error instanceof TypeError ? TypeError : Error;
  return new Type(`${where}: ${message}`, { cause: error });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The JSON value in bytes [begin, end): UTF-8, well-formed, with only finite numbers and
 * at most maxDepth levels of nesting (the formats need a handful; a deeper header is
 * garbage, and would overflow the stack of any recursive code that looks at it).
 */
export function parseJson(where, bytes, begin, end, what, maxDepth) {
  let text;
  try {
    text = utf8.decode(bytes.subarray(begin, end));
  } catch {
    throw new TypeError(`${where}: the ${what} at bytes ${begin}..${end} is not valid UTF-8`);
  }
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new TypeError(`${where}: malformed JSON in the ${what} at bytes ${begin}..${end}: ${error.message}`);
  }
  // JSON has no Infinity, but 1e999 parses to it.
  const stack = [[value, '', 0]];
  while (stack.length > 0) {
    const [v, path, depth] = stack.pop();
    if (typeof v === 'number' && !Number.isFinite(v)) {
      throw new RangeError(`${where}: the ${what} at bytes ${begin}..${end} holds a non-finite number at ${path || 'its top level'}`);
    }
    if (v !== null && typeof v === 'object') {
      if (depth === maxDepth) {
        throw new RangeError(`${where}: the ${what} at bytes ${begin}..${end} nests deeper than ${maxDepth} levels at ${path}`);
      }
      for (const key of Object.keys(v)) stack.push([v[key], Array.isArray(v) ? `${path}[${key}]` : `${path}.${key}`, depth + 1]);
    }
  }
  return value;
}

/** A file's value for an error message: short, and safe on anything JSON.parse made. */
export function show(v) {
  const text = v === undefined ? 'nothing' : JSON.stringify(v);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function isPlainObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** prod(shape) for a list of non-negative safe integers; RangeError past 2^53. */
export function elementCount(where, shape, what) {
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw new TypeError(`${where}: ${what} must be a list of non-negative integers, got ${show(shape)}`);
  }
  let n = 1;
  for (const d of shape) n *= d;
  if (!Number.isSafeInteger(n)) throw new RangeError(`${where}: ${what} ${show(shape)} holds more than 2^53 elements`);
  return n;
}

/** n little-endian float32 values from bytes[begin...] as a fresh (aligned) array. */
export function readF32(bytes, begin, n) {
  // A copy, not bytes.slice: on a Node Buffer that is a view into a shared pool.
  const copy = new Uint8Array(4 * n);
  copy.set(bytes.subarray(begin, begin + 4 * n));
  if (LITTLE_ENDIAN_HOST) return new Float32Array(copy.buffer);
  const view = new DataView(copy.buffer);
  const out = new Float32Array(n);
  for (let i = 0; i < n; ++i) out[i] = view.getFloat32(4 * i, true);
  return out;
}

/** Writes data as little-endian float32 into out (a fresh Uint8Array) at begin. */
export function writeF32(out, begin, data) {
  const at = out.byteOffset + begin;
  if (LITTLE_ENDIAN_HOST && at % 4 === 0) {
    new Float32Array(out.buffer, at, data.length).set(data);
    return;
  }
  const view = new DataView(out.buffer, at, data.length * 4);
  for (let i = 0; i < data.length; ++i) view.setFloat32(4 * i, data[i], true);
}
