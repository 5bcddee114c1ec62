// The Embedding layer through the built package, for one wasm variant. Each variant
// runs in its own test file (init() loads one build per process).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { init, layers } from '../../dist/index.js';

function arange(n) {
  return Float32Array.from({ length: n }, (_, i) => i);
}

// Deterministic ids/values for the tests without depending on the engine's RNG.
function lcg(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

export function embeddingTests(initOptions, expectedVariant) {
  test(`init loads the ${expectedVariant} build and is idempotent`, async () => {
    const info = await init(initOptions);
    assert.deepEqual(info, { simd: true, threads: expectedVariant === 'threads', variant: expectedVariant });
    assert.equal(await init(initOptions), info);
  });

  test('Lasagne example: W = arange(15).reshape(3, 5), x = [[0, 2], [1, 2]]', async () => {
    await init(initOptions);
    const emb = layers.embedding({ inputDim: 3, outputDim: 5, weights: [{ data: arange(15), shape: [3, 5] }] });
    const y = emb.apply([[0, 2], [1, 2]]);
    assert.deepEqual(y.shape, [2, 2, 5]);
    assert.deepEqual(Array.from(y.data), [0, 1, 2, 3, 4, 10, 11, 12, 13, 14, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    emb.dispose();
  });

  test('Keras example: inputDim 21, outputDim 2 on [[4], [20]] gives rows 4 and 20', async () => {
    await init(initOptions);
    const emb = layers.embedding({ inputDim: 21, outputDim: 2, seed: 7 });
    const y = emb.apply([[4], [20]]);
    assert.deepEqual(y.shape, [2, 1, 2]);
    const [w] = emb.getWeights();
    assert.deepEqual(w.shape, [21, 2]);
    assert.deepEqual(Array.from(y.data), [w.data[8], w.data[9], w.data[40], w.data[41]]);
    assert.ok(w.data.every((v) => v >= -0.05 && v <= 0.05), 'Keras default uniform in [-0.05, 0.05]');
    assert.ok(new Set(w.data).size > 30, 'values are drawn, not constant');
    // Same seed, same table.
    const again = layers.embedding({ inputDim: 21, outputDim: 2, seed: 7 });
    assert.deepEqual(again.getWeights()[0].data, w.data);
    emb.dispose();
    again.dispose();
  });

  test('lookup equals one-hot(x) · W by a plain matrix product', async () => {
    await init(initOptions);
    const rand = lcg(3);
    const V = 50, D = 13;
    const W = Float32Array.from({ length: V * D }, () => rand() * 2 - 1);
    const ids = Int32Array.from({ length: 21 }, () => Math.floor(rand() * V));
    const emb = layers.embedding({ inputDim: V, outputDim: D, weights: [{ data: W, shape: [V, D] }] });
    const y = emb.apply({ data: ids, shape: [3, 7] });
    assert.deepEqual(y.shape, [3, 7, D]);
    for (let i = 0; i < ids.length; ++i) {
      for (let j = 0; j < D; ++j) {
        let sum = 0;
        for (let v = 0; v < V; ++v) sum += (ids[i] === v ? 1 : 0) * W[v * D + j];
        assert.equal(y.data[i * D + j], Math.fround(sum));
      }
    }
    emb.dispose();
  });

  test('backward: dense gradient sums duplicates and skips the padding row; sparse gives touched rows', async () => {
    await init(initOptions);
    const x = [[0, 2, 2], [1, 2, 0]];
    const dy = { data: Float32Array.from({ length: 12 }, (_, i) => i + 1), shape: [2, 3, 2] };
    const dense = layers.embedding({ inputDim: 4, outputDim: 2, paddingIdx: -4, seed: 1 });
    const g = dense.backward(x, dy);
    // Rows: id 0 is padding (from -4); id 1 gets dy[1,0]; id 2 gets dy[0,1]+dy[0,2]+dy[1,1].
    assert.deepEqual(g.shape, [4, 2]);
    assert.deepEqual(Array.from(g.data), [0, 0, 7, 8, 3 + 5 + 9, 4 + 6 + 10, 0, 0]);
    const sparse = layers.embedding({ inputDim: 4, outputDim: 2, paddingIdx: 0, sparse: true, seed: 1 });
    const s = sparse.backward(x, dy);
    assert.deepEqual(Array.from(s.indices), [1, 2]);
    assert.deepEqual(s.values.shape, [2, 2]);
    assert.deepEqual(Array.from(s.values.data), [7, 8, 17, 20]);
    assert.deepEqual(s.denseShape, [4, 2]);
    assert.deepEqual(Array.from(dense.getWeights()[0].data.slice(0, 2)), [0, 0], 'padding row zeroed at init');
    dense.dispose();
    sparse.dispose();
  });

  test('maxNorm renormalises looked-up rows in place', async () => {
    await init(initOptions);
    const emb = layers.embedding({
      inputDim: 2, outputDim: 2, maxNorm: 1, weights: [[[3, 4], [0.3, 0.4]]],
    });
    const y = emb.apply([0, 1]);
    const scale = Math.fround(1 / (5 + 1e-7));
    assert.ok(Math.abs(y.data[0] - 3 * scale) < 1e-6 && Math.abs(y.data[1] - 4 * scale) < 1e-6);
    assert.deepEqual(Array.from(y.data.slice(2)), [Math.fround(0.3), Math.fround(0.4)]);
    assert.deepEqual(emb.getWeights()[0].data, y.data, 'the table itself was renormalised');
    emb.dispose();
  });

  test('maskZero and inputLength (Keras)', async () => {
    await init(initOptions);
    const emb = layers.embedding({ inputDim: 5, outputDim: 3, maskZero: true, inputLength: 3, seed: 2 });
    const mask = emb.computeMask([[1, 0, 4], [0, 0, 2]]);
    assert.deepEqual(mask.shape, [2, 3]);
    assert.deepEqual(Array.from(mask.data), [1, 0, 1, 0, 0, 1]);
    assert.throws(() => emb.apply([[1, 2]]), (e) => e instanceof TypeError && /inputLength is 3/.test(e.message));
    const plain = layers.embedding({ inputDim: 5, outputDim: 3, seed: 2 });
    assert.throws(() => plain.computeMask([1]), (e) => e instanceof TypeError && /maskZero/.test(e.message));
    emb.dispose();
    plain.dispose();
  });

  test('bad input gives a typed error naming the problem and leaves the layer usable', async () => {
    await init(initOptions);
    const emb = layers.embedding({ inputDim: 3, outputDim: 5, weights: [{ data: arange(15), shape: [3, 5] }] });
    const before = emb.getWeights()[0].data;
    assert.throws(() => emb.apply([[0, 2], [1, 3]]),
      (e) => e instanceof RangeError && /id 3 at position \[1, 1\]/.test(e.message) && /inputDim 3/.test(e.message));
    assert.throws(() => emb.apply([[0, -1]]), (e) => e instanceof RangeError && /id -1 at position \[0, 1\]/.test(e.message));
    assert.throws(() => emb.apply([[0, 1.5]]), (e) => e instanceof TypeError && /1.5 at position \[0, 1\] is not an integer/.test(e.message));
    assert.throws(() => emb.apply([[0, 1], [2]]), (e) => e instanceof TypeError && /ragged/.test(e.message));
    assert.throws(() => emb.apply([2 ** 31]), RangeError);
    assert.throws(() => emb.setWeights([{ data: arange(14), shape: [2, 7] }]),
      (e) => e instanceof TypeError && /shape \[3, 5\]/.test(e.message));
    assert.throws(() => emb.backward([0], { data: new Float32Array(4), shape: [1, 4] }),
      (e) => e instanceof TypeError && /dy must have shape \[1, 5\]/.test(e.message));
    assert.deepEqual(emb.getWeights()[0].data, before);
    assert.deepEqual(Array.from(emb.apply([2]).data), [10, 11, 12, 13, 14]);
    emb.dispose();
  });

  test('bad options are typed errors; D or V of 0 is a RangeError', async () => {
    await init(initOptions);
    assert.throws(() => layers.embedding({ inputDim: 0, outputDim: 2 }), (e) => e instanceof RangeError && /inputDim/.test(e.message));
    assert.throws(() => layers.embedding({ inputDim: 2, outputDim: 0 }), (e) => e instanceof RangeError && /outputDim/.test(e.message));
    assert.throws(() => layers.embedding({ inputDim: 2, outputDim: 2, outputdim: 3 }),
      (e) => e instanceof TypeError && /unknown option 'outputdim'/.test(e.message) && /outputDim/.test(e.message));
    assert.throws(() => layers.embedding({ inputDim: 2.5, outputDim: 2 }), TypeError);
    assert.throws(() => layers.embedding({ inputDim: 2, outputDim: 2, paddingIdx: 2 }), (e) => e instanceof RangeError && /paddingIdx/.test(e.message));
    assert.throws(() => layers.embedding({ inputDim: 2, outputDim: 2, weights: [[1, 2, 3, 4, 5]] }), TypeError);
    assert.throws(() => layers.embedding({ inputDim: 2, outputDim: 2, embeddingsInitializer: 'glorot' }),
      (e) => e instanceof TypeError && /glorotUniform/.test(e.message));
  });

  test('dispose frees the layer; use after dispose is an Error, not a crash', async () => {
    await init(initOptions);
    const emb = layers.embedding({ inputDim: 3, outputDim: 2, seed: 0 });
    emb.dispose();
    emb.dispose();
    assert.equal(emb.isDisposed, true);
    assert.throws(() => emb.apply([0]), /disposed/);
  });
}
