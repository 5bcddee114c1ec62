// Cancelling training part-way leaves a consistent, usable model, in this thread and in a
// worker. fit() stops through model.stopTraining (Keras's way, checked after each batch);
// trainInWorker, Word2Vec.train and trainWord2VecInWorker through an AbortSignal.
// "Consistent" is checked against runs that were never cancelled: fit()'s weights equal
// those after exactly the steps it completed, and a cancelled word2vec run continued to
// the end equals an uninterrupted one, bit for bit (same seed, one thread, same chunks).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { init, layers, sequential, trainInWorker, trainWord2VecInWorker, Word2Vec } from '../../dist/index.js';
import { analogyCorpus, SMALL_OPTIONS } from './word2vec_corpus.mjs';

before(async () => {
  await init({ threads: false });
});

// 64 samples of 6 ids; 8 batches of 8 per epoch, taken in order (shuffle: false).
const N = 64;
const BATCH = 8;
function dataset() {
  let s = 11;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const x = Float32Array.from({ length: N * 6 }, () => Math.floor(rand() * 100));
  const y = Float32Array.from({ length: N }, (_, i) => (x[i * 6] < 50 ? 0 : 1));
  return { x: { data: x, shape: [N, 6] }, y: { data: y, shape: [N, 1] } };
}
const { x, y } = dataset();
const rows = (t, b) => ({ data: t.data.slice(b * BATCH * (t.data.length / N), (b + 1) * BATCH * (t.data.length / N)), shape: [BATCH, t.shape[1]] });

function classifier() {
  const model = sequential([
    layers.embedding({ inputDim: 100, outputDim: 8, seed: 3 }),
    layers.globalAveragePooling1d(),
    layers.dense({ units: 2, activation: 'softmax', seed: 4 }),
  ]);
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' });
  model.build([6]);
  return model;
}
function disposeModel(model) {
  model.layers[0].dispose();
  model.dispose();
}
const weightsOf = (model) => model.getWeights().map((w) => Float32Array.from(w.data));
/** The reference for fit(): one trainOnBatch per batch, in order, from `from` to `to`. */
function steps(model, from, to) {
  for (let k = from; k < to; ++k) model.trainOnBatch(rows(x, k % (N / BATCH)), rows(y, k % (N / BATCH)));
}
function assertUsable(model) {
  for (const w of model.getWeights()) assert.ok(w.data.every(Number.isFinite), 'finite weights');
  const out = model.predict(x);
  assert.deepEqual(out.shape, [N, 2]);
  for (let i = 0; i < N; ++i) {
    const [p0, p1] = out.data.subarray(2 * i, 2 * i + 2);
    assert.ok(p0 >= 0 && p1 >= 0 && Math.abs(p0 + p1 - 1) < 1e-6, `row ${i}: softmax ${p0}, ${p1}`);
  }
}

test('fit() stopped after its first batch, mid-epoch and in the last epoch equals exactly the steps it took', async () => {
  const total = 2 * (N / BATCH);
  const uncancelled = classifier();
  await uncancelled.fit(x, y, { epochs: 2, batchSize: BATCH, shuffle: false });
  const full = weightsOf(uncancelled);
  disposeModel(uncancelled);

  for (const stopAt of [1, 4, 11, 15]) {
    const model = classifier();
    let done = 0;
    await model.fit(x, y, {
      epochs: 2, batchSize: BATCH, shuffle: false,
      callbacks: { onBatchEnd: () => { if (++done === stopAt) model.stopTraining = true; } },
    });
    assert.equal(done, stopAt, 'no batch after the stop');
    const reference = classifier();
    steps(reference, 0, stopAt);
    assert.deepEqual(weightsOf(model), weightsOf(reference), `weights after ${stopAt} steps`);
    assertUsable(model);
    // Going on with the remaining steps lands exactly where the uncancelled run did.
    steps(model, stopAt, total);
    assert.deepEqual(weightsOf(model), full, `stopped at ${stopAt}, then continued`);
    const again = await model.fit(x, y, { epochs: 1, batchSize: BATCH });
    assert.ok(Number.isFinite(again.history.loss[0]), 'fit works again');
    disposeModel(model);
    disposeModel(reference);
  }
});

test('trainInWorker cancelled part-way returns the weights of a whole number of steps', async () => {
  const epochs = 3000;
  const model = classifier();
  const controller = new AbortController();
  const result = await trainInWorker(model, x, y, {
    epochs, batchSize: BATCH, shuffle: false, progressEvery: 0, signal: controller.signal,
    onProgress: () => controller.abort(),
  });
  assert.equal(result.cancelled, true);
  assertUsable(model);
  // Find the step count the worker reached: stepping an in-thread copy must meet it.
  const got = weightsOf(model);
  const reference = classifier();
  const same = (a, b) => a.every((w, i) => w.every((v, j) => Object.is(v, b[i][j])));
  let reached = -1;
  for (let k = 1; k < epochs * (N / BATCH) && reached < 0; ++k) {
    steps(reference, k - 1, k);
    if (same(weightsOf(reference), got)) reached = k;
  }
  assert.ok(reached > 0, 'the weights equal those after some whole number of steps');
  assert.ok(reached < epochs * (N / BATCH), 'stopped part-way');
  const again = await model.fit(x, y, { epochs: 1, batchSize: BATCH });
  assert.ok(Number.isFinite(again.history.loss[0]));
  console.log(`# worker stopped after ${reached} of ${epochs * (N / BATCH)} steps`);
  disposeModel(model);
  disposeModel(reference);
});

const corpus = analogyCorpus();
const EPOCH_WORDS = 28000;
// When to cancel, from the progress events of a 5-epoch run.
const CANCEL_POINTS = {
  'the first progress report': () => true,
  'mid-epoch': (e) => e.epoch === 2 && e.fractionDone * 5 - 2 > 0.3,
  'the last epoch': (e) => e.epoch === 4,
};

test('Word2Vec.train cancelled at three points, then continued, equals an uncancelled run', async () => {
  const options = { ...SMALL_OPTIONS, threads: 1 };
  const reference = new Word2Vec(options);
  await reference.train(corpus, { chunkWords: 2000 });
  const expected = reference.wv.getVectors();
  reference.dispose();

  for (const [name, when] of Object.entries(CANCEL_POINTS)) {
    const w = new Word2Vec(options);
    await w.buildVocab(corpus);
    const initial = w.wv.getVectors();
    const controller = new AbortController();
    let at = null;
    const result = await w.train(undefined, {
      chunkWords: 2000, signal: controller.signal,
      onProgress: (e) => { if (at === null && when(e)) { at = e; controller.abort(); } },
    });
    assert.equal(result.cancelled, true, name);
    assert.equal(result.wordsProcessed, at.wordsProcessed, `${name}: stops before the next chunk`);
    const stopped = w.wv.getVectors();
    assert.ok(stopped.every(Number.isFinite), `${name}: finite vectors`);
    assert.ok(stopped.some((v, i) => v !== initial[i]), `${name}: wv shows the training done before the stop`);
    assert.equal(w.wv.mostSimilar('king', { topn: 3 }).length, 3);
    assert.ok(Math.abs(w.wv.similarity('king', 'king') - 1) < 1e-6);
    const rest = await w.train(undefined, { chunkWords: 2000 });
    assert.equal(rest.cancelled, false);
    assert.equal(rest.epochs, 5);
    assert.deepEqual(w.wv.getVectors(), expected, `${name}: cancelled and continued = uncancelled`);
    w.dispose();
  }
});

test('trainWord2VecInWorker cancelled at three points returns usable vectors', { timeout: 60000 }, async () => {
  // Slow enough per epoch (~10 worker chunks of ~40 ms) that a cancel sent from a progress
  // event lands well before the epoch ends.
  const options = { vectorSize: 64, window: 5, minCount: 1, sg: 1, negative: 10, sample: 0, epochs: 5, seed: 3 };
  const text = analogyCorpus(20000);
  const epochWords = 5 * EPOCH_WORDS;
  for (const [name, when] of Object.entries(CANCEL_POINTS)) {
    const controller = new AbortController();
    let at = null;
    const result = await trainWord2VecInWorker(options, text, {
      progressEvery: 0, signal: controller.signal,
      onProgress: (e) => { if (at === null && when(e)) { at = e; controller.abort(); } },
    });
    assert.equal(result.cancelled, true, name);
    assert.ok(result.wordsProcessed >= at.wordsProcessed && result.wordsProcessed < 5 * epochWords, `${name}: ${result.wordsProcessed} words`);
    if (name === 'the last epoch') assert.ok(result.wordsProcessed >= 4 * epochWords);
    assert.ok(result.vectors.every(Number.isFinite), `${name}: finite vectors`);
    const kv = result.toKeyedVectors();
    assert.equal(kv.mostSimilar('king', { topn: 3 }).length, 3);
    kv.dispose();
  }
  // And a new run trains to the end.
  const done = await trainWord2VecInWorker({ ...options, epochs: 1 }, text);
  assert.equal(done.cancelled, false);
  assert.equal(done.epochs, 1);
});
