// One contender of the imdb benchmark in a process of its own (our init() loads one build
// per process, TF.js backends are process-global): times trainOnBatch steps of the
// IMDB-sized classifier and one whole epoch through fit(), and prints one JSON line.
// Usage: node tests/bench/imdb/contender.mjs <variant> --data DIR [--warmup W] [--reps R] [--epoch 0|1]
//   variants: ours-simd-dense, ours-simd-sparse, ours-threads-dense, ours-threads-sparse,
//             ours-threads-{dense,sparse}-{1,2}t (setThreads),
//             tfjs-cpu, tfjs-wasm
//
// Model (every contender, PyTorch's in torch_peer.py too): ids (B, T) -> Embedding(V, D)
// -> (B, T, D) -> GlobalAveragePooling1D -> (B, D) -> Dense(64, relu) -> (B, 64)
// -> Dense(1, sigmoid) -> (B, 1), binary cross-entropy, Adam lr 0.001, B = 256. The sparse
// variants make the embedding sparse and train it with sparseAdam (PyTorch's
// sparse=True + SparseAdam): only the rows a batch names move.
import { readArgs } from '../../../scripts/lib/args.mjs';
import { MissingPeer, loadOurs, loadTfjs } from '../common/peers.mjs';
import { errorText, timeReps } from '../common/stats.mjs';
import { BATCH, CASE_NAME, DIM, HIDDEN, LEARNING_RATE, SAMPLES, SEQ, STEPS_PER_EPOCH, VOCAB, readData } from './data.mjs';

const SEED = 1;

const VARIANTS = {
  'ours-simd-dense': { threads: false, sparse: false },
  'ours-simd-sparse': { threads: false, sparse: true },
  'ours-threads-dense': { threads: true, sparse: false },
  'ours-threads-sparse': { threads: true, sparse: true },
  // The threads build with its hot paths on 1 and on 2 threads (setThreads).
  'ours-threads-dense-1t': { threads: true, count: 1, sparse: false },
  'ours-threads-dense-2t': { threads: true, count: 2, sparse: false },
  'ours-threads-sparse-1t': { threads: true, count: 1, sparse: true },
  'ours-threads-sparse-2t': { threads: true, count: 2, sparse: true },
  'tfjs-cpu': { tfjs: 'cpu' },
  'tfjs-wasm': { tfjs: 'wasm' },
};

const args = readArgs({
  name: 'imdb contender',
  usage: `node tests/bench/imdb/contender.mjs <${Object.keys(VARIANTS).join('|')}> --data DIR [--warmup W] [--reps R] [--epoch 0|1]`,
  options: {
    data: { type: 'string' }, warmup: { type: 'string', min: 0, default: 3 }, reps: { type: 'string', min: 1, default: 20 },
    epoch: { type: 'string', min: 0, default: 1 },
  },
  positionals: Object.keys(VARIANTS),
});
if (args.positionals.length !== 1 || !args.data) {
  console.error('imdb contender: name one variant and --data DIR');
  process.exit(2);
}
const [variant] = args.positionals;
const spec = VARIANTS[variant];
const data = readData(args.data);
const x = Float32Array.from(data.ids);  // the package takes ids as floats
const batchX = (k) => ({ data: x.subarray(k * BATCH * SEQ, (k + 1) * BATCH * SEQ), shape: [BATCH, SEQ] });
const batchY = (k) => ({ data: data.labels.subarray(k * BATCH, (k + 1) * BATCH), shape: [BATCH, 1] });
const fullBatches = Math.floor(SAMPLES / BATCH);

async function setupOurs({ threads, count, sparse }) {
  const { api, runtime } = await loadOurs(threads, count);
  const { layers, sequential, train } = api;
  const model = sequential([
    layers.embedding({ inputDim: VOCAB, outputDim: DIM, sparse, seed: SEED }),
    layers.globalAveragePooling1d(),
    layers.dense({ units: HIDDEN, activation: 'relu', seed: SEED + 1 }),
    layers.dense({ units: 1, activation: 'sigmoid', seed: SEED + 2 }),
  ]);
  model.compile({ optimizer: sparse ? train.sparseAdam(LEARNING_RATE) : train.adam(LEARNING_RATE), loss: 'binaryCrossentropy' });
  return {
    runtime,
    step: (k) => model.trainOnBatch(batchX(k), batchY(k)).loss,
    loss: (k) => model.evaluate(batchX(k), batchY(k), { batchSize: BATCH }).loss,
    // One epoch as a user runs it: fit() over every sample, batches of B in order.
    epoch: async () => {
      const history = await model.fit({ data: x, shape: [SAMPLES, SEQ] }, { data: data.labels, shape: [SAMPLES, 1] },
        { epochs: 1, batchSize: BATCH, shuffle: false });
      return history.history.loss[0];
    },
    dispose: () => model.dispose(),
  };
}

async function setupTfjs(backend) {
  const { tf, runtime } = await loadTfjs(backend);
  const model = tf.sequential({
    layers: [
      tf.layers.embedding({ inputDim: VOCAB, outputDim: DIM, inputLength: SEQ }),
      tf.layers.globalAveragePooling1d(),
      tf.layers.dense({ units: HIDDEN, activation: 'relu' }),
      tf.layers.dense({ units: 1, activation: 'sigmoid' }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(LEARNING_RATE), loss: 'binaryCrossentropy' });
  const xs = tf.tensor2d(data.ids.subarray(0, BATCH * SEQ), [BATCH, SEQ], 'int32');
  const ys = tf.tensor2d(data.labels.subarray(0, BATCH), [BATCH, 1], 'float32');
  return {
    runtime,
    step: async () => await model.trainOnBatch(xs, ys),
    loss: null,
    epoch: null,
    dispose: () => { tf.dispose([xs, ys]); model.dispose(); },
  };
}

const record = {
  bench: 'imdb', case: CASE_NAME, contender: variant, env: 'node', variant,
  what: spec.tfjs ? 'tf.sequential().trainOnBatch(x, y), tf.train.adam'
    : `sequential().trainOnBatch(x, y), embedding sparse: ${spec.sparse}, train.${spec.sparse ? 'sparseAdam' : 'adam'}`,
  V: VOCAB, D: DIM, T: SEQ, batchSize: BATCH, hidden: HIDDEN, learningRate: LEARNING_RATE, samples: SAMPLES,
  stepsPerEpoch: STEPS_PER_EPOCH, threads: spec.threads ? 'pool' : 1, sparse: spec.sparse ?? false,
  dataChecksum: data.checksum,
};
let model = null;
try {
  record.stage = 'init';
  model = spec.tfjs ? await setupTfjs(spec.tfjs) : await setupOurs(spec);
  record.runtime = model.runtime;
  record.stage = 'train';
  const probe = fullBatches - 1;  // a batch no timed step trains on before the loss check
  const lossBefore = model.loss ? await model.loss(0) : null;
  let k = 0;
  const result = await timeReps(() => model.step(k++ % (fullBatches - 1)), {
    warmup: args.warmup, reps: args.reps,
    check: (loss) => (Number.isFinite(Array.isArray(loss) ? loss[0] : loss) ? null : `trainOnBatch gave loss ${loss}`),
  });
  if (!result.ok) throw new Error(result.error);
  Object.assign(record, result);
  if (model.loss) {
    const lossAfter = await model.loss(0);
    // The first batch was trained on (warm-up or timed): a working step lowers its loss.
    if (!(lossAfter < lossBefore)) throw new Error(`the loss on a trained batch did not fall: ${lossBefore} -> ${lossAfter}`);
    Object.assign(record, { lossBefore, lossAfter, heldOutLoss: await model.loss(probe) });
  }
  if (model.epoch && args.epoch) {
    record.stage = 'epoch';
    const t0 = performance.now();
    record.epochLoss = await model.epoch();
    record.epoch_ms = performance.now() - t0;
    record.epochNote = `one fit() epoch over ${SAMPLES} samples (${STEPS_PER_EPOCH} batches), timed whole`;
  } else {
    record.epoch_ms = result.median_ms * STEPS_PER_EPOCH;
    record.epochNote = `${STEPS_PER_EPOCH} steps x median step (estimate)`;
  }
  delete record.stage;
} catch (error) {
  record.ok = false;
  if (error instanceof MissingPeer) record.missing = error.message;
  else record.error = errorText(error);
  record.runtime ??= `${variant} (failed to load)`;
} finally {
  try { model?.dispose(); } catch (error) { console.error(`imdb contender: dispose failed: ${errorText(error)}`); }
}
console.log(JSON.stringify(record));
process.exit(0);
