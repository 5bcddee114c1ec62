// Copies between JS arrays and the wasm heap. Views are made fresh from the current
// memory on every use: memory growth (or another thread growing it) detaches old ones,
// so no view is kept across a call into wasm.

function buffer(module) {
  // The threads build exports its shared memory; its HEAP* views can lag behind a
  // growth done by a worker.
  return (module.wasmMemory ?? module.HEAPU8).buffer;
}

// wasm32 pointers are unsigned, but a pointer returned as an i32 (from _malloc) reads
// as negative in JS once the heap passes 2 GiB: `>>> 0` makes it an offset again.
export function heapF32(module, ptr, length) {
  return new Float32Array(buffer(module), ptr >>> 0, length);
}
export function heapI32(module, ptr, length) {
  return new Int32Array(buffer(module), ptr >>> 0, length);
}
export function heapU32(module, ptr, length) {
  return new Uint32Array(buffer(module), ptr >>> 0, length);
}
export function heapU8(module, ptr, length) {
  return new Uint8Array(buffer(module), ptr >>> 0, length);
}
export function heapF64(module, ptr, length) {
  return new Float64Array(buffer(module), ptr >>> 0, length);
}
export function heapI64(module, ptr, length) {
  return new BigInt64Array(buffer(module), ptr >>> 0, length);
}

/** The most the 4 GiB wasm32 heap can hold in one block (-sMAXIMUM_MEMORY=4GB less a page). */
export const MAX_HEAP_BYTES = 2 ** 32 - 65536;

/**
 * Throws a RangeError when `count` values of `bytesPer` bytes cannot fit in the heap;
 * `what` names the sizes that make up count (e.g. "268435456 ids x outputDim 4").
 * Checked in doubles, so a product past 2^32 is caught rather than wrapped.
 */
export function checkHeapBytes(where, what, count, bytesPer = 4) {
  const bytes = count * bytesPer;
  if (bytes > MAX_HEAP_BYTES) {
    throw new RangeError(`${where}: ${what} = ${count} values need ${bytes} bytes, over the 4 GiB ` +
      `wasm memory limit (${MAX_HEAP_BYTES} bytes)`);
  }
}

/**
 * Allocates one block per byte size in `sizes` (16-byte aligned, as malloc gives),
 * runs fn(ptrs) and frees them all, whatever fn does.
 */
export function withHeap(module, sizes, fn) {
  const ptrs = [];
  try {
    for (const size of sizes) {
      // _malloc takes a u32: a larger size would wrap and hand back a too-small block.
      if (!(Number.isSafeInteger(size) && size >= 0 && size <= MAX_HEAP_BYTES)) {
        throw new RangeError(`cannot allocate ${size} bytes: over the 4 GiB wasm memory limit (${MAX_HEAP_BYTES} bytes)`);
      }
      const ptr = module._malloc(Math.max(size, 1)) >>> 0;
      if (ptr === 0) throw new RangeError(`out of wasm memory allocating ${size} bytes (${buffer(module).byteLength} bytes of wasm memory, at most ${MAX_HEAP_BYTES})`);
      ptrs.push(ptr);
    }
    return fn(ptrs);
  } finally {
    for (const ptr of ptrs) module._free(ptr);
  }
}
