// Long runs keep wasm memory flat: 1,000 create / compile / fit / dispose cycles of a small
// classifier, repeated trainInWorker calls, one long word2vec run on the threads build, and
// repeated create / train / dispose of Word2Vec.
//
// Tolerance: none for cycles. After the first cycles have sized the allocator's pools and
// Embind's caches, the same sequence of allocations and frees must leave the same bytes in
// use, so a single object leaked per cycle fails the test; the wasm memory (its byte
// length) must not grow at all. Within one word2vec run only the per-epoch loss list may
// grow (bound below).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { engine, poolLoaded } from '../../dist/core/init.js';
import { init, layers, memoryInUse, sequential, trainInWorker, Word2Vec } from '../../dist/index.js';
import { analogyCorpus } from './word2vec_corpus.mjs';

const heapBytes = () => engine().HEAPU8.length;
const WARM_UP = 10;  // cycles before memory is expected to hold still

before(async () => {
  await init();  // Node: the threads build, so pthread paths run too
  // The pool's threads start once their workers have loaded, after init() has returned,
  // and each then takes its thread-local block from the heap (24 bytes, once). On a busy
  // machine that can land after the warm-up cycles, so the baseline waits for it.
  await poolLoaded(engine());
  await new Promise((resolve) => { setTimeout(resolve, 100); });
});

/** Runs `cycle` n times; returns [memoryInUse, heap bytes] after each cycle. */
async function measure(n, cycle) {
  const samples = [];
  for (let i = 0; i < n; ++i) {
    await cycle(i);
    samples.push([memoryInUse(), heapBytes()]);
  }
  return samples;
}

function assertFlat(samples, from, what) {
  const [inUse, heap] = samples[from];
  samples.slice(from).forEach(([u, h], i) => {
    assert.equal(u, inUse, `${what}: bytes in use went from ${inUse} to ${u} by cycle ${from + i}`);
    assert.equal(h, heap, `${what}: wasm memory grew from ${heap} to ${h} bytes by cycle ${from + i}`);
  });
}

// 64 samples of 6 ids in [0, 100), labels from the first id: a task fit() can learn.
function dataset(seed) {
  let s = seed;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const x = Float32Array.from({ length: 64 * 6 }, () => Math.floor(rand() * 100));
  const y = Float32Array.from({ length: 64 }, (_, i) => (x[i * 6] < 50 ? 0 : 1));
  return { x: { data: x, shape: [64, 6] }, y: { data: y, shape: [64, 1] } };
}

function classifier(seed) {
  const model = sequential([
    layers.embedding({ inputDim: 100, outputDim: 8, seed }),
    layers.globalAveragePooling1d(),
    layers.dense({ units: 2, activation: 'softmax', seed: seed + 1 }),
  ]);
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

function disposeModel(model) {
  model.layers[0].dispose();  // the table layer is an object of its own
  model.dispose();
}

test('1,000 create / compile / fit / dispose cycles leave wasm memory flat', async () => {
  const { x, y } = dataset(1);
  let losses = 0;
  const started = Date.now();
  const samples = await measure(1000, async (i) => {
    const model = classifier(i);
    const history = await model.fit(x, y, { epochs: 1, batchSize: 16, seed: i });  // 4 batches
    losses += history.history.loss[0];
    model.predict(x);
    disposeModel(model);
  });
  assertFlat(samples, WARM_UP, 'fit cycles');
  assert.ok(Number.isFinite(losses) && losses > 0);
  console.log(`# 1,000 fit cycles in ${Date.now() - started} ms; ${samples.at(-1)[0]} bytes in use, wasm memory ${samples.at(-1)[1]} bytes`);
});

test('repeated trainInWorker calls leave the main thread\'s wasm memory flat', async () => {
  const { x, y } = dataset(2);
  const samples = await measure(12, async (i) => {
    const model = classifier(i);
    model.build([6]);
    const result = await trainInWorker(model, x, y, { epochs: 2, batchSize: 16, seed: i });
    assert.equal(result.cancelled, false);
    model.predict(x);
    disposeModel(model);
  });
  assertFlat(samples, 2, 'trainInWorker cycles');
});

test('a long word2vec run (2 threads, 200 epochs) keeps memory flat from epoch to epoch', async () => {
  const w = new Word2Vec({ vectorSize: 32, window: 3, minCount: 1, sample: 0, epochs: 200, seed: 5, threads: 2 });
  const byEpoch = new Map();
  const result = await w.train(analogyCorpus(), {
    chunkWords: 5000,
    onProgress: (e) => {
      if (e.epoch >= 1) byEpoch.set(e.epoch, [memoryInUse(), heapBytes()]);
    },
  });
  assert.equal(result.cancelled, false);
  assert.equal(result.epochs, 200);
  assert.equal(byEpoch.size, 199, 'a sample in every epoch after the first');
  // The one thing that may grow is the list of per-epoch losses (a std::vector<double>
  // doubling its capacity): at most 8 bytes x the next power of two of 200, plus a chunk
  // header. A leak of one 16-byte allocation per epoch (3 KB) or per chunk (18 KB) is
  // more than that.
  const [firstInUse, firstHeap] = byEpoch.get(1);
  for (const [epoch, [inUse, heap]] of byEpoch) {
    assert.ok(inUse >= firstInUse && inUse - firstInUse <= 8 * 256 + 16, `epoch ${epoch}: ${inUse - firstInUse} more bytes in use than after epoch 1`);
    assert.equal(heap, firstHeap, `epoch ${epoch}: wasm memory grew`);
  }
  // Trained, not just run: the analogy the corpus was built for holds.
  assert.equal(w.wv.mostSimilar(['king', 'woman'], { negative: ['man'], topn: 1 })[0][0], 'queen');
  assert.ok(w.wv.getVectors().every(Number.isFinite));
  console.log(`# word2vec: ${result.wordsProcessed} words at ${Math.round(result.wordsPerSecond)} words/s, ${byEpoch.get(199)[0]} bytes in use`);
  w.dispose();
});

test('300 Word2Vec create / train / query / dispose cycles leave wasm memory flat', async () => {
  const text = analogyCorpus(200);
  const samples = await measure(300, async (i) => {
    const w = new Word2Vec({ vectorSize: 8, window: 2, minCount: 1, epochs: 2, seed: i, threads: 1 + (i % 2) });
    await w.train(text);
    w.wv.mostSimilar('king', { topn: 3 });
    w.dispose();
  });
  assertFlat(samples, WARM_UP, 'Word2Vec cycles');
});
