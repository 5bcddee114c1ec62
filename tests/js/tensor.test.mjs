// tensor() and the three input forms (nested arrays, typed arrays with a shape, {data,
// shape}) give the same results on every path that takes inputs: lookups, bags, weights,
// fit/predict/evaluate; malformed inputs are TypeErrors naming where.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { init, layers, sequential, tensor, train } from '../../dist/index.js';

before(async () => { await init({ threads: false }); });

test('tensor(): flat values, shape and dtype from nested arrays, flat arrays and typed arrays', () => {
  const nested = tensor([[1, 2, 3], [4, 5, 6]]);
  assert.ok(nested.data instanceof Float32Array);
  assert.deepEqual([...nested.data], [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(nested.shape, [2, 3]);
  assert.ok(Object.isFrozen(nested) && Object.isFrozen(nested.shape));

  assert.deepEqual(tensor([1, 2, 3, 4, 5, 6], [3, 2]).shape, [3, 2]);
  const ids = tensor([[7, 8]], undefined, 'int32');
  assert.ok(ids.data instanceof Int32Array);
  const big = tensor([16777217], [1], 'int32');  // 2^24 + 1: float32 cannot hold it
  assert.equal(big.data[0], 16777217);
  const typed = new Int32Array([1, 2, 3, 4]);
  const kept = tensor(typed, [2, 2]);
  assert.equal(kept.data, typed, 'an Int32Array is used as is');
  assert.ok(tensor(new Float64Array([0.5])).data instanceof Float32Array, 'other typed arrays become float32');
  assert.deepEqual(tensor([new Float32Array([1, 2]), new Float32Array([3, 4])]).shape, [2, 2], 'rows may be typed arrays');
  assert.deepEqual(tensor(tensor([[1], [2]])).shape, [2, 1], 'a tensor is a valid input');
  assert.deepEqual(tensor(3).shape, []);
  assert.deepEqual(tensor([]).shape, [0]);
  assert.deepEqual(tensor({ data: [], shape: [0, 3] }).shape, [0, 3], 'an empty batch keeps its shape');
});

test('tensor(): malformed input is a TypeError that names the problem and where', () => {
  const cases = [
    [() => tensor([[1, 2], [3]]), /ragged nested array at \[1\]: expected 2 elements/],
    [() => tensor([[[1], [2]], [[3], [4, 5]]]), /ragged nested array at \[1, 1\]/],
    [() => tensor([[], [1]]), /ragged nested array at \[1\]/],
    [() => tensor([1, 2, 3], [2, 2]), /shape \[2, 2\] holds 4 values but the array has 3/],
    [() => tensor([[1, 2]], [2, 1]), /nested array has shape \[1, 2\] but shape \[2, 1\] was given/],
    [() => tensor([1], [1.5]), /shape must be an array of non-negative integers/],
    [() => tensor([1], 1), /shape must be an array of non-negative integers/],
    [() => tensor([[1, '2']]), /value 2 at position \[0, 1\] is not a number/],
    [() => tensor([[1, 2.5]], undefined, 'int32'), /id 2\.5 at position \[0, 1\] is not an integer/],
    [() => tensor([1], [1], 'float16'), /dtype must be 'float32' or 'int32'/],
    [() => tensor([1], [1], 'toString'), /dtype must be 'float32' or 'int32'/],
    [() => tensor('1 2'), /expected a nested array, a typed array or \{data, shape\}, got string/],
    [() => tensor(null), /got null/],
  ];
  for (const [fn, message] of cases) assert.throws(fn, { name: 'TypeError', message });
  assert.throws(() => tensor([2 ** 31], [1], 'int32'), { name: 'RangeError', message: /outside the int32 range/ });
});

test('embedding and embeddingBag give the same output for every input form', () => {
  const e = layers.embedding({ inputDim: 9, outputDim: 3, seed: 4 });
  const forms = [
    [[1, 8], [0, 4]],
    { data: new Int32Array([1, 8, 0, 4]), shape: [2, 2] },
    { data: [1, 8, 0, 4], shape: [2, 2] },
    { data: new Float64Array([1, 8, 0, 4]), shape: [2, 2] },
    tensor([1, 8, 0, 4], [2, 2], 'int32'),
    tensor([[1, 8], [0, 4]]),
    [new Int32Array([1, 8]), new Int32Array([0, 4])],
  ];
  const want = e.apply(forms[0]);
  assert.deepEqual(want.shape, [2, 2, 3]);
  for (const x of forms) assert.deepEqual(e.apply(x), want, JSON.stringify(x));
  assert.throws(() => e.apply({ data: new Int32Array([1, 8, 0]), shape: [2, 2] }), { name: 'TypeError', message: /embedding\.apply.*holds 4 values but the array has 3/ });
  e.dispose();

  const bag = layers.embeddingBag({ inputDim: 9, outputDim: 3, mode: 'sum', seed: 4 });
  const bags = bag.apply([1, 2, 3, 4], { offsets: [0, 1], perSampleWeights: [1, 0.5, 2, 1] });
  assert.deepEqual(bag.apply(tensor([1, 2, 3, 4], [4], 'int32'), { offsets: new Int32Array([0, 1]), perSampleWeights: tensor([1, 0.5, 2, 1]) }), bags);
  bag.dispose();
});

test('weights and training data accept every form; fit gives identical weights for each', async () => {
  const x = [[1, 2, 3], [4, 5, 6], [1, 5, 3], [4, 2, 6]];
  const y = [[0], [1], [0], [1]];
  const table = Array.from({ length: 8 }, (_, i) => [i / 10, -i / 10]);
  const fitWith = async (xs, ys, w) => {
    const model = sequential([
      layers.embedding({ inputDim: 8, outputDim: 2, weights: [w] }),
      layers.flatten(),
      layers.dense({ units: 2, activation: 'softmax', seed: 1 }),
    ]);
    model.compile({ optimizer: train.sgd(0.1), loss: 'sparseCategoricalCrossentropy' });
    await model.fit(xs, ys, { epochs: 3, batchSize: 2, seed: 5 });
    const out = { weights: model.getWeights(), predicted: model.predict(xs), loss: model.evaluate(xs, ys).loss };
    model.dispose();
    return out;
  };
  const want = await fitWith(x, y, table);
  const flatX = new Float32Array(x.flat());
  for (const [xs, ys, w] of [
    [tensor(x), tensor(y), tensor(table)],
    [{ data: flatX, shape: [4, 3] }, { data: new Float32Array([0, 1, 0, 1]), shape: [4, 1] }, { data: new Float32Array(table.flat()), shape: [8, 2] }],
    [{ data: x.flat(), shape: [4, 3] }, { data: [0, 1, 0, 1], shape: [4, 1] }, table.map((r) => Float32Array.from(r))],
  ]) {
    assert.deepEqual(await fitWith(xs, ys, w), want);
  }
});
