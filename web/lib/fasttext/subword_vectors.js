// FastText#wv: KeyedVectors queries over the vocabulary's word vectors, where a word
// outside the vocabulary stands for the vector its character n-grams give (gensim's
// FastTextKeyedVectors does the same).
import { engine } from '../core/init.js';
import { kindOf } from '../core/options.js';
import { throwIfWordsError } from '../vectors/errors.js';
import { KeyedVectors } from '../vectors/keyed_vectors.js';
import { termList } from '../vectors/query_terms.js';

function unit(v) {
  let s = 0;
  for (const x of v) s += x * x;
  const n = Math.sqrt(s);
  return n > 0 ? v.map((x) => x / n) : v;
}

function cosine(a, b) {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; ++i) {
    ab += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
}

export class SubwordVectors {
  #model;
  #kv;

  /** @internal Made by FastText#wv. */
  constructor(handle, model) {
    const m = engine();
    const kv = new m.KeyedVectors();
    try {
      throwIfWordsError(handle.wordVectorsInto(kv), 'FastText.wv');
    } catch (error) {
      kv.delete();
      throw error;
    }
    this.#model = model;
    this.#kv = KeyedVectors._wrap(kv);
  }

  /** The vocabulary's vectors as plain KeyedVectors (every query, in-vocabulary words only). */
  get vectors() { return this.#kv; }
  get size() { return this.#kv.size; }
  get vectorSize() { return this.#kv.vectorSize; }
  get indexToKey() { return this.#kv.indexToKey; }
  /** Whether the word is in the vocabulary (every word has a vector when the model has character n-grams). */
  hasIndexFor(word) { return this.#kv.has(word); }
  has(word) { return typeof word === 'string' && (this.#kv.has(word) || this.#model.args.maxn > 0); }

  // A word outside the vocabulary becomes its subword vector.
  #term(t) {
    if (typeof t === 'string' && !this.#kv.has(t)) return this.#model.getWordVector(t);
    if (Array.isArray(t) && t.length === 2 && typeof t[0] === 'string' && typeof t[1] === 'number' && !this.#kv.has(t[0])) {
      return [this.#model.getWordVector(t[0]), t[1]];
    }
    return t;
  }
  #terms(x, name) { return termList(x, this.vectorSize, 'FastText.wv', name).map((t) => this.#term(t)); }
  #query(positive, options) {
    let args = { positive, ...options };
    if (positive !== null && typeof positive === 'object' && !Array.isArray(positive) && !ArrayBuffer.isView(positive)) {
      args = { ...positive, ...options };
    }
    const { positive: pos, negative, ...rest } = args;
    return [this.#terms(pos, 'positive'), { ...rest, negative: this.#terms(negative, 'negative') }];
  }

  /** The word's vector (getWordVector's for any word); {norm: true} scales it to unit length. */
  getVector(word, options = {}) {
    if (typeof word !== 'string') throw new TypeError(`FastText.wv.getVector: word must be a string, got ${kindOf(word)}`);
    if (this.#kv.has(word)) return this.#kv.getVector(word, options);
    const v = this.#model.getWordVector(word);
    return options.norm ? unit(v) : v;
  }
  mostSimilar(positive, options = {}) { return this.#kv.mostSimilar(...this.#query(positive, options)); }
  mostSimilarCosmul(positive, options = {}) { return this.#kv.mostSimilarCosmul(...this.#query(positive, options)); }
  similarByWord(word, options = {}) {
    return this.#kv.has(word) ? this.#kv.similarByWord(word, options) : this.#kv.similarByVector(this.getVector(word), options);
  }
  similarByVector(vector, options = {}) { return this.#kv.similarByVector(vector, options); }
  similarity(w1, w2) { return cosine(this.getVector(w1), this.getVector(w2)); }
  distance(w1, w2) { return 1 - this.similarity(w1, w2); }

  dispose() { this.#kv.dispose(); }
}
