// safetensors (Hugging Face): an 8-byte little-endian header length N, N bytes of JSON
// {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {str: str}}, then
// the byte buffer the offsets index. PyTorch names an nn.Embedding's table "weight",
// Keras 3 e.g. "embedding/embeddings"; these helpers only read and write the dictionary.
import { checkOptionNames } from '../core/options.js';
import { toFloats } from '../core/tensor.js';
import { asBytes, elementCount, isPlainObject, parseJson, readF32, show, withErrorPrefix, writeF32 } from './bytes.js';

// The reference implementation refuses larger headers (MAX_HEADER_SIZE) ...
const MAX_HEADER = 100_000_000;
// ... and its writer pads the header with spaces so the buffer starts 8-byte aligned.
const HEADER_ALIGN = 8;
const METADATA = '__metadata__';
const DTYPE_BYTES = {
  BOOL: 1, U8: 1, I8: 1, F8_E5M2: 1, F8_E4M3: 1, I16: 2, U16: 2, F16: 2, BF16: 2,
  I32: 4, U32: 4, F32: 4, I64: 8, U64: 8, F64: 8,
};
const READABLE = ['F32', 'F16', 'BF16', 'F64'];
const MAX_DEPTH = 3;  // header -> tensor -> shape

/**
 * readSafetensors(bytes, {names}) -> {tensors: {name: {data: Float32Array, shape}},
 * metadata: {str: str} | null}. F16, BF16 and F64 are converted to float32. The whole
 * file is validated; names (optional) limits which tensors are decoded, e.g. to skip
 * a state dict's integer buffers.
 */
export function readSafetensors(input, options = {}) {
  const where = 'readSafetensors';
  return withErrorPrefix(where, () => {
    checkOptionNames(where, options, ['names']);
    const wanted = options.names === undefined ? null : new Set(options.names);
    const bytes = asBytes(where, input);
    const { entries, metadata, bufferStart } = readHeader(where, bytes);
    if (wanted) {
      for (const name of wanted) {
        if (!entries.some((e) => e.name === name)) throw new TypeError(`${where}: no tensor named ${JSON.stringify(name)} in the file`);
      }
    }
    const tensors = {};
    for (const e of entries) {
      if (wanted && !wanted.has(e.name)) continue;
      if (!READABLE.includes(e.dtype)) {
        throw new TypeError(`${where}: tensor ${show(e.name)} has dtype ${e.dtype}; readSafetensors reads F32 and converts F16, BF16 and F64 (pass {names} to read only those)`);
      }
      const data = decode(bytes, bufferStart + e.begin, e.count, e.dtype);
      // defineProperty: a tensor named "__proto__" must stay a plain entry.
      Object.defineProperty(tensors, e.name, { value: { data, shape: e.shape }, enumerable: true, writable: true, configurable: true });
    }
    return { tensors, metadata };
  });
}

function readHeader(where, bytes) {
  if (bytes.length < 8) throw new RangeError(`${where}: truncated: ${bytes.length} bytes, shorter than the 8-byte header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const low = view.getUint32(0, true);
  const high = view.getUint32(4, true);
  if (high !== 0 || low > MAX_HEADER) {
    throw new RangeError(`${where}: header length ${high * 2 ** 32 + low} (bytes 0..8) exceeds the ${MAX_HEADER}-byte limit`);
  }
  const end = 8 + low;
  if (end > bytes.length) {
    throw new RangeError(`${where}: truncated header: ${low} bytes from byte 8 run past the end of the file (${bytes.length} bytes)`);
  }
  if (bytes[8] !== 0x7b) throw new TypeError(`${where}: the header at byte 8 must be a JSON object, starting with '{'`);
  const header = parseJson(where, bytes, 8, end, 'header', MAX_DEPTH);
  if (!isPlainObject(header)) throw new TypeError(`${where}: the header at byte 8 must be a JSON object`);

  let metadata = null;
  const entries = [];
  for (const [name, info] of Object.entries(header)) {
    if (name === METADATA) {
      metadata = readMetadata(where, info);
      continue;
    }
    entries.push(readInfo(where, name, info));
  }
  // Every byte belongs to exactly one tensor: sorted by offset, each begins where the
  // last ended, and the last ends at the end of the file.
  const sorted = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let expected = 0;
  for (const e of sorted) {
    if (e.begin !== expected) {
      const problem = e.begin < expected ? 'overlaps the tensor before it' : 'leaves a gap after the tensor before it';
      throw new RangeError(`${where}: tensor ${show(e.name)} data_offsets [${e.begin}, ${e.end}] ${problem} (expected to begin at ${expected}, file byte ${end + expected})`);
    }
    expected = e.end;
  }
  const available = bytes.length - end;
  if (expected !== available) {
    const problem = expected > available ? 'truncated data' : `${available - expected} bytes after the last tensor`;
    throw new RangeError(`${where}: ${problem}: the tensors cover ${expected} bytes from byte ${end}, the file has ${available}`);
  }
  return { entries, metadata, bufferStart: end };
}

function readMetadata(where, info) {
  if (info === null) return null;
  if (!isPlainObject(info)) throw new TypeError(`${where}: ${METADATA} must be an object of strings`);
  const out = {};
  for (const [key, value] of Object.entries(info)) {
    if (typeof value !== 'string') {
      throw new TypeError(`${where}: ${METADATA} values must be strings, got ${show(value)} for ${show(key)}`);
    }
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function readInfo(where, name, info) {
  const what = `tensor ${show(name)}`;
  if (!isPlainObject(info)) throw new TypeError(`${where}: ${what} must be {dtype, shape, data_offsets}`);
  const { dtype, shape, data_offsets: offsets } = info;
  if (!Object.hasOwn(DTYPE_BYTES, dtype)) {
    throw new TypeError(`${where}: ${what} has unknown dtype ${show(dtype)} (valid: ${Object.keys(DTYPE_BYTES).join(', ')})`);
  }
  const count = elementCount(where, shape, `${what} shape`);
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && o >= 0)
    || offsets[1] < offsets[0]) {
    throw new RangeError(`${where}: ${what} data_offsets must be [begin, end] with 0 <= begin <= end, got ${show(offsets)}`);
  }
  const [begin, end] = offsets;
  const need = count * DTYPE_BYTES[dtype];
  if (end - begin !== need) {
    throw new RangeError(`${where}: ${what} of dtype ${dtype} and shape [${shape.join(', ')}] needs ${need} bytes but data_offsets [${begin}, ${end}] span ${end - begin}`);
  }
  return { name, dtype, shape: [...shape], begin, end, count };
}

const scratch = new DataView(new ArrayBuffer(4));

function decode(bytes, begin, n, dtype) {
  if (dtype === 'F32') return readF32(bytes, begin, n);
  const view = new DataView(bytes.buffer, bytes.byteOffset + begin, n * DTYPE_BYTES[dtype]);
  const out = new Float32Array(n);
  if (dtype === 'F64') {
    for (let i = 0; i < n; ++i) out[i] = view.getFloat64(8 * i, true);
  } else if (dtype === 'BF16') {
    // bfloat16 is the top half of a float32.
    for (let i = 0; i < n; ++i) {
      scratch.setUint32(0, view.getUint16(2 * i, true) << 16);
      out[i] = scratch.getFloat32(0);
    }
  } else {
    for (let i = 0; i < n; ++i) out[i] = halfToFloat(view.getUint16(2 * i, true));
  }
  return out;
}

// IEEE binary16: 1 sign, 5 exponent (bias 15), 10 fraction bits; exact in float32.
function halfToFloat(h) {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 31) return fraction ? NaN : sign * Infinity;
  return sign * (1024 + fraction) * 2 ** (exponent - 25);
}

/**
 * writeSafetensors({name: {data, shape}}, metadata?) -> Uint8Array of F32 tensors, laid
 * out as the reference writer does for one dtype: tensors by name (code point order),
 * "__metadata__" first in the header, the header padded with spaces to 8 bytes.
 */
export function writeSafetensors(tensors, metadata = null) {
  const where = 'writeSafetensors';
  return withErrorPrefix(where, () => {
    if (!isPlainObject(tensors)) throw new TypeError(`${where}: tensors must be an object {name: {data, shape}}`);
    if (metadata !== null && metadata !== undefined) {
      if (!isPlainObject(metadata)) throw new TypeError(`${where}: metadata must be an object of strings`);
      for (const [key, value] of Object.entries(metadata)) {
        if (typeof value !== 'string') throw new TypeError(`${where}: metadata values must be strings, got ${JSON.stringify(value)} for ${JSON.stringify(key)}`);
      }
    }
    const names = Object.keys(tensors).sort(byCodePoint);
    if (names.includes(METADATA)) throw new TypeError(`${where}: "${METADATA}" is reserved and cannot name a tensor`);
    const header = {};
    if (metadata) header[METADATA] = { ...metadata };
    const arrays = [];
    let offset = 0;
    for (const name of names) {
      const t = toFloats(tensors[name], `${where}: tensor ${JSON.stringify(name)}`, tensors[name]?.shape);
      elementCount(where, t.shape, `tensor ${JSON.stringify(name)} shape`);
      Object.defineProperty(header, name, {
        value: { dtype: 'F32', shape: t.shape, data_offsets: [offset, offset + 4 * t.data.length] },
        enumerable: true, writable: true, configurable: true,
      });
      arrays.push([offset, t.data]);
      offset += 4 * t.data.length;
    }
    const json = new TextEncoder().encode(JSON.stringify(header));
    const length = HEADER_ALIGN * Math.ceil(json.length / HEADER_ALIGN);
    if (length > MAX_HEADER) throw new RangeError(`${where}: the header would take ${length} bytes, past the ${MAX_HEADER}-byte limit`);
    const out = new Uint8Array(8 + length + offset);
    new DataView(out.buffer).setUint32(0, length, true);
    out.set(json, 8);
    out.fill(0x20, 8 + json.length, 8 + length);
    for (const [at, data] of arrays) writeF32(out, 8 + length + at, data);
    return out;
  });
}

// Rust orders names by bytes, i.e. by code point; JS < compares UTF-16 units.
function byCodePoint(a, b) {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); ++i) {
    const d = x[i].codePointAt(0) - y[i].codePointAt(0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}
