// What StringLookup, IntegerLookup and TextVectorization share as layers: a vocabulary
// (with idf weights in 'tf_idf' mode) instead of trainable weights, set, counted, saved
// and restored the same way. A subclass says how its tokens reach the heap (strings by
// default; IntegerLookup overrides the statics for int64 tokens).
import { Disposable } from '../core/disposable.js';
import { throwIfError } from '../core/errors.js';
import { engine } from '../core/init.js';
import { show } from '../core/options.js';
import { readIdfWeights, restoreState, stateRecord, withDoubles } from './lookup_state.js';
import { withStrings } from './strings.js';
import { idfWeightsOption } from './text_options.js';

export class VocabularyLayer extends Disposable {
  /** Runs fn(batch) with the vocabulary in the heap, after checking its tokens. */
  static vocabularyInHeap(m, where, vocabulary, fn) {
    if (!Array.isArray(vocabulary)) throw new TypeError(`${where}: vocabulary must be an array of strings, got ${show(vocabulary)}`);
    return withStrings(m, vocabulary, `${where} vocabulary`, fn);
  }

  /** The vocabulary as the model file's JSON holds it. */
  static savedVocabulary(vocabulary) {
    return vocabulary;
  }

  /** Runs fn(batch) with a saved vocabulary (as savedVocabulary wrote it) in the heap. */
  static savedVocabularyInHeap(m, where, vocabulary, fn) {
    return this.vocabularyInHeap(m, where, vocabulary, fn);
  }

  /** Keras's set_vocabulary; idfWeights in 'tf_idf' mode only. */
  setVocabulary(vocabulary, idfWeights = null) {
    const where = `${this.where}.setVocabulary`;
    const idf = idfWeightsOption(where, idfWeights);
    const m = engine();
    this.constructor.vocabularyInHeap(m, where, vocabulary, (batch) => withDoubles(m, idf, (p, n) => {
      throwIfError(this.handle.setVocabulary(batch, p, n), where);
    }));
  }

  vocabularySize() {
    return this.handle.vocabularySize();
  }

  /** The idf weights per index in 'tf_idf' mode (float32 values), else []. */
  getIdfWeights() {
    return readIdfWeights(engine(), this.handle);
  }

  /** No weights to train: the layer's state is its vocabulary. */
  getWeights() {
    return [];
  }

  setWeights(weights) {
    if (!Array.isArray(weights) || weights.length !== 0) throw new TypeError(`${this.where}.setWeights: this layer has no weights`);
  }

  /** Vocabulary, idf weights and adapt state, for the model file. */
  state() {
    return {
      vocabulary: this.constructor.savedVocabulary(this.getVocabulary(true)),
      idfWeights: this.getIdfWeights(),
      ...stateRecord(this.handle),
    };
  }

  restoreState(state) {
    const m = engine();
    restoreState(m, this.handle, (fn) => this.constructor.savedVocabularyInHeap(m, this.where, state.vocabulary, fn),
      state.idfWeights, state, this.where);
  }
}
