// What layers.embedding and layers.embeddingBag share on the JS side: their option
// record, the table's weights in and out, the gradient copied out of the heap, and
// ownership.
import { Disposable } from '../core/disposable.js';
import { throwIfError } from '../core/errors.js';
import { heapF32, heapI32, MAX_HEAP_BYTES, withHeap } from '../core/heap.js';
import { engine } from '../core/init.js';
import { sameShape, shapeText, toFloats } from '../core/tensor.js';
import { layerRecord } from './layer_record.js';
import { constraintRecord, regularizerRecord } from './regularization.js';

/**
 * A table that cannot fit in the wasm heap is a RangeError naming both sizes, raised
 * before anything is allocated (the product is taken in doubles, so 70000 x 70000 is not
 * wrapped to 32 bits). Rows are padded to 4 floats, as the core stores them.
 */
function checkTableBytes(where, inputDim, outputDim) {
  const bytes = inputDim * Math.ceil(outputDim / 4) * 16;
  if (bytes > MAX_HEAP_BYTES) {
    throw new RangeError(`${where}: inputDim ${inputDim} x outputDim ${outputDim} float32 weights need ` +
      `${bytes} bytes, over the 4 GiB wasm memory limit (${MAX_HEAP_BYTES} bytes)`);
  }
}

export class TableLayer extends Disposable {
  /**
   * kind: 'embedding' or 'embeddingBag', the registry's name, whose record the options
   * make; ClassName: its Embind class.
   */
  constructor(kind, ClassName, options) {
    const where = `${kind}${options?.name ? ` '${options.name}'` : ''}`;
    const record = layerRecord(where, kind, options, ['weights', 'name']);
    checkTableBytes(where, record.inputDim, record.outputDim);
    // Used when a model trains this table (Keras embeddings_regularizer / _constraint).
    const regularizer = regularizerRecord(where, 'embeddingsRegularizer', options.embeddingsRegularizer);
    const constraint = constraintRecord(where, 'embeddingsConstraint', options.embeddingsConstraint);
    const weights = options.weights === undefined ? null
      : TableLayer.readWeights(where, options.weights, record.inputDim, record.outputDim);
    super(TableLayer.createHandle(where, ClassName, record, weights), where);
    this.where = where;
    this.kind = kind;
    this.className = ClassName;
    this.config = Object.freeze({ ...record, name: options.name });
    this.regularizer = regularizer;
    this.constraint = constraint;
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
