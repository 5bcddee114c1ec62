/// <reference lib="esnext.disposable" />
// Types for the embedwasm public API. Shapes use the letters V (vocabulary rows),
// D (dimension), B (batch / bags), T (sequence length), N (number of ids).

/** A dense float32 result; always a copy the caller owns. */
export interface TensorData<T extends ArrayLike<number> = Float32Array> {
  data: T;
  shape: number[];
}

/** A flat typed array as inputs accept it (ids as BigInt64Array too). */
export type TypedArray =
  | Float32Array | Float64Array | Int32Array | Uint32Array | Int16Array | Uint16Array
  | Int8Array | Uint8Array | Uint8ClampedArray | BigInt64Array | BigUint64Array;

/** Nested arrays (up to 4 levels, the innermost may be typed arrays). */
export type NestedArray =
  | number[]
  | Array<number[] | TypedArray>
  | Array<Array<number[] | TypedArray>>
  | Array<Array<Array<number[] | TypedArray>>>;

/**
 * What every input accepts: a number, nested arrays (their shape is read off them), a
 * flat typed array (1-D), or {data, shape} with a flat array or typed array of that many
 * values (e.g. tensor()'s result).
 */
export type TensorLike =
  | number
  | NestedArray
  | TypedArray
  | { data: NestedArray | TypedArray | ArrayLike<number>; shape?: readonly number[] };

/** tensor()'s result: flat values and a shape, both frozen (the values are not copied). */
export interface Tensor<T extends Float32Array | Int32Array = Float32Array | Int32Array> {
  readonly data: T;
  readonly shape: readonly number[];
}

/**
 * A tensor as every input accepts it. `data`: nested arrays (shape optional, checked
 * when given), or a flat array / typed array with `shape` (default 1-D), or another
 * {data, shape}. `dtype` defaults to the typed array's own when it is Float32Array or
 * Int32Array, else 'float32' as in TF.js; use 'int32' for ids above 2^24.
 * Ragged arrays, a shape that does not match and non-numbers are TypeErrors naming where;
 * a negative dimension is a RangeError.
 */
export function tensor(data: Int32Array, shape?: readonly number[], dtype?: 'int32'): Tensor<Int32Array>;
export function tensor(data: TensorLike, shape: readonly number[] | undefined, dtype: 'int32'): Tensor<Int32Array>;
export function tensor(data: TensorLike, shape?: readonly number[], dtype?: 'float32'): Tensor<Float32Array>;
export function tensor(data: TensorLike, shape?: readonly number[], dtype?: 'float32' | 'int32'): Tensor;

/** init() options; all optional. */
export interface InitOptions {
  /**
   * Load the SIMD + threads build. Default: yes in Node and in cross-origin isolated
   * pages (COOP/COEP headers), else the SIMD-only build. true where threads cannot run
   * rejects with an Error saying which headers to send.
   */
  threads?: boolean;
  /**
   * Where the engine files are: called with a file name (embedwasm_simd.wasm,
   * embedwasm_threads.wasm, embedwasm_threads.worker.js) and the glue's folder; returns
   * its URL (a path or file: URL under Node). Default: the glue's own
   * `new URL(name, import.meta.url)`, which Vite and webpack follow; esbuild users copy
   * the files from embedwasm/dist/wasm/ next to the bundle or say where with this.
   */
  locateFile?: (name: string, prefix: string) => string;
  /** The .wasm bytes, if you fetched them yourself; `threads` must then say which build they are. */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** Worker threads kept ready in the threads build, 1 to 64 (default: hardware concurrency, max 8). */
  poolSize?: number;
}

/** Which build init() loaded. */
export interface EngineInfo {
  /** Always true: every build uses WASM SIMD. */
  simd: boolean;
  /** Whether the build has threads (shared memory and a pthread pool). */
  threads: boolean;
  variant: 'simd' | 'threads';
}

/**
 * Loads the WebAssembly engine; await it before anything else. Idempotent: later calls
 * return the first call's promise (their options are ignored; one build per page or
 * process). Rejects with TypeError/RangeError for bad options and with an Error where the
 * JavaScript engine lacks WebAssembly SIMD; a failed load may be retried.
 */
export function init(options?: InitOptions): Promise<EngineInfo>;

/** Bytes of wasm heap currently allocated (for leak checks). */
export function memoryInUse(): number;

/**
 * Sets how many threads gather, EmbeddingBag, backward, the optimizers' row updates, the
 * Dense layers in fit() and nearest-neighbour search split their work over (the calling
 * thread included). init() sets it to the pool size + 1 capped at the hardware concurrency
 * (max 8) in the threads build, 1 in the SIMD-only build. Clamped to the pool size + 1;
 * returns the count in effect.
 * Results do not depend on it (work is split by output rows). TypeError unless an
 * integer, RangeError below 1; needs init().
 */
export function setThreads(count: number): number;

/** Threads the hot paths use now (see setThreads). */
export function threadCount(): number;

/** Keras initializer names (camelCase), for embeddingsInitializer and kernelInitializer. */
export type InitializerName =
  | 'uniform' | 'randomUniform' | 'normal' | 'randomNormal' | 'truncatedNormal'
  | 'glorotUniform' | 'glorotNormal' | 'heUniform' | 'heNormal' | 'lecunUniform'
  | 'lecunNormal' | 'zeros' | 'ones' | 'constant' | 'orthogonal';

/** An initializer with its arguments, e.g. {name: "uniform", minval: -1, maxval: 1}. */
export interface InitializerSpec {
  name: InitializerName;
  minval?: number;
  maxval?: number;
  mean?: number;
  stddev?: number;
  value?: number;
  gain?: number;
}

/** Keras regularizers: a name with its default factor (0.01) or explicit factors. */
export type RegularizerSpec = 'l1' | 'l2' | 'l1l2' | { l1?: number; l2?: number };
/** Keras constraints, applied to the weights after each optimizer step. */
export type ConstraintSpec =
  | 'maxNorm' | 'unitNorm' | 'nonNeg' | 'minMaxNorm'
  | { kind: 'maxNorm' | 'unitNorm' | 'nonNeg' | 'minMaxNorm'; maxValue?: number; minValue?: number; rate?: number };

/** Options both table layers share (Keras names, PyTorch extras). */
export interface TableOptions {
  /** V: number of rows (ids 0..V-1). */
  inputDim: number;
  /** D: length of each vector. */
  outputDim: number;
  /** Keras default: uniform in [-0.05, 0.05]. */
  embeddingsInitializer?: InitializerName | InitializerSpec;
  /** Initial table as [W] with W of shape [inputDim, outputDim] (Keras `weights`, Lasagne `W`). */
  weights?: [TensorLike];
  /** PyTorch padding_idx: that row starts at zero and never receives gradient; negative wraps. */
  paddingIdx?: number;
  /** PyTorch max_norm: looked-up rows are renormalised in place to this norm. */
  maxNorm?: number;
  /** p of the max_norm norm (default 2; Infinity allowed). */
  normType?: number;
  /** Divide each row's gradient by how often its id occurs in the batch. */
  scaleGradByFreq?: boolean;
  /** Gradients as touched rows; optimizers update only those rows. */
  sparse?: boolean;
  /** Seed of the initializer (default: random). */
  seed?: number;
  embeddingsRegularizer?: RegularizerSpec;
  embeddingsConstraint?: ConstraintSpec;
  name?: string;
}

/** layers.embedding() options. */
export interface EmbeddingOptions extends TableOptions {
  /** Keras mask_zero: computeMask(x) gives x != 0, and pooling skips masked steps. */
  maskZero?: boolean;
  /** Keras input_length: the last axis of the ids must have this length. */
  inputLength?: number;
}

/** The gradient of a table as its touched rows (sorted, unique). */
export interface SparseGradient {
  indices: Int32Array;
  values: TensorData;
  denseShape: [number, number];
}

/** An object owning wasm memory: free it with dispose() or a `using` declaration. */
export interface Disposable {
  /** Frees the wasm memory this object owns; safe to call twice. */
  dispose(): void;
  /** dispose(), for `using model = sequential(...)`. */
  [Symbol.dispose](): void;
  readonly isDisposed: boolean;
}

/** What both table layers have. */
export interface TableLayer extends Disposable {
  readonly inputDim: number;
  readonly outputDim: number;
  /** [W] with W of shape [inputDim, outputDim], a copy. */
  getWeights(): TensorData[];
  setWeights(weights: [TensorLike]): void;
}

/**
 * float32 values in the wasm heap, owned by the caller (dispose() frees them). `data` is a
 * view made when read: read it after each call, since memory growth detaches old views.
 */
export declare class HeapTensor {
  readonly shape: readonly number[];
  readonly length: number;
  readonly data: Float32Array;
  readonly isDisposed: boolean;
  dispose(): void;
  [Symbol.dispose](): void;
}
/** A HeapTensor of `shape` (values unspecified until written); needs init(). */
export declare function heapTensor(shape: number[]): HeapTensor;

/** A lookup table (Keras Embedding, PyTorch nn.Embedding); made by layers.embedding(). */
export interface Embedding extends TableLayer {
  /**
   * ids of shape S -> vectors of shape S + [outputDim]. With `out` (exactly that many
   * elements) the rows are written there: a Float32Array is returned as `data` (no
   * allocation per call); a HeapTensor receives them in the wasm heap (no copy at all).
   */
  apply(x: TensorLike, options?: { out?: Float32Array | HeapTensor }): TensorData;
  /** x != 0 as 0/1 bytes of x's shape; needs maskZero. */
  computeMask(x: TensorLike): TensorData<Uint8Array>;
  /**
   * dL/dW from ids and dL/dout (shape S + [outputDim]); a HeapTensor dy is read where it
   * lies. With `out` (dense layers, inputDim * outputDim elements) the gradient is written
   * there: a Float32Array is returned as `data`; a HeapTensor receives it in the wasm heap.
   */
  backward(x: TensorLike, dy: TensorLike | HeapTensor, options?: { out?: Float32Array | HeapTensor }): TensorData | SparseGradient;
}

/** layers.embeddingBag() options. */
export interface EmbeddingBagOptions extends TableOptions {
  /** How a bag reduces to one vector (PyTorch default 'mean'). */
  mode?: 'sum' | 'mean' | 'max';
  /** offsets has B + 1 entries, the last equal to the number of ids (CSR). */
  includeLastOffset?: boolean;
}

/** How an EmbeddingBag call splits its ids into bags. */
export interface BagCallOptions {
  /** Start of each bag in 1-D ids (PyTorch rules). Omit for 2-D ids [B, L]. */
  offsets?: TensorLike;
  /** One weight per id, mode 'sum' only. */
  perSampleWeights?: TensorLike;
}

/** Lookup and reduce per bag (PyTorch nn.EmbeddingBag); made by layers.embeddingBag(). */
export interface EmbeddingBag extends TableLayer {
  /** One vector per bag: shape [B, outputDim]. */
  apply(x: TensorLike, options?: BagCallOptions): TensorData;
  backward(x: TensorLike, dy: TensorLike, options?: BagCallOptions): TensorData | SparseGradient;
  /** dL/d(perSampleWeights), shaped like the ids (mode 'sum'). */
  backwardPerSampleWeights(x: TensorLike, dy: TensorLike, options?: { offsets?: TensorLike }): TensorData;
}

/** Activations of dense() and activation(). */
export type ActivationName = 'linear' | 'relu' | 'sigmoid' | 'tanh' | 'softmax';

/** layers.dense() options (TF.js names). */
export interface DenseOptions {
  units: number;
  activation?: ActivationName;
  useBias?: boolean;
  kernelInitializer?: InitializerName;
  biasInitializer?: InitializerName;
  seed?: number;
  kernelRegularizer?: RegularizerSpec;
  biasRegularizer?: RegularizerSpec;
  kernelConstraint?: ConstraintSpec;
  biasConstraint?: ConstraintSpec;
  /** [kernel [in, units], bias [units]] as in TF.js. */
  weights?: TensorLike[];
  name?: string;
}

/** A layer that lives inside a model; it has weights once the model is built. */
export interface ModelLayer {
  getWeights(): TensorData[];
  setWeights(weights: TensorLike[]): void;
}

import type {
  Hashing, HashingOptions, IntegerLookup, IntegerLookupOptions, PreprocessedData, StringLookup, StringLookupOptions,
  TextVectorization, TextVectorizationOptions, Texts,
} from './text/index.js';
export type {
  Hashing, HashingOptions, IntegerLookup, IntegerLookupOptions, PreprocessedData, StringLookup, StringLookupOptions,
  TextVectorization, TextVectorizationOptions, Texts,
} from './text/index.js';

/** A layer that turns raw inputs into ids or encodings; only as a model's first layer. */
export type PreprocessingLayer = TextVectorization | StringLookup | IntegerLookup | Hashing;
/** A model's x: numbers, or raw strings / tokens when its first layer is a preprocessing layer. */
export type ModelInput = TensorLike | readonly string[] | ReadonlyArray<readonly string[]> | ReadonlyArray<ArrayLike<string | number | bigint>>;
/** Any layer a Sequential holds. */
export type AnyLayer = Embedding | EmbeddingBag | ModelLayer | PreprocessingLayer;

/** Layer factories, TF.js style: layers.embedding({inputDim, outputDim}). */
export namespace layers {
  /** Keras's TextVectorization: texts -> ids or encodings (standardize, split, n-grams, lookup). */
  function textVectorization(options?: TextVectorizationOptions): TextVectorization;
  /** Keras's StringLookup: string tokens <-> indices or encodings. */
  function stringLookup(options?: StringLookupOptions): StringLookup;
  /** Keras's IntegerLookup: int64 tokens <-> indices or encodings. */
  function integerLookup(options?: IntegerLookupOptions): IntegerLookup;
  /** Keras's Hashing: values -> bins by FarmHash Fingerprint64 (SipHash with a salt). */
  function hashing(options: HashingOptions): Hashing;
  /** ids of any shape S -> vectors S + [outputDim]; usable alone or as a model's first layer. */
  function embedding(options: EmbeddingOptions): Embedding;
  /** ids in bags (2-D, or 1-D with offsets) -> one reduced vector per bag. */
  function embeddingBag(options: EmbeddingBagOptions): EmbeddingBag;
  /** The Embedding class, for instanceof. */
  const Embedding: { new (options: EmbeddingOptions): Embedding; prototype: Embedding };
  /** The EmbeddingBag class, for instanceof. */
  const EmbeddingBag: { new (options: EmbeddingBagOptions): EmbeddingBag; prototype: EmbeddingBag };
  /** Fully connected: activation(x W + b). */
  function dense(options: DenseOptions): ModelLayer;
  /** (B, ...) -> (B, product of the rest). */
  function flatten(options?: { name?: string }): ModelLayer;
  /** Mean over time steps, skipping steps masked by maskZero. */
  function globalAveragePooling1d(options?: { name?: string }): ModelLayer;
  /** Max over time steps, skipping masked steps. */
  function globalMaxPooling1d(options?: { name?: string }): ModelLayer;
  /** Zeroes a `rate` fraction during fit() (scaled by 1 / (1 - rate)); identity in predict(). */
  function dropout(options: { rate: number; seed?: number; name?: string }): ModelLayer;
  /** An activation on its own. */
  function activation(options: { activation: ActivationName; name?: string }): ModelLayer;
}

/** A learning-rate schedule over the optimizer steps of fit(). */
export interface ScheduleSpec {
  name: 'constant' | 'linear' | 'exponential' | 'cosine';
  finalLearningRate?: number;
  decayRate?: number;
  decaySteps?: number;
  staircase?: boolean;
  alpha?: number;
  totalSteps?: number;
}

/** Every optimizer option; each optimizer reads the ones it has. */
export interface OptimizerOptions {
  learningRate?: number;
  momentum?: number;
  nesterov?: boolean;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  rho?: number;
  centered?: boolean;
  initialAccumulatorValue?: number;
  weightDecay?: number;
  decay?: number;
  clipNorm?: number;
  clipValue?: number;
  schedule?: ScheduleSpec['name'] | ScheduleSpec;
}

/** An optimizer as compile() takes it. */
export interface Optimizer extends Readonly<Required<Omit<OptimizerOptions, 'schedule'>>> {
  readonly name: string;
}

/** Optimizer factories as TF.js's tf.train: train.adam(0.01). */
export namespace train {
  function sgd(learningRate?: number | OptimizerOptions): Optimizer;
  function momentum(learningRate?: number | OptimizerOptions, momentum?: number, nesterov?: boolean): Optimizer;
  function adagrad(learningRate?: number | OptimizerOptions, initialAccumulatorValue?: number): Optimizer;
  function rmsprop(learningRate?: number | OptimizerOptions, rho?: number, momentum?: number, epsilon?: number, centered?: boolean): Optimizer;
  function adam(learningRate?: number | OptimizerOptions, beta1?: number, beta2?: number, epsilon?: number): Optimizer;
  function adamw(learningRate?: number | OptimizerOptions, beta1?: number, beta2?: number, epsilon?: number, weightDecay?: number): Optimizer;
  function adamax(learningRate?: number | OptimizerOptions, beta1?: number, beta2?: number, epsilon?: number): Optimizer;
  /** PyTorch SparseAdam for sparse embeddings. */
  function sparseAdam(learningRate?: number | OptimizerOptions, beta1?: number, beta2?: number, epsilon?: number): Optimizer;
}

/** Losses of compile(). */
export type LossName =
  | 'sparseCategoricalCrossentropy' | 'categoricalCrossentropy' | 'binaryCrossentropy'
  | 'meanSquaredError' | 'mse';
/** Metrics of compile(); logged per batch and per epoch. */
export type MetricName = 'accuracy' | 'acc' | 'binaryAccuracy' | 'sparseCategoricalAccuracy' | 'categoricalAccuracy';
/** Optimizers by name, with default settings. */
export type OptimizerName = 'sgd' | 'momentum' | 'adagrad' | 'rmsprop' | 'adam' | 'adamw' | 'adamax' | 'sparseAdam';

/** model.compile() options, as TF.js. */
export interface CompileOptions {
  optimizer: OptimizerName | Optimizer;
  loss: LossName | { name: LossName; fromLogits?: boolean };
  metrics?: MetricName[];
}

/** Loss and metric values of a batch or an epoch. */
export type Logs = { loss: number } & Record<string, number>;

/** model.fit() options, as TF.js, plus a shuffling seed. */
export interface FitOptions {
  epochs?: number;
  batchSize?: number;
  validationSplit?: number;
  validationData?: [ModelInput, TensorLike];
  shuffle?: boolean;
  /** Shuffling seed; the same seed and build give the same weights bit for bit. */
  seed?: number;
  classWeight?: Record<number, number>;
  sampleWeight?: ArrayLike<number>;
  /** Milliseconds between yields to the event loop (default 50). */
  yieldEvery?: number;
  callbacks?: {
    onTrainBegin?: () => void | Promise<void>;
    onEpochBegin?: (epoch: number) => void | Promise<void>;
    onBatchEnd?: (batch: number, logs: Logs) => void | Promise<void>;
    onEpochEnd?: (epoch: number, logs: Logs) => void | Promise<void>;
    onTrainEnd?: () => void | Promise<void>;
  };
}

/** What fit() resolves to: one value per epoch for each log name. */
export interface History {
  epoch: number[];
  history: Record<string, number[]>;
}

/** A stack of layers trained with fit(), as TF.js's tf.Sequential. */
export interface Sequential extends Disposable {
  readonly layers: AnyLayer[];
  /** The preprocessing first layer, or null; with one, x is raw strings or tokens. */
  readonly preprocessing: PreprocessingLayer | null;
  readonly built: boolean;
  /** Set from a callback to stop fit() after the current batch. */
  stopTraining: boolean;
  readonly learningRate: number;
  add(layer: AnyLayer): void;
  /** inputShape: per sample, e.g. [T] ids. Called by the first fit/predict otherwise. */
  build(inputShape: number[]): void;
  compile(options: CompileOptions): void;
  fit(x: ModelInput, y: TensorLike, options?: FitOptions): Promise<History>;
  evaluate(x: ModelInput, y: TensorLike, options?: { batchSize?: number; sampleWeight?: ArrayLike<number> }): Logs;
  predict(x: ModelInput, options?: { batchSize?: number }): TensorData;
  trainOnBatch(x: ModelInput, y: TensorLike): Logs;
  getWeights(): TensorData[];
  setWeights(weights: TensorLike[]): void;
}

/** The Sequential class, for instanceof and `new Sequential(layers)`. */
export const Sequential: {
  new (layers?: AnyLayer[]): Sequential;
  prototype: Sequential;
};

/** sequential([...layers]) or sequential({layers}) as in TF.js. */
export function sequential(config?: AnyLayer[] | { layers: AnyLayer[] }): Sequential;

/** TF.js's in-memory layers model (tf.io.withSaveHandler / tf.io.fromMemory). */
export interface TfjsArtifacts {
  /** {class_name: 'Sequential', config: {layers: [...]}} as TF.js writes it, or a Keras converter's {model_config, ...}. */
  modelTopology: object;
  weightSpecs?: Array<{ name: string; shape: number[]; dtype: string }>;
  weightData?: ArrayBuffer | ArrayBufferView | ArrayBuffer[];
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
}

export interface Sequential {
  /** The model as the bytes of an embedwasm model file (optimizer state not included). */
  save(options?: { format?: 'embedwasm' }): Uint8Array;
  /**
   * TF.js's layers format, as tf.loadLayersModel(tf.io.fromMemory(artifacts)) loads it:
   * weights named `<layer>/<weight>`, float32. The model must be built; a layer TF.js
   * lacks (a preprocessing layer, embeddingBag, an embedding with maxNorm) is a TypeError.
   */
  save(options: { format: 'tfjs' }): TfjsArtifacts & { weightData: ArrayBuffer };
}

/** Rebuilds a model written by model.save(); refuses files from a newer format version. */
export function loadModel(bytes: Uint8Array | ArrayBuffer): Sequential;
/**
 * A TF.js layers model in memory (Sequential of InputLayer, Embedding, Dense, Flatten,
 * Dropout, GlobalAveragePooling1D, GlobalMaxPooling1D, Activation; float32 weights).
 */
export function loadModel(artifacts: TfjsArtifacts): Sequential;
/** A model.json by URL or path (Node: a path or file: URL), its shards read from beside it. */
export function loadModel(url: string | URL): Promise<Sequential>;
/** model.json (a string) and its one shard 'group1-shard1of1.bin', as tensorflowjs_converter names it. */
export function tfjsModelFiles(model: Sequential): { 'model.json': string; 'group1-shard1of1.bin': Uint8Array };
/** Node: writes model.json and its shard into directory; resolves to the model.json path. */
export function writeTfjsModel(model: Sequential, directory: string): Promise<string>;
/** The same bytes as model.save(). */
export function saveModel(model: Sequential): Uint8Array;

/** NumPy .npy (versions 1-3; <f4, <f8, >f4; Fortran order transposed) as a float32 table. */
export function readNpy(bytes: Uint8Array | ArrayBuffer, options?: { dim?: number }): TensorData;
/** A float32 .npy (version 1.0, C order). */
export function writeNpy(array: { data: Float32Array; shape: number[] }): Uint8Array;

/** safetensors: F32, F16, BF16, F64 read as float32; F32 written. */
export function readSafetensors(bytes: Uint8Array | ArrayBuffer, options?: { names?: string[] }):
  { tensors: Record<string, TensorData>; metadata: Record<string, string> | null };
/** safetensors bytes with every tensor as F32. */
export function writeSafetensors(tensors: Record<string, { data: Float32Array; shape: number[] }>,
  metadata?: Record<string, string> | null): Uint8Array;

/** What trainInWorker's onProgress receives. */
export interface WorkerProgress {
  type: 'progress';
  event: 'batch' | 'epoch';
  batch?: number;
  epoch?: number;
  logs: Logs;
}

/** trainInWorker() options: fit() options without callbacks, plus progress and cancelling. */
export interface TrainInWorkerOptions extends Omit<FitOptions, 'callbacks' | 'yieldEvery'> {
  /** Called with batch (throttled to progressEvery ms) and epoch events. */
  onProgress?: (event: WorkerProgress) => void;
  /** Aborting stops training after the current batch; the result then has cancelled: true. */
  signal?: AbortSignal;
  /** Write the trained weights into the model (default true). */
  updateModel?: boolean;
  /** Minimum milliseconds between batch progress events (default 100). */
  progressEvery?: number;
  /**
   * init() options inside the worker (default {threads: false}). A locateFile is called
   * on this thread for each engine file (functions cannot be posted) and the worker uses
   * its answers.
   */
  initOptions?: InitOptions;
  /**
   * The worker script: a bundle of `embedwasm/worker` (esbuild does not follow the
   * package's own worker URL; see the README). Default: the package's worker main,
   * which bundlers following new Worker(new URL(...)) and unbundled pages find. Under Node, a file: URL or a path.
   */
  workerUrl?: string | URL;
}

/**
 * fit() in a Web Worker (browsers) or worker_threads (Node); the caller's thread stays free.
 * A model whose first layer is a preprocessing layer is a TypeError: vectorize x on the
 * page and train the model after it.
 */
export function trainInWorker(model: Sequential, x: TensorLike, y: TensorLike, options?: TrainInWorkerOptions):
  Promise<{ history: History; weights: TensorData[]; cancelled: boolean }>;
export * from './word2vec/index.js';
export * from './vectors/index.js';
export * from './fasttext/index.js';
