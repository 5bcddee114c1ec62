// KeyedVectors#quantize(): an int8 snapshot for approximate cosine search in a quarter
// of the memory (cpp/include/embedwasm/vectors/quantized_vectors.h). Word queries are
// turned into vectors here from the float KeyedVectors, which must stay alive.
import { engine } from '../core/init.js';
import { Disposable } from '../core/disposable.js';
import { heapF32, heapI32, withHeap } from '../core/heap.js';
import { kindOf } from '../core/options.js';
import { throwIfWordsError } from './errors.js';
import { packQueryVectors, readBatchNeighbors, readNeighbors, searchOptions } from './keyed_vectors.js';
import { termList } from './query_terms.js';

export class QuantizedKeyedVectors extends Disposable {
  #kv;

  constructor(kv) {
    const m = engine();
    const handle = new m.QuantizedVectors();
    try {
      throwIfWordsError(handle.create(kv._syncedHandle()), 'KeyedVectors.quantize');
    } catch (error) {
      handle.delete();
      throw error;
    }
    super(handle, 'QuantizedKeyedVectors');
    this.#kv = kv;
  }

  get size() { return this.handle.size(); }
  get vectorSize() { return this.handle.dim(); }
  /** Bytes of the int8 rows and their scales. */
  get byteSize() { return this.handle.memoryBytes(); }

  #query(where, query, exclude, options) {
    const { topn, restrict } = searchOptions(where, options);
    const m = engine();
    const h = this.handle;
    const d = h.dim();
    return withHeap(m, [d * 4, Math.max(1, exclude.length) * 4], ([pq, px]) => {
      heapF32(m, pq, d).set(query);
      heapI32(m, px, exclude.length).set(exclude);
      throwIfWordsError(h.search(pq, d, topn, restrict, px, exclude.length), where);
      return readNeighbors(m, h, this.#kv.indexToKey);
    });
  }

  /** Approximate mostSimilar over words (gensim's mean of unit vectors, weights as ±1). */
  mostSimilar(positive, options = {}) {
    const where = 'QuantizedKeyedVectors.mostSimilar';
    let pos = positive;
    let opts = options;
    if (positive !== null && typeof positive === 'object' && !Array.isArray(positive)) ({ positive: pos, ...opts } = positive);
    const { negative, ...rest } = opts;
    const d = this.handle.dim();
    const mean = new Float64Array(d);
    const exclude = [];
    let weightSum = 0;
    const add = (terms, sign, name) => {
      for (const [i, w] of termList(terms, d, where, name).entries()) {
        if (typeof w !== 'string') throw new TypeError(`${where}: ${name}[${i}] must be a word`);
        const v = this.#kv.getVector(w, { norm: true });
        for (let j = 0; j < d; ++j) mean[j] += sign * v[j];
        exclude.push(this.#kv.indexOf(w));
        weightSum += 1;
      }
    };
    add(pos, 1, 'positive');
    add(negative, -1, 'negative');
    if (weightSum === 0) throw new TypeError(`${where}: give at least one positive or negative word`);
    return this.#query(where, Float32Array.from(mean, (x) => x / weightSum), exclude, rest);
  }

  /** Approximate nearest words to a raw vector (D,). */
  similarByVector(vector, options = {}) {
    const d = this.handle.dim();
    if (!(ArrayBuffer.isView(vector) || Array.isArray(vector))) {
      throw new TypeError(`QuantizedKeyedVectors.similarByVector: vector must be a Float32Array or number array, got ${kindOf(vector)}`);
    }
    if (vector.length !== d) throw new RangeError(`QuantizedKeyedVectors.similarByVector: vector has ${vector.length} values, expected ${d}`);
    return this.#query('QuantizedKeyedVectors.similarByVector', vector, [], options);
  }

  /**
   * similarByVector for many vectors, each tile of int8 rows read once for a block of
   * queries: results[b] equals similarByVector(vectors[b], options). vectors: an array of
   * (D,) vectors or one Float32Array of (count * D) values.
   */
  similarByVectors(vectors, options = {}) {
    const where = 'QuantizedKeyedVectors.similarByVectors';
    const { topn, restrict } = searchOptions(where, options);
    const m = engine();
    const h = this.handle;
    const d = h.dim();
    const { packed, count } = packQueryVectors(where, vectors, d);
    return withHeap(m, [Math.max(1, count * d) * 4], ([p]) => {
      heapF32(m, p, count * d).set(packed);
      throwIfWordsError(h.searchBatch(p, count, d, topn, restrict), where);
      return readBatchNeighbors(m, h, this.#kv.indexToKey);
    });
  }
}
