// layers.embeddingBag: PyTorch nn.EmbeddingBag. Bags are either 1-D ids with offsets
// (CSR rules, includeLastOffset) or 2-D ids of fixed-size bags; each bag reduces to one
// row by sum, mean or max. Output {data, shape: [B, outputDim]}.
import { throwIfError } from '../core/errors.js';
import { heapF32, heapI32, heapU32, withHeap } from '../core/heap.js';
import { engine } from '../core/init.js';
import { checkOptionNames } from '../core/options.js';
import { sameShape, shapeText, toFloats, toIds } from '../core/tensor.js';
import { TableLayer } from './table_layer.js';

const CALL_OPTIONS = ['offsets', 'perSampleWeights'];

export class EmbeddingBag extends TableLayer {
  /**
   * @param {object} options inputDim, outputDim, mode ('sum' | 'mean' | 'max', default
   *   'mean' as PyTorch), includeLastOffset, embeddingsInitializer, weights, paddingIdx,
   *   maxNorm, normType, scaleGradByFreq, sparse, seed, name
   */
  constructor(options) {
    super('embeddingBag', 'EmbeddingBag', options);
  }

  /**
   * Copies ids, offsets and per-sample weights into the heap, counts the bags, and runs
   * fn(args, bags, extraPtrs) with extra blocks sized by sizesFor(bags, n).
   */
  #withBags(where, x, callOptions, sizesFor, fn) {
    checkOptionNames(where, callOptions, CALL_OPTIONS);
    const ids = toIds(x, where, x?.shape);
    const offsets = callOptions.offsets === undefined ? null
      : toIds(callOptions.offsets, `${where} offsets`, callOptions.offsets?.shape);
    const psw = callOptions.perSampleWeights === undefined ? null
      : toFloats(callOptions.perSampleWeights, `${where} perSampleWeights`, callOptions.perSampleWeights?.shape);
    const n = ids.data.length;
    if (psw && psw.data.length !== n) {
      throw new TypeError(`${where}: perSampleWeights must have the shape of the ids ${shapeText(ids.shape)}, got ${shapeText(psw.shape)}`);
    }
    const m = engine();
    const rank = ids.shape.length;
    const numOffsets = offsets ? offsets.data.length : 0;
    const sizes = [n * 4, rank * 4, numOffsets * 4, psw ? n * 4 : 0];
    return withHeap(m, sizes, ([idsPtr, shapePtr, offsetsPtr, pswPtr]) => {
      heapI32(m, idsPtr, n).set(ids.data);
      heapU32(m, shapePtr, rank).set(ids.shape);
      if (offsets) heapI32(m, offsetsPtr, numOffsets).set(offsets.data);
      if (psw) heapF32(m, pswPtr, n).set(psw.data);
      const args = {
        ids: idsPtr, shape: shapePtr, rank, offsets: offsetsPtr, numOffsets,
        hasOffsets: offsets !== null, perSampleWeights: psw ? pswPtr : 0,
      };
      throwIfError(this.handle.countBags(args), where);
      const bags = this.handle.lastBags();
      return withHeap(m, sizesFor(bags, n), (extra) => fn(args, bags, n, extra));
    });
  }

  #readDy(where, dy, bags) {
    const d = this.outputDim;
    const grad = toFloats(dy, `${where} dy`, dy?.shape);
    if (!sameShape(grad.shape, [bags, d]) && !(grad.shape.length === 1 && grad.data.length === bags * d)) {
      throw new TypeError(`${where}: dy must have shape [${bags}, ${d}] (bags, outputDim), got ${shapeText(grad.shape)}`);
    }
    return grad.data;
  }

  /** Reduces each bag: {data: Float32Array, shape: [bags, outputDim]}. */
  apply(x, callOptions = {}) {
    const where = `${this.where}.apply`;
    const d = this.outputDim;
    return this.#withBags(where, x, callOptions, (bags) => [bags * d * 4], (args, bags, n, [outPtr]) => {
      throwIfError(this.handle.forward(args, outPtr), where);
      return { data: heapF32(engine(), outPtr, bags * d).slice(), shape: [bags, d] };
    });
  }

  /**
   * Gradient of W from the bags and dL/dout dy (shape [bags, outputDim]): dense
   * {data, shape: [inputDim, outputDim]}, or with sparse: true the touched rows
   * {indices, values: {data, shape}, denseShape}.
   */
  backward(x, dy, callOptions = {}) {
    const where = `${this.where}.backward`;
    const m = engine();
    const v = this.inputDim;
    const d = this.outputDim;
    const sparse = this.config.sparse;
    return this.#withBags(where, x, callOptions, (bags) => [bags * d * 4, sparse ? 0 : v * d * 4],
      (args, bags, n, [dyPtr, outPtr]) => {
        heapF32(m, dyPtr, bags * d).set(this.#readDy(where, dy, bags));
        if (sparse) {
          throwIfError(this.handle.backwardSparse(args, dyPtr), where);
          return this.readSparseGradient();
        }
        throwIfError(this.handle.backwardDense(args, dyPtr, outPtr), where);
        return { data: heapF32(m, outPtr, v * d).slice(), shape: [v, d] };
      });
  }

  /** dL/d(perSampleWeights) in mode 'sum': {data, shape: ids' shape}, as PyTorch. */
  backwardPerSampleWeights(x, dy, callOptions = {}) {
    const where = `${this.where}.backwardPerSampleWeights`;
    const m = engine();
    const d = this.outputDim;
    const ids = toIds(x, where, x?.shape);
    return this.#withBags(where, ids, callOptions, (bags, n) => [bags * d * 4, n * 4],
      (args, bags, n, [dyPtr, outPtr]) => {
        heapF32(m, dyPtr, bags * d).set(this.#readDy(where, dy, bags));
        throwIfError(this.handle.backwardPerSampleWeights(args, dyPtr, outPtr), where);
        return { data: heapF32(m, outPtr, n).slice(), shape: [...ids.shape] };
      });
  }
}

/** layers.embeddingBag({...}). */
export function embeddingBag(options) {
  return new EmbeddingBag(options);
}
