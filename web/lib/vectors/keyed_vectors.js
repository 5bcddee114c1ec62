// KeyedVectors: words and their vectors with gensim 4's similarity queries
// (cpp/include/embedwasm/vectors/keyed_vectors.h has the exact semantics).
import { engine } from '../core/init.js';
import { Disposable } from '../core/disposable.js';
import { heapF32, heapI32, heapU32, heapU8, withHeap } from '../core/heap.js';
import { checkOptionNames, booleanOption, integerOption, kindOf, show } from '../core/options.js';
import { OPTIONS, defaultOptions } from '../core/option_schema.js';
import { throwIfWordsError } from './errors.js';
import { decodeWords, encodeWords } from './word_blob.js';
import { addTerms, termList } from './query_terms.js';
// Circular imports, used only at call time: the I/O and int8 modules need the class.
import { loadKeyedVectors, saveKeyedVectors } from '../vector_files/word_vectors_file.js';
import { QuantizedKeyedVectors } from './quantized.js';

// The queries' defaults, as the core's option structs state them (vectors/*.h).
export const SEARCH_DEFAULTS = defaultOptions(OPTIONS.schemas.search);

/** A raw-vector search's options ({topn, restrictVocab}), checked, defaults filled. */
export function searchOptions(where, options) {
  checkOptionNames(where, options, ['topn', 'restrictVocab']);
  return {
    topn: countOption(where, options, 'topn', SEARCH_DEFAULTS.topn),
    restrict: countOption(where, options, 'restrictVocab', SEARCH_DEFAULTS.restrictVocab),
  };
}
const ANALOGY_DEFAULTS = defaultOptions(OPTIONS.schemas.wordAnalogies);
const WORD_PAIR_DEFAULTS = defaultOptions(OPTIONS.schemas.wordPairs);
const PCA_DEFAULTS = defaultOptions(OPTIONS.schemas.pca);

const CONSTRUCT = Symbol('KeyedVectors.construct');

function countOption(where, options, name, fallback) {
  const v = integerOption(where, options, name, fallback);
  if (v < 0 || v > 0x7fffffff) throw new RangeError(`${where}: option '${name}' must be in [0, 2^31), got ${v}`);
  return v;
}

function wordOf(where, word, name = 'word') {
  if (typeof word !== 'string') throw new TypeError(`${where}: ${name} must be a string, got ${word === null ? 'null' : typeof word}`);
  return word;
}

function stringList(m, words, where, name) {
  if (!Array.isArray(words)) throw new TypeError(`${where}: ${name} must be an array of words, got ${kindOf(words)}`);
  const list = new m.StringList();
  words.forEach((w, i) => {
    if (typeof w !== 'string') {
      list.delete();
      throw new TypeError(`${where}: ${name}[${i}] must be a string, got ${w === null ? 'null' : typeof w}`);
    }
    list.push_back(w);
  });
  return list;
}

/**
 * Reads the (index, score) pairs a handle left from its last query: int32 then float32,
 * 8 bytes a pair (the layout static_asserted beside Neighbor in
 * cpp/include/embedwasm/vectors/top_k.h).
 */
export function readNeighbors(m, handle, words) {
  const n = handle.neighborsCount();
  if (n === 0) return [];
  const p = handle.neighborsPtr();
  const ids = heapI32(m, p, 2 * n);
  const scores = heapF32(m, p, 2 * n);
  const out = new Array(n);
  for (let k = 0; k < n; ++k) out[k] = [words[ids[2 * k]], scores[2 * k + 1]];
  return out;
}

/**
 * Reads a batch's results: every query's pairs back to back, split by the (B + 1,)
 * uint32 offsets the handle left beside them (cpp/bindings/vectors.h, flatten_results).
 */
export function readBatchNeighbors(m, handle, words) {
  const b = handle.offsetsCount() - 1;
  const offsets = heapU32(m, handle.offsetsPtr(), b + 1).slice();
  const flat = readNeighbors(m, handle, words);
  const out = new Array(b);
  for (let q = 0; q < b; ++q) out[q] = flat.slice(offsets[q], offsets[q + 1]);
  return out;
}

/**
 * Query vectors for a batch, checked and packed as (B, D): an array of vectors (each a
 * Float32Array or number array of D values) or one Float32Array of B * D values.
 */
export function packQueryVectors(where, vectors, d) {
  if (vectors instanceof Float32Array) {
    if (vectors.length % d !== 0) {
      throw new RangeError(`${where}: a flat Float32Array of queries must hold a multiple of ${d} values, got ${vectors.length}`);
    }
    return { packed: vectors, count: vectors.length / d };
  }
  if (!Array.isArray(vectors)) {
    throw new TypeError(`${where}: vectors must be an array of vectors or a Float32Array of (count * ${d}) values, got ${kindOf(vectors)}`);
  }
  const packed = new Float32Array(vectors.length * d);
  vectors.forEach((v, i) => {
    if (!(ArrayBuffer.isView(v) || Array.isArray(v))) throw new TypeError(`${where}: vectors[${i}] must be a Float32Array or number array, got ${kindOf(v)}`);
    if (v.length !== d) throw new RangeError(`${where}: vectors[${i}] has ${v.length} values, expected ${d}`);
    packed.set(v, i * d);
  });
  return { packed, count: vectors.length };
}

export class KeyedVectors extends Disposable {
  #words = null;
  #beforeQuery = null;

  /** @internal Use KeyedVectors.load / fromArrays, or Word2Vec#wv. */
  constructor(token, handle, beforeQuery = null) {
    if (token !== CONSTRUCT) throw new TypeError('KeyedVectors: use KeyedVectors.load() or KeyedVectors.fromArrays()');
    super(handle, 'KeyedVectors');
    this.#beforeQuery = beforeQuery;
  }

  /** @internal */
  static _wrap(handle, beforeQuery = null) {
    return new KeyedVectors(CONSTRUCT, handle, beforeQuery);
  }

  /** Words (V,) and their vectors, row-major (V * dim floats). */
  static fromArrays(words, vectors, dim) {
    const where = 'KeyedVectors.fromArrays';
    if (!Array.isArray(words)) throw new TypeError(`${where}: words must be an array of strings`);
    if (!Number.isInteger(dim) || dim < 1) throw new RangeError(`${where}: dim must be a positive integer, got ${dim}`);
    if (!(vectors instanceof Float32Array) && !Array.isArray(vectors)) {
      throw new TypeError(`${where}: vectors must be a Float32Array (or number array) of words.length * dim values`);
    }
    if (vectors.length !== words.length * dim) {
      throw new RangeError(`${where}: vectors has ${vectors.length} values, expected ${words.length} words * ${dim} = ${words.length * dim}`);
    }
    const m = engine();
    const { bytes, lengths } = encodeWords(words, where);
    const handle = new m.KeyedVectors();
    try {
      withHeap(m, [bytes.length, lengths.length * 4, vectors.length * 4], ([pb, pl, pv]) => {
        heapU8(m, pb, bytes.length).set(bytes);
        heapU32(m, pl, lengths.length).set(lengths);
        heapF32(m, pv, vectors.length).set(vectors);
        throwIfWordsError(handle.fromArrays(pb, pl, words.length, pv, dim), where);
      });
    } catch (error) {
      handle.delete();
      throw error;
    }
    return KeyedVectors._wrap(handle);
  }

  /**
   * Reads a word-vector file: format 'word2vec', 'word2vec-binary', 'glove', 'fasttext',
   * 'embedwasm', or 'tsv' with data = {vectors, metadata}.
   */
  static load(data, options) { return loadKeyedVectors(data, options); }
  /** Writes the vectors in a format of load(): a Uint8Array, or {vectors, metadata} for 'tsv'. */
  save(options) { return saveKeyedVectors(this, options); }
  /** An int8 snapshot for approximate search in a quarter of the memory (not updated by training). */
  quantize() { return new QuantizedKeyedVectors(this); }

  /** The Embind handle, synced first when a trainer owns these vectors. */
  get #h() {
    const h = this.handle;
    this.#beforeQuery?.();
    return h;
  }

  /** Number of words (V). */
  get size() { return this.handle.size(); }
  /** Vector dimension (D). */
  get vectorSize() { return this.handle.dim(); }
  /** Bytes of wasm memory the vectors, words and norm cache take. */
  get byteSize() { return this.handle.memoryBytes(); }

  /** The words by row (a frozen array shared between calls). */
  get indexToKey() {
    if (this.#words === null) this.#words = Object.freeze(decodeWords(engine(), this.handle));
    return this.#words;
  }
  /** The words by row, as a new array. */
  keys() { return [...this.indexToKey]; }
  has(word) { return typeof word === 'string' && this.handle.indexOf(word) >= 0; }
  /** The word's row, or -1 (Array#indexOf's convention). */
  indexOf(word) { return this.handle.indexOf(wordOf('KeyedVectors.indexOf', word)); }
  /** The word's row; RangeError for an unknown word (gensim's get_index). */
  getIndex(word) {
    const i = this.indexOf(word);
    if (i < 0) throw new RangeError(`KeyedVectors.getIndex: word '${word}' not in vocabulary`);
    return i;
  }

  /** A copy of the word's vector; {norm: true} gives it scaled to unit length. */
  getVector(word, options = {}) {
    const where = 'KeyedVectors.getVector';
    checkOptionNames(where, options, ['norm']);
    const norm = booleanOption(where, options, 'norm', false);
    const m = engine();
    const h = this.#h;
    const d = h.dim();
    return withHeap(m, [d * 4], ([p]) => {
      throwIfWordsError(h.getVector(wordOf(where, word), norm, p), where);
      return heapF32(m, p, d).slice();
    });
  }

  /** Every vector, row-major (V * D floats), as a copy. */
  getVectors() {
    const m = engine();
    const h = this.#h;
    const n = h.size() * h.dim();
    return withHeap(m, [n * 4], ([p]) => {
      h.copyVectors(p);
      return heapF32(m, p, n).slice();
    });
  }

  /** An independent copy (survives dispose() of the Word2Vec that owns this). */
  copy() { return KeyedVectors.fromArrays(this.keys(), this.getVectors(), this.vectorSize); }

  #search(where, args, options, cosmul) {
    let positive = args;
    let opts = options;
    if (args !== null && typeof args === 'object' && !Array.isArray(args) && !ArrayBuffer.isView(args)) {
      ({ positive, ...opts } = { ...args, ...options });
    }
    checkOptionNames(where, opts, ['negative', 'topn', 'restrictVocab']);
    const m = engine();
    const h = this.#h;
    const d = h.dim();
    const pos = termList(positive, d, where, 'positive');
    const neg = termList(opts.negative, d, where, 'negative');
    if (pos.length + neg.length === 0) throw new TypeError(`${where}: give at least one positive or negative word`);
    const topn = countOption(where, opts, 'topn', SEARCH_DEFAULTS.topn);
    const restrict = countOption(where, opts, 'restrictVocab', SEARCH_DEFAULTS.restrictVocab);
    const p = new m.QueryTerms();
    const n = new m.QueryTerms();
    try {
      addTerms(m, p, pos, d, where, 'positive');
      addTerms(m, n, neg, d, where, 'negative');
      throwIfWordsError(h.mostSimilar(p, n, topn, restrict, cosmul), where);
      return readNeighbors(m, h, this.indexToKey);
    } finally {
      p.delete();
      n.delete();
    }
  }

  /**
   * gensim's most_similar: mostSimilar('king'), mostSimilar(['king', 'woman'], {negative: ['man']}),
   * or mostSimilar({positive, negative, topn, restrictVocab}). Returns [[word, cosine], ...].
   */
  mostSimilar(positive, options = {}) { return this.#search('KeyedVectors.mostSimilar', positive, options, false); }
  /** gensim's most_similar_cosmul (3CosMul), same arguments as mostSimilar. */
  mostSimilarCosmul(positive, options = {}) { return this.#search('KeyedVectors.mostSimilarCosmul', positive, options, true); }
  /** gensim's similar_by_word. */
  similarByWord(word, options = {}) { return this.mostSimilar(wordOf('KeyedVectors.similarByWord', word), options); }

  /** Nearest words to a raw vector (D,), nothing excluded. */
  similarByVector(vector, options = {}) {
    const where = 'KeyedVectors.similarByVector';
    const { topn, restrict } = searchOptions(where, options);
    const m = engine();
    const h = this.#h;
    const d = h.dim();
    if (!(ArrayBuffer.isView(vector) || Array.isArray(vector))) throw new TypeError(`${where}: vector must be a Float32Array or number array`);
    if (vector.length !== d) throw new RangeError(`${where}: vector has ${vector.length} values, expected ${d}`);
    return withHeap(m, [d * 4], ([p]) => {
      heapF32(m, p, d).set(vector);
      throwIfWordsError(h.similarByVector(p, d, topn, restrict), where);
      return readNeighbors(m, h, this.indexToKey);
    });
  }

  /**
   * similarByVector for many vectors in one pass over the table (a blocked matrix
   * product): results[b] equals similarByVector(vectors[b], options). vectors: an array of
   * (D,) vectors or one Float32Array of (count * D) values.
   */
  similarByVectors(vectors, options = {}) {
    const where = 'KeyedVectors.similarByVectors';
    const { topn, restrict } = searchOptions(where, options);
    const m = engine();
    const h = this.#h;
    const d = h.dim();
    const { packed, count } = packQueryVectors(where, vectors, d);
    return withHeap(m, [Math.max(1, count * d) * 4], ([p]) => {
      heapF32(m, p, count * d).set(packed);
      throwIfWordsError(h.similarByVectors(p, count, d, topn, restrict), where);
      return readBatchNeighbors(m, h, this.indexToKey);
    });
  }

  /**
   * mostSimilar for many queries in one pass over the table: results[b] equals
   * mostSimilar(queries[b], options). Each query is what mostSimilar takes first (a term
   * or an array of terms, all positive) or {positive, negative}; topn and restrictVocab
   * are shared.
   */
  mostSimilarBatch(queries, options = {}) {
    const where = 'KeyedVectors.mostSimilarBatch';
    if (!Array.isArray(queries)) throw new TypeError(`${where}: queries must be an array, got ${kindOf(queries)}`);
    const { topn, restrict } = searchOptions(where, options);
    const m = engine();
    const h = this.#h;
    const d = h.dim();
    const batch = new m.QueryBatch();
    const p = new m.QueryTerms();
    const n = new m.QueryTerms();
    try {
      queries.forEach((query, b) => {
        const at = `${where}: queries[${b}]`;
        let positive = query;
        let negative;
        if (query !== null && typeof query === 'object' && !Array.isArray(query) && !ArrayBuffer.isView(query)) {
          checkOptionNames(at, query, ['positive', 'negative']);
          ({ positive, negative } = query);
        }
        const pos = termList(positive, d, at, 'positive');
        const neg = termList(negative, d, at, 'negative');
        if (pos.length + neg.length === 0) throw new TypeError(`${at}: give at least one positive or negative word`);
        p.clear();
        n.clear();
        addTerms(m, p, pos, d, at, 'positive');
        addTerms(m, n, neg, d, at, 'negative');
        batch.add(p, n);
      });
      throwIfWordsError(h.mostSimilarBatch(batch, topn, restrict), where);
      return readBatchNeighbors(m, h, this.indexToKey);
    } finally {
      batch.delete();
      p.delete();
      n.delete();
    }
  }

  /** Cosine similarity of two words. */
  similarity(w1, w2) {
    const where = 'KeyedVectors.similarity';
    const h = this.#h;
    throwIfWordsError(h.similarity(wordOf(where, w1, 'w1'), wordOf(where, w2, 'w2')), where);
    return h.value();
  }

  /** Cosine similarity of the mean vectors of two word lists. */
  nSimilarity(ws1, ws2) {
    const where = 'KeyedVectors.nSimilarity';
    const m = engine();
    const h = this.#h;
    const a = stringList(m, ws1, where, 'ws1');
    let b = null;
    try {
      b = stringList(m, ws2, where, 'ws2');
      throwIfWordsError(h.nSimilarity(a, b), where);
      return h.value();
    } finally {
      a.delete();
      b?.delete();
    }
  }

  /** The word furthest from the mean of the others (unknown words are ignored, as gensim). */
  doesntMatch(words) {
    const where = 'KeyedVectors.doesntMatch';
    const m = engine();
    const h = this.#h;
    const list = stringList(m, words, where, 'words');
    try {
      throwIfWordsError(h.doesntMatch(list), where);
      return h.text();
    } finally {
      list.delete();
    }
  }

  /** 1 - cosine from `word` to each of `others` (to every row when `others` is empty). */
  distances(word, others = []) {
    const where = 'KeyedVectors.distances';
    const m = engine();
    const h = this.#h;
    const list = stringList(m, others, where, 'others');
    try {
      throwIfWordsError(h.distances(wordOf(where, word), list), where);
      const out = heapF32(m, h.floatsPtr(), h.floatsCount()).slice();
      h.releaseFloats();
      return out;
    } finally {
      list.delete();
    }
  }

  /** 1 - similarity(w1, w2). */
  distance(w1, w2) { return 1 - this.similarity(w1, w2); }

  /** w2's 1-based rank among w1's neighbours. */
  rank(w1, w2) {
    const where = 'KeyedVectors.rank';
    const h = this.#h;
    throwIfWordsError(h.rank(wordOf(where, w1, 'w1'), wordOf(where, w2, 'w2')), where);
    return h.value();
  }

  /**
   * gensim's evaluate_word_analogies on the text of a questions-words file.
   * @returns {{score, sections: {section, correct: string[][], incorrect: string[][]}[], questions, oov}}
   */
  evaluateWordAnalogies(text, options = {}) {
    const where = 'KeyedVectors.evaluateWordAnalogies';
    if (typeof text !== 'string') throw new TypeError(`${where}: text must be a string (the questions file), got ${kindOf(text)}`);
    checkOptionNames(where, options, ['restrictVocab', 'caseInsensitive', 'dummy4unknown']);
    const restrict = countOption(where, options, 'restrictVocab', ANALOGY_DEFAULTS.restrictVocab);
    const ci = booleanOption(where, options, 'caseInsensitive', ANALOGY_DEFAULTS.caseInsensitive);
    const dummy = booleanOption(where, options, 'dummy4unknown', ANALOGY_DEFAULTS.dummy4unknown);
    const h = this.#h;
    throwIfWordsError(h.evaluateWordAnalogies(text, restrict, ci, dummy), where);
    const sections = [];
    let score = 0;
    let questions = 0;
    let oov = 0;
    for (const line of h.text().split('\n')) {
      const tab = line.indexOf('\t');
      const kind = line.slice(0, tab);
      const rest = line.slice(tab + 1);
      if (kind === 'S') sections.push({ section: rest, correct: [], incorrect: [] });
      else if (kind === 'C') sections.at(-1).correct.push(rest.split(' '));
      else if (kind === 'I') sections.at(-1).incorrect.push(rest.split(' '));
      else if (kind === 'T') [, questions, oov] = rest.split('\t').map(Number);
    }
    // From the counts: the core's text form of the score would round it.
    const total = sections.at(-1);
    const evaluated = total.correct.length + total.incorrect.length;
    score = evaluated === 0 ? 0 : total.correct.length / evaluated;
    return { score, sections, questions, oov, oovRatio: questions ? (100 * oov) / questions : 0 };
  }

  /**
   * gensim's evaluate_word_pairs on a word-similarity file ("w1<TAB>w2<TAB>score" lines).
   * @returns {{pearson, pearsonPvalue, spearman, spearmanPvalue, oovRatio, pairs, oov}}
   */
  evaluateWordPairs(text, options = {}) {
    const where = 'KeyedVectors.evaluateWordPairs';
    if (typeof text !== 'string') throw new TypeError(`${where}: text must be a string (the pairs file), got ${kindOf(text)}`);
    checkOptionNames(where, options, ['delimiter', 'restrictVocab', 'caseInsensitive', 'dummy4unknown']);
    const delimiter = options.delimiter ?? WORD_PAIR_DEFAULTS.delimiter;
    if (typeof delimiter !== 'string' || delimiter.length !== 1) throw new TypeError(`${where}: delimiter must be one character`);
    const restrict = countOption(where, options, 'restrictVocab', WORD_PAIR_DEFAULTS.restrictVocab);
    const ci = booleanOption(where, options, 'caseInsensitive', WORD_PAIR_DEFAULTS.caseInsensitive);
    const dummy = booleanOption(where, options, 'dummy4unknown', WORD_PAIR_DEFAULTS.dummy4unknown);
    const { code, message, ...report } = this.#h.evaluateWordPairs(text, delimiter, restrict, ci, dummy);
    throwIfWordsError({ code, message }, where);
    return report;
  }

  /**
   * PCA of the `count` first (most frequent) words' vectors onto k components.
   * @returns {{words: string[], projection: Float32Array, k, explainedVarianceRatio: number[], converged}}
   *   projection is (count, k) row-major.
   */
  pca(k = PCA_DEFAULTS.components, options = {}) {
    const where = 'KeyedVectors.pca';
    checkOptionNames(where, options, ['count', 'seed']);
    if (!Number.isInteger(k)) throw new TypeError(`${where}: k must be a positive integer, got ${show(k)}`);
    if (k < 1) throw new RangeError(`${where}: k must be a positive integer, got ${k}`);
    const h = this.#h;
    const count = countOption(where, options, 'count', Math.min(h.size(), 10000));
    const seed = countOption(where, options, 'seed', PCA_DEFAULTS.seed);
    const m = engine();
    const { code, message, rows, components, converged } = h.pca(k, count, seed);
    throwIfWordsError({ code, message }, where);
    const projection = heapF32(m, h.floatsPtr(), rows * components).slice();
    h.releaseFloats();
    const explainedVarianceRatio = Array.from({ length: components }, (_, i) => h.explainedVarianceRatio(i));
    return { words: this.indexToKey.slice(0, rows), projection, k: components, explainedVarianceRatio, converged };
  }

  /** @internal the handle after any pending sync, for sibling modules. */
  _syncedHandle() { return this.#h; }
}
