// layers.embedding: Keras / TF.js Embedding with Lasagne's given W and PyTorch's row
// options. ids of shape S -> {data, shape: S + [outputDim]}.
import { throwIfError } from '../core/errors.js';
import { checkHeapBytes, heapF32, heapI32, heapU32, heapU8, withHeap } from '../core/heap.js';
import { engine } from '../core/init.js';
import { HeapTensor } from '../core/heap_tensor.js';
import { checkOptionNames } from '../core/options.js';
import { sameShape, shapeText, toFloats, toIds } from '../core/tensor.js';
import { TableLayer } from './table_layer.js';

export class Embedding extends TableLayer {
  /**
   * @param {object} options inputDim, outputDim, embeddingsInitializer, weights, maskZero,
   *   inputLength, paddingIdx, maxNorm, normType, scaleGradByFreq, sparse, seed, name
   */
  constructor(options) {
    super('embedding', 'Embedding', options);
  }

  /** Runs fn(idsPtr, shapePtr, rank) with x's ids and shape copied into the heap. */
  #withIds(x, what, extraBytes, fn) {
    const ids = toIds(x, what, x?.shape);
    const m = engine();
    const rank = ids.shape.length;
    return withHeap(m, [ids.data.length * 4, rank * 4, ...extraBytes], ([idsPtr, shapePtr, ...rest]) => {
      heapI32(m, idsPtr, ids.data.length).set(ids.data);
      heapU32(m, shapePtr, rank).set(ids.shape);
      return fn(ids, idsPtr, shapePtr, rank, rest);
    });
  }

  /**
   * Looks up rows: ids of shape S give {data: Float32Array, shape: S + [outputDim]}.
   * options.out, a Float32Array of exactly that many elements, receives the rows instead
   * of a new array: a caller looking up batch after batch then allocates nothing (a fresh
   * array of tens of MB is fresh memory, paid for in page faults on every call). A HeapTensor
   * as out receives the rows in the wasm heap itself: no copy at all.
   */
  apply(x, options = {}) {
    const where = `${this.where}.apply`;
    checkOptionNames(where, options, ['out']);
    const d = this.outputDim;
    const ids = toIds(x, where, x?.shape);
    const n = ids.data.length;
    checkHeapBytes(where, `the output of ${n} ids x outputDim ${d}`, n * d);
    const { out } = options;
    if (out !== undefined) {
      if (!(out instanceof Float32Array) && !(out instanceof HeapTensor)) {
        throw new TypeError(`${where}: out must be a Float32Array or a HeapTensor, got ${out?.constructor?.name ?? typeof out}`);
      }
      if (out.length !== n * d) {
        throw new RangeError(`${where}: out has ${out.length} elements, the output of ids of shape [${ids.shape}] has ${n} x ${d} = ${n * d}`);
      }
    }
    if (out instanceof HeapTensor) {  // straight into the caller's heap block: no copy
      return this.#withIds(ids, where, [], (t, idsPtr, shapePtr, rank) => {
        throwIfError(this.handle.forward(idsPtr, shapePtr, rank, out.ptr), where);
        return { data: out.data, shape: [...t.shape, d] };
      });
    }
    return this.#withIds(ids, where, [n * d * 4], (t, idsPtr, shapePtr, rank, [outPtr]) => {
      throwIfError(this.handle.forward(idsPtr, shapePtr, rank, outPtr), where);
      const rows = heapF32(engine(), outPtr, n * d);
      const data = out === undefined ? rows.slice() : (out.set(rows), out);
      return { data, shape: [...t.shape, d] };
    });
  }

  /** Keras compute_mask: {data: Uint8Array of x != 0, shape: S}; needs maskZero. */
  computeMask(x) {
    const where = `${this.where}.computeMask`;
    const ids = toIds(x, where, x?.shape);
    return this.#withIds(ids, where, [ids.data.length], (t, idsPtr, shapePtr, rank, [maskPtr]) => {
      throwIfError(this.handle.computeMask(idsPtr, shapePtr, rank, maskPtr), where);
      return { data: heapU8(engine(), maskPtr, t.data.length).slice(), shape: [...t.shape] };
    });
  }

  /**
   * Gradient of W from ids x and dL/dout dy (shape S + [outputDim]). Dense layers
   * return {data, shape: [inputDim, outputDim]}; with sparse: true, the touched rows:
   * {indices: Int32Array (sorted, unique), values: {data, shape: [U, outputDim]}, denseShape}.
   * dy may be a HeapTensor, read where it lies (no copy into the heap). options.out
   * (dense layers): a Float32Array of inputDim * outputDim elements that receives the
   * gradient instead of a new array (no allocation per call), or a HeapTensor that
   * receives it in the wasm heap (no copy out of it either).
   */
  backward(x, dy, options = {}) {
    const where = `${this.where}.backward`;
    checkOptionNames(where, options, ['out']);
    const { out } = options;
    if (out !== undefined) {
      if (this.config.sparse) throw new TypeError(`${where}: out is for dense gradients; this layer has sparse: true`);
      if (!(out instanceof Float32Array) && !(out instanceof HeapTensor)) {
        throw new TypeError(`${where}: out must be a Float32Array or a HeapTensor, got ${out?.constructor?.name ?? typeof out}`);
      }
      if (out.length !== this.inputDim * this.outputDim) {
        throw new RangeError(`${where}: out has ${out.length} elements, the gradient of W has ${this.inputDim} x ${this.outputDim} = ${this.inputDim * this.outputDim}`);
      }
    }
    const ids = toIds(x, where, x?.shape);
    const d = this.outputDim;
    const heapDy = dy instanceof HeapTensor ? dy : null;
    const grad = heapDy ? { shape: heapDy.shape, length: heapDy.length } : toFloats(dy, `${where} dy`, dy?.shape);
    const dyLength = heapDy ? heapDy.length : grad.data.length;
    const expected = [...ids.shape, d];
    if (!sameShape(grad.shape, expected) && !(grad.shape.length === 1 && dyLength === ids.data.length * d)) {
      throw new TypeError(`${where}: dy must have shape ${shapeText(expected)} (ids shape + [outputDim]), got ${shapeText(grad.shape)}`);
    }
    const m = engine();
    const v = this.inputDim;
    const sparse = this.config.sparse;
    const heapOut = out instanceof HeapTensor ? out : null;
    const extra = [heapDy ? 0 : dyLength * 4, sparse || heapOut ? 0 : v * d * 4];
    return this.#withIds(ids, where, extra, (t, idsPtr, shapePtr, rank, [dyBlock, outBlock]) => {
      const dyPtr = heapDy ? heapDy.ptr : dyBlock;
      if (!heapDy) heapF32(m, dyPtr, dyLength).set(grad.data);
      if (sparse) {
        throwIfError(this.handle.backwardSparse(idsPtr, shapePtr, rank, dyPtr), where);
        return this.readSparseGradient();
      }
      const outPtr = heapOut ? heapOut.ptr : outBlock;
      throwIfError(this.handle.backwardDense(idsPtr, shapePtr, rank, dyPtr, outPtr), where);
      if (heapOut) return { data: heapOut.data, shape: [v, d] };
      const gradient = heapF32(m, outPtr, v * d);
      return { data: out === undefined ? gradient.slice() : (out.set(gradient), out), shape: [v, d] };
    });
  }

}

/** layers.embedding({...}) as in TF.js. */
export function embedding(options) {
  return new Embedding(options);
}
