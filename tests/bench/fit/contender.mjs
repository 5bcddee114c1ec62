// One contender of the `fit` benchmark, in a process of its own (our init() loads one
// build per process, and TF.js backends keep global state): times training steps of the
// text classifier of the training issue on the SpamAssassin subjects and prints one JSON
// line (the bench record schema, plus the model's settings and checks).
// Usage: node tests/bench/fit/contender.mjs <variant> [--warmup steps] [--reps steps]
//   variants: ours-threads, ours-simd, ours-sparse, tfjs-cpu, tfjs-wasm
// node.mjs runs every variant; report.mjs renders the lines.
//
// Model (every variant): ids (B, T) -> Embedding(V, D) -> (B, T, D)
//   -> GlobalAveragePooling1D -> (B, D) -> Dense(1, sigmoid) -> (B, 1),
// binary cross-entropy, Adam lr 0.01, batch size B = 32, no mask: TF.js's
// GlobalAveragePooling1D ignores the mask, so padding is averaged in everywhere.
//
// A step is one model.trainOnBatch(x, y) call, the same public call in TF.js and in our
// package (fit() runs one per batch, plus shuffling and callbacks). TF.js cpu takes over a
// second per step (its embedding gradient, UnsortedSegmentSum, passes over the batch once
// per vocabulary row), so whole epochs are not timed: epoch_ms = steps per epoch x the
// median step. Every variant trains on the same batches in the same order: the first
// full batches of the training set, cycled, fixed before any timing.
import { readArgs } from '../../../scripts/lib/args.mjs';
import { loadSpamSubjects } from '../../data/spam_subjects.mjs';
import { fnv1a64 } from '../common/data.mjs';
import { REPS_OPTIONS } from '../common/children.mjs';
import { MissingPeer, loadOurs, loadTfjs } from '../common/peers.mjs';
import { errorText, timeReps } from '../common/stats.mjs';

const VOCAB = 2000;     // V
const DIM = 16;         // D
const SEQ = 16;         // T
const BATCH = 32;       // B
const LR = 0.01;
const SEED = 1;         // split and initial weights
const CASE = `spam-${VOCAB}x${DIM}-t${SEQ}-b${BATCH}`;

// Quick variants take a fraction of a millisecond per step: many steps, so that one
// preemption on these shared machines does not move the median.
const QUICK = { warmup: 50, reps: 500 };
const SLOW = { warmup: 3, reps: 10 };

const VARIANTS = {
  'ours-threads': { reps: QUICK, what: 'sequential().trainOnBatch(x, y), embedding sparse: false, train.adam', setup: setupOurs({ threads: true, sparse: false }) },
  'ours-simd': { reps: QUICK, what: 'sequential().trainOnBatch(x, y), embedding sparse: false, train.adam', setup: setupOurs({ threads: false, sparse: false }) },
  'ours-sparse': { reps: QUICK, what: 'sequential().trainOnBatch(x, y), embedding sparse: true, train.sparseAdam (touched rows only)', setup: setupOurs({ threads: true, sparse: true }) },
  'tfjs-cpu': { reps: SLOW, what: 'tf.sequential().trainOnBatch(x, y), tf.train.adam', setup: setupTfjs('cpu') },
  'tfjs-wasm': { reps: SLOW, what: 'tf.sequential().trainOnBatch(x, y), tf.train.adam', setup: setupTfjs('wasm') },
};

const args = readArgs({
  name: 'fit contender',
  usage: `node tests/bench/fit/contender.mjs <${Object.keys(VARIANTS).join('|')}> [--warmup steps] [--reps steps]`,
  options: REPS_OPTIONS,
  positionals: Object.keys(VARIANTS),
});
if (args.positionals.length !== 1) {
  console.error(`fit contender: name one variant (${Object.keys(VARIANTS).join(', ')})`);
  process.exit(2);
}
const [variant] = args.positionals;
const spec = VARIANTS[variant];
const warmup = args.warmup ?? spec.reps.warmup;
const reps = args.reps ?? spec.reps.reps;

// The subjects are vectorized by our textVectorization, as the site does, so every
// contender's process loads our engine first (the build its variant times; TF.js
// contenders the SIMD one, which their timed steps never call).
await loadOurs(variant === 'ours-threads' || variant === 'ours-sparse');
const data = loadSpamSubjects({ vocabSize: VOCAB, seqLength: SEQ, seed: SEED });
const nTrain = data.train.y.length;
const nTest = data.test.y.length;
const stepsPerEpoch = Math.ceil(nTrain / BATCH);
const fullBatches = Math.floor(nTrain / BATCH);
const batches = Array.from({ length: fullBatches }, (_, k) => ({
  x: data.train.x.subarray(k * BATCH * SEQ, (k + 1) * BATCH * SEQ),
  y: data.train.y.subarray(k * BATCH, (k + 1) * BATCH),
}));
// The batches trained on, in one array: the before/after loss check evaluates on them.
const trained = Math.min(fullBatches, warmup + reps);
const usedX = data.train.x.subarray(0, trained * BATCH * SEQ);
const usedY = data.train.y.subarray(0, trained * BATCH);

// Each setup returns {step(k) -> loss, loss() -> loss on the used batches, testAccuracy(),
// dispose()}: a fresh model from the same seeds, compiled, built by a first evaluate.
function setupOurs({ threads, sparse }) {
  return async () => {
    const { api, runtime } = await loadOurs(threads);
    const { layers, sequential, train } = api;
    const model = sequential([
      layers.embedding({ inputDim: VOCAB, outputDim: DIM, sparse, seed: SEED }),
      layers.globalAveragePooling1d(),
      layers.dense({ units: 1, activation: 'sigmoid', seed: SEED + 1 }),
    ]);
    // sparseAdam: PyTorch's SparseAdam on the embedding (touched rows only), Adam on Dense.
    model.compile({ optimizer: sparse ? train.sparseAdam(LR) : train.adam(LR), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
    const xs = batches.map((b) => ({ data: b.x, shape: [BATCH, SEQ] }));
    const ys = batches.map((b) => ({ data: b.y, shape: [BATCH, 1] }));
    return {
      runtime,
      step: (k) => model.trainOnBatch(xs[k], ys[k]).loss,
      loss: () => model.evaluate({ data: usedX, shape: [usedY.length, SEQ] }, { data: usedY, shape: [usedY.length, 1] }, { batchSize: BATCH }).loss,
      testAccuracy: () => model.evaluate({ data: data.test.x, shape: [nTest, SEQ] }, { data: data.test.y, shape: [nTest, 1] }, { batchSize: BATCH }).accuracy,
      dispose: () => model.dispose(),
    };
  };
}

function setupTfjs(backend) {
  return async () => {
    const { tf, runtime } = await loadTfjs(backend);
    // Keras defaults, seeded: uniform(-0.05, 0.05) embeddings, Glorot-uniform kernel.
    const model = tf.sequential({
      layers: [
        tf.layers.embedding({
          inputDim: VOCAB, outputDim: DIM, inputLength: SEQ,
          embeddingsInitializer: tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed: SEED }),
        }),
        tf.layers.globalAveragePooling1d(),
        tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: tf.initializers.glorotUniform({ seed: SEED + 1 }) }),
      ],
    });
    model.compile({ optimizer: tf.train.adam(LR), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
    const xs = batches.map((b) => tf.tensor2d(b.x, [BATCH, SEQ], 'int32'));
    const ys = batches.map((b) => tf.tensor2d(b.y, [BATCH, 1], 'float32'));
    const evaluate = async (x, y) => {
      const xt = tf.tensor2d(x, [y.length, SEQ], 'int32');
      const yt = tf.tensor2d(y, [y.length, 1], 'float32');
      const [loss, accuracy] = model.evaluate(xt, yt, { batchSize: BATCH });
      const r = { loss: (await loss.data())[0], accuracy: (await accuracy.data())[0] };
      tf.dispose([xt, yt, loss, accuracy]);
      return r;
    };
    return {
      runtime,
      // trainOnBatch resolves to [loss, accuracy] as numbers: the readback is in the step.
      step: async (k) => (await model.trainOnBatch(xs[k], ys[k]))[0],
      loss: async () => (await evaluate(usedX, usedY)).loss,
      testAccuracy: async () => (await evaluate(data.test.x, data.test.y)).accuracy,
      dispose: () => {
        tf.dispose([...xs, ...ys]);
        model.dispose();
      },
    };
  };
}

const record = {
  bench: 'fit', case: CASE, contender: variant, what: spec.what, env: 'node',
  variant, V: VOCAB, D: DIM, T: SEQ, batchSize: BATCH, learningRate: LR,
  nTrain, nTest, stepsPerEpoch, majorityAccuracy: data.majorityAccuracy,
  // The same for every contender, or the comparison is off: the report can check it.
  dataChecksum: fnv1a64(data.train.x.subarray(0, fullBatches * BATCH * SEQ)) + fnv1a64(data.train.y.subarray(0, fullBatches * BATCH)),
};
let model = null;
try {
  record.stage = 'init';
  model = await spec.setup();
  record.runtime = model.runtime;
  record.stage = 'train';
  const lossBefore = await model.loss();
  let k = 0;
  const result = await timeReps(() => model.step(k++ % batches.length), {
    warmup, reps,
    check: (loss) => (Number.isFinite(loss) ? null : `trainOnBatch gave loss ${loss}`),
  });
  if (!result.ok) throw new Error(result.error);
  const lossAfter = await model.loss();
  const testAccuracy = await model.testAccuracy();
  // Trained for warmup + reps steps from the same start, a working step lowers the loss on
  // the batches it saw; a step that does nothing (or diverges) fails here.
  if (!(lossAfter < lossBefore)) {
    throw new Error(`training did not lower the loss on the batches it saw: ${lossBefore} before, ${lossAfter} after ${warmup + reps} steps`);
  }
  Object.assign(record, result, {
    epoch_ms: result.median_ms * stepsPerEpoch,
    epochNote: `steps per epoch (${stepsPerEpoch}) x median step: an estimate from step times, not a timed epoch`,
    lossBefore, lossAfter, testAccuracy,
    check: `evaluate() loss on the ${trained} batches trained on fell from ${lossBefore.toFixed(4)} to ${lossAfter.toFixed(4)} ` +
      `over ${warmup + reps} steps; every step's loss finite; same batches for every contender (dataChecksum)`,
  });
  delete record.stage;
} catch (error) {
  record.ok = false;
  if (error instanceof MissingPeer) {
    for (const key of Object.keys(record)) if (!['bench', 'case', 'contender', 'what'].includes(key)) delete record[key];
    record.missing = error.message;
  } else {
    record.error = errorText(error);
    record.runtime ??= `${variant} (failed to load)`;
  }
} finally {
  try {
    model?.dispose();
  } catch (error) {
    console.error(`fit contender: dispose failed: ${errorText(error)}`);
  }
}
console.log(JSON.stringify(record));
// The threads build's pool workers are unref'd, but TF.js may hold timers: end now.
process.exit(0);
