// stringLookup(): Keras 3's StringLookup layer over the C++ core (embedwasm/text).
import { throwIfError } from '../core/errors.js';
import { heapF32, heapI32, withHeap } from '../core/heap.js';
import { engine } from '../core/init.js';
import { OPTIONS, checkNames } from '../core/option_schema.js';
import { show } from '../core/options.js';
import { toIds } from '../core/tensor.js';
import { withDoubles } from './lookup_state.js';
import { encodedShape, nestedRows, requireRectangular } from './nested_input.js';
import { readStringList, withStrings } from './strings.js';
import { idfWeightsOption, layerOptions } from './text_options.js';
import { VocabularyLayer } from './vocabulary_layer.js';

const SCHEMA = OPTIONS.schemas.stringLookup;
const isString = (v) => typeof v === 'string';

export class StringLookup extends VocabularyLayer {
  constructor(options = {}) {
    const where = `stringLookup${options?.name ? ` '${options.name}'` : ''}`;
    checkNames(where, SCHEMA, options, ['vocabulary', 'idfWeights', 'name']);
    const { record, config } = layerOptions(where, SCHEMA, options);
    const vocabulary = options.vocabulary ?? null;
    if (vocabulary !== null && !Array.isArray(vocabulary)) {
      throw new TypeError(`${where}: option 'vocabulary' must be an array of strings, got ${show(vocabulary)}`);
    }
    const idf = idfWeightsOption(where, options.idfWeights);
    const m = engine();
    super(new m.StringLookup(), where);
    this.kind = 'stringLookup';
    this.where = where;
    this.name = options.name ?? null;
    this.config = Object.freeze(config);
    try {
      const create = (batch) => withDoubles(m, idf, (p, n) => throwIfError(
        this.handle.create(record, vocabulary !== null, batch, p, n), where));
      if (vocabulary === null) create({ bytes: 0, numBytes: 0, offsets: 0, count: 0, rowSplits: 0, numDocuments: 0 });
      else withStrings(m, vocabulary, `${where} vocabulary`, create);
    } catch (error) {
      this.dispose();
      throw error;
    }
  }

  /** Keras's adapt: string[] (each a sample) or string[][] (rows as samples). */
  adapt(data) {
    const where = `${this.where}.adapt`;
    const input = nestedRows(where, data, isString, 'string');
    const h = this.handle;
    h.resetState();
    withStrings(engine(), input.values, where, (batch) => throwIfError(h.updateState(batch), where), input.rowSplits);
    throwIfError(h.finalizeState(), where);
  }

  /**
   * 'int': indices of the input's shape (Int32Array); 'one_hot': [..., depth];
   * 'multi_hot', 'count', 'tf_idf': [samples, depth] (Float32Array). With invert: ids
   * in, tokens out ({data: string[], shape}).
   */
  apply(x) {
    const where = `${this.where}.apply`;
    if (this.config.invert) return this.#invert(x, where);
    const m = engine();
    const h = this.handle;
    const input = nestedRows(where, x, isString, 'string');
    const mode = this.config.outputMode;
    if (mode === 'int') {
      requireRectangular(where, input, mode);
      const n = input.values.length;
      return withStrings(m, input.values, where, (batch) => withHeap(m, [n * 4], ([out]) => {
        throwIfError(h.lookup(batch, out), where);
        return { data: heapI32(m, out, n).slice(), shape: input.shape };
      }));
    }
    if (mode === 'one_hot') requireRectangular(where, input, mode);
    const shape = encodedShape(input, mode, h.outputDepth());
    const size = shape.reduce((a, b) => a * b, 1);
    return withStrings(m, input.values, where, (batch) => withHeap(m, [size * 4], ([out]) => {
      throwIfError(mode === 'one_hot' ? h.encodeOneHot(batch, out) : h.encodeSamples(batch, out), where);
      return { data: heapF32(m, out, size).slice(), shape };
    }), input.rowSplits);
  }

  #invert(x, where) {
    const m = engine();
    const ids = toIds(x, where, x?.shape);
    return withHeap(m, [ids.data.length * 4], ([p]) => {
      heapI32(m, p, ids.data.length).set(ids.data);
      throwIfError(this.handle.invert(p, ids.data.length), where);
      return { data: readStringList(m, this.handle), shape: ids.shape };
    });
  }

  getVocabulary(includeSpecialTokens = true) {
    this.handle.getVocabulary(includeSpecialTokens === true);
    return readStringList(engine(), this.handle);
  }
}

/** Keras's StringLookup(...) with camelCase options. */
export function stringLookup(options = {}) {
  return new StringLookup(options);
}
