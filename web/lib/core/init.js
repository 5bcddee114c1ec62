// Loads one of the two wasm builds: SIMD + threads where shared memory is allowed
// (Node, or a cross-origin isolated page), SIMD alone otherwise.
//
// Where the engine files come from and how workers start differ between browsers and
// Node; the package's entry installs that environment's platform here before anything
// runs: index.js under Node, browser.js elsewhere (package.json "exports" picks one), so a
// browser bundle holds no Node code and Node never loads browser code.
import { checkInitOptions } from './init_options.js';

// The smallest module using a v128 instruction: validates only where WASM SIMD exists.
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0,
  253, 15, 253, 98, 11,
]);

let platform = null;
let loading = null;
// Not named `module`: Parcel's dev server wraps each file in a function whose parameters
// are require, module and exports, where a top-level `let module` is a SyntaxError.
let loadedEngine = null;
let info = null;

/** Called once by each entry (index.js, browser.js, the worker mains) with its platform/. */
export function usePlatform(environment) {
  platform = environment;
}

/** The installed platform (platform/browser.js or platform/node.js). */
export function currentPlatform() {
  if (platform === null) {
    throw new Error("embedwasm: import the package by its name ('embedwasm'), not a file inside dist/");
  }
  return platform;
}

// The glue's own output (Module.print / printErr default to the console): a library
// writes nothing to its host's stdout, stderr or console. What the engine has to say
// arrives as thrown errors (an abort's RuntimeError carries its message).
const silent = () => {};

async function load(options) {
  if (typeof WebAssembly !== 'object' || !WebAssembly.validate(SIMD_PROBE)) {
    throw new Error('embedwasm needs WebAssembly SIMD (fixed-width 128-bit), which this JavaScript ' +
      'engine lacks: use Chrome/Edge 91+, Firefox 89+, Safari 16.4+ or Node 16.4+.');
  }
  const environment = currentPlatform();
  const canThread = environment.threadsAvailable();
  if (options.threads === true && !canThread) {
    throw new Error('init: threads: true needs a cross-origin isolated page (serve it with the headers ' +
      'Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp)');
  }
  const threads = options.threads ?? canThread;
  const variant = threads ? 'threads' : 'simd';

  const moduleArgs = {
    pthreadPoolSize: options.poolSize ?? environment.defaultPoolSize(),
    print: silent,
    printErr: silent,
  };
  if (options.wasmBinary) moduleArgs.wasmBinary = options.wasmBinary;
  const m = await environment.loadEngine(variant, moduleArgs, { locateFile: options.locateFile });
  loadedEngine = m;
  info = Object.freeze({ simd: m.simdBuild(), threads: m.threadsBuild(), variant });
  if (m.threadsBuild()) {
    // The hot paths split their work over the pool and this thread, no more threads than
    // cores (more would only take turns). Its threads start now and never end, so their
    // Node workers are unref'd here, or Node could never exit.
    m.setThreadCount(Math.min(threadsAvailable(m), environment.defaultPoolSize()));
    m.startThreads();
    unrefWorkers(m);
  }
  return info;
}

/** Threads the loaded build can run: 1 without threads; else the pool plus this thread. */
export function threadsAvailable(m) {
  if (!m.threadsBuild() || !m.PThread) return 1;
  return 1 + m.PThread.unusedWorkers.length + m.PThread.runningWorkers.length;
}

// Emscripten 3.1.6 ref()s a Node worker when it runs a thread and does not unref it
// afterwards, so an idle pool would keep Node alive (the loader's unref only covers the
// initial pool).
export function unrefWorkers(m) {
  for (const worker of m.PThread?.unusedWorkers ?? []) worker.unref?.();
  for (const worker of m.PThread?.runningWorkers ?? []) worker.unref?.();
}

/**
 * Sets how many threads gather, backward, the optimizers, fit() and search split their
 * work over (this thread included), at most the pool size + 1; returns the count in effect
 * (always 1 in the SIMD-only build).
 */
export function setThreads(count) {
  if (typeof count !== 'number' || !Number.isInteger(count)) {
    throw new TypeError(`setThreads: count must be an integer, got ${typeof count === 'number' ? count : typeof count}`);
  }
  if (count < 1) throw new RangeError(`setThreads: count must be >= 1, got ${count}`);
  const m = engine();
  m.setThreadCount(Math.min(count, threadsAvailable(m)));
  m.startThreads();
  unrefWorkers(m);
  return m.threadCount();
}

/** Threads the hot paths use now (see setThreads). */
export function threadCount() {
  return engine().threadCount();
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
  const workers = [...(m.PThread?.unusedWorkers ?? []), ...(m.PThread?.runningWorkers ?? [])];
  while (!workers.every((w) => w.loaded)) await new Promise((resolve) => { setTimeout(resolve, 1); });
}

/** The loaded engine; layers call this, so using one before init() fails clearly. */
export function engine() {
  if (loadedEngine === null) {
    throw new Error('embedwasm is not initialised: call `await init()` first');
  }
  return loadedEngine;
}

export function engineInfo() {
  return info;
}

/** Bytes of wasm heap currently allocated (wasm memory never shrinks; this does). */
export function memoryInUse() {
  return engine().heapBytesInUse();
}
