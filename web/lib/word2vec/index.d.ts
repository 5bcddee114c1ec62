// Types for Word2Vec: training in chunks on this thread, and training in a worker.
// V: vocabulary rows, D: vector dimension, K: components.
import type { KeyedVectors } from '../vectors/index.js';

/** gensim 4's Word2Vec arguments in camelCase; every one is optional, defaults as gensim. */
export interface Word2VecOptions {
  /** D, default 100. */
  vectorSize?: number;
  /** Largest distance between the current and a predicted word, default 5. */
  window?: number;
  /** Words rarer than this are dropped, default 5. */
  minCount?: number;
  /** 1: skip-gram, 0: CBOW (default). */
  sg?: 0 | 1;
  /** 1: hierarchical softmax, default 0. */
  hs?: 0 | 1;
  /** Noise words per prediction (negative sampling), default 5; 0 turns it off. */
  negative?: number;
  /** Exponent of the noise distribution, default 0.75. */
  nsExponent?: number;
  /** CBOW: 1 averages the context vectors (default), 0 sums them. */
  cbowMean?: 0 | 1;
  /** Frequent-word downsampling threshold, default 1e-3; 0 turns it off. */
  sample?: number;
  /** Initial learning rate, default 0.025. */
  alpha?: number;
  /** Final learning rate, default 1e-4. */
  minAlpha?: number;
  /** Passes over the corpus, default 5. */
  epochs?: number;
  /**
   * Training threads (gensim's workers), default 1: one thread gives bit-identical vectors
   * for a fixed seed. Clamped (never an error) to 1 in the SIMD-only build and to the
   * pthread pool size + 1 in the threads build; Word2Vec#threadsUsed says what ran.
   */
  threads?: number;
  /** Seed of every random draw, default 1. */
  seed?: number;
  /** Prune rare words while counting when more than this many are held, default 0 (never). */
  maxVocabSize?: number;
  /** Raise minCount until at most this many words remain, default 0 (no limit). */
  maxFinalVocab?: number;
  /** Lowercase text input (pre-tokenized sentences are used as given), default true. */
  lowercase?: boolean;
  /** Draw each word's window from [1, window] (gensim >= 4.1), default true. */
  shrinkWindows?: boolean;
  /** Longer lines are split into several sentences, default 10000. */
  maxSentenceLength?: number;
}

/**
 * What train() takes: one text; several texts; pre-tokenized sentences (token arrays,
 * used as given); or a (async) iterable of text chunks (strings or UTF-8 bytes, cut
 * anywhere, e.g. a fetch body stream). In text each line is a sentence.
 */
export type Word2VecCorpus =
  | string
  | string[]
  | string[][]
  | Uint8Array
  | Iterable<string | Uint8Array>
  | AsyncIterable<string | Uint8Array>;

/**
 * What Word2Vec#train's onProgress receives after a chunk of training (and
 * trainWord2VecInWorker's, posted from the worker).
 */
export interface Word2VecProgressEvent {
  /** The epoch being trained, 0-based (epochs - 1 once training is done). */
  epoch: number;
  /** Epochs asked for (Word2VecOptions.epochs). */
  epochs: number;
  /** Raw words trained / (epochs * corpus words), increasing to 1. */
  fractionDone: number;
  /** Raw words (unknown ones included, as gensim counts), over all epochs so far. */
  wordsProcessed: number;
  /** Words trained on: in the vocabulary and not downsampled. */
  effectiveWords: number;
  /** Raw words per second of training compute since train() began. */
  wordsPerSecond: number;
  /** gensim's running training loss (summed since training began). */
  loss: number;
  /** Loss summed over the current epoch so far. */
  epochLoss: number;
  /** Learning rate of the next word. */
  alpha: number;
}

/** Word2Vec#train() options; unknown names are TypeErrors, negative numbers RangeErrors. */
export interface Word2VecTrainOptions {
  /** Called after chunks (at most every progressEvery ms) and once at the end. */
  onProgress?: (event: Word2VecProgressEvent) => void;
  /**
   * Checked between chunks: training stops there and train() resolves with cancelled: true;
   * the vectors are consistent and usable, and train() without a corpus continues.
   */
  signal?: AbortSignal;
  /** Minimum milliseconds between onProgress calls, default 0 (every chunk). */
  progressEvery?: number;
  /** Raw words per chunk; default 0 adapts the chunk to about 40 ms of compute. */
  chunkWords?: number;
}

/** What Word2Vec#train() resolves to once training ends or is cancelled. */
export interface Word2VecTrainResult {
  /** True when the signal stopped training early. */
  cancelled: boolean;
  /** Epochs completed. */
  epochs: number;
  /** Raw words (unknown ones included, as gensim counts), over all epochs trained. */
  wordsProcessed: number;
  /** Words trained on: in the vocabulary and not downsampled. */
  effectiveWords: number;
  /** Raw words per second of training compute (vocabulary building excluded). */
  wordsPerSecond: number;
  /** gensim's training loss, summed over all epochs. */
  loss: number;
  /** The loss summed over each epoch begun. */
  epochLosses: number[];
  /** V: words kept after minCount, maxFinalVocab and pruning. */
  vocabSize: number;
  /** Raw words in the corpus (one epoch). */
  corpusWords: number;
}

/** word2vec trained in chunks with the event loop running in between. */
export class Word2Vec {
  /** Throws TypeError for unknown option names (listing the valid ones), RangeError for values out of range. */
  constructor(options?: Word2VecOptions);
  /** The options, defaults filled in. */
  readonly options: Readonly<Required<Word2VecOptions>>;
  /** Threads training really uses (see Word2VecOptions.threads). */
  readonly threadsUsed: number;
  /** Whether the loaded engine is the threads build. */
  static readonly threadsSupported: boolean;
  /**
   * The vectors, kept in step with training (synced before any query, so never stale);
   * null before the vocabulary is built. Owned by this Word2Vec: use wv.copy() to keep them after dispose().
   */
  readonly wv: KeyedVectors | null;
  /** Count of the word in row `index` of wv (rows are sorted by descending count). */
  wordCount(index: number): number;
  /** Counts the corpus and fixes the vocabulary; train() does this when it was not done. */
  buildVocab(corpus: Word2VecCorpus): Promise<void>;
  /** Trains on the corpus; after a cancelled run, train() without a corpus continues. */
  train(corpus?: Word2VecCorpus, options?: Word2VecTrainOptions): Promise<Word2VecTrainResult>;
  dispose(): void;
  [Symbol.dispose](): void;
}

/** A PCA of the most frequent words sent with trainWord2VecInWorker's progress (pca option) and result. */
export interface PcaSnapshot {
  /** The `count` most frequent words, in row order. */
  words: string[];
  /** (count, k) row-major. */
  projection: Float32Array;
  /** Components per word (the pca option's k). */
  k: number;
  /** Share of the variance of these words' vectors along each component, largest first. */
  explainedVarianceRatio: number[];
}

/** trainWord2VecInWorker() options; unknown names are TypeErrors, values out of range RangeErrors. */
export interface TrainWord2VecInWorkerOptions {
  /** Called with each progress event from the worker; `pca` is present when the pca option asked for one and it was due. */
  onProgress?: (event: Word2VecProgressEvent & { pca?: PcaSnapshot }) => void;
  /** Stops training between chunks; the promise then resolves with cancelled: true and the vectors so far. */
  signal?: AbortSignal;
  /** With each progress event (at most every `every` ms, default 250), a PCA of the `count` (default 500) most frequent words onto k (default 2) components. */
  pca?: { count?: number; every?: number; k?: number };
  /** Minimum milliseconds between progress events, default 100. */
  progressEvery?: number;
  /**
   * init() options for the worker's engine; default: the threads build when threads > 1,
   * else the SIMD build. A locateFile is called on this thread for each engine file
   * (functions cannot be posted) and the worker uses its answers.
   */
  initOptions?: { threads?: boolean; poolSize?: number; locateFile?: (name: string, prefix: string) => string; wasmBinary?: ArrayBuffer | Uint8Array };
  /**
   * The worker script: a bundle of `embedwasm/worker` (esbuild does not follow the
   * package's own worker URL; see the README). Default: the package's worker main,
   * which bundlers following new Worker(new URL(...)) and unbundled pages find. Under Node, a file: URL or a path.
   */
  workerUrl?: string | URL;
}

/** What trainWord2VecInWorker() resolves to: the training result with the vectors, which no longer live in wasm memory. */
export interface TrainWord2VecInWorkerResult extends Word2VecTrainResult {
  /** The vocabulary (V,), most frequent first, the row order of vectors. */
  words: string[];
  /** (V * dim) row-major, transferred from the worker. */
  vectors: Float32Array;
  /** D */
  dim: number;
  /** Threads the worker's training used (see Word2VecOptions.threads). */
  threadsUsed: number;
  /** The final PCA snapshot when the pca option was given. */
  pca?: PcaSnapshot;
  /** A KeyedVectors of the result on this thread (call init() first). */
  toKeyedVectors(): KeyedVectors;
}

/** Trains a Word2Vec in a Web Worker (browsers) or worker_threads Worker (Node). */
export function trainWord2VecInWorker(options: Word2VecOptions, corpus: Word2VecCorpus,
  trainOptions?: TrainWord2VecInWorkerOptions): Promise<TrainWord2VecInWorkerResult>;
