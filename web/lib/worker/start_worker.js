// Starts the worker that trainInWorker and trainWord2VecInWorker talk to (a worker main:
// worker/browser_worker_main.js or worker/worker_main.js, as the installed platform says),
// and turns their init() options into ones that can cross postMessage.
import { currentPlatform } from '../core/init.js';

// The files the engine asks locateFile for (wasm/load_browser.js, wasm/load_node.js).
const ENGINE_FILES = ['embedwasm_simd.wasm', 'embedwasm_threads.wasm', 'embedwasm_threads.worker.mjs'];

function checkWorkerUrl(where, workerUrl) {
  if (workerUrl === undefined) return;
  if (!(typeof workerUrl === 'string' || workerUrl instanceof URL)) {
    throw new TypeError(`${where}: option 'workerUrl' must be a string or a URL (of a bundle of 'embedwasm/worker'), got ${typeof workerUrl}`);
  }
}

/**
 * A function cannot be posted to a worker, so a locateFile given in initOptions is asked
 * here, once per engine file, and the worker gets its answers (worker_jobs.js turns them
 * back into a locateFile). `prefix` is the folder the worker's engine files are taken from.
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
  const prefix = currentPlatform().workerEngineFolder(workerUrl);
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
 * A Web Worker (browsers) or a worker_threads Worker (Node) running the package's worker
 * main, or the script at `workerUrl` (a bundle of embedwasm/worker), behind one small
 * interface: {send, onMessage, onFailure, terminate}.
 */
export async function startWorker(where, workerUrl) {
  checkWorkerUrl(where, workerUrl);
  return currentPlatform().startWorker(where, workerUrl);
}

/**
 * Runs one job on a worker of its own (startWorker's), ended when the job settles:
 * `start(send, reject)` posts the job's messages; progress messages go to onProgress
 * (through `toEvent`), an AbortSignal posts 'cancel' (the worker stops between steps and
 * still answers 'done'), and the 'done' message resolves. A worker error is rethrown as
 * the TypeError/RangeError it was, prefixed with `where`. An already aborted signal throws
 * before any worker starts.
 */
export async function runJobInWorker(where, workerUrl, job) {
  job.signal?.throwIfAborted?.();
  const worker = await startWorker(where, workerUrl);
  try {
    return await runWorkerJob(where, worker, job);
  } finally {
    worker.terminate();
  }
}

function runWorkerJob(where, worker, { signal, onProgress, toEvent = (message) => message, start }) {
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
    start((message, transfer) => worker.send(message, transfer), settle(reject));
  });
}
