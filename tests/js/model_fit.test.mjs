// sequential / compile / fit through the wasm build in Node, on real labelled text:
// ham vs spam e-mail subjects from the SpamAssassin corpus.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { init, layers, sequential, train } from '../../dist/index.js';
import { loadSpamSubjects } from '../data/spam_subjects.mjs';

let data;
before(async () => {
  await init();
  data = loadSpamSubjects();
});

function spamModel({ sparse = false, maxNorm = null, seed = 1 } = {}) {
  const V = data.vocab.length;
  return sequential([
    layers.embedding({
      inputDim: V, outputDim: 16, maskZero: true, sparse, seed,
      embeddingsConstraint: maxNorm === null ? undefined : { kind: 'maxNorm', maxValue: maxNorm },
    }),
    layers.globalAveragePooling1d(),
    layers.dense({ units: 1, activation: 'sigmoid', seed: seed + 1 }),
  ]);
}

const asX = (part) => ({ data: part.x, shape: [part.y.length, data.seqLength] });
const asY = (part) => ({ data: part.y, shape: [part.y.length, 1] });

test('Embedding -> GlobalAveragePooling1D -> Dense(sigmoid) learns ham vs spam well above the majority class', async () => {
  const model = spamModel();
  model.compile({ optimizer: train.adam(0.01), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  const history = await model.fit(asX(data.train), asY(data.train), { epochs: 4, batchSize: 32, seed: 7, validationSplit: 0.1 });
  assert.deepEqual(history.epoch, [0, 1, 2, 3]);
  const losses = history.history.loss;
  assert.ok(losses[3] < losses[0] * 0.5, `training loss falls: ${losses}`);
  assert.equal(history.history.val_loss.length, 4);
  const result = model.evaluate(asX(data.test), asY(data.test));
  // Measured: ~0.89 held-out accuracy against a 0.674 majority class.
  assert.ok(result.accuracy > data.majorityAccuracy + 0.12,
    `held-out accuracy ${result.accuracy.toFixed(3)} vs majority ${data.majorityAccuracy.toFixed(3)}`);
  const p = model.predict(asX(data.test));
  assert.deepEqual(p.shape, [data.test.y.length, 1]);
  let correct = 0;
  for (let i = 0; i < p.data.length; ++i) correct += (p.data[i] > 0.5) === (data.test.y[i] === 1) ? 1 : 0;
  assert.ok(Math.abs(correct / p.data.length - result.accuracy) < 1e-9, 'evaluate agrees with predict');
  model.dispose();
});

test('the same seed gives bit-identical weights; another seed does not', async () => {
  const run = async (seed) => {
    const model = spamModel({ seed: 3 });
    model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
    const part = { x: data.train.x.subarray(0, 640 * data.seqLength), y: data.train.y.subarray(0, 640) };
    await model.fit(asX(part), asY(part), { epochs: 2, batchSize: 32, seed });
    const weights = model.getWeights().map((w) => Array.from(w.data));
    model.dispose();
    return weights;
  };
  const a = await run(11);
  assert.deepEqual(await run(11), a);
  assert.notDeepEqual(await run(12), a);
});

test('maxNorm holds for every embedding row after every step of fit, dense and sparse', async () => {
  for (const sparse of [false, true]) {
    const model = spamModel({ sparse, maxNorm: 0.5 });
    const emb = model.layers[0];
    emb.setWeights([{ data: emb.getWeights()[0].data.map((v) => v * 40), shape: [data.vocab.length, 16] }]);
    model.compile({ optimizer: sparse ? train.sparseAdam(0.05) : train.adam(0.05), loss: 'binaryCrossentropy' });
    let checked = 0;
    let previous = emb.getWeights()[0].data;
    const part = { x: data.train.x.subarray(0, 320 * data.seqLength), y: data.train.y.subarray(0, 320) };
    await model.fit(asX(part), asY(part), {
      epochs: 1, batchSize: 32, seed: 1,
      callbacks: {
        onBatchEnd: () => {
          const [w] = emb.getWeights();
          let changedRows = 0;
          for (let r = 0; r < data.vocab.length; ++r) {
            // Sparse updates touch (and constrain) only the rows of the batch: every row
            // that changed must hold the constraint; the others must not have moved.
            const changed = w.data.subarray(r * 16, r * 16 + 16).some((v, j) => v !== previous[r * 16 + j]);
            changedRows += changed ? 1 : 0;
            if (sparse && !changed) continue;
            let sq = 0;
            for (let j = 0; j < 16; ++j) sq += w.data[r * 16 + j] ** 2;
            assert.ok(Math.sqrt(sq) <= 0.5 * (1 + 1e-5), `row ${r} norm ${Math.sqrt(sq)} after batch (sparse: ${sparse})`);
          }
          assert.ok(changedRows > 10, `a batch updates rows (${changedRows})`);
          previous = w.data;
          checked += 1;
        },
      },
    });
    assert.equal(checked, 10);
    model.dispose();
  }
});

test('sparse updates leave rows absent from the batch bit-for-bit unchanged', () => {
  const model = spamModel({ sparse: true });
  model.compile({ optimizer: train.sparseAdam(0.01), loss: 'binaryCrossentropy' });
  const x = { data: new Float32Array([5, 6, 0, 0, 7, 5, 0, 0]), shape: [2, 4] };
  const emb = model.layers[0];
  model.build([4]);
  const before = emb.getWeights()[0].data;
  model.trainOnBatch(x, { data: new Float32Array([1, 0]), shape: [2, 1] });
  const after = emb.getWeights()[0].data;
  for (let r = 0; r < data.vocab.length; ++r) {
    const same = after.subarray(r * 16, r * 16 + 16).every((v, j) => Object.is(v, before[r * 16 + j]));
    assert.equal(same, ![5, 6, 7].includes(r), `row ${r}`);
  }
  model.dispose();
});

test('a callback can stop training; bad use gives clear errors', async () => {
  const model = spamModel();
  assert.throws(() => model.trainOnBatch({ data: new Float32Array(16), shape: [1, 16] }, [[1]]), /compile the model first/);
  assert.throws(() => model.compile({ optimizer: 'adam', loss: 'crossEntropy' }), (e) => e instanceof TypeError && /binaryCrossentropy/.test(e.message));
  assert.throws(() => model.compile({ optimizer: 'adamm', loss: 'mse' }), (e) => e instanceof TypeError && /unknown optimizer 'adamm'/.test(e.message));
  model.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  const part = { x: data.train.x.subarray(0, 320 * data.seqLength), y: data.train.y.subarray(0, 320) };
  let batches = 0;
  const history = await model.fit(asX(part), asY(part), {
    epochs: 5, batchSize: 32, seed: 1,
    callbacks: { onBatchEnd: (batch) => { batches += 1; if (batch === 2) model.stopTraining = true; } },
  });
  assert.equal(batches, 3);
  assert.equal(history.epoch.length, 1);
  await assert.rejects(model.fit(asX(part), { data: part.y.subarray(0, 10), shape: [10, 1] }), (e) => e instanceof TypeError && /320 samples/.test(e.message));
  await assert.rejects(model.fit({ data: new Float32Array([1.5, 0, 0, 0]), shape: [1, 4] }, [[1]]), TypeError);
  await assert.rejects(model.fit(asX(part), asY(part), { epoch: 2 }), (e) => e instanceof TypeError && /unknown option 'epoch'/.test(e.message));
  const ids = new Float32Array(16).fill(0);
  ids[3] = data.vocab.length;
  const weightsBefore = model.getWeights();
  assert.throws(() => model.trainOnBatch({ data: ids, shape: [1, 16] }, [[1]]), (e) => e instanceof RangeError && /id 2000/.test(e.message));
  // The failed batch changed nothing and training continues: the next batch's loss is the
  // cross-entropy of the prediction just before it.
  assert.deepStrictEqual(model.getWeights(), weightsBefore);
  const good = { data: new Float32Array(16).fill(4), shape: [1, 16] };
  const p = model.predict(good).data[0];
  const loss = model.trainOnBatch(good, [[1]]).loss;
  assert.ok(Math.abs(loss + Math.log(p)) < 1e-5, `loss ${loss} vs -log(${p})`);
  model.dispose();
});
