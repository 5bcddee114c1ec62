// trainFastTextInWorker: fastText training off the main thread (worker_jobs.js runs
// fasttext_job.js). Progress arrives as callbacks, an AbortSignal stops training between
// chunks, and the model comes back as its .bin bytes, loaded here.
import { checkOptionNames, integerOption, kindOf } from '../core/options.js';
import { FastText } from '../fasttext/fasttext.js';
import { trainingRecord } from '../fasttext/fasttext_options.js';
import { portableInitOptions, runJobInWorker } from './start_worker.js';

const TRAIN_OPTIONS = ['onProgress', 'signal', 'progressEvery', 'initOptions', 'workerUrl'];

/**
 * Trains in a worker: options.model 'supervised' (fastText's supervised command and its
 * defaults), 'skipgram' or 'cbow'. Resolves to a FastText whose `training` holds the report
 * ({cancelled, threadsUsed, tokensProcessed, tokensPerSecond, loss, seconds}).
 */
export async function trainFastTextInWorker(text, options = {}, trainOptions = {}) {
  const where = 'trainFastTextInWorker';
  if (typeof text !== 'string' && !(text instanceof Uint8Array)) throw new TypeError(`${where}: text must be a string or UTF-8 bytes, got ${kindOf(text)}`);
  if (options === null || typeof options !== 'object') throw new TypeError(`${where}: options must be an object, got ${kindOf(options)}`);
  const supervised = options.model === 'supervised';
  const { model: _mode, ...rest } = options;
  const checked = supervised ? rest : options;
  trainingRecord(supervised, checked, where);  // bad options fail here, before a worker starts
  checkOptionNames(where, trainOptions, TRAIN_OPTIONS);
  const { onProgress, signal } = trainOptions;
  if (onProgress !== undefined && typeof onProgress !== 'function') throw new TypeError(`${where}: onProgress must be a function`);
  const progressEvery = integerOption(where, trainOptions, 'progressEvery', 100);
  const thread = checked.thread ?? 1;
  const initOptions = await portableInitOptions(where,
    trainOptions.initOptions ?? (thread > 1 ? {} : { threads: false }), trainOptions.workerUrl);
  const result = await runJobInWorker(where, trainOptions.workerUrl, {
    signal,
    onProgress,
    toEvent: ({ type, ...event }) => event,
    start: (send) => send({ type: 'fasttext', supervised, text, options: { thread: 1, ...checked }, initOptions, progressEvery }),
  });
  const { type, modelBytes, ...report } = result;
  return FastText.load(modelBytes)._withTraining(Object.freeze(report));
}
