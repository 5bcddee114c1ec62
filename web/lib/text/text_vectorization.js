// textVectorization(): Keras 3's TextVectorization layer. Standardizing, splitting,
// n-grams, lookup and encoding run in the C++ core (embedwasm/text); a standardize or
// split function runs here first, on JS strings, and the core takes over after it.
import { throwIfError } from '../core/errors.js';
import { heapF32, heapI32, withHeap } from '../core/heap.js';
import { engine } from '../core/init.js';
import { OPTIONS, checkNames } from '../core/option_schema.js';
import { checkOptionNames, countOption, show } from '../core/options.js';
import { withDoubles } from './lookup_state.js';
import { readStringList, withStrings } from './strings.js';
import { idfWeightsOption, layerOptions, textsOf } from './text_options.js';
import { VocabularyLayer } from './vocabulary_layer.js';

const SCHEMA = OPTIONS.schemas.textVectorization;
// The core's name for Keras's None, which it also takes for a function run here.
const NONE = 'None';
// Texts per call into the core while adapting: bounds the heap copy of a large corpus.
const ADAPT_CHUNK = 4096;

// standardize / split: one of the core's modes, null (None) or a function. Both of the
// latter reach the core as None, which then skips that step.
function modeOrFunction(where, options, name) {
  const v = options[name];
  if (v === null || typeof v === 'function') return v;
  const modes = SCHEMA.fields.find((f) => f.option === name).choices.filter((c) => c !== NONE);
  if (v === undefined || modes.includes(v)) return undefined;
  throw new TypeError(`${where}: option '${name}' must be one of ${modes.map((x) => `'${x}'`).join(', ')}, null or a function, got ${show(v)}`);
}

// Keras's ngrams: None, N (meaning 1..N) or a list of widths.
function ngramWidths(where, ngrams) {
  if (ngrams === undefined || ngrams === null) return [];
  if (Number.isInteger(ngrams)) {
    if (ngrams < 1) throw new RangeError(`${where}: option 'ngrams' must be a positive integer, got ${ngrams}`);
    return Array.from({ length: ngrams }, (_, i) => i + 1);
  }
  if (Array.isArray(ngrams) && ngrams.every((n) => Number.isInteger(n))) {
    const bad = ngrams.find((n) => n < 1);
    if (bad !== undefined) throw new RangeError(`${where}: option 'ngrams' must hold positive widths, got ${bad}`);
    return [...ngrams];
  }
  throw new TypeError(`${where}: option 'ngrams' must be null, a positive integer or a list of them, got ${show(ngrams)}`);
}

export class TextVectorization extends VocabularyLayer {
  #standardize;
  #split;

  constructor(options = {}) {
    const where = `textVectorization${options?.name ? ` '${options.name}'` : ''}`;
    checkNames(where, SCHEMA, options, ['ngrams', 'vocabulary', 'idfWeights', 'name']);
    const standardize = modeOrFunction(where, options, 'standardize');
    const split = modeOrFunction(where, options, 'split');
    const ngrams = options.ngrams ?? null;
    const widths = ngramWidths(where, ngrams);
    const { record, config } = layerOptions(where, SCHEMA, {
      ...options,
      standardize: standardize === undefined ? options.standardize : NONE,
      split: split === undefined ? options.split : NONE,
    });
    // Saved as Keras shows them: None as null, a function as 'function'.
    const shown = (fn, mode) => (fn === null ? null : typeof fn === 'function' ? 'function' : mode);
    config.standardize = shown(standardize, config.standardize);
    config.split = shown(split, config.split);
    config.ngrams = Array.isArray(ngrams) ? [...ngrams] : ngrams;
    const vocabulary = options.vocabulary ?? null;
    if (vocabulary !== null && !Array.isArray(vocabulary)) {
      throw new TypeError(`${where}: option 'vocabulary' must be an array of strings, got ${show(vocabulary)}`);
    }
    const idf = idfWeightsOption(where, options.idfWeights);
    const m = engine();
    super(new m.TextVectorization(), where);
    this.kind = 'textVectorization';
    this.where = where;
    this.name = options.name ?? null;
    this.config = Object.freeze(config);
    this.#standardize = standardize === undefined ? config.standardize : standardize;
    this.#split = split === undefined ? config.split : split;
    try {
      withHeap(m, [widths.length * 4], ([wp]) => {
        heapI32(m, wp, widths.length).set(widths);
        const create = (batch) => withDoubles(m, idf, (ip, n) => throwIfError(
          this.handle.create(record, wp, widths.length, vocabulary !== null, batch, ip, n), where));
        if (vocabulary === null) create({ bytes: 0, numBytes: 0, offsets: 0, count: 0, rowSplits: 0, numDocuments: 0 });
        else withStrings(m, vocabulary, `${where} vocabulary`, create);
      });
    } catch (error) {
      this.dispose();
      throw error;
    }
  }

  /** Runs fn(batch) with the texts in the heap, after any standardize/split function. */
  #withInput(texts, what, fn) {
    const m = engine();
    let strings = textsOf(what, texts);
    if (typeof this.#standardize === 'function') {
      strings = strings.map((t, i) => {
        const out = this.#standardize(t);
        if (typeof out !== 'string') throw new TypeError(`${what}: the standardize function must return a string, got ${show(out)} for text ${i}`);
        return out;
      });
    }
    if (typeof this.#split !== 'function') return withStrings(m, strings, what, fn);
    if (typeof this.#standardize === 'string') {
      strings = withStrings(m, strings, what, (batch) => {
        throwIfError(this.handle.standardizeTexts(batch), what);
        return readStringList(m, this.handle);
      });
    }
    const tokens = [];
    const splits = new Uint32Array(strings.length + 1);
    strings.forEach((t, i) => {
      const parts = this.#split(t);
      if (!Array.isArray(parts)) throw new TypeError(`${what}: the split function must return an array of strings, got ${show(parts)} for text ${i}`);
      for (const p of parts) tokens.push(p);
      splits[i + 1] = tokens.length;
    });
    return withStrings(m, tokens, what, fn, splits);
  }

  /** Keras's adapt: the vocabulary (and idf weights) from texts, by frequency. */
  adapt(texts, options = {}) {
    const where = `${this.where}.adapt`;
    checkOptionNames(where, options, ['batchSize']);
    const batchSize = countOption(where, options, 'batchSize', ADAPT_CHUNK, 1);
    const all = textsOf(where, texts);
    // The core refuses the first batch of a layer built with a vocabulary, as Keras
    // refuses adapt() there, before it counts anything.
    const h = this.handle;
    h.resetState();
    for (let start = 0; start < all.length; start += batchSize) {
      this.#withInput(all.slice(start, start + batchSize), where, (batch) => throwIfError(h.updateState(batch), where));
    }
    throwIfError(h.finalizeState(), where);
  }

  /**
   * The layer's output for texts (string[] or [[string], ...]): in 'int' mode ids
   * {data: Int32Array, shape: [B, T]} (T = outputSequenceLength, or the longest row
   * padded with 0); otherwise {data: Float32Array, shape: [B, depth]}.
   */
  apply(texts) {
    const where = `${this.where}.apply`;
    const m = engine();
    const h = this.handle;
    const n = textsOf(where, texts).length;
    return this.#withInput(texts, where, (batch) => {
      if (this.config.outputMode === 'int') {
        if (this.config.outputSequenceLength !== null) {
          const t = this.config.outputSequenceLength;
          return withHeap(m, [n * t * 4], ([out]) => {
            throwIfError(h.callInt(batch, t, out), where);
            return { data: heapI32(m, out, n * t).slice(), shape: [n, t] };
          });
        }
        throwIfError(h.callRagged(batch), where);
        const t = h.raggedMaxLength();
        return withHeap(m, [n * t * 4], ([out]) => {
          h.raggedToDense(t, out);
          return { data: heapI32(m, out, n * t).slice(), shape: [n, t] };
        });
      }
      const depth = h.outputDepth();
      return withHeap(m, [n * depth * 4], ([out]) => {
        throwIfError(h.callDense(batch, out), where);
        return { data: heapF32(m, out, n * depth).slice(), shape: [n, depth] };
      });
    });
  }

  /** Keras's get_vocabulary: token i maps to index i ('' and '[UNK]' first in 'int' mode). */
  getVocabulary(includeSpecialTokens = true) {
    const h = this.handle;
    h.getVocabulary(includeSpecialTokens === true);
    return readStringList(engine(), h);
  }

  /** True when a standardize or split function makes the layer impossible to save. */
  get hasFunctions() {
    return typeof this.#standardize === 'function' || typeof this.#split === 'function';
  }
}

/** Keras's TextVectorization(...) with camelCase options; see TextVectorization.apply. */
export function textVectorization(options = {}) {
  return new TextVectorization(options);
}

