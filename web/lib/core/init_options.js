// init()'s options, checked before anything loads: a wrong type is a TypeError naming
// the option, a poolSize out of range a RangeError.
import { checkOptionNames, show } from './options.js';

const VALID = ['threads', 'locateFile', 'wasmBinary', 'poolSize'];

export function checkInitOptions(options) {
  const where = 'init';
  checkOptionNames(where, options, VALID);
  const { threads, locateFile, wasmBinary, poolSize } = options;
  if (threads !== undefined && typeof threads !== 'boolean') {
    throw new TypeError(`${where}: option 'threads' must be true or false, got ${show(threads)}`);
  }
  if (locateFile !== undefined && typeof locateFile !== 'function') {
    throw new TypeError(`${where}: option 'locateFile' must be a function (name, prefix) => url, got ${typeof locateFile}`);
  }
  if (wasmBinary !== undefined) {
    if (!(wasmBinary instanceof ArrayBuffer || wasmBinary instanceof Uint8Array)) {
      throw new TypeError(`${where}: option 'wasmBinary' must be an ArrayBuffer or a Uint8Array, got ${wasmBinary?.constructor?.name ?? typeof wasmBinary}`);
    }
    // The two builds' bytes are not interchangeable (their imports differ), and which one
    // init() would pick depends on the environment: the caller must say which one it holds.
    if (threads === undefined) {
      throw new TypeError(`${where}: with 'wasmBinary' also pass 'threads': true for the bytes of ` +
        'embedwasm_threads.wasm or false for embedwasm_simd.wasm');
    }
  }
  if (poolSize !== undefined) {
    if (typeof poolSize !== 'number' || !Number.isInteger(poolSize)) {
      throw new TypeError(`${where}: option 'poolSize' must be an integer, got ${show(poolSize)}`);
    }
    if (poolSize < 1 || poolSize > 64) {
      throw new RangeError(`${where}: option 'poolSize' must be in [1, 64] worker threads, got ${poolSize}`);
    }
  }
}
