// One contender of the imdb benchmark in a process of its own (our init() loads one build
// per process, TF.js backends are process-global): times trainOnBatch steps of one of the
// IMDB-sized classifiers (models.mjs) and one whole epoch through fit(), and prints one
// JSON line per record the contender owes (one per thread count when counts take turns).
// Usage: node tests/bench/imdb/contender.mjs <contender> --data DIR [--warmup W] [--reps R] [--epoch 0|1]
//   contenders: ours and TF.js's in contenders.mjs (PyTorch's run in torch_peer.py), e.g.
//   ours-simd-dense, ours-threads-sparse-1t-2t, ours-threads-flatten-sparse-1t-2t, tfjs-flatten-cpu
//
// Every contender (PyTorch's in torch_peer.py too): ids (B, T) -> Embedding(V, D) -> the
// model's layers -> (B, 1), binary cross-entropy, Adam lr 0.001, B = 256. The sparse
// contenders make the embedding sparse and train it with sparseAdam (PyTorch's
// sparse=True + SparseAdam): only the rows a batch names move.
import { readArgs } from '../../../scripts/lib/args.mjs';
import { MissingPeer, inTurnRuntime, loadOurs, loadTfjs } from '../common/peers.mjs';
import { errorText, timeInTurn } from '../common/stats.mjs';
import { CONTENDERS, whatOf } from './contenders.mjs';
import { BATCH, CASE_NAME, DIM, HIDDEN, LEARNING_RATE, SAMPLES, SEQ, STEPS_PER_EPOCH, VOCAB, readData } from './data.mjs';
import { MODELS } from './models.mjs';

const SEED = 1;
// PyTorch's contenders are not ours to run: torch_peer.py is their process.
const HERE = Object.keys(CONTENDERS).filter((name) => CONTENDERS[name].runtime !== 'torch');

const args = readArgs({
  name: 'imdb contender',
  usage: `node tests/bench/imdb/contender.mjs <${HERE.join('|')}> --data DIR [--warmup W] [--reps R] [--epoch 0|1]`,
  options: {
    data: { type: 'string' }, warmup: { type: 'string', min: 0, default: 3 }, reps: { type: 'string', min: 1, default: 20 },
    epoch: { type: 'string', min: 0, default: 1 },
  },
  positionals: HERE,
});
if (args.positionals.length !== 1 || !args.data) {
  console.error('imdb contender: name one contender and --data DIR');
  process.exit(2);
}
const [contender] = args.positionals;
const spec = CONTENDERS[contender];
const model = MODELS[spec.model];
const data = readData(args.data);
const x = Float32Array.from(data.ids);  // the package takes ids as floats
const batchX = (k) => ({ data: x.subarray(k * BATCH * SEQ, (k + 1) * BATCH * SEQ), shape: [BATCH, SEQ] });
const batchY = (k) => ({ data: data.labels.subarray(k * BATCH, (k + 1) * BATCH), shape: [BATCH, 1] });
const fullBatches = Math.floor(SAMPLES / BATCH);

async function setupOurs({ threads, sparse }) {
  const { api, runtime } = await loadOurs(threads);
  const { layers, sequential, train } = api;
  const net = sequential([
    layers.embedding({ inputDim: VOCAB, outputDim: DIM, sparse, seed: SEED }),
    ...model.ours(layers, SEED + 1),
  ]);
  net.compile({ optimizer: sparse ? train.sparseAdam(LEARNING_RATE) : train.adam(LEARNING_RATE), loss: 'binaryCrossentropy' });
  return {
    runtime: (count) => (count ? inTurnRuntime(runtime, count) : runtime),
    setThreads: (count) => api.setThreads(count),
    step: (k) => net.trainOnBatch(batchX(k), batchY(k)).loss,
    loss: (k) => net.evaluate(batchX(k), batchY(k), { batchSize: BATCH }).loss,
    // One epoch as a user runs it: fit() over every sample, batches of B in order.
    epoch: async () => {
      const history = await net.fit({ data: x, shape: [SAMPLES, SEQ] }, { data: data.labels, shape: [SAMPLES, 1] },
        { epochs: 1, batchSize: BATCH, shuffle: false });
      return history.history.loss[0];
    },
    dispose: () => net.dispose(),
  };
}

async function setupTfjs(backend) {
  const { tf, runtime } = await loadTfjs(backend);
  const net = tf.sequential({
    layers: [tf.layers.embedding({ inputDim: VOCAB, outputDim: DIM, inputLength: SEQ }), ...model.tfjs(tf)],
  });
  net.compile({ optimizer: tf.train.adam(LEARNING_RATE), loss: 'binaryCrossentropy' });
  const xs = tf.tensor2d(data.ids.subarray(0, BATCH * SEQ), [BATCH, SEQ], 'int32');
  const ys = tf.tensor2d(data.labels.subarray(0, BATCH), [BATCH, 1], 'float32');
  return {
    runtime: () => runtime,
    setThreads: () => {},
    step: async () => await net.trainOnBatch(xs, ys),
    loss: null,
    epoch: null,
    dispose: () => { tf.dispose([xs, ys]); net.dispose(); },
  };
}

const base = {
  bench: 'imdb', case: CASE_NAME, env: 'node', model: spec.model, layers: model.summary, what: whatOf(spec),
  V: VOCAB, D: DIM, T: SEQ, batchSize: BATCH, ...(spec.model === 'pooled' ? { hidden: HIDDEN } : {}), learningRate: LEARNING_RATE, samples: SAMPLES,
  stepsPerEpoch: STEPS_PER_EPOCH, threads: spec.threads ? 'pool' : 1, sparse: spec.sparse,
  dataChecksum: data.checksum,
};
// One run per thread count that takes turns (counts), or one run as the process loaded.
const counts = spec.counts ?? [0];
const records = counts.map((count, i) => ({ ...base, contender: spec.records[i], variant: spec.records[i] }));
let trainer = null;
let stage = 'init';
try {
  trainer = spec.runtime === 'tfjs' ? await setupTfjs(spec.backend) : await setupOurs(spec);
  for (const [i, count] of counts.entries()) records[i].runtime = trainer.runtime(count);
  stage = 'train';
  const probe = fullBatches - 1;  // a batch no timed step trains on before the loss check
  const lossBefore = trainer.loss ? await trainer.loss(0) : null;
  let k = 0;
  const results = await timeInTurn(counts.map((count) => ({
    before: () => { if (count) trainer.setThreads(count); },
    run: () => trainer.step(k++ % (fullBatches - 1)),
  })), {
    warmup: args.warmup, reps: args.reps,
    check: (loss) => (Number.isFinite(Array.isArray(loss) ? loss[0] : loss) ? null : `trainOnBatch gave loss ${loss}`),
  });
  if (!results[0].ok) throw new Error(results[0].error);
  results.forEach((result, i) => Object.assign(records[i], result));
  if (trainer.loss) {
    const lossAfter = await trainer.loss(0);
    // The first batch was trained on (warm-up or timed): a working step lowers its loss.
    if (!(lossAfter < lossBefore)) throw new Error(`the loss on a trained batch did not fall: ${lossBefore} -> ${lossAfter}`);
    const heldOutLoss = await trainer.loss(probe);
    for (const record of records) Object.assign(record, { lossBefore, lossAfter, heldOutLoss });
  }
  for (const [i, count] of counts.entries()) {
    const record = records[i];
    if (trainer.epoch && args.epoch) {
      stage = 'epoch';
      if (count) trainer.setThreads(count);
      const t0 = performance.now();
      record.epochLoss = await trainer.epoch();
      record.epoch_ms = performance.now() - t0;
      record.epochNote = `one fit() epoch over ${SAMPLES} samples (${STEPS_PER_EPOCH} batches), timed whole`;
    } else {
      record.epoch_ms = record.median_ms * STEPS_PER_EPOCH;
      record.epochNote = `${STEPS_PER_EPOCH} steps x median step (estimate)`;
    }
  }
} catch (error) {
  for (const record of records) {
    Object.assign(record, { ok: false, stage });
    if (error instanceof MissingPeer) record.missing = error.message;
    else record.error = errorText(error);
    record.runtime ??= `${contender} (failed to load)`;
  }
} finally {
  try { trainer?.dispose(); } catch (error) { console.error(`imdb contender: dispose failed: ${errorText(error)}`); }
}
for (const record of records) console.log(JSON.stringify(record));
process.exit(0);
