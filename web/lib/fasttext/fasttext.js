// FastText: a fastText model (loaded from a .bin/.ftz file or trained here) and fastText
// 0.9.2's queries with its numbers (cpp/include/embedwasm/fasttext/fasttext_model.h).
import { engine } from '../core/init.js';
import { Disposable } from '../core/disposable.js';
import { heapF32, heapI32, heapU8, withHeap } from '../core/heap.js';
import { checkOptionNames, enumOption, kindOf } from '../core/options.js';
import { throwIfWordsError } from '../vectors/errors.js';
import { readNeighbors } from '../vectors/keyed_vectors.js';
import { predictOptions, quantizeRecord } from './fasttext_options.js';
import { encodeIntoHeap, lineBatch, oneLine, withText } from './text_bytes.js';
// Used at call time only (they import this module).
import { loadFastText } from './load.js';
import { trainFastText } from './train.js';
import { SubwordVectors } from './subword_vectors.js';

const CONSTRUCT = Symbol('FastText.construct');
// predict's default options, checked once: the per-line path skips re-checking them.
const PLAIN = Object.freeze({});
const PLAIN_PREDICT = Object.freeze({ k: 1, threshold: 0 });

function wordOf(where, word, name = 'word') {
  if (typeof word !== 'string') throw new TypeError(`${where}: ${name} must be a string, got ${kindOf(word)}`);
  return word;
}

function neighborCount(where, k) {
  if (!Number.isInteger(k)) throw new TypeError(`${where}: k must be an integer, got ${kindOf(k)}`);
  if (k < 1 || k > 0x7fffffff) throw new RangeError(`${where}: k must be >= 1, got ${k}`);
  return k;
}

export class FastText extends Disposable {
  #trainer;
  #entries = { words: null, labels: null };
  #wv = null;
  #training = null;

  /** @internal Use FastText.load, trainSupervised or trainUnsupervised. */
  constructor(token, handle, trainer = null, training = null) {
    if (token !== CONSTRUCT) throw new TypeError('FastText: use FastText.load(), FastText.trainSupervised() or FastText.trainUnsupervised()');
    super(handle, 'FastText');
    this.#trainer = trainer;
    this.#training = training;
  }

  /** @internal */
  static _wrap(handle, trainer = null, training = null) { return new FastText(CONSTRUCT, handle, trainer, training); }

  /** @internal The report of a training run elsewhere (a worker). */
  _withTraining(report) {
    this.#training = report;
    return this;
  }

  /** Reads a fastText model file (.bin or .ftz): its bytes, or a URL / path (a Promise then). */
  static load(data) { return loadFastText(data); }
  /** fastText's `supervised` on labelled lines ("__label__x words ..."). */
  static trainSupervised(text, options = {}, trainOptions = {}) { return trainFastText(true, text, options, trainOptions); }
  /** fastText's `skipgram` (default) or `cbow`: options.model. */
  static trainUnsupervised(text, options = {}, trainOptions = {}) { return trainFastText(false, text, options, trainOptions); }
  /** Whether the loaded engine can train with thread > 1. */
  static get threadsSupported() { return engine().FastTextTrainer.threadsSupported(); }

  /** The stored arguments: model, loss, dim, ws, epoch, minCount, neg, wordNgrams, bucket, minn, maxn, lrUpdateRate, t. */
  get args() { return this.handle.args(); }
  get dim() { return this.handle.dim(); }
  get isSupervised() { return this.handle.isSupervised(); }
  get isQuantized() { return this.handle.isQuantized(); }
  /** What training reported (null for a loaded model). */
  get training() { return this.#training; }

  #read(labels) {
    const key = labels ? 'labels' : 'words';
    if (this.#entries[key] === null) {
      const [names, counts] = this.handle.entries(labels);
      this.#entries[key] = { names: Object.freeze(names), counts: Object.freeze(counts) };
    }
    return this.#entries[key];
  }
  /** The vocabulary, most frequent first (fastText's get_words). */
  get words() { return this.#read(false).names; }
  /** How often each of `words` occurred in training. */
  get wordCounts() { return this.#read(false).counts; }
  /** The labels, most frequent first (fastText's get_labels). */
  get labels() { return this.#read(true).names; }
  get labelCounts() { return this.#read(true).counts; }

  /** fastText's getWordVector: the word's row and its character n-grams averaged (only the n-grams for an unknown word). */
  getWordVector(word) {
    const where = 'FastText.getWordVector';
    const m = engine();
    const h = this.handle;
    const d = h.dim();
    return withHeap(m, [d * 4], ([p]) => {
      throwIfWordsError(h.wordVector(wordOf(where, word), p), where);
      return heapF32(m, p, d).slice();
    });
  }

  /** fastText's getSentenceVector of one line. */
  getSentenceVector(text) {
    const where = 'FastText.getSentenceVector';
    const line = oneLine(text, where);
    const m = engine();
    const h = this.handle;
    const d = h.dim();
    return withText(m, line, where, (p, n) => withHeap(m, [d * 4], ([out]) => {
      throwIfWordsError(h.sentenceVectors(p, n, out), where);
      return heapF32(m, out, d).slice();
    }));
  }

  /** The character n-grams of `word` and their input rows (-1: pruned); an in-vocabulary word comes first. */
  getSubwords(word) {
    const where = 'FastText.getSubwords';
    const { code, message, subwords, ids } = this.handle.subwords(wordOf(where, word));
    throwIfWordsError({ code, message }, where);
    return { subwords, ids: Int32Array.from(ids) };
  }

  /**
   * fastText's predict-prob: the k most probable labels with probability >= threshold,
   * best first, as [{label, probability}]; for an array of lines, one such array per line.
   */
  predict(text, options = PLAIN) {
    const where = 'FastText.predict';
    const { batch, many } = lineBatch(text, where);
    const { k, threshold } = options === PLAIN ? PLAIN_PREDICT : predictOptions(options, where);
    const m = engine();
    const h = this.handle;
    const labels = this.labels;
    // UTF-8 takes at most 3 bytes per UTF-16 unit; written straight into the model's buffer.
    const room = 3 * batch.length;
    const written = encodeIntoHeap(heapU8(m, h.textBuffer(room), room), batch);
    const total = h.predictBuffer(written, k, threshold);
    if (total < 0) throwIfWordsError(h.lastStatus(), where);
    const ids = heapI32(m, h.predictionLabels(), total);
    const probs = heapF32(m, h.predictionProbabilities(), total);
    if (!many) {
      const line = new Array(total);
      for (let j = 0; j < total; ++j) line[j] = { label: labels[ids[j]], probability: probs[j] };
      return line;
    }
    const lines = h.predictionLines();
    const offsets = heapI32(m, h.predictionOffsets(), lines + 1);
    const result = new Array(lines);
    for (let i = 0; i < lines; ++i) {
      const line = [];
      for (let j = offsets[i]; j < offsets[i + 1]; ++j) line.push({ label: labels[ids[j]], probability: probs[j] });
      result[i] = line;
    }
    return result;
  }

  /** fastText's test on labelled lines: {examples, precision, recall} at k (and gold, predicted, correct counts). */
  test(text, options = {}) {
    const where = 'FastText.test';
    const { k, threshold } = predictOptions(options, where);
    const m = engine();
    const h = this.handle;
    return withText(m, text, where, (p, n) => {
      throwIfWordsError(h.test(p, n, k, threshold), where);
      return h.testResult();
    });
  }

  /** fastText's getNN: [[word, cosine], ...] best first, the word itself left out. */
  getNearestNeighbors(word, k = 10) {
    const where = 'FastText.getNearestNeighbors';
    const h = this.handle;
    throwIfWordsError(h.nearestNeighbors(wordOf(where, word), neighborCount(where, k)), where);
    return readNeighbors(engine(), h, this.words);
  }

  /** fastText's getAnalogies: the words nearest a - b + c (the three left out), [[word, cosine], ...]. */
  getAnalogies(a, b, c, k = 10) {
    const where = 'FastText.getAnalogies';
    const h = this.handle;
    throwIfWordsError(h.analogies(wordOf(where, a, 'a'), wordOf(where, b, 'b'), wordOf(where, c, 'c'), neighborCount(where, k)), where);
    return readNeighbors(engine(), h, this.words);
  }

  /**
   * fastText's quantize: a new, smaller model (product-quantized rows; with cutoff, the
   * cutoff rows of largest norm). retrain fine-tunes the kept rows first on the training
   * text, so it needs a model trained here (the trainer keeps its text).
   */
  quantize(options = {}) {
    const where = 'FastText.quantize';
    if (options === null || typeof options !== 'object') throw new TypeError(`${where}: options must be an object, got ${kindOf(options)}`);
    const record = quantizeRecord(options, where);
    if (!this.isSupervised) throw new TypeError(`${where}: only a supervised model can be quantized (as fastText)`);
    const m = engine();
    const out = new m.FastTextModel();
    try {
      if (record.retrain) {
        if (this.#trainer === null || this.#trainer.isDeleted()) {
          throw new TypeError(`${where}: retrain needs the training text: only a model trained by FastText.trainSupervised() (not disposed) can retrain`);
        }
        throwIfWordsError(this.#trainer.startRetrain(record), where);
        for (let p = this.#trainer.progress(); !p.done; p = this.#trainer.progress()) {
          throwIfWordsError(this.#trainer.trainChunk(1e6), where);
        }
        throwIfWordsError(this.#trainer.quantizedModel(record, out), where);
      } else {
        throwIfWordsError(this.handle.quantize(record, out), where);
      }
    } catch (error) {
      out.delete();
      throw error;
    }
    return FastText._wrap(out);
  }

  /** The model file's bytes: format 'bin' for a dense model, 'ftz' for a quantized one (the default matches). */
  save(options = {}) {
    const where = 'FastText.save';
    checkOptionNames(where, options, ['format']);
    const h = this.handle;
    const format = enumOption(where, options, 'format', ['bin', 'ftz'], h.isQuantized() ? 'ftz' : 'bin');
    if ((format === 'ftz') !== h.isQuantized()) {
      throw new TypeError(`${where}: format '${format}' is for ${format === 'ftz' ? 'a quantized model: call quantize() first' : 'a model that is not quantized: use format \'ftz\''}`);
    }
    const m = engine();
    try {
      throwIfWordsError(h.save(), where);
      return heapU8(m, h.bytesPtr(), h.bytesSize()).slice();
    } finally {
      h.releaseBytes();
    }
  }

  /**
   * The vocabulary's word vectors as KeyedVectors queries, with vectors built from
   * subwords for words outside it (gensim's FastTextKeyedVectors). Owned by this model.
   */
  get wv() {
    const h = this.handle;
    if (this.#wv === null) this.#wv = new SubwordVectors(h, this);
    return this.#wv;
  }

  /** The word vectors as a .vec file (fastText's print of every word's vector), bytes. */
  saveVectors() { return this.wv.vectors.save({ format: 'fasttext' }); }

  /**
   * The input matrix (words, then n-gram buckets; dequantized) as layers.embeddingBag()
   * options: a 'mean' bag over a line's rows (getSubwords(...).ids) is fastText's hidden vector.
   */
  embeddingBagOptions() {
    const m = engine();
    const h = this.handle;
    const rows = h.inputRows();
    const d = h.dim();
    const n = rows * d;
    const data = withHeap(m, [n * 4], ([p]) => {
      h.copyInputRows(p);
      return heapF32(m, p, n).slice();
    });
    return { inputDim: rows, outputDim: d, mode: 'mean', weights: [{ data, shape: [rows, d] }] };
  }

  dispose() {
    this.#wv?.dispose();
    this.#wv = null;
    if (this.#trainer !== null && !this.#trainer.isDeleted()) this.#trainer.delete();
    this.#trainer = null;
    super.dispose();
  }
}
