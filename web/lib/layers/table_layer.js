// What layers.embedding and layers.embeddingBag share on the JS side: the table's
// weights in and out, the gradient copied out of the heap, and ownership.
import { Disposable } from '../core/disposable.js';
import { throwIfError } from '../core/errors.js';
import { heapF32, heapI32, withHeap } from '../core/heap.js';
import { engine } from '../core/init.js';
import { sameShape, shapeText, toFloats } from '../core/tensor.js';
import { constraintRecord, regularizerRecord } from './regularization.js';

export class TableLayer extends Disposable {
  constructor(handle, where, config, options) {
    super(handle, where);
    this.where = where;
    this.config = Object.freeze(config);
    try {
      // Used when a model trains this table (Keras embeddings_regularizer / _constraint).
      this.regularizer = regularizerRecord(where, 'embeddingsRegularizer', options.embeddingsRegularizer);
      this.constraint = constraintRecord(where, 'embeddingsConstraint', options.embeddingsConstraint);
    } catch (error) {
      // The caller never gets this layer: free its table now, not whenever the GC runs.
      this.dispose();
      throw error;
    }
    this.model = null;
  }

  /** Called by sequential(): the model's layer takes over this table. */
  bindTo(model) {
    if (this.model !== null) {
      throw new TypeError(`${this.where} already belongs to a model; create a new layer for another one`);
    }
    this.model = model;
  }

  get inputDim() {
    return this.config.inputDim;
  }
  get outputDim() {
    return this.config.outputDim;
  }

  static readWeights(where, weights, inputDim, outputDim) {
    if (!Array.isArray(weights) || weights.length !== 1) {
      throw new TypeError(`${where}: weights must be a list holding one (inputDim, outputDim) ` +
        'matrix, as in Keras: [W]');
    }
    const w = toFloats(weights[0], `${where} weights[0]`, weights[0]?.shape);
    const shape = w.shape.length === 1 && w.data.length === inputDim * outputDim
      ? [inputDim, outputDim] : w.shape;
    if (!sameShape(shape, [inputDim, outputDim])) {
      throw new TypeError(`${where}: weights[0] must have shape [${inputDim}, ${outputDim}] ` +
        `(inputDim, outputDim), got ${shapeText(w.shape)}`);
    }
    return w.data;
  }

  /** Creates the Embind object and runs its init with the weights copied in. */
  static createHandle(where, ClassName, record, weights) {
    const m = engine();
    const handle = new m[ClassName]();
    try {
      const bytes = weights ? weights.length * 4 : 0;
      withHeap(m, [bytes], ([ptr]) => {
        if (weights) heapF32(m, ptr, weights.length).set(weights);
        throwIfError(handle.init(record, weights ? ptr : 0), where);
      });
    } catch (error) {
      handle.delete();
      throw error;
    }
    return handle;
  }

  /** [W] with W as {data: Float32Array, shape: [inputDim, outputDim]} (a copy). */
  getWeights() {
    const m = engine();
    const n = this.inputDim * this.outputDim;
    return withHeap(m, [n * 4], ([ptr]) => {
      this.handle.getWeights(ptr);
      return [{ data: heapF32(m, ptr, n).slice(), shape: [this.inputDim, this.outputDim] }];
    });
  }

  /** Replaces W; weights is [W] as getWeights() returns it. */
  setWeights(weights) {
    const data = TableLayer.readWeights(`${this.where}.setWeights`, weights, this.inputDim, this.outputDim);
    const m = engine();
    withHeap(m, [data.length * 4], ([ptr]) => {
      heapF32(m, ptr, data.length).set(data);
      throwIfError(this.handle.setWeights(ptr, this.inputDim, this.outputDim), `${this.where}.setWeights`);
    });
  }

  /** The sparse gradient left in the handle by backwardSparse, copied out. */
  readSparseGradient() {
    const m = engine();
    const h = this.handle;
    const rows = h.sparseRows();
    const d = this.outputDim;
    return {
      indices: heapI32(m, h.sparseRowsPtr(), rows).slice(),
      values: { data: heapF32(m, h.sparseValuesPtr(), rows * d).slice(), shape: [rows, d] },
      denseShape: [this.inputDim, d],
    };
  }
}
