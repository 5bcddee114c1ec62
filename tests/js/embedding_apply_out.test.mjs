// Embedding.apply(x, {out}): the rows land in the caller's array, exactly as a plain
// apply() returns them, and a wrong `out` is refused before anything is written.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { init, layers } from '../../dist/index.js';

before(async () => { await init({ threads: false }); });

const weights = [[[0, 1, 2], [10, 11, 12], [20, 21, 22], [30, 31, 32]]];

test('apply writes into out, reused across calls, equal to a fresh apply', () => {
  const emb = layers.embedding({ inputDim: 4, outputDim: 3, weights });
  const out = new Float32Array(2 * 2 * 3);
  for (const ids of [[[3, 0], [1, 1]], [[2, 2], [0, 3]]]) {
    const r = emb.apply(ids, { out });
    assert.equal(r.data, out);  // the caller's array itself, not a copy
    assert.deepEqual(r.shape, [2, 2, 3]);
    // Hand-computed rows: W[id] = [10 id, 10 id + 1, 10 id + 2].
    assert.deepEqual([...out], ids.flat().flatMap((id) => [10 * id, 10 * id + 1, 10 * id + 2]));
    assert.deepEqual([...emb.apply(ids).data], [...out]);
  }
  emb.dispose();
});

test('a wrong out is a clear error and leaves out and the layer untouched', () => {
  const emb = layers.embedding({ inputDim: 4, outputDim: 3, weights });
  const out = new Float32Array(5).fill(7);
  assert.throws(() => emb.apply([[1, 2]], { out }), (e) => e instanceof RangeError && /out has 5 elements.*2 x 3 = 6/.test(e.message));
  assert.deepEqual([...out], [7, 7, 7, 7, 7]);
  assert.throws(() => emb.apply([[1, 2]], { out: new Float64Array(6) }), (e) => e instanceof TypeError && /out must be a Float32Array or a HeapTensor, got Float64Array/.test(e.message));
  assert.throws(() => emb.apply([[1, 2]], { output: new Float32Array(6) }), (e) => e instanceof TypeError && /unknown option 'output'/.test(e.message));
  assert.deepEqual([...emb.apply([[1, 2]]).data], [10, 11, 12, 20, 21, 22]);
  emb.dispose();
});

test('backward writes the dense gradient into out; refused for sparse layers and wrong sizes', () => {
  const emb = layers.embedding({ inputDim: 4, outputDim: 3, weights });
  const dy = { data: Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]), shape: [1, 3, 3] };
  const out = new Float32Array(12).fill(-1);  // stale values must be overwritten, not added to
  const r = emb.backward([[2, 0, 2]], dy, { out });
  assert.equal(r.data, out);
  // Row 2 gets dy rows 0 and 2 summed, row 0 gets dy row 1, rows 1 and 3 nothing.
  assert.deepEqual([...out], [4, 5, 6, 0, 0, 0, 8, 10, 12, 0, 0, 0]);
  assert.throws(() => emb.backward([[2, 0, 2]], dy, { out: new Float32Array(11) }), (e) => e instanceof RangeError && /4 x 3 = 12/.test(e.message));
  const sparse = layers.embedding({ inputDim: 4, outputDim: 3, weights, sparse: true });
  assert.throws(() => sparse.backward([[2, 0, 2]], dy, { out }), (e) => e instanceof TypeError && /sparse: true/.test(e.message));
  emb.dispose();
  sparse.dispose();
});

test('apply into a HeapTensor writes the rows in the wasm heap, and a wrong one is refused', async () => {
  const { heapTensor } = await import('../../dist/index.js');
  const emb = layers.embedding({ inputDim: 4, outputDim: 3, weights });
  const out = heapTensor([1, 2, 3]);
  const r = emb.apply([[3, 1]], { out });
  assert.deepEqual([...out.data], [30, 31, 32, 10, 11, 12]);
  assert.deepEqual([...r.data], [30, 31, 32, 10, 11, 12]);
  assert.deepEqual(r.shape, [1, 2, 3]);
  const small = heapTensor([5]);
  assert.throws(() => emb.apply([[3, 1]], { out: small }), (e) => e instanceof RangeError && /out has 5 elements/.test(e.message));
  assert.throws(() => heapTensor([2, -1]), (e) => e instanceof TypeError && /non-negative integers, got \[2,-1\]/.test(e.message));
  out.dispose();
  assert.throws(() => emb.apply([[3, 1]], { out }), /disposed/);
  small.dispose();
  emb.dispose();
});

test('backward reads a HeapTensor dy where it lies and writes into a HeapTensor out, dense and sparse', async () => {
  const { heapTensor } = await import('../../dist/index.js');
  const dyValues = [1, 2, 3, 4, 5, 6, 7, 8, 9];
  const dy = heapTensor([1, 3, 3]);
  dy.data.set(dyValues);
  const out = heapTensor([4, 3]);
  out.data.fill(-1);  // stale values must be overwritten, not added to
  const emb = layers.embedding({ inputDim: 4, outputDim: 3, weights });
  const r = emb.backward([[2, 0, 2]], dy, { out });
  // Row 2 gets dy rows 0 and 2 summed, row 0 gets dy row 1, rows 1 and 3 nothing.
  const expected = [4, 5, 6, 0, 0, 0, 8, 10, 12, 0, 0, 0];
  assert.deepEqual([...out.data], expected);
  assert.deepEqual([...r.data], expected);
  assert.deepEqual(r.shape, [4, 3]);
  // The same gradient from a HeapTensor dy into a fresh array, and from a plain dy.
  assert.deepEqual([...emb.backward([[2, 0, 2]], dy).data], expected);
  assert.deepEqual([...emb.backward([[2, 0, 2]], { data: dyValues, shape: [1, 3, 3] }).data], expected);
  assert.deepEqual([...dy.data], dyValues);  // dy is read, not written

  const sparse = layers.embedding({ inputDim: 4, outputDim: 3, weights, sparse: true });
  const g = sparse.backward([[2, 0, 2]], dy);
  assert.deepEqual([...g.indices], [0, 2]);
  assert.deepEqual([...g.values.data], [4, 5, 6, 8, 10, 12]);
  assert.throws(() => sparse.backward([[2, 0, 2]], dy, { out }), (e) => e instanceof TypeError && /sparse: true/.test(e.message));

  const wrongDy = heapTensor([1, 3, 2]);
  assert.throws(() => emb.backward([[2, 0, 2]], wrongDy), (e) => e instanceof TypeError && /dy must have shape \[1, 3, 3\].*got \[1, 3, 2\]/.test(e.message));
  const small = heapTensor([11]);
  assert.throws(() => emb.backward([[2, 0, 2]], dy, { out: small }), (e) => e instanceof RangeError && /out has 11 elements.*4 x 3 = 12/.test(e.message));
  dy.dispose();
  assert.throws(() => emb.backward([[2, 0, 2]], dy, { out }), /disposed/);
  for (const t of [out, wrongDy, small, emb, sparse]) t.dispose();
});
