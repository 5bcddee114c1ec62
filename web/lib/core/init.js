// Loads one of the two wasm builds: SIMD + threads where shared memory is allowed
// (Node, or a cross-origin isolated page), SIMD alone otherwise.

const isNode = typeof process !== 'undefined' && process.versions?.node !== undefined;

// The smallest module using a v128 instruction: validates only where WASM SIMD exists.
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0,
  253, 15, 253, 98, 11,
]);

let loading = null;
let module = null;
let info = null;

function threadsAvailable() {
  if (isNode) return true;
  return globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer !== 'undefined';
}

// Node built-ins are imported through a variable so that browser bundlers do not try
// to resolve them; this code only runs under Node.
const nodeImport = (name) => import(/* @vite-ignore */ /* webpackIgnore: true */ name);

async function nodeSetup(glueUrl) {
  // Emscripten 3.1.6's ES-module glue still calls require() and reads __dirname in its
  // Node branch; ES modules have neither, so provide them before importing it.
  const { createRequire } = await nodeImport('node:module');
  const { fileURLToPath } = await nodeImport('node:url');
  const path = await nodeImport('node:path');
  globalThis.require ??= createRequire(import.meta.url);
  globalThis.__dirname ??= path.dirname(fileURLToPath(glueUrl));
}

async function readNodeFile(url) {
  const { readFile } = await nodeImport('node:fs/promises');
  return readFile(url);
}

async function load(options) {
  if (!WebAssembly.validate(SIMD_PROBE)) {
    throw new Error('embedwasm needs WebAssembly SIMD (fixed-width 128-bit), which this JavaScript ' +
      'engine lacks: use Chrome/Edge 91+, Firefox 89+, Safari 16.4+ or Node 16.4+.');
  }
  const canThread = threadsAvailable();
  if (options.threads === true && !canThread) {
    throw new Error('threads: true needs a cross-origin isolated page (serve it with the headers ' +
      'Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp)');
  }
  const threads = options.threads ?? canThread;
  const variant = threads ? 'threads' : 'simd';
  // Literal paths so bundlers see and emit both builds.
  const glueUrl = threads
    ? new URL('../wasm/embedwasm_threads.mjs', import.meta.url)
    : new URL('../wasm/embedwasm_simd.mjs', import.meta.url);
  const wasmUrl = threads
    ? new URL('../wasm/embedwasm_threads.wasm', import.meta.url)
    : new URL('../wasm/embedwasm_simd.wasm', import.meta.url);

  const moduleArgs = {
    pthreadPoolSize: options.poolSize ?? Math.max(1, Math.min(8, globalThis.navigator?.hardwareConcurrency ?? 2)),
  };
  if (options.locateFile) moduleArgs.locateFile = options.locateFile;
  if (options.wasmBinary) moduleArgs.wasmBinary = options.wasmBinary;
  if (isNode) {
    await nodeSetup(glueUrl);
    // Node 20's global fetch cannot read file paths; hand the glue the bytes.
    moduleArgs.wasmBinary ??= await readNodeFile(wasmUrl);
  }
  const factory = threads
    ? (await import('../wasm/embedwasm_threads.mjs')).default
    : (await import('../wasm/embedwasm_simd.mjs')).default;
  const m = await factory(moduleArgs);
  if (isNode && m.PThread) {
    // Idle pool workers must not keep a Node process alive after the user's work ends.
    for (const worker of m.PThread.unusedWorkers) worker.unref();
  }
  module = m;
  info = Object.freeze({ simd: m.simdBuild(), threads: m.threadsBuild(), variant });
  return info;
}

/**
 * Loads the engine once; later calls return the same result.
 * @param {{threads?: boolean, locateFile?: (name: string, prefix: string) => string,
 *          wasmBinary?: ArrayBuffer | Uint8Array, poolSize?: number}} [options]
 * @returns {Promise<{simd: boolean, threads: boolean, variant: 'simd' | 'threads'}>}
 */
export function init(options = {}) {
  const valid = ['threads', 'locateFile', 'wasmBinary', 'poolSize'];
  for (const key of Object.keys(options)) {
    if (!valid.includes(key)) {
      throw new TypeError(`init: unknown option '${key}' (valid options: ${valid.join(', ')})`);
    }
  }
  if (loading === null) {
    loading = load(options).catch((error) => {
      loading = null;  // a failed load may be retried, e.g. with other options
      throw error;
    });
  }
  return loading;
}

/** The loaded engine; layers call this, so using one before init() fails clearly. */
export function engine() {
  if (module === null) {
    throw new Error('embedwasm is not initialised: call `await init()` first');
  }
  return module;
}

export function engineInfo() {
  return info;
}

/** Bytes of wasm heap currently allocated (wasm memory never shrinks; this does). */
export function memoryInUse() {
  return engine().heapBytesInUse();
}
