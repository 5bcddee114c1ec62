// A float32 tensor that lives in the wasm heap, owned by the caller: a layer writes its
// output straight into it (apply(x, {out})), with no copy into a JS array at all. Its
// `data` is a fresh view of the heap on every read, because growing the memory (any
// allocation may) detaches views made before; read it after each call, don't keep it.
import { Disposable } from './disposable.js';
import { MAX_HEAP_BYTES, heapF32 } from './heap.js';
import { engine } from './init.js';

// What Disposable needs of a handle, for a plain malloc'd block.
class HeapBlock {
  constructor(m, ptr) {
    this.m = m;
    this.ptr = ptr;
  }

  isDeleted() { return this.ptr === 0; }

  delete() {
    if (this.ptr !== 0) this.m._free(this.ptr);
    this.ptr = 0;
  }
}

export class HeapTensor extends Disposable {
  #length;

  constructor(shape) {
    const where = 'heapTensor';
    if (!Array.isArray(shape) || !shape.every((n) => Number.isSafeInteger(n) && n >= 0)) {
      throw new TypeError(`${where}: shape must be an array of non-negative integers, got ${JSON.stringify(shape)}`);
    }
    const length = shape.reduce((a, b) => a * b, 1);
    if (length * 4 > MAX_HEAP_BYTES) {
      throw new RangeError(`${where}: shape [${shape}] = ${length} float32 values need ${length * 4} bytes, over the 4 GiB wasm memory limit`);
    }
    const m = engine();
    const ptr = m._malloc(Math.max(1, length * 4)) >>> 0;
    if (ptr === 0) throw new RangeError(`${where}: out of wasm memory allocating ${length * 4} bytes for shape [${shape}]`);
    super(new HeapBlock(m, ptr), where);
    this.#length = length;
    this.shape = Object.freeze([...shape]);
  }

  /** Byte offset in the wasm heap (for the layers). */
  get ptr() { return this.handle.ptr; }

  get length() { return this.#length; }

  /** A view of the values in the heap, made now: valid until the next call into the engine. */
  get data() { return heapF32(engine(), this.handle.ptr, this.#length); }
}

/** A heap tensor of `shape`; its values are unspecified until a layer writes them. */
export function heapTensor(shape) {
  return new HeapTensor(shape);
}
