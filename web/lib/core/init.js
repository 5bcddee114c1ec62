// Loads one of the two wasm builds: SIMD + threads where shared memory is allowed
// (Node, or a cross-origin isolated page), SIMD alone otherwise.
//
// Bundlers: each glue file finds its own .wasm (and the threads glue its pthread worker)
// with `new URL('<file>', import.meta.url)`, which Vite and webpack 5 follow and emit.
// This file only names the glue in literal dynamic imports, so bundlers include both
// builds as lazily loaded chunks; the browser then fetches only the .wasm it needs.
import { checkInitOptions } from './init_options.js';

const isNode = typeof process !== 'undefined' && process.versions?.node !== undefined;

// The smallest module using a v128 instruction: validates only where WASM SIMD exists.
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0,
  253, 15, 253, 98, 11,
]);

// Held in a variable so that `new URL(..., here)` below is not the literal
// `new URL('x', import.meta.url)` pattern: those URLs are only used under Node, and a
// bundler seeing the pattern would emit needless raw copies of the glue files.
const here = import.meta.url;

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

async function nodeGlueDir(variant) {
  const { fileURLToPath } = await nodeImport('node:url');
  const path = await nodeImport('node:path');
  return path.dirname(fileURLToPath(new URL(`../wasm/embedwasm_${variant}.mjs`, here)));
}

/** Under Node: the globals Emscripten 3.1.6's ES-module glue expects. */
async function nodeGlobals(glueDir) {
  // Its Node branch still calls require() and reads __dirname, which ES modules lack.
  const { createRequire } = await nodeImport('node:module');
  globalThis.require ??= createRequire(here);
  globalThis.__dirname ??= glueDir;
}

/**
 * Under Node: the .wasm bytes. Emscripten 3.1.6's glue loads the .wasm with the global
 * fetch when there is one, and Node 20's fetch cannot read a file path ("Failed to parse
 * URL"); given wasmBinary, the glue fetches nothing.
 */
async function nodeWasmBytes(variant, glueDir, locateFile) {
  const { fileURLToPath, pathToFileURL } = await nodeImport('node:url');
  const path = await nodeImport('node:path');
  const { readFile } = await nodeImport('node:fs/promises');
  const name = `embedwasm_${variant}.wasm`;
  // A locateFile answer may be a path or a file: URL.
  const where = locateFile ? String(locateFile(name, glueDir + path.sep)) : path.join(glueDir, name);
  const file = where.startsWith('file:') ? new URL(where) : pathToFileURL(path.resolve(where));
  try {
    return await readFile(file);
  } catch (error) {
    throw new Error(`init: cannot read ${name} at ${fileURLToPath(file)}: ${error.message}`);
  }
}

async function load(options) {
  if (typeof WebAssembly !== 'object' || !WebAssembly.validate(SIMD_PROBE)) {
    throw new Error('embedwasm needs WebAssembly SIMD (fixed-width 128-bit), which this JavaScript ' +
      'engine lacks: use Chrome/Edge 91+, Firefox 89+, Safari 16.4+ or Node 16.4+.');
  }
  const canThread = threadsAvailable();
  if (options.threads === true && !canThread) {
    throw new Error('init: threads: true needs a cross-origin isolated page (serve it with the headers ' +
      'Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp)');
  }
  const threads = options.threads ?? canThread;
  const variant = threads ? 'threads' : 'simd';

  const moduleArgs = {
    pthreadPoolSize: options.poolSize ?? Math.max(1, Math.min(8, globalThis.navigator?.hardwareConcurrency ?? 2)),
  };
  // Only when asked: a locateFile would replace the glue's own
  // new URL('embedwasm_*.wasm', import.meta.url), which is what lets bundlers (Vite,
  // webpack) find the .wasm, emit it under a hashed name and rewrite the URL.
  if (options.locateFile) moduleArgs.locateFile = options.locateFile;
  if (options.wasmBinary) moduleArgs.wasmBinary = options.wasmBinary;
  if (isNode) {
    const glueDir = await nodeGlueDir(variant);
    await nodeGlobals(glueDir);
    moduleArgs.wasmBinary ??= await nodeWasmBytes(variant, glueDir, options.locateFile);
  }
  // Literal specifiers, so that bundlers see and include both builds.
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
 * Loads the engine once. Later calls return the first call's promise and ignore their
 * options (one build per JS realm: layers made earlier keep pointing into it); a failed
 * load may be retried.
 * @param {{threads?: boolean, locateFile?: (name: string, prefix: string) => string,
 *          wasmBinary?: ArrayBuffer | Uint8Array, poolSize?: number}} [options]
 * @returns {Promise<{simd: boolean, threads: boolean, variant: 'simd' | 'threads'}>}
 */
export function init(options = {}) {
  try {
    checkInitOptions(options);
  } catch (error) {
    return Promise.reject(error);
  }
  if (loading === null) {
    loading = load(options).catch((error) => {
      loading = null;  // a failed load may be retried, e.g. with other options
      throw error;
    });
  }
  return loading;
}

/**
 * Resolves when every worker of the threads build's pool has loaded the module. The pool
 * loads in the background after init() (PTHREAD_POOL_DELAY_LOAD); code about to start
 * threads awaits this first, because a thread handed to a worker still loading starts only
 * when the main thread handles the worker's "loaded" message, which it cannot do while it
 * blocks joining that thread.
 */
export async function poolLoaded(m) {
  const workers = m.PThread?.unusedWorkers ?? [];
  while (!workers.every((w) => w.loaded)) await new Promise((resolve) => { setTimeout(resolve, 1); });
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
