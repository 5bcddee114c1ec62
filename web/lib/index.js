// embedwasm: embedding layers compiled from C++ to WebAssembly SIMD.
export { init, memoryInUse } from './core/init.js';
export * as layers from './layers/index.js';
export * as train from './train/index.js';
export { sequential, Sequential } from './model/sequential.js';
