// hashing(): Keras 3's Hashing layer over the C++ core (embedwasm/text): FarmHash
// Fingerprint64 as tf.strings.to_hash_bucket_fast, or SipHash-2-4 keyed by a salt as
// to_hash_bucket_strong. Strings hash as they are; integers as their decimal text;
// floats (a Float32Array / Float64Array, or numbers that are not all integers) are first
// cast to int64 toward zero, as Keras casts a float input.
import { Disposable } from '../core/disposable.js';
import { throwIfError } from '../core/errors.js';
import { heapF32, heapF64, heapI32, heapI64, heapU32, withHeap } from '../core/heap.js';
import { engine } from '../core/init.js';
import { OPTIONS, checkNames } from '../core/option_schema.js';
import { show } from '../core/options.js';
import { encodedShape, nestedRows, requireRectangular } from './nested_input.js';
import { withStrings } from './strings.js';
import { layerOptions } from './text_options.js';

const SCHEMA = OPTIONS.schemas.hashing;
const U64_MAX = 2n ** 64n - 1n;

// Decimal strings too: a saved salt beyond 2^53 is kept as one (JSON has no bigint).
const isUint64 = (v) => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) ||
  (typeof v === 'bigint' && v >= 0n && v <= U64_MAX) ||
  (typeof v === 'string' && /^\d{1,20}$/.test(v) && BigInt(v) <= U64_MAX);

// Keras's salt: None, one integer s (meaning [s, s]) or a pair.
function saltOption(where, salt) {
  if (salt === undefined || salt === null) return null;
  const pair = Array.isArray(salt) ? salt : [salt, salt];
  if (pair.length !== 2 || !pair.every(isUint64)) {
    throw new TypeError(`${where}: option 'salt' must be null, an integer in [0, 2^64) (a number, bigint or decimal string) or a pair of them, got ${show(salt)}`);
  }
  return pair.map((v) => BigInt(v).toString());
}

function maskOption(where, mask) {
  if (mask === undefined || mask === null) return null;
  if (typeof mask === 'string' || (typeof mask === 'number' && Number.isSafeInteger(mask))) return mask;
  throw new TypeError(`${where}: option 'maskValue' must be null, a string or a safe integer, got ${show(mask)}`);
}

const isHashable = (v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint';

export class Hashing extends Disposable {
  constructor(options = {}) {
    const where = `hashing${options?.name ? ` '${options.name}'` : ''}`;
    checkNames(where, SCHEMA, options, ['maskValue', 'salt', 'name']);
    // Keras's num_bins has no default.
    if (options.numBins === undefined) throw new TypeError(`${where}: option 'numBins' is required`);
    const salt = saltOption(where, options.salt);
    const { record, config } = layerOptions(where, SCHEMA, options);
    config.maskValue = maskOption(where, options.maskValue);
    config.salt = salt === null ? null : salt.map((s) => (Number.isSafeInteger(Number(s)) ? Number(s) : s));
    const m = engine();
    super(new m.Hashing(), where);
    this.kind = 'hashing';
    this.where = where;
    this.name = options.name ?? null;
    this.config = Object.freeze(config);
    const mask = config.maskValue;
    const maskAndSalt = {
      maskKind: mask === null ? 'none' : typeof mask === 'string' ? 'string' : 'integer',
      maskString: typeof mask === 'string' ? mask : '',
      maskInteger: typeof mask === 'number' ? mask : 0,
      hasSalt: salt !== null, salt0: salt?.[0] ?? '0', salt1: salt?.[1] ?? '0',
    };
    try {
      throwIfError(this.handle.create(record, maskAndSalt), where);
    } catch (error) {
      this.dispose();
      throw error;
    }
  }

  /** 'int': bins of the input's shape (Int32Array); else encodings as StringLookup.apply. */
  apply(x) {
    const where = `${this.where}.apply`;
    const m = engine();
    const input = nestedRows(where, x, isHashable, 'string or number');
    const mode = this.config.outputMode;
    if (mode === 'int' || mode === 'one_hot') requireRectangular(where, input, mode);
    const n = input.values.length;
    return withHeap(m, [n * 4], ([bins]) => {
      this.#hash(where, x, input.values, bins);
      if (mode === 'int') return { data: heapI32(m, bins, n).slice(), shape: input.shape };
      const shape = encodedShape(input, mode, this.config.numBins);
      const size = shape.reduce((a, b) => a * b, 1);
      const splits = input.rowSplits;
      return withHeap(m, [size * 4, splits.length * 4], ([out, sp]) => {
        heapU32(m, sp, splits.length).set(splits);
        throwIfError(mode === 'one_hot' ? this.handle.encodeOneHot(bins, n, out)
          : this.handle.encodeSamples(bins, sp, splits.length - 1, out), where);
        return { data: heapF32(m, out, size).slice(), shape };
      });
    });
  }

  #hash(where, x, values, bins) {
    const m = engine();
    const h = this.handle;
    const n = values.length;
    const kinds = new Set(values.map((v) => typeof v));
    if (kinds.size > 1) throw new TypeError(`${where}: the values mix ${[...kinds].join(' and ')}s; a batch holds one kind`);
    if (kinds.has('string')) {
      withStrings(m, values, where, (batch) => throwIfError(h.hashStrings(batch, bins), where));
      return;
    }
    const isFloatArray = (a) => a instanceof Float32Array || a instanceof Float64Array;
    // A float tensor in Keras is cast even when its values are whole numbers.
    const floats = isFloatArray(x) || (Array.isArray(x) && isFloatArray(x[0])) ||
      values.some((v) => typeof v === 'number' && !Number.isInteger(v));
    if (floats) {
      withHeap(m, [n * 8], ([p]) => {
        heapF64(m, p, n).set(values);
        throwIfError(h.hashFloats(p, n, bins), where);
      });
      return;
    }
    withHeap(m, [n * 8], ([p]) => {
      const view = heapI64(m, p, n);
      for (let i = 0; i < n; ++i) {
        const v = values[i];
        // Integers past 2^53 in a number have already lost their low digits.
        if (typeof v === 'number' && !Number.isSafeInteger(v)) throw new RangeError(`${where}: integer ${v} at ${i} is beyond 2^53; pass it as a bigint`);
        view[i] = BigInt(v);
      }
      throwIfError(h.hashIntegers(p, n, bins), where);
    });
  }

  getWeights() {
    return [];
  }

  setWeights(weights) {
    if (!Array.isArray(weights) || weights.length !== 0) throw new TypeError(`${this.where}.setWeights: this layer has no weights`);
  }

  /** Hashing has no state beyond its options. */
  state() {
    return {};
  }

  restoreState() {}
}

/** Keras's Hashing(...) with camelCase options. */
export function hashing(options = {}) {
  return new Hashing(options);
}
