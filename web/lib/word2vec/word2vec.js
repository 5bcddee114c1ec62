// Word2Vec: gensim 4's trainer (cpp/include/embedwasm/word2vec/word2vec_trainer.h),
// trained in chunks with the event loop running in between.
import { engine, poolLoaded, threadsAvailable, unrefWorkers } from '../core/init.js';
import { Disposable } from '../core/disposable.js';
import { checkOptionNames, integerOption, kindOf, show } from '../core/options.js';
import { throwIfWordsError } from '../vectors/errors.js';
import { feedCorpus } from './corpus.js';
import { KeyedVectors } from '../vectors/keyed_vectors.js';
import { word2vecOptions } from './word2vec_options.js';
import { yieldToEventLoop } from './yield.js';

const now = () => globalThis.performance?.now() ?? Date.now();
// A chunk aims at this much compute: long enough that the per-chunk cost (a boundary
// call, a progress event) vanishes, short enough that a page stays responsive and a
// cancel lands quickly.
const CHUNK_MS = 40;


export class Word2Vec extends Disposable {
  #options;
  #threadsUsed;
  #wv = null;
  #stale = false;
  #vocabBuilt = false;
  #training = false;
  #trainMs = 0;

  /**
   * gensim 4's Word2Vec options in camelCase, with its defaults. `threads` (gensim's
   * workers) defaults to 1, which gives bit-identical vectors for a fixed seed; it is
   * clamped to what the loaded build can run (see threadsUsed).
   */
  constructor(options = {}) {
    const where = 'Word2Vec';
    const o = word2vecOptions(options, where);
    const m = engine();
    const threadsUsed = Math.max(1, Math.min(o.threads, threadsAvailable(m)));
    const handle = new m.Word2Vec();
    try {
      throwIfWordsError(handle.init({ ...o, threads: threadsUsed }), where);
    } catch (error) {
      handle.delete();
      throw error;
    }
    super(handle, 'Word2Vec');
    this.#options = Object.freeze(o);
    this.#threadsUsed = threadsUsed;
  }

  /** The options as given, defaults filled in. */
  get options() { return this.#options; }
  /** Threads training really uses: `threads` clamped to 1 in the SIMD-only build and to the
   *  pthread pool size + 1 in the threads build. */
  get threadsUsed() { return this.#threadsUsed; }
  /** Whether the loaded engine can train with threads > 1. */
  static get threadsSupported() { return engine().Word2Vec.threadsSupported(); }

  /** The word vectors, kept in step with training (null before the vocabulary is built).
   *  Owned by this Word2Vec: dispose() frees it too; wv.copy() outlives it. */
  get wv() {
    this.handle;  // throws once disposed
    return this.#wv;
  }

  /** Word counts by row of wv (the vocabulary is sorted by descending count). */
  wordCount(index) {
    const v = this.handle.vocabSize();
    if (!Number.isInteger(index)) throw new TypeError(`Word2Vec.wordCount: index must be an integer, got ${show(index)}`);
    if (index < 0 || index >= v) {
      throw new RangeError(`Word2Vec.wordCount: index ${index} is outside the vocabulary [0, ${v})`);
    }
    return this.handle.wordCount(index);
  }

  #sync() {
    if (!this.#stale) return;
    this.#stale = false;
    throwIfWordsError(this.handle.sync(this.#wv.handle), 'Word2Vec');
  }

  /** Counts the corpus and fixes the vocabulary (train() does this on its first call). */
  async buildVocab(corpus) {
    const where = 'Word2Vec.buildVocab';
    if (this.#vocabBuilt) throw new TypeError(`${where}: the vocabulary is already built (use a new Word2Vec for another corpus)`);
    const m = engine();
    await feedCorpus(m, this.handle, corpus, where);
    throwIfWordsError(this.handle.buildVocab(), where);
    this.#vocabBuilt = true;
    const kv = new m.KeyedVectors();
    throwIfWordsError(this.handle.sync(kv), where);
    this.#wv = KeyedVectors._wrap(kv, () => this.#sync());
  }

  /**
   * Trains on `corpus` (see the d.ts for its forms). After a cancelled run, call
   * train() again without a corpus to go on from where it stopped.
   * @returns {Promise<{cancelled, epochs, wordsProcessed, wordsPerSecond, loss, epochLosses}>}
   */
  async train(corpus, options = {}) {
    const where = 'Word2Vec.train';
    checkOptionNames(where, options, ['onProgress', 'signal', 'progressEvery', 'chunkWords']);
    const { onProgress, signal } = options;
    if (onProgress !== undefined && typeof onProgress !== 'function') throw new TypeError(`${where}: onProgress must be a function, got ${kindOf(onProgress)}`);
    const progressEvery = integerOption(where, options, 'progressEvery', 0);
    const fixedChunk = integerOption(where, options, 'chunkWords', 0);
    if (progressEvery < 0) throw new RangeError(`${where}: progressEvery must be >= 0 (milliseconds), got ${progressEvery}`);
    if (fixedChunk < 0) throw new RangeError(`${where}: chunkWords must be >= 0, got ${fixedChunk}`);
    if (this.#training) throw new TypeError(`${where}: this Word2Vec is already training`);
    this.#training = true;
    try {
      if (!this.#vocabBuilt) {
        if (corpus === undefined) throw new TypeError(`${where}: give a corpus`);
        await this.buildVocab(corpus);
      } else if (corpus !== undefined && corpus !== null) {
        throw new TypeError(`${where}: the vocabulary is already built; call train() without a corpus to continue, or use a new Word2Vec`);
      }
      return await this.#run(onProgress, signal, progressEvery, fixedChunk);
    } finally {
      this.#training = false;
    }
  }

  async #run(onProgress, signal, progressEvery, fixedChunk) {
    const m = engine();
    const h = this.handle;
    let chunk = fixedChunk || 10000;
    let lastReport = -Infinity;
    let cancelled = false;
    if (this.#threadsUsed > 1) await poolLoaded(m);
    let p = h.progress();
    while (!p.done) {
      if (signal?.aborted) {
        cancelled = true;
        break;
      }
      const start = now();
      throwIfWordsError(h.trainChunk(chunk), 'Word2Vec.train');
      const ms = now() - start;
      this.#trainMs += ms;
      this.#stale = true;
      unrefWorkers(m);
      const before = p.wordsProcessed;
      p = h.progress();
      if (!fixedChunk && ms > 0) {
        const perMs = (p.wordsProcessed - before) / ms;
        chunk = Math.max(1000, Math.min(1e6, Math.round(perMs * CHUNK_MS)));
      }
      if (onProgress && (p.done || now() - lastReport >= progressEvery)) {
        lastReport = now();
        onProgress(this.#event(p));
      }
      await yieldToEventLoop();
      if (this.isDisposed) return this.#result(p, true);
    }
    this.#sync();
    return this.#result(p, cancelled);
  }

  #event(p) {
    return {
      epoch: Math.min(p.epoch, this.#options.epochs - 1),
      epochs: this.#options.epochs,
      fractionDone: p.fractionDone,
      wordsProcessed: p.wordsProcessed,
      effectiveWords: p.effectiveWords,
      wordsPerSecond: this.#trainMs > 0 ? (p.wordsProcessed / this.#trainMs) * 1000 : 0,
      loss: p.runningLoss,
      epochLoss: p.epochLoss,
      alpha: p.alpha,
    };
  }

  #result(p, cancelled) {
    const h = this.isDisposed ? null : this.handle;
    const epochLosses = h ? Array.from({ length: h.epochLossCount() }, (_, i) => h.epochLoss(i)) : [];
    return {
      cancelled,
      epochs: p.done ? this.#options.epochs : p.epoch,
      wordsProcessed: p.wordsProcessed,
      effectiveWords: p.effectiveWords,
      wordsPerSecond: this.#trainMs > 0 ? (p.wordsProcessed / this.#trainMs) * 1000 : 0,
      loss: p.runningLoss,
      epochLosses,
      vocabSize: h ? h.vocabSize() : 0,
      corpusWords: h ? h.corpusWords() : 0,
    };
  }

  dispose() {
    this.#wv?.dispose();
    this.#wv = null;
    super.dispose();
  }
}
