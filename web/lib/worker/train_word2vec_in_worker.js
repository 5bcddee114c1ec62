// trainWord2VecInWorker: Word2Vec training off the main thread (worker_jobs.js runs
// word2vec_job.js). Progress arrives as callbacks, optionally with a PCA snapshot of the
// most frequent words for a live scatter plot; an AbortSignal stops training between
// chunks; the vectors come back as a transferred Float32Array.
import { checkOptionNames, integerOption, kindOf } from '../core/options.js';
import { KeyedVectors } from '../vectors/keyed_vectors.js';
import { word2vecOptions } from '../word2vec/word2vec_options.js';
import { portableInitOptions, runJobInWorker } from './start_worker.js';

const OPTIONS = ['onProgress', 'signal', 'pca', 'progressEvery', 'initOptions', 'workerUrl'];

function pcaOptions(where, pca) {
  if (pca === undefined || pca === null || pca === false) return null;
  checkOptionNames(`${where} pca`, pca, ['count', 'every', 'k']);
  const count = integerOption(`${where} pca`, pca, 'count', 500);
  const every = integerOption(`${where} pca`, pca, 'every', 250);
  const k = integerOption(`${where} pca`, pca, 'k', 2);
  if (count < 2) throw new RangeError(`${where}: pca.count must be >= 2, got ${count}`);
  if (every < 0) throw new RangeError(`${where}: pca.every must be >= 0 (milliseconds), got ${every}`);
  if (k < 1 || k > 16) throw new RangeError(`${where}: pca.k must be in [1, 16], got ${k}`);
  return { count, every, k };
}

function isPlainCorpus(corpus) {
  return typeof corpus === 'string' || Array.isArray(corpus) || corpus instanceof Uint8Array;
}

/**
 * Trains a Word2Vec in a worker. Resolves to {words, vectors, dim, cancelled, epochs,
 * epochLosses, wordsProcessed, wordsPerSecond, loss, threadsUsed, pca?, toKeyedVectors()}.
 */
export async function trainWord2VecInWorker(options, corpus, trainOptions = {}) {
  const where = 'trainWord2VecInWorker';
  const checked = word2vecOptions(options ?? {}, where);
  checkOptionNames(where, trainOptions, OPTIONS);
  const { onProgress, signal } = trainOptions;
  if (onProgress !== undefined && typeof onProgress !== 'function') throw new TypeError(`${where}: onProgress must be a function`);
  const progressEvery = integerOption(where, trainOptions, 'progressEvery', 100);
  const pca = pcaOptions(where, trainOptions.pca);
  // threads > 1 asks for the threads build where it can load; else the SIMD build is
  // enough and starts faster.
  const initOptions = await portableInitOptions(where,
    trainOptions.initOptions ?? (checked.threads > 1 ? {} : { threads: false }), trainOptions.workerUrl);
  const streamed = !isPlainCorpus(corpus);
  if (streamed && (corpus === null || typeof corpus !== 'object' ||
      !(Symbol.asyncIterator in corpus || Symbol.iterator in corpus))) {
    throw new TypeError(`${where}: corpus must be a string, an array of texts or token arrays, or a (async) iterable of text chunks, got ${kindOf(corpus)}`);
  }
  const result = await runJobInWorker(where, trainOptions.workerUrl, {
    signal,
    onProgress,
    toEvent: ({ type, ...event }) => event,
    start: (send, fail) => {
      send({ type: 'word2vec', options: checked, corpus: streamed ? undefined : corpus, streamed, initOptions, progressEvery, pca });
      if (streamed) {
        (async () => {
          for await (const chunk of corpus) send({ type: 'chunk', data: chunk });
          send({ type: 'end' });
        })().catch(fail);
      }
    },
  });
  const { type, ...out } = result;
  out.toKeyedVectors = () => KeyedVectors.fromArrays(out.words, out.vectors, out.dim);
  return out;
}
