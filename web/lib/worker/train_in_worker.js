// trainInWorker: fit() off the main thread. The page (or Node's main thread) keeps
// running while a worker trains a copy of the model; progress arrives as callbacks;
// an AbortSignal stops it between batches; the trained weights come back as
// transferred buffers and are written into the caller's model.
import { toFloats } from '../core/tensor.js';
import { checkFitOptions, FIT_OPTIONS } from '../model/fit_options.js';
import { saveModel } from '../files/model_file.js';
import { portableInitOptions, runJobInWorker } from './start_worker.js';

// fit()'s options the worker can run (callbacks and yieldEvery are the worker's own) and this function's.
const OPTIONS = [...FIT_OPTIONS.filter((name) => name !== 'callbacks' && name !== 'yieldEvery' && name !== 'verbose'),
  'onProgress', 'signal', 'updateModel', 'progressEvery', 'initOptions', 'workerUrl'];

/**
 * Trains `model` (built and compiled) on (x, y) in a worker.
 * @returns {Promise<{history, weights, cancelled}>} weights in getWeights() order. When
 *   `signal` aborts, training stops after the current batch and the promise resolves
 *   with cancelled: true and the weights reached so far (a consistent model).
 */
export async function trainInWorker(model, x, y, options = {}) {
  const where = 'trainInWorker';
  checkFitOptions(where, options, OPTIONS);
  const { onProgress, signal, updateModel = true, progressEvery = 100, initOptions = { threads: false }, workerUrl, ...fitOptions } = options;
  if (!model.built) throw new TypeError(`${where}: build the model first (model.build(inputShape) or one predict/fit call)`);
  if (!model.compileConfig) throw new TypeError(`${where}: compile the model first`);
  // The worker would vectorize again what it is sent; strings cannot be sent as floats.
  if (model.preprocessing) {
    throw new TypeError(`${where}: the model's first layer is ${model.preprocessing.kind}; train a model without it in the worker, on ${model.preprocessing.kind}.apply(x)`);
  }
  signal?.throwIfAborted?.();
  const xs = toFloats(x, `${where} x`, x?.shape);
  const ys = toFloats(y, `${where} y`, y?.shape);
  const workerInit = await portableInitOptions(where, initOptions, workerUrl);
  const modelBytes = saveModel(model);
  const result = await runJobInWorker(where, workerUrl, {
    signal,
    onProgress,
    start: (send) => send({
      type: 'fit', modelBytes, x: { data: xs.data, shape: xs.shape }, y: { data: ys.data, shape: ys.shape },
      options: fitOptions, initOptions: workerInit, progressEvery,
    }, [modelBytes.buffer]),
  });
  if (updateModel) model.setWeights(result.weights);
  return { history: result.history, weights: result.weights, cancelled: result.cancelled || signal?.aborted === true };
}
