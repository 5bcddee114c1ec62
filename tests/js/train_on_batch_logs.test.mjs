// trainOnBatch and fit's onBatchEnd report per-sample means, like Keras: the loss of a
// batch is the loss evaluate() gives on that batch before the step, whatever the batch size.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { init, layers, sequential, train } from '../../dist/index.js';

before(async () => { await init(); });

function model() {
  const m = sequential([
    layers.embedding({ inputDim: 10, outputDim: 4, seed: 3 }),
    layers.globalAveragePooling1d(),
    layers.dense({ units: 1, activation: 'sigmoid', seed: 4 }),
  ]);
  m.compile({ optimizer: train.sgd(0.1), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  return m;
}

const x = { data: Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 2, 3]), shape: [4, 3] };
const y = { data: Float32Array.from([1, 0, 1, 0]), shape: [4, 1] };

test('trainOnBatch on 4 samples reports the batch mean loss and accuracy', () => {
  const m = model();
  const before = m.evaluate(x, y, { batchSize: 4 });
  // The same means from the predictions in plain JS: binary cross-entropy and the share
  // of outputs on the label's side of 0.5.
  const p = Array.from(m.predict(x).data);
  const labels = Array.from(y.data);
  const meanLoss = -p.reduce((s, pi, i) => s + (labels[i] ? Math.log(pi) : Math.log(1 - pi)), 0) / p.length;
  const meanAccuracy = p.filter((pi, i) => (pi > 0.5 ? 1 : 0) === labels[i]).length / p.length;
  const logs = m.trainOnBatch(x, y);
  // Untrained sigmoid outputs are near 0.5, so the mean loss is near ln 2, not ln 2 / 4.
  assert.ok(Math.abs(before.loss - Math.LN2) < 0.05, `loss before ${before.loss}`);
  assert.ok(Math.abs(before.loss - meanLoss) < 1e-6, `evaluate ${before.loss} vs plain-JS mean ${meanLoss}`);
  assert.ok(Math.abs(logs.loss - before.loss) < 1e-6, `trainOnBatch ${logs.loss} vs evaluate ${before.loss}`);
  assert.equal(before.accuracy, meanAccuracy);
  assert.equal(logs.accuracy, meanAccuracy);
  m.dispose();
});

test("fit's onBatchEnd reports each batch's mean, and one batch per epoch gives the epoch's loss", async () => {
  const m = model();
  const before = m.evaluate(x, y, { batchSize: 4 });
  const seen = [];
  const history = await m.fit(x, y, { epochs: 1, batchSize: 4, shuffle: false, callbacks: { onBatchEnd: (b, logs) => seen.push(logs) } });
  assert.equal(seen.length, 1);
  assert.ok(Math.abs(seen[0].loss - before.loss) < 1e-6, `onBatchEnd ${seen[0].loss} vs evaluate ${before.loss}`);
  assert.ok(Math.abs(history.history.loss[0] - seen[0].loss) < 1e-6);
  m.dispose();
});
