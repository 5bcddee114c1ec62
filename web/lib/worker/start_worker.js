// Starts the worker that trainInWorker and trainWord2VecInWorker talk to (worker_main.js),
// and turns their init() options into ones that can cross postMessage.
//
// Bundlers: Vite bundles a worker (and rewrites its URL) only when it sees, in one
// expression, new Worker(new URL('<literal>', import.meta.url), { type: 'module' }); the
// default branch below is written that way. esbuild does not follow worker URLs at all:
// its users bundle `embedwasm/worker` as a second entry point and pass `workerUrl`
// (README, "Browser, with a bundler").

const isNode = typeof process !== 'undefined' && process.versions?.node !== undefined;

// Held in a variable so that the Node-only URLs below are not the
// new URL('x', import.meta.url) pattern, which bundlers would copy as raw assets.
const here = import.meta.url;

// Node built-ins are imported through a variable so that browser bundlers do not try to
// resolve them (as core/init.js does); this code only runs under Node.
const nodeImport = (name) => import(/* @vite-ignore */ /* webpackIgnore: true */ name);

// The files the glue asks locateFile for (see core/init.js).
const ENGINE_FILES = ['embedwasm_simd.wasm', 'embedwasm_threads.wasm', 'embedwasm_threads.worker.js'];

function checkWorkerUrl(where, workerUrl) {
  if (workerUrl === undefined) return;
  if (!(typeof workerUrl === 'string' || workerUrl instanceof URL)) {
    throw new TypeError(`${where}: option 'workerUrl' must be a string or a URL (of a bundle of 'embedwasm/worker'), got ${typeof workerUrl}`);
  }
}

/**
 * A function cannot be posted to a worker, so a locateFile given in initOptions is asked
 * here, once per engine file, and the worker gets its answers (worker_main.js turns them
 * back into a locateFile). `prefix` is what the worker's glue would pass: its own folder.
 */
export async function portableInitOptions(where, initOptions, workerUrl) {
  if (initOptions === null || typeof initOptions !== 'object') {
    throw new TypeError(`${where}: option 'initOptions' must be an object of init() options, got ${initOptions === null ? 'null' : typeof initOptions}`);
  }
  const { locateFile, ...rest } = initOptions;
  if (locateFile === undefined) return rest;
  if (typeof locateFile !== 'function') {
    throw new TypeError(`${where}: initOptions.locateFile must be a function (name, prefix) => url, got ${typeof locateFile}`);
  }
  let prefix;
  if (isNode) {
    const { fileURLToPath } = await nodeImport('node:url');
    prefix = fileURLToPath(new URL('../wasm/', here));
  } else {
    prefix = new URL('./', workerUrl ?? here).href;
  }
  const locatedFiles = {};
  for (const name of ENGINE_FILES) locatedFiles[name] = String(locateFile(name, prefix));
  return { ...rest, locatedFiles };
}

/** The worker's side of portableInitOptions: init() options with locateFile restored. */
export function restoreInitOptions(initOptions = {}) {
  const { locatedFiles, ...rest } = initOptions;
  if (locatedFiles === undefined) return rest;
  return {
    ...rest,
    locateFile: (name, prefix) => locatedFiles[name] ?? prefix + name,
  };
}

/**
 * A Web Worker (browsers) or a worker_threads Worker (Node) running worker_main.js, or
 * the script at `workerUrl` (a bundle of embedwasm/worker), behind one small interface.
 */
export async function startWorker(where, workerUrl) {
  checkWorkerUrl(where, workerUrl);
  if (isNode) {
    const { Worker } = await nodeImport('node:worker_threads');
    // worker_threads takes a file: URL or a path (relative to the working directory).
    const worker = new Worker(workerUrl ?? new URL('./worker_main.js', here));
    return {
      send: (message, transfer) => worker.postMessage(message, transfer),
      onMessage: (fn) => worker.on('message', fn),
      onFailure: (fn) => worker.on('error', fn),
      terminate: () => worker.terminate(),
    };
  }
  const worker = workerUrl === undefined
    ? new Worker(new URL('./worker_main.js', import.meta.url), { type: 'module' })
    : new Worker(workerUrl, { type: 'module' });
  return {
    send: (message, transfer) => worker.postMessage(message, transfer),
    onMessage: (fn) => worker.addEventListener('message', (event) => fn(event.data)),
    // A script that fails to load gives an ErrorEvent without a message in Chromium:
    // name the script, the usual cause being a workerUrl that does not point at a bundle.
    onFailure: (fn) => worker.addEventListener('error', (event) => fn(new Error(
      `${where}: the worker failed${event.message ? `: ${event.message}` : ` to load or run ${workerUrl ?? 'worker_main.js'}`}`))),
    terminate: () => worker.terminate(),
  };
}

/**
 * Runs one job on a started worker: `start(reject)` posts the job's messages; progress
 * messages go to onProgress (through `toEvent`), an AbortSignal posts 'cancel' (the worker
 * stops between steps and still answers 'done'), and the 'done' message resolves. A
 * worker error is rethrown as the TypeError/RangeError it was, prefixed with `where`.
 */
export function runWorkerJob(where, worker, { signal, onProgress, toEvent = (message) => message, start }) {
  return new Promise((resolve, reject) => {
    const abort = () => worker.send({ type: 'cancel' });
    signal?.addEventListener('abort', abort, { once: true });
    const settle = (fn) => (value) => { signal?.removeEventListener('abort', abort); fn(value); };
    worker.onFailure(settle(reject));
    worker.onMessage((message) => {
      if (message.type === 'progress') {
        onProgress?.(toEvent(message));
      } else if (message.type === 'done') {
        settle(resolve)(message);
      } else if (message.type === 'error') {
        const ErrorType = { TypeError, RangeError }[message.name] ?? Error;
        settle(reject)(new ErrorType(`${where}: ${message.message}`));
      }
    });
    start(settle(reject));
  });
}
