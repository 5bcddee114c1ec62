// Types for the embedwasm public API. Shapes use the letters V (vocabulary rows),
// D (dimension), B (batch / bags), T (sequence length), N (number of ids).

/** A dense float32 result; always a copy the caller owns. */
export interface TensorData<T extends ArrayLike<number> = Float32Array> {
  data: T;
  shape: number[];
}

/** Nested arrays, a typed array (1-D), or {data, shape}. */
export type TensorLike =
  | number
  | number[]
  | number[][]
  | number[][][]
  | ArrayLike<number>
  | { data: ArrayLike<number>; shape: number[] };

export interface InitOptions {
  /** Load the SIMD + threads build; default: in Node and in cross-origin isolated pages. */
  threads?: boolean;
  /** Where the .wasm files are; default: next to the package's own files. */
  locateFile?: (name: string, prefix: string) => string;
  /** The .wasm bytes, if you fetched them yourself. */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** Worker threads kept ready in the threads build (default: hardware concurrency, max 8). */
  poolSize?: number;
}

export interface EngineInfo {
  simd: boolean;
  threads: boolean;
  variant: 'simd' | 'threads';
}

/** Loads the WebAssembly engine once; later calls return the same promise. */
export function init(options?: InitOptions): Promise<EngineInfo>;

/** Bytes of wasm heap currently allocated (for leak checks). */
export function memoryInUse(): number;

export type InitializerName =
  | 'uniform' | 'randomUniform' | 'normal' | 'randomNormal' | 'truncatedNormal'
  | 'glorotUniform' | 'glorotNormal' | 'heUniform' | 'heNormal' | 'lecunUniform'
  | 'lecunNormal' | 'zeros' | 'ones' | 'constant' | 'orthogonal';

export interface InitializerSpec {
  name: InitializerName;
  minval?: number;
  maxval?: number;
  mean?: number;
  stddev?: number;
  value?: number;
  gain?: number;
}

export type RegularizerSpec = 'l1' | 'l2' | 'l1l2' | { l1?: number; l2?: number };
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

interface Disposable {
  /** Frees the wasm memory this object owns; safe to call twice. */
  dispose(): void;
  readonly isDisposed: boolean;
}

interface TableLayer extends Disposable {
  readonly inputDim: number;
  readonly outputDim: number;
  /** [W] with W of shape [inputDim, outputDim], a copy. */
  getWeights(): TensorData[];
  setWeights(weights: [TensorLike]): void;
}

export interface Embedding extends TableLayer {
  /** ids of shape S -> vectors of shape S + [outputDim]. */
  apply(x: TensorLike): TensorData;
  /** x != 0 as 0/1 bytes of x's shape; needs maskZero. */
  computeMask(x: TensorLike): TensorData<Uint8Array>;
  /** dL/dW from ids and dL/dout (shape S + [outputDim]). */
  backward(x: TensorLike, dy: TensorLike): TensorData | SparseGradient;
}

export interface EmbeddingBagOptions extends TableOptions {
  /** How a bag reduces to one vector (PyTorch default 'mean'). */
  mode?: 'sum' | 'mean' | 'max';
  /** offsets has B + 1 entries, the last equal to the number of ids (CSR). */
  includeLastOffset?: boolean;
}

export interface BagCallOptions {
  /** Start of each bag in 1-D ids (PyTorch rules). Omit for 2-D ids [B, L]. */
  offsets?: TensorLike;
  /** One weight per id, mode 'sum' only. */
  perSampleWeights?: TensorLike;
}

export interface EmbeddingBag extends TableLayer {
  /** One vector per bag: shape [B, outputDim]. */
  apply(x: TensorLike, options?: BagCallOptions): TensorData;
  backward(x: TensorLike, dy: TensorLike, options?: BagCallOptions): TensorData | SparseGradient;
  /** dL/d(perSampleWeights), shaped like the ids (mode 'sum'). */
  backwardPerSampleWeights(x: TensorLike, dy: TensorLike, options?: { offsets?: TensorLike }): TensorData;
}

export type ActivationName = 'linear' | 'relu' | 'sigmoid' | 'tanh' | 'softmax';

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

export namespace layers {
  function embedding(options: EmbeddingOptions): Embedding;
  function embeddingBag(options: EmbeddingBagOptions): EmbeddingBag;
  function dense(options: DenseOptions): ModelLayer;
  function flatten(options?: { name?: string }): ModelLayer;
  /** Mean over time steps, skipping steps masked by maskZero. */
  function globalAveragePooling1d(options?: { name?: string }): ModelLayer;
  /** Max over time steps, skipping masked steps. */
  function globalMaxPooling1d(options?: { name?: string }): ModelLayer;
  function dropout(options: { rate: number; seed?: number; name?: string }): ModelLayer;
  function activation(options: { activation: ActivationName; name?: string }): ModelLayer;
}

export interface ScheduleSpec {
  name: 'constant' | 'linear' | 'exponential' | 'cosine';
  finalLearningRate?: number;
  decayRate?: number;
  decaySteps?: number;
  staircase?: boolean;
  alpha?: number;
  totalSteps?: number;
}

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

export type LossName =
  | 'sparseCategoricalCrossentropy' | 'categoricalCrossentropy' | 'binaryCrossentropy'
  | 'meanSquaredError' | 'mse';
export type MetricName = 'accuracy' | 'acc' | 'binaryAccuracy' | 'sparseCategoricalAccuracy' | 'categoricalAccuracy';
export type OptimizerName = 'sgd' | 'momentum' | 'adagrad' | 'rmsprop' | 'adam' | 'adamw' | 'adamax' | 'sparseAdam';

export interface CompileOptions {
  optimizer: OptimizerName | Optimizer;
  loss: LossName | { name: LossName; fromLogits?: boolean };
  metrics?: MetricName[];
}

export type Logs = { loss: number } & Record<string, number>;

export interface FitOptions {
  epochs?: number;
  batchSize?: number;
  validationSplit?: number;
  validationData?: [TensorLike, TensorLike];
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

export interface History {
  epoch: number[];
  history: Record<string, number[]>;
}

export interface Sequential extends Disposable {
  readonly layers: Array<Embedding | EmbeddingBag | ModelLayer>;
  readonly built: boolean;
  /** Set from a callback to stop fit() after the current batch. */
  stopTraining: boolean;
  readonly learningRate: number;
  add(layer: Embedding | EmbeddingBag | ModelLayer): void;
  /** inputShape: per sample, e.g. [T] ids. Called by the first fit/predict otherwise. */
  build(inputShape: number[]): void;
  compile(options: CompileOptions): void;
  fit(x: TensorLike, y: TensorLike, options?: FitOptions): Promise<History>;
  evaluate(x: TensorLike, y: TensorLike, options?: { batchSize?: number; sampleWeight?: ArrayLike<number> }): Logs;
  predict(x: TensorLike, options?: { batchSize?: number }): TensorData;
  trainOnBatch(x: TensorLike, y: TensorLike): Logs;
  getWeights(): TensorData[];
  setWeights(weights: TensorLike[]): void;
}

/** sequential([...layers]) or sequential({layers}) as in TF.js. */
export function sequential(config?: Array<Embedding | EmbeddingBag | ModelLayer> | { layers: Array<Embedding | EmbeddingBag | ModelLayer> }): Sequential;

export interface Sequential {
  /** The model as the bytes of an embedwasm model file (optimizer state not included). */
  save(): Uint8Array;
}

/** Rebuilds a model written by model.save(); refuses files from a newer format version. */
export function loadModel(bytes: Uint8Array | ArrayBuffer): Sequential;
export function saveModel(model: Sequential): Uint8Array;

/** NumPy .npy (versions 1-3; <f4, <f8, >f4; Fortran order transposed) as a float32 table. */
export function readNpy(bytes: Uint8Array | ArrayBuffer, options?: { dim?: number }): TensorData;
export function writeNpy(array: { data: Float32Array; shape: number[] }): Uint8Array;

/** safetensors: F32, F16, BF16, F64 read as float32; F32 written. */
export function readSafetensors(bytes: Uint8Array | ArrayBuffer, options?: { names?: string[] }):
  { tensors: Record<string, TensorData>; metadata: Record<string, string> | null };
export function writeSafetensors(tensors: Record<string, { data: Float32Array; shape: number[] }>,
  metadata?: Record<string, string> | null): Uint8Array;

export interface WorkerProgress {
  type: 'progress';
  event: 'batch' | 'epoch';
  batch?: number;
  epoch?: number;
  logs: Logs;
}

export interface TrainInWorkerOptions extends Omit<FitOptions, 'callbacks' | 'yieldEvery'> {
  /** Called with batch (throttled to progressEvery ms) and epoch events. */
  onProgress?: (event: WorkerProgress) => void;
  /** Aborting stops training after the current batch; the result then has cancelled: true. */
  signal?: AbortSignal;
  /** Write the trained weights into the model (default true). */
  updateModel?: boolean;
  /** Minimum milliseconds between batch progress events (default 100). */
  progressEvery?: number;
  /** init() options inside the worker (default {threads: false}). */
  initOptions?: InitOptions;
}

/** fit() in a Web Worker (browsers) or worker_threads (Node); the caller's thread stays free. */
export function trainInWorker(model: Sequential, x: TensorLike, y: TensorLike, options?: TrainInWorkerOptions):
  Promise<{ history: History; weights: TensorData[]; cancelled: boolean }>;
