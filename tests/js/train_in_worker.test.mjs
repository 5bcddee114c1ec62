// trainInWorker in Node's worker_threads: the main thread stays free, progress streams,
// an AbortSignal stops training between batches, and the weights come back.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { init, layers, sequential, train, trainInWorker } from '../../dist/index.js';
import { loadSpamSubjects } from '../data/spam_subjects.mjs';

let data;
before(async () => {
  await init();
  data = loadSpamSubjects();
});

function model() {
  const m = sequential([
    layers.embedding({ inputDim: data.vocab.length, outputDim: 16, seed: 1 }),
    layers.globalAveragePooling1d(),
    layers.dense({ units: 1, activation: 'sigmoid', seed: 2 }),
  ]);
  m.compile({ optimizer: train.adam(0.01), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  m.build([data.seqLength]);
  return m;
}
const X = () => ({ data: data.train.x, shape: [data.train.y.length, data.seqLength] });
const Y = () => ({ data: data.train.y, shape: [data.train.y.length, 1] });

test('trains in a worker with progress, the main thread stays responsive, and equals fit() in place', async () => {
  const m = model();
  let ticks = 0;
  const timer = setInterval(() => { ticks += 1; }, 5);
  const epochs = [];
  const result = await trainInWorker(m, X(), Y(), {
    epochs: 2, batchSize: 32, seed: 5, onProgress: (e) => { if (e.event === 'epoch') epochs.push(e.epoch); },
  });
  clearInterval(timer);
  assert.deepEqual(epochs, [0, 1]);
  assert.equal(result.cancelled, false);
  assert.ok(ticks >= 5, `the main thread ran timers while the worker trained (${ticks})`);
  assert.ok(result.weights.every((w) => w.data instanceof Float32Array));
  assert.deepEqual(m.getWeights().map((w) => Array.from(w.data)), result.weights.map((w) => Array.from(w.data)));

  // The same training in this thread gives the same weights: the worker is a copy of it.
  const local = model();
  await local.fit(X(), Y(), { epochs: 2, batchSize: 32, seed: 5 });
  assert.deepEqual(local.getWeights().map((w) => Array.from(w.data)), result.weights.map((w) => Array.from(w.data)));
  m.dispose();
  local.dispose();
});

test('an AbortSignal stops training between batches and leaves a consistent model', async () => {
  const m = model();
  const controller = new AbortController();
  let batches = 0;
  const result = await trainInWorker(m, X(), Y(), {
    epochs: 100, batchSize: 32, seed: 1, progressEvery: 0,
    onProgress: (e) => { if (e.event === 'batch' && ++batches === 3) controller.abort(); },
    signal: controller.signal,
  });
  assert.equal(result.cancelled, true);
  // How many epochs finish before the cancel message arrives depends on machine load.
  assert.ok(result.history.epoch.length < 100, `stopped early (${result.history.epoch.length} epochs)`);
  const p = m.predict({ data: data.test.x.subarray(0, 4 * data.seqLength), shape: [4, data.seqLength] });
  assert.ok(p.data.every(Number.isFinite));
  await assert.rejects(trainInWorker(m, X(), Y(), { signal: AbortSignal.abort() }), { name: 'AbortError' });
  await assert.rejects(trainInWorker(m, X(), Y(), { epochs: 1, bogus: 1 }), (e) => e instanceof TypeError && /unknown option 'bogus'/.test(e.message));
  m.dispose();
});

test('workerUrl picks the worker script and initOptions.locateFile crosses to the worker', async () => {
  const m = model();
  const asked = [];
  const result = await trainInWorker(m, X(), Y(), {
    epochs: 1, batchSize: 64, seed: 5,
    workerUrl: new URL('../../dist/worker/worker_main.js', import.meta.url),
    initOptions: { threads: false, locateFile: (name, prefix) => { asked.push(name); return prefix + name; } },
  });
  assert.equal(result.cancelled, false);
  assert.equal(result.history.epoch.length, 1);
  assert.ok(asked.includes('embedwasm_simd.wasm'), `locateFile was asked for the engine (${asked})`);

  await assert.rejects(trainInWorker(m, X(), Y(), { epochs: 1, workerUrl: 42 }),
    (e) => e instanceof TypeError && /workerUrl/.test(e.message));
  await assert.rejects(trainInWorker(m, X(), Y(), { epochs: 1, workerUrl: new URL('./no_such_worker.js', import.meta.url) }));
  await assert.rejects(trainInWorker(m, X(), Y(), { epochs: 1, initOptions: { locateFile: 'x' } }),
    (e) => e instanceof TypeError && /locateFile/.test(e.message));
  m.dispose();
});
