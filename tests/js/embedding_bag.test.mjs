// layers.embeddingBag through the built package: PyTorch semantics, hand-computed.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { init, layers } from '../../dist/index.js';

const W = { data: Float32Array.from({ length: 15 }, (_, i) => i), shape: [3, 5] };
const ROW = (r) => [0, 1, 2, 3, 4].map((j) => r * 5 + j);

before(async () => { await init(); });

test('sum, mean and max over 1-D ids with offsets, and includeLastOffset', () => {
  const x = [0, 2, 1, 2, 2];
  const offsets = [0, 2, 2];  // bags [0, 2], [], [1, 2, 2]
  const expected = {
    sum: [...ROW(0).map((v, j) => v + ROW(2)[j]), 0, 0, 0, 0, 0, ...ROW(1).map((v, j) => v + 2 * ROW(2)[j])],
    mean: [...ROW(0).map((v, j) => (v + ROW(2)[j]) / 2), 0, 0, 0, 0, 0, ...ROW(1).map((v, j) => (v + 2 * ROW(2)[j]) / 3)],
    max: [...ROW(2), 0, 0, 0, 0, 0, ...ROW(2)],
  };
  for (const mode of ['sum', 'mean', 'max']) {
    const bag = layers.embeddingBag({ inputDim: 3, outputDim: 5, mode, weights: [W] });
    const y = bag.apply(x, { offsets });
    assert.deepEqual(y.shape, [3, 5], mode);
    assert.deepEqual(Array.from(y.data), expected[mode].map(Math.fround), mode);
    bag.dispose();
  }
  const csr = layers.embeddingBag({ inputDim: 3, outputDim: 5, mode: 'sum', includeLastOffset: true, weights: [W] });
  assert.deepEqual(csr.apply(x, { offsets: [0, 2, 2, 5] }).data, Float32Array.from(expected.sum));
  assert.throws(() => csr.apply(x, { offsets: [0, 2, 4] }), RangeError, 'last offset must equal the number of ids');
  csr.dispose();
});

test('2-D bags, per-sample weights and padding excluded from the mean', () => {
  const bag = layers.embeddingBag({ inputDim: 3, outputDim: 5, mode: 'sum', weights: [W] });
  const y = bag.apply([[0, 2], [1, 2]], { perSampleWeights: [[1, 2], [0.5, 1]] });
  assert.deepEqual(Array.from(y.data), [...ROW(0).map((v, j) => v + 2 * ROW(2)[j]), ...ROW(1).map((v, j) => 0.5 * v + ROW(2)[j])]);
  const mean = layers.embeddingBag({ inputDim: 3, outputDim: 5, mode: 'mean', paddingIdx: 0, weights: [W] });
  assert.deepEqual(Array.from(mean.apply([[0, 2], [0, 0]]).data), [...ROW(2), 0, 0, 0, 0, 0]);
  assert.throws(() => mean.apply([[1, 2]], { perSampleWeights: [[1, 1]] }),
    (e) => e instanceof TypeError && /perSampleWeights is only supported for mode='sum'/.test(e.message));
  bag.dispose();
  mean.dispose();
});

test('backward: sum routes dy to every entry, max to the arg-max row; perSampleWeights gradient', () => {
  const dy = [[1, 1, 1, 1, 1], [2, 2, 2, 2, 2]];
  const sum = layers.embeddingBag({ inputDim: 3, outputDim: 5, mode: 'sum', weights: [W] });
  assert.deepEqual(Array.from(sum.backward([0, 2, 1, 2], dy, { offsets: [0, 2] }).data),
    [1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3]);
  // dL/dw_i = W[id_i] . dy[bag(i)]: 10, 60, 2*35, 2*60.
  assert.deepEqual(Array.from(sum.backwardPerSampleWeights([0, 2, 1, 2], dy, { offsets: [0, 2] }).data), [10, 60, 70, 120]);
  const max = layers.embeddingBag({ inputDim: 3, outputDim: 5, mode: 'max', sparse: true, weights: [W] });
  const g = max.backward([[0, 1], [1, 0]], dy);
  // Row 1 is the max of both bags in every dimension; row 0 is touched but gets zeros.
  assert.deepEqual(Array.from(g.indices), [0, 1]);
  assert.deepEqual(Array.from(g.values.data), [0, 0, 0, 0, 0, 3, 3, 3, 3, 3]);
  sum.dispose();
  max.dispose();
});

test('bad bags are typed errors naming the problem; the layer stays usable', () => {
  const bag = layers.embeddingBag({ inputDim: 3, outputDim: 5, mode: 'sum', weights: [W] });
  assert.throws(() => bag.apply([0, 2, 1], { offsets: [0, 2, 1] }), (e) => e instanceof RangeError && /offsets\[2\]/.test(e.message));
  assert.throws(() => bag.apply([0, 2, 1], { offsets: [0, 4] }), (e) => e instanceof RangeError && /4/.test(e.message));
  assert.throws(() => bag.apply([0, 3], { offsets: [0] }), (e) => e instanceof RangeError && /id 3 at position \[1\]/.test(e.message));
  assert.throws(() => bag.apply([0, 1]), TypeError, '1-D ids need offsets');
  assert.throws(() => bag.apply([0, 1], { offset: [0] }), (e) => e instanceof TypeError && /unknown option 'offset'/.test(e.message));
  assert.throws(() => bag.apply([[0, 1]], { perSampleWeights: [1, 2, 3] }), TypeError);
  assert.throws(() => layers.embeddingBag({ inputDim: 3, outputDim: 5, mode: 'median' }), (e) => e instanceof TypeError && /'sum', 'mean', 'max'/.test(e.message));
  assert.throws(() => layers.embeddingBag({ inputDim: 3, outputDim: 5, mode: 'max', scaleGradByFreq: true }), TypeError);
  assert.deepEqual(bag.getWeights()[0].data, W.data);
  assert.deepEqual(Array.from(bag.apply([2], { offsets: [0] }).data), ROW(2));
  bag.dispose();
});
