// What differs in a browser (and in a bundle made for one): the engine comes from the web
// glue (wasm/load_browser.js), threads need a cross-origin isolated page, and training
// workers are Web Workers. Installed by the browser entry (browser.js); no Node code here.
import { engineFolder, loadBrowserEngine } from '../wasm/load_browser.js';


function startBrowserWorker(where, workerUrl) {
  // Vite bundles a worker (and rewrites its URL) only when it sees, in one expression,
  // new Worker(new URL('<literal>', import.meta.url), { type: 'module' }); webpack,
  // Rspack and Parcel follow the same form. esbuild does not: its users bundle
  // `embedwasm/worker` as a second entry point and pass workerUrl (README).
  const worker = workerUrl === undefined
    ? new Worker(new URL('../worker/browser_worker_main.js', import.meta.url), { type: 'module' })
    : new Worker(workerUrl, { type: 'module' });
  return {
    send: (message, transfer) => worker.postMessage(message, transfer),
    onMessage: (fn) => worker.addEventListener('message', (event) => fn(event.data)),
    // A script that fails to load gives an ErrorEvent without a message in Chromium:
    // name the script, the usual cause being a workerUrl that does not point at a bundle.
    onFailure: (fn) => worker.addEventListener('error', (event) => fn(new Error(
      `${where}: the worker failed${event.message ? `: ${event.message}` : ` to load or run ${workerUrl ?? 'browser_worker_main.js'}`}`))),
    terminate: () => worker.terminate(),
  };
}

export const browserPlatform = Object.freeze({
  threadsAvailable: () => globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer !== 'undefined',
  defaultPoolSize: () => Math.max(1, Math.min(8, globalThis.navigator?.hardwareConcurrency ?? 2)),
  loadEngine: loadBrowserEngine,
  // What a user's locateFile gets as prefix in a worker: the worker script's folder.
  workerEngineFolder: (workerUrl) => (workerUrl === undefined ? engineFolder() : new URL('./', workerUrl).href),
  startWorker: startBrowserWorker,
  // The worker side: messages arrive as MessageEvents on the worker's global scope.
  workerPort: () => ({
    post: (message, transfer) => globalThis.postMessage(message, transfer),
    listen: (fn) => globalThis.addEventListener('message', (event) => fn(event.data)),
  }),
});
