// Layers that only exist inside a model (dense, flatten, pooling, dropout, activation):
// until a model builds them they are an option record; afterwards they read and write
// their weights through the model that owns them.
import { throwIfError } from '../core/errors.js';
import { heapF32, withHeap } from '../core/heap.js';
import { engine } from '../core/init.js';
import { toFloats, shapeText } from '../core/tensor.js';

export class ModelLayer {
  #binding = null;  // { model handle, index } once a model holds this layer

  constructor(kind, where, record, initialWeights = null) {
    this.kind = kind;
    this.where = where;
    this.record = Object.freeze(record);
    this.initialWeights = initialWeights;
  }

  /** Called by sequential() when it adds the layer; a layer belongs to one model. */
  bindTo(model, index) {
    if (this.#binding !== null) {
      throw new TypeError(`${this.where} already belongs to a model; create a new layer for another one`);
    }
    this.#binding = { model, index };
  }

  get isBuilt() {
    return this.#binding?.model.built === true;
  }

  /** Weights in TF.js order and layout; [] until the model is built. */
  getWeights() {
    if (!this.isBuilt) return [];
    return readLayerWeights(this.#binding.model.handle, this.#binding.index, this.weightShapes());
  }

  setWeights(weights) {
    if (!this.isBuilt) throw new Error(`${this.where}: the model is not built yet; pass weights in the layer options instead`);
    writeLayerWeights(this.#binding.model.handle, this.#binding.index, weights, this.weightShapes(), this.where);
  }

  /** Shapes as TF.js reports them (a bias is [units]); from the built model. */
  weightShapes() {
    const h = this.#binding.model.handle;
    const i = this.#binding.index;
    const shapes = [];
    for (let k = 0; k < h.numWeights(i); ++k) {
      const rows = h.weightRows(i, k);
      const cols = h.weightCols(i, k);
      shapes.push(this.kind === 'dense' && k === 1 ? [cols] : [rows, cols]);
    }
    return shapes;
  }
}

export function readLayerWeights(handle, index, shapes) {
  const m = engine();
  return shapes.map((shape, k) => {
    const n = shape.reduce((a, b) => a * b, 1);
    return withHeap(m, [n * 4], ([ptr]) => {
      handle.getWeight(index, k, ptr);
      return { data: heapF32(m, ptr, n).slice(), shape };
    });
  });
}

export function writeLayerWeights(handle, index, weights, shapes, where) {
  if (!Array.isArray(weights) || weights.length !== shapes.length) {
    throw new TypeError(`${where}.setWeights: expected a list of ${shapes.length} weights with shapes ${shapes.map(shapeText).join(', ')}`);
  }
  const m = engine();
  weights.forEach((w, k) => {
    const t = toFloats(w, `${where}.setWeights weights[${k}]`, w?.shape);
    const n = shapes[k].reduce((a, b) => a * b, 1);
    if (t.data.length !== n) {
      throw new TypeError(`${where}.setWeights: weights[${k}] must have shape ${shapeText(shapes[k])}, got ${shapeText(t.shape)}`);
    }
    const rows = handle.weightRows(index, k);
    withHeap(m, [n * 4], ([ptr]) => {
      heapF32(m, ptr, n).set(t.data);
      throwIfError(handle.setWeight(index, k, ptr, rows, n / rows), `${where}.setWeights`);
    });
  });
}
