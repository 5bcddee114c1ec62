// Copies between JS arrays and the wasm heap. Views are made fresh from the current
// memory on every use: memory growth (or another thread growing it) detaches old ones,
// so no view is kept across a call into wasm.

function buffer(module) {
  // The threads build exports its shared memory; its HEAP* views can lag behind a
  // growth done by a worker.
  return (module.wasmMemory ?? module.HEAPU8).buffer;
}

export function heapF32(module, ptr, length) {
  return new Float32Array(buffer(module), ptr, length);
}
export function heapI32(module, ptr, length) {
  return new Int32Array(buffer(module), ptr, length);
}
export function heapU32(module, ptr, length) {
  return new Uint32Array(buffer(module), ptr, length);
}
export function heapU8(module, ptr, length) {
  return new Uint8Array(buffer(module), ptr, length);
}

/**
 * Allocates one block per byte size in `sizes` (16-byte aligned, as malloc gives),
 * runs fn(ptrs) and frees them all, whatever fn does.
 */
export function withHeap(module, sizes, fn) {
  const ptrs = [];
  try {
    for (const size of sizes) {
      const ptr = module._malloc(Math.max(size, 1));
      if (ptr === 0) throw new RangeError(`out of wasm memory allocating ${size} bytes`);
      ptrs.push(ptr);
    }
    return fn(ptrs);
  } finally {
    for (const ptr of ptrs) module._free(ptr);
  }
}
