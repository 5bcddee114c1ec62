// What differs under Node: the engine comes from the Node glue (wasm/load_node.js),
// threads are always available, and training workers are worker_threads Workers.
// Installed by the Node entry (index.js); browsers never load this file.
import { parentPort, Worker } from 'node:worker_threads';

import { readLocalFile, writeLocalFiles } from './node_files.js';

import { engineFolder, loadNodeEngine } from '../wasm/load_node.js';

function startNodeWorker(where, workerUrl) {
  // worker_threads takes a file: URL or a path (relative to the working directory).
  const worker = new Worker(workerUrl ?? new URL('../worker/worker_main.js', import.meta.url));
  return {
    send: (message, transfer) => worker.postMessage(message, transfer),
    onMessage: (fn) => worker.on('message', fn),
    onFailure: (fn) => worker.on('error', fn),
    terminate: () => worker.terminate(),
  };
}

export const nodePlatform = Object.freeze({
  threadsAvailable: () => true,
  defaultPoolSize: () => Math.max(1, Math.min(8, globalThis.navigator?.hardwareConcurrency ?? 2)),
  loadEngine: loadNodeEngine,
  workerEngineFolder: () => engineFolder(),
  startWorker: startNodeWorker,
  workerPort: () => ({
    post: (message, transfer) => parentPort.postMessage(message, transfer),
    listen: (fn) => parentPort.on('message', fn),
  }),
  readLocalFile,
  writeLocalFiles,
});
