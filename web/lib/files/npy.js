// NumPy .npy files for embedding tables: what np.save writes for a PyTorch
// `emb.weight.detach().numpy()` or a Keras `layer.get_weights()[0]`, (V, D) float32.
// Format: "\x93NUMPY", major, minor, a little-endian header length (uint16 in 1.0,
// uint32 in 2.0 / 3.0), a Python dict literal, then the raw array.
import { checkOptionNames } from '../core/options.js';
import { toFloats } from '../core/tensor.js';
import { asBytes, elementCount, readF32, withErrorPrefix, writeF32 } from './bytes.js';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];  // \x93NUMPY
// numpy pads the header so the data starts on a 64-byte boundary (ARRAY_ALIGN) ...
const ALIGN = 64;
// ... and leaves room for the growth axis to reach 21 digits, so np.save-style
// appending can rewrite the header in place; we pad the same way to write numpy's bytes.
const GROWTH_AXIS_MAX_DIGITS = 21;
const MAX_DEPTH = 32;  // a dtype descr nests a few levels; anything deeper is garbage

// descr -> [bytes per value, little-endian?, float64?]
const DTYPES = {
  '<f4': [4, true, false], '>f4': [4, false, false], '<f8': [8, true, true], '>f8': [8, false, true],
};

/**
 * readNpy(bytes, {dim}) -> {data: Float32Array, shape: [V, D]}. A 2-D array is read as
 * is; a 1-D one only when dim says how to cut it into rows. Fortran-order arrays are
 * transposed into row-major, so the result is always (V, D) C order, as numpy shows it.
 */
export function readNpy(input, options = {}) {
  const where = 'readNpy';
  return withErrorPrefix(where, () => {
    checkOptionNames(where, options, ['dim']);
    const dim = options.dim;
    if (dim !== undefined && !Number.isSafeInteger(dim)) {
      throw new TypeError(`${where}: dim must be a positive integer, got ${JSON.stringify(dim)}`);
    }
    if (dim !== undefined && dim < 1) throw new RangeError(`${where}: dim must be a positive integer, got ${dim}`);
    const bytes = asBytes(where, input);
    const { header, dataStart } = readHeader(where, bytes);
    const { descr, fortranOrder, shape: fileShape } = header;
    const [size, little, wide] = DTYPES[descr];
    const n = elementCount(where, fileShape, 'shape');
    const shape = tableShape(where, fileShape, n, dim);
    const need = n * size;
    const have = bytes.length - dataStart;
    if (have < need) {
      throw new RangeError(`${where}: truncated data: shape ${pyShape(fileShape)} of '${descr}' needs ${need} bytes from byte ${dataStart}, the file has ${have}`);
    }
    if (have > need) {
      throw new RangeError(`${where}: ${have - need} unexpected bytes after the data at byte ${dataStart + need} (one array per file)`);
    }
    let data;
    if (little && !wide) {
      data = readF32(bytes, dataStart, n);
    } else {
      const view = new DataView(bytes.buffer, bytes.byteOffset + dataStart, need);
      data = new Float32Array(n);  // float64 rounds to nearest even, as numpy's astype
      for (let i = 0; i < n; ++i) data[i] = wide ? view.getFloat64(8 * i, little) : view.getFloat32(4 * i, little);
    }
    // A 1-D array is the same in either order; so is a single row or column.
    if (fortranOrder && fileShape.length === 2 && shape[0] > 1 && shape[1] > 1) data = transpose(data, shape[0], shape[1]);
    return { data, shape };
  });
}

function tableShape(where, shape, n, dim) {
  if (shape.length === 2) {
    if (dim !== undefined && shape[1] !== dim) {
      throw new RangeError(`${where}: the array has shape ${pyShape(shape)}, whose rows have ${shape[1]} values, not dim = ${dim}`);
    }
    return [...shape];
  }
  if (shape.length === 1 && dim !== undefined) {
    if (n % dim !== 0) throw new RangeError(`${where}: ${n} values do not split into rows of dim = ${dim}`);
    return [n / dim, dim];
  }
  if (shape.length === 1) {
    throw new RangeError(`${where}: the array is 1-D, shape ${pyShape(shape)}; pass {dim} to read it as (${n} / dim, dim) rows`);
  }
  throw new RangeError(`${where}: expected a 2-D table (rows, dim), got shape ${pyShape(shape)}`);
}

// in: (C, R) row-major, i.e. (R, C) column-major; out: (R, C) row-major
function transpose(src, rows, cols) {
  const out = new Float32Array(src.length);
  for (let j = 0; j < cols; ++j) {
    for (let i = 0; i < rows; ++i) out[i * cols + j] = src[j * rows + i];
  }
  return out;
}

function readHeader(where, bytes) {
  if (bytes.length < 10) {
    throw new RangeError(`${where}: truncated: ${bytes.length} bytes, shorter than the 10-byte .npy preamble`);
  }
  for (let i = 0; i < MAGIC.length; ++i) {
    if (bytes[i] !== MAGIC[i]) throw new TypeError(`${where}: not a NumPy .npy file: bad magic bytes at byte ${i} (expected "\\x93NUMPY")`);
  }
  const major = bytes[6];
  const minor = bytes[7];
  if (minor !== 0 || major < 1 || major > 3) {
    const Type = major > 3 ? Error : RangeError;
    throw new Type(`${where}: the file was written by .npy format version ${major}.${minor} (byte 6); readNpy reads 1.0, 2.0 and 3.0`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const begin = major === 1 ? 10 : 12;
  if (bytes.length < begin) throw new RangeError(`${where}: truncated: the version ${major}.0 preamble needs ${begin} bytes, the file has ${bytes.length}`);
  const length = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const end = begin + length;
  if (end > bytes.length) {
    throw new RangeError(`${where}: truncated header: ${length} bytes from byte ${begin} run past the end of the file (${bytes.length} bytes)`);
  }
  const text = major === 3 ? utf8Text(where, bytes, begin, end) : latin1Text(bytes, begin, end);
  let dict;
  try {
    dict = new DictParser(text).parse();
  } catch (error) {
    throw new TypeError(`${where}: malformed header dict at bytes ${begin}..${end}: ${error.message}`);
  }
  return { header: checkHeader(where, dict), dataStart: end };
}

function utf8Text(where, bytes, begin, end) {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(begin, end));
  } catch {
    throw new TypeError(`${where}: the version 3.0 header at bytes ${begin}..${end} is not valid UTF-8`);
  }
}

// TextDecoder('latin1') is windows-1252 in every browser; numpy means ISO-8859-1.
function latin1Text(bytes, begin, end) {
  let text = '';
  for (let i = begin; i < end; i += 8192) text += String.fromCharCode(...bytes.subarray(i, Math.min(end, i + 8192)));
  return text;
}

function checkHeader(where, dict) {
  const keys = Object.keys(dict).sort();
  if (keys.join() !== 'descr,fortran_order,shape') {
    throw new TypeError(`${where}: the header must have exactly the keys 'descr', 'fortran_order' and 'shape', got ${keys.map((k) => `'${k}'`).join(', ') || 'none'}`);
  }
  const { descr, fortran_order: fortranOrder, shape } = dict;
  if (typeof descr !== 'string') {
    throw new TypeError(`${where}: structured dtypes are not supported (descr ${JSON.stringify(descr)}); save a plain float32 array`);
  }
  if (!(descr in DTYPES)) {
    throw new TypeError(`${where}: dtype '${descr}' is not supported: readNpy reads float32 '<f4' and converts '>f4', '<f8' and '>f8' (np.save(path, w.astype(np.float32)))`);
  }
  if (typeof fortranOrder !== 'boolean') throw new TypeError(`${where}: fortran_order must be True or False`);
  if (!Array.isArray(shape) || shape.tuple !== true) throw new TypeError(`${where}: shape must be a tuple of integers`);
  return { descr, fortranOrder, shape: Array.from(shape) };
}

/**
 * The Python literal subset numpy writes: a dict of str keys to str, True / False /
 * None, ints and tuples / lists of those (structured descrs are lists of tuples).
 */
class DictParser {
  constructor(text) {
    this.text = text;
    this.i = 0;
  }

  parse() {
    this.space();
    const value = this.value(0);
    this.space();
    if (this.i !== this.text.length) this.fail('unexpected text after the dict');
    if (value === null || typeof value !== 'object' || Array.isArray(value)) this.fail('the header is not a dict');
    return value;
  }

  fail(message) {
    throw new Error(`${message} at character ${this.i}`);
  }

  space() {
    while (this.i < this.text.length && ' \t\r\n'.includes(this.text[this.i])) ++this.i;
  }

  value(depth) {
    if (depth > MAX_DEPTH) this.fail('nested too deeply');
    const c = this.text[this.i];
    if (c === '{') return this.dict(depth);
    if (c === '(' || c === '[') return this.sequence(depth, c === '(' ? ')' : ']');
    if (c === "'" || c === '"') return this.string();
    for (const [word, v] of [['True', true], ['False', false], ['None', null]]) {
      if (this.text.startsWith(word, this.i)) {
        this.i += word.length;
        return v;
      }
    }
    const m = /^-?\d+L?/.exec(this.text.slice(this.i, this.i + 64));
    if (!m) this.fail('expected a value');
    this.i += m[0].length;
    const n = Number(m[0].replace('L', ''));  // 'L': Python 2 longs in old files
    if (!Number.isSafeInteger(n)) this.fail(`integer ${m[0]} is out of range`);
    return n;
  }

  dict(depth) {
    const out = {};
    ++this.i;
    for (this.space(); this.text[this.i] !== '}'; this.space()) {
      const c = this.text[this.i];
      if (c !== "'" && c !== '"') this.fail('expected a string key');
      const key = this.string();
      this.space();
      if (this.text[this.i] !== ':') this.fail("expected ':'");
      ++this.i;
      this.space();
      Object.defineProperty(out, key, { value: this.value(depth + 1), enumerable: true, writable: true, configurable: true });
      this.space();
      if (this.text[this.i] === ',') ++this.i;
      else if (this.text[this.i] !== '}') this.fail("expected ',' or '}'");
    }
    ++this.i;
    return out;
  }

  sequence(depth, close) {
    const out = [];
    ++this.i;
    for (this.space(); this.text[this.i] !== close; this.space()) {
      if (this.i >= this.text.length) this.fail(`expected '${close}'`);
      out.push(this.value(depth + 1));
      this.space();
      if (this.text[this.i] === ',') ++this.i;
      else if (this.text[this.i] !== close) this.fail(`expected ',' or '${close}'`);
    }
    ++this.i;
    if (close === ')') out.tuple = true;
    return out;
  }

  string() {
    const quote = this.text[this.i++];
    let out = '';
    while (this.i < this.text.length && this.text[this.i] !== quote) {
      if (this.text[this.i] === '\\') ++this.i;
      out += this.text[this.i++] ?? '';
    }
    if (this.i >= this.text.length) this.fail('unterminated string');
    ++this.i;
    return out;
  }
}

function pyShape(shape) {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/**
 * writeNpy({data, shape}) -> Uint8Array holding what np.save writes for a C-order
 * float32 array of that shape: version 1.0 (2.0 only if the header outgrows 64 KiB),
 * header padded with spaces to a multiple of 64 bytes.
 */
export function writeNpy(array) {
  const where = 'writeNpy';
  return withErrorPrefix(where, () => {
    const t = toFloats(array, where, array?.shape);
    elementCount(where, t.shape, 'shape');
    let dict = `{'descr': '<f4', 'fortran_order': False, 'shape': ${pyShape(t.shape)}, }`;
    if (t.shape.length > 0) dict += ' '.repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - String(t.shape[0]).length));
    // numpy's _wrap_header: padlen is 1..64, never 0, so an aligned header grows a row.
    const padded = (prefix) => dict.length + 1 + ALIGN - ((prefix + dict.length + 1) % ALIGN);
    const version = padded(10) <= 0xffff ? 1 : 2;
    const prefix = version === 1 ? 10 : 12;
    const length = padded(prefix);
    const dataStart = prefix + length;
    const out = new Uint8Array(dataStart + 4 * t.data.length);
    out.set(MAGIC);
    out[6] = version;
    const view = new DataView(out.buffer);
    if (version === 1) view.setUint16(8, length, true);
    else view.setUint32(8, length, true);
    for (let i = 0; i < dict.length; ++i) out[prefix + i] = dict.charCodeAt(i);
    out.fill(0x20, prefix + dict.length, dataStart - 1);
    out[dataStart - 1] = 0x0a;
    writeF32(out, dataStart, t.data);
    return out;
  });
}
