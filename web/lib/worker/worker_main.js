// The worker side of trainInWorker: a Web Worker in browsers, a worker_threads Worker
// in Node. It rebuilds the model from its file bytes, trains it with the caller's
// options, streams progress, stops when told, and sends the weights back transferred.
import { init } from '../core/init.js';
import { loadModel, saveModel } from '../files/model_file.js';
import { restoreInitOptions } from './start_worker.js';
import { Word2VecJob } from './word2vec_job.js';

const isNode = typeof process !== 'undefined' && process.versions?.node !== undefined;
// Set before any message is handled: in Node the listener is only added once
// worker_threads has loaded (parentPort queues messages until then). No top-level await
// here, so that Vite's default worker format (iife) can bundle this file.
let port = globalThis;

const post = (message, transfer = []) => port.postMessage(message, transfer);
let model = null;
let cancelled = false;
let word2vecJob = null;

async function fit({ modelBytes, x, y, options, initOptions, progressEvery }) {
  await init(initOptions);
  model = loadModel(modelBytes);
  let lastProgress = 0;
  const history = await model.fit(x, y, {
    ...options,
    callbacks: {
      onBatchEnd: (batch, logs) => {
        if (cancelled) model.stopTraining = true;
        const now = Date.now();
        if (now - lastProgress >= progressEvery) {
          lastProgress = now;
          post({ type: 'progress', event: 'batch', batch, logs });
        }
      },
      onEpochEnd: (epoch, logs) => post({ type: 'progress', event: 'epoch', epoch, logs }),
    },
  });
  const bytes = saveModel(model);
  const weights = model.getWeights();
  model.dispose();
  post({ type: 'done', history, cancelled, modelBytes: bytes, weights },
    [bytes.buffer, ...weights.map((w) => w.data.buffer)]);
}

const onMessage = async (message) => {
  const data = isNode ? message : message.data;
  if (data.type === 'chunk') return word2vecJob?.chunk(data.data);
  if (data.type === 'end') return word2vecJob?.endChunks();
  if (data.type === 'cancel') {
    word2vecJob?.cancel();
    cancelled = true;
    if (model !== null) model.stopTraining = true;
    return;
  }
  try {
    data.initOptions = restoreInitOptions(data.initOptions);
    if (data.type === 'fit') await fit(data);
    else if (data.type === 'word2vec') {
      word2vecJob = new Word2VecJob(post, data.streamed);
      await word2vecJob.run(data);
    }
    else throw new TypeError(`unknown job type '${data.type}'`);
  } catch (error) {
    post({ type: 'error', name: error?.name ?? 'Error', message: error?.message ?? String(error) });
  }
};

if (isNode) {
  import(/* @vite-ignore */ /* webpackIgnore: true */ 'node:worker_threads').then(({ parentPort }) => {
    port = parentPort;
    port.on('message', onMessage);
  });
} else {
  port.addEventListener('message', onMessage);
}
