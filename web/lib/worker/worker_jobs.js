// The worker side of trainInWorker, trainWord2VecInWorker and trainFastTextInWorker, the same in a Web Worker and
// a worker_threads Worker (each worker main hands it its platform's port). It rebuilds
// the model from its file bytes, trains it with the caller's options, streams progress,
// stops when told, and sends the weights back transferred.
import { init } from '../core/init.js';
import { loadModel, saveModel } from '../files/model_file.js';
import { restoreInitOptions } from './start_worker.js';
import { FastTextJob } from './fasttext_job.js';
import { Word2VecJob } from './word2vec_job.js';

// The port is the platform's (platform/browser.js, platform/node.js): set by serveJobs
// before any message is handled.
let port = null;

const post = (message, transfer = []) => port.post(message, transfer);
let model = null;
let cancelled = false;
let word2vecJob = null;
let fastTextJob = null;

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

const onMessage = async (data) => {
  if (data.type === 'chunk') return word2vecJob?.chunk(data.data);
  if (data.type === 'end') return word2vecJob?.endChunks();
  if (data.type === 'cancel') {
    word2vecJob?.cancel();
    fastTextJob?.cancel();
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
    } else if (data.type === 'fasttext') {
      fastTextJob = new FastTextJob(post);
      await fastTextJob.run(data);
    }
    else throw new TypeError(`unknown job type '${data.type}'`);
  } catch (error) {
    post({ type: 'error', name: error?.name ?? 'Error', message: error?.message ?? String(error) });
  }
};

/**
 * Answers the jobs trainInWorker and trainWord2VecInWorker send, on `workerPort` (the
 * installed platform's workerPort()). Called once by each worker main.
 */
export function serveJobs(workerPort) {
  port = workerPort;
  port.listen(onMessage);
}
