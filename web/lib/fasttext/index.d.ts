// Types for fastText models: loading .bin/.ftz files, inference with fastText's numbers,
// training (on this thread in chunks, or in a worker), quantization and saving.
// V: vocabulary rows, D: vector dimension, K: neighbours or labels per line.
import type { KeyedVectors, MostSimilarOptions, Neighbor, QueryTerm } from '../vectors/index.js';

/** fastText's training arguments in camelCase; every one is optional, defaults as fastText's command for the mode. */
export interface FastTextTrainingOptions {
  /** Learning rate: supervised 0.1, unsupervised 0.05. */
  lr?: number;
  /** D, default 100. */
  dim?: number;
  /** Context window (unsupervised), default 5. */
  ws?: number;
  /** Passes over the text, default 5. */
  epoch?: number;
  /** Words rarer than this are dropped: supervised 1, unsupervised 5. */
  minCount?: number;
  /** Labels rarer than this are dropped, default 0. */
  minCountLabel?: number;
  /** Negatives per positive (loss 'ns'), default 5. */
  neg?: number;
  /** Longest word n-gram (supervised), default 1. */
  wordNgrams?: number;
  /** supervised 'softmax', unsupervised 'ns'. */
  loss?: 'softmax' | 'hs' | 'ns' | 'ova';
  /** Rows shared by hashed n-grams, default 2000000 (0 when nothing is hashed). */
  bucket?: number;
  /** Shortest character n-gram: supervised 0, unsupervised 3. */
  minn?: number;
  /** Longest character n-gram: supervised 0 (none), unsupervised 6. */
  maxn?: number;
  /** Tokens between learning-rate updates, default 100. */
  lrUpdateRate?: number;
  /** Subsampling threshold, default 1e-4. */
  t?: number;
  /** Label prefix, default '__label__'. */
  label?: string;
  /** Seed of the random generator, default 0 (one thread: the same model every run). */
  seed?: number;
  /** Threads (Hogwild), default 12, clamped to what the loaded build runs (1 without threads). */
  thread?: number;
  /** The text (or bytes) of a .vec file whose vectors start the input rows (its dimension must be dim). */
  pretrainedVectors?: string | Uint8Array;
}

/** trainUnsupervised's options: the model is 'skipgram' (default) or 'cbow'. */
export interface FastTextUnsupervisedOptions extends FastTextTrainingOptions {
  model?: 'skipgram' | 'cbow';
}

/** A progress event of training. */
export interface FastTextProgress {
  fractionDone: number;
  tokensProcessed: number;
  tokensTotal: number;
  /** All threads together, over the time spent in training calls. */
  tokensPerSecond: number;
  /** Mean loss per example so far. */
  loss: number;
  /** The learning rate reached. */
  lr: number;
}

/** How training ran. */
export interface FastTextTrainingReport extends FastTextProgress {
  cancelled: boolean;
  threadsUsed: number;
  seconds: number;
}

export interface FastTextTrainOptions {
  onProgress?: (event: FastTextProgress) => void;
  /** Stops training between chunks; the model as it stands is returned (training.cancelled). */
  signal?: AbortSignal;
  /** Least milliseconds between progress events, default 0. */
  progressEvery?: number;
  /** Tokens per chunk; 0 (default) tunes chunks to about 40 ms. */
  chunkTokens?: number;
}

/** fastText's quantize options. */
export interface FastTextQuantizeOptions {
  /** Input rows kept (words and n-grams of largest norm), 0 = all. */
  cutoff?: number;
  /** Fine-tune the kept rows first (a model trained here only). */
  retrain?: boolean;
  /** Quantize the rows' norms separately. */
  qnorm?: boolean;
  /** Quantize the output matrix too. */
  qout?: boolean;
  /** Floats per sub-vector, default 2. */
  dsub?: number;
  /** With retrain: epochs (5), learning rate (0.05) and threads (1). */
  epoch?: number;
  lr?: number;
  thread?: number;
}

export interface FastTextPrediction {
  label: string;
  probability: number;
}

/** The arguments a model file stores. */
export interface FastTextArgs {
  model: 'supervised' | 'skipgram' | 'cbow';
  loss: 'softmax' | 'hs' | 'ns' | 'ova';
  dim: number; ws: number; epoch: number; minCount: number; neg: number; wordNgrams: number;
  bucket: number; minn: number; maxn: number; lrUpdateRate: number; t: number;
}

/** FastText#wv: KeyedVectors queries where a word outside the vocabulary stands for its subword vector. */
export interface FastTextKeyedVectors {
  /** The vocabulary's vectors as plain KeyedVectors (owned by the model). */
  readonly vectors: KeyedVectors;
  readonly size: number;
  readonly vectorSize: number;
  readonly indexToKey: readonly string[];
  hasIndexFor(word: string): boolean;
  has(word: string): boolean;
  getVector(word: string, options?: { norm?: boolean }): Float32Array;
  mostSimilar(positive: QueryTerm | QueryTerm[], options?: MostSimilarOptions): Neighbor[];
  mostSimilarCosmul(positive: QueryTerm | QueryTerm[], options?: MostSimilarOptions): Neighbor[];
  similarByWord(word: string, options?: { topn?: number; restrictVocab?: number }): Neighbor[];
  similarByVector(vector: Float32Array | number[], options?: { topn?: number; restrictVocab?: number }): Neighbor[];
  similarity(w1: string, w2: string): number;
  distance(w1: string, w2: string): number;
}

/** A fastText model; queries give fastText 0.9.2's numbers. */
export class FastText {
  private constructor();
  /** A .bin or .ftz file's bytes; a URL or (Node) path gives a Promise. */
  static load(data: Uint8Array | ArrayBuffer | ArrayBufferView): FastText;
  static load(url: string | URL): Promise<FastText>;
  static trainSupervised(text: string | Uint8Array, options?: FastTextTrainingOptions & FastTextTrainOptions,
    trainOptions?: FastTextTrainOptions): Promise<FastText>;
  static trainUnsupervised(text: string | Uint8Array, options?: FastTextUnsupervisedOptions & FastTextTrainOptions,
    trainOptions?: FastTextTrainOptions): Promise<FastText>;
  static readonly threadsSupported: boolean;

  readonly args: FastTextArgs;
  readonly dim: number;
  readonly isSupervised: boolean;
  readonly isQuantized: boolean;
  /** What training reported; null for a loaded model. */
  readonly training: FastTextTrainingReport | null;
  readonly words: readonly string[];
  readonly wordCounts: readonly number[];
  readonly labels: readonly string[];
  readonly labelCounts: readonly number[];
  readonly wv: FastTextKeyedVectors;
  readonly isDisposed: boolean;

  /** (D,) */
  getWordVector(word: string): Float32Array;
  /** (D,) of one line. */
  getSentenceVector(text: string): Float32Array;
  getSubwords(word: string): { subwords: string[]; ids: Int32Array };
  predict(text: string, options?: { k?: number; threshold?: number }): FastTextPrediction[];
  predict(lines: string[], options?: { k?: number; threshold?: number }): FastTextPrediction[][];
  test(text: string | Uint8Array, options?: { k?: number; threshold?: number }):
    { examples: number; precision: number; recall: number; gold: number; predicted: number; correct: number };
  getNearestNeighbors(word: string, k?: number): Neighbor[];
  getAnalogies(a: string, b: string, c: string, k?: number): Neighbor[];
  quantize(options?: FastTextQuantizeOptions): FastText;
  save(options?: { format?: 'bin' | 'ftz' }): Uint8Array;
  /** The vocabulary's vectors as a .vec file. */
  saveVectors(): Uint8Array;
  /** layers.embeddingBag() options holding the input rows (words, then n-gram buckets). */
  embeddingBagOptions(): { inputDim: number; outputDim: number; mode: 'mean'; weights: [{ data: Float32Array; shape: [number, number] }] };
  dispose(): void;
  [Symbol.dispose](): void;
}

export interface TrainFastTextInWorkerOptions {
  onProgress?: (event: FastTextProgress) => void;
  signal?: AbortSignal;
  /** Least milliseconds between progress events, default 100. */
  progressEvery?: number;
  /** init() options for the worker's engine. */
  initOptions?: object;
  /** A bundle of 'embedwasm/worker' to run instead of the package's. */
  workerUrl?: string | URL;
}

/** Trains in a worker; options.model 'supervised', 'skipgram' or 'cbow' (thread defaults to 1 there). */
export function trainFastTextInWorker(text: string | Uint8Array,
  options: (FastTextTrainingOptions & { model: 'supervised' }) | FastTextUnsupervisedOptions,
  trainOptions?: TrainFastTextInWorkerOptions): Promise<FastText>;
