// integerLookup(): Keras 3's IntegerLookup layer over the C++ core (embedwasm/text).
// Tokens are int64 as in Keras: numbers that are safe integers, or bigints.
import { throwIfError } from '../core/errors.js';
import { heapF32, heapI32, heapI64, heapU32, withHeap } from '../core/heap.js';
import { engine } from '../core/init.js';
import { OPTIONS, checkNames } from '../core/option_schema.js';
import { show } from '../core/options.js';
import { toIds } from '../core/tensor.js';
import { withDoubles } from './lookup_state.js';
import { encodedShape, nestedRows, requireRectangular } from './nested_input.js';
import { idfWeightsOption, layerOptions } from './text_options.js';
import { VocabularyLayer } from './vocabulary_layer.js';

const SCHEMA = OPTIONS.schemas.integerLookup;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const isInt64 = (v) => (typeof v === 'number' && Number.isSafeInteger(v)) ||
  (typeof v === 'bigint' && v >= INT64_MIN && v <= INT64_MAX);

/** An int64 back to JS: a number when it is exactly one, else a bigint. */
function fromInt64(v) {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v;
}

/** Runs fn(batch) with the values as an IntBatch record (cpp/bindings/text.h). */
function withInts(m, values, fn, rowSplits = null) {
  const n = values.length;
  return withHeap(m, [n * 8, rowSplits ? rowSplits.length * 4 : 0], ([vp, sp]) => {
    const view = heapI64(m, vp, n);
    for (let i = 0; i < n; ++i) view[i] = BigInt(values[i]);
    if (rowSplits) heapU32(m, sp, rowSplits.length).set(rowSplits);
    return fn({ values: vp, count: n, rowSplits: rowSplits ? sp : 0, numDocuments: rowSplits ? rowSplits.length - 1 : n });
  });
}

function checkVocabulary(where, vocabulary) {
  if (!Array.isArray(vocabulary) && !ArrayBuffer.isView(vocabulary)) {
    throw new TypeError(`${where}: vocabulary must be an array of integers, got ${show(vocabulary)}`);
  }
  Array.from(vocabulary).forEach((v, i) => {
    if (!isInt64(v)) throw new TypeError(`${where}: vocabulary[${i}] must be an int64 integer, got ${show(v)}`);
  });
}

export class IntegerLookup extends VocabularyLayer {
  static vocabularyInHeap(m, where, vocabulary, fn) {
    checkVocabulary(where, vocabulary);
    return withInts(m, Array.from(vocabulary), fn);
  }

  /** Tokens beyond 2^53 are kept as decimal strings, which JSON holds exactly. */
  static savedVocabulary(vocabulary) {
    return vocabulary.map((v) => (typeof v === 'bigint' ? v.toString() : v));
  }

  static savedVocabularyInHeap(m, where, vocabulary, fn) {
    const tokens = vocabulary.map((v, i) => {
      const t = typeof v === 'string' && /^-?\d+$/.test(v) ? BigInt(v) : v;
      if (!isInt64(t)) throw new TypeError(`${where} vocabulary[${i}] must be an int64 integer, got ${show(v)}`);
      return t;
    });
    return withInts(m, tokens, fn);
  }

  constructor(options = {}) {
    const where = `integerLookup${options?.name ? ` '${options.name}'` : ''}`;
    checkNames(where, SCHEMA, options, ['vocabulary', 'idfWeights', 'name']);
    const { record, config } = layerOptions(where, SCHEMA, options);
    const vocabulary = options.vocabulary ?? null;
    if (vocabulary !== null) checkVocabulary(where, vocabulary);
    const idf = idfWeightsOption(where, options.idfWeights);
    const m = engine();
    super(new m.IntegerLookup(), where);
    this.kind = 'integerLookup';
    this.where = where;
    this.name = options.name ?? null;
    this.config = Object.freeze(config);
    try {
      withInts(m, vocabulary === null ? [] : Array.from(vocabulary), (batch) => withDoubles(m, idf, (p, n) => throwIfError(
        this.handle.create(record, vocabulary !== null, batch, p, n), where)));
    } catch (error) {
      this.dispose();
      throw error;
    }
  }

  /** Keras's adapt: integers (each a sample) or rows of them (rows as samples). */
  adapt(data) {
    const where = `${this.where}.adapt`;
    const input = nestedRows(where, data, isInt64, 'int64 integer');
    const h = this.handle;
    h.resetState();
    withInts(engine(), input.values, (batch) => throwIfError(h.updateState(batch), where), input.rowSplits);
    throwIfError(h.finalizeState(), where);
  }

  /** As StringLookup.apply, with integer tokens; with invert, ids in and tokens out. */
  apply(x) {
    const where = `${this.where}.apply`;
    const m = engine();
    const h = this.handle;
    if (this.config.invert) {
      const ids = toIds(x, where, x?.shape);
      return withHeap(m, [ids.data.length * 4], ([p]) => {
        heapI32(m, p, ids.data.length).set(ids.data);
        throwIfError(h.invert(p, ids.data.length), where);
        return { data: this.#readList(), shape: ids.shape };
      });
    }
    const input = nestedRows(where, x, isInt64, 'int64 integer');
    const mode = this.config.outputMode;
    if (mode === 'int') {
      requireRectangular(where, input, mode);
      const n = input.values.length;
      return withInts(m, input.values, (batch) => withHeap(m, [n * 4], ([out]) => {
        throwIfError(h.lookup(batch, out), where);
        return { data: heapI32(m, out, n).slice(), shape: input.shape };
      }));
    }
    if (mode === 'one_hot') requireRectangular(where, input, mode);
    const shape = encodedShape(input, mode, h.outputDepth());
    const size = shape.reduce((a, b) => a * b, 1);
    return withInts(m, input.values, (batch) => withHeap(m, [size * 4], ([out]) => {
      throwIfError(mode === 'one_hot' ? h.encodeOneHot(batch, out) : h.encodeSamples(batch, out), where);
      return { data: heapF32(m, out, size).slice(), shape };
    }), input.rowSplits);
  }

  #readList() {
    const h = this.handle;
    try {
      return Array.from(heapI64(engine(), h.listValues(), h.listSize()), fromInt64);
    } finally {
      h.releaseList();
    }
  }

  getVocabulary(includeSpecialTokens = true) {
    this.handle.getVocabulary(includeSpecialTokens === true);
    return this.#readList();
  }
}

/** Keras's IntegerLookup(...) with camelCase options. */
export function integerLookup(options = {}) {
  return new IntegerLookup(options);
}
