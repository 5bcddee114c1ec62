// Batched queries (KeyedVectors.similarByVectors / mostSimilarBatch, the int8
// QuantizedKeyedVectors.similarByVectors) against the same queries one at a time, with
// 1 and 2 threads in the threads build: the results must be identical (words, order and
// score bits).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { init, KeyedVectors, setThreads, threadCount } from '../../dist/index.js';

const info = await init({ threads: true, poolSize: 2 });

// Seeded, so a failure reproduces; clustered so that neighbours are not all ~0 cosine.
function vectors(rows, dim, seed) {
  let s = seed >>> 0;
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) - 0.5;
  const centres = Array.from({ length: 16 }, () => Float32Array.from({ length: dim }, next));
  const out = new Float32Array(rows * dim);
  for (let r = 0; r < rows; ++r) {
    const c = centres[r % 16];
    for (let j = 0; j < dim; ++j) out[r * dim + j] = c[j] + 0.3 * next();
  }
  return out;
}

const ROWS = 20000;
const DIM = 24;
const data = vectors(ROWS, DIM, 7);
const words = Array.from({ length: ROWS }, (_, i) => `w${i}`);
const queries = Array.from({ length: 37 }, (_, b) => data.slice((b * 131) * DIM, (b * 131 + 1) * DIM));
queries[5] = new Float32Array(DIM);  // a zero vector: every score 0, ties by row

for (const threads of [1, 2]) {
  test(`similarByVectors equals similarByVector one at a time (${threads} thread(s))`, () => {
    assert.equal(setThreads(threads), info.threads ? threads : 1);
    const kv = KeyedVectors.fromArrays(words, data, DIM);
    try {
      for (const options of [{}, { topn: 25, restrictVocab: 5000 }]) {
        const batch = kv.similarByVectors(queries, options);
        assert.equal(batch.length, queries.length);
        queries.forEach((q, b) => assert.deepEqual(batch[b], kv.similarByVector(q, options)));
        // The flat form gives the same.
        const flat = new Float32Array(queries.length * DIM);
        queries.forEach((q, b) => flat.set(q, b * DIM));
        assert.deepEqual(kv.similarByVectors(flat, options), batch);
      }
      assert.deepEqual(kv.similarByVectors([]), []);
    } finally {
      kv.dispose();
    }
  });

  test(`mostSimilarBatch equals mostSimilar one at a time (${threads} thread(s))`, () => {
    setThreads(threads);
    const kv = KeyedVectors.fromArrays(words, data, DIM);
    try {
      const batch = [
        'w1', ['w2', 'w3'], { positive: ['w4'], negative: ['w5'] }, { negative: 'w6' },
        [queries[0]], { positive: ['w7', ['w8', 0.5]] },
      ];
      const results = kv.mostSimilarBatch(batch, { topn: 12 });
      assert.equal(results.length, batch.length);
      batch.forEach((q, b) => {
        const one = Array.isArray(q) || typeof q === 'string' ? kv.mostSimilar(q, { topn: 12 }) : kv.mostSimilar({ ...q, topn: 12 });
        assert.deepEqual(results[b], one);
      });
      assert.ok(!results[0].some(([w]) => w === 'w1'), 'the query word is left out as in mostSimilar');
    } finally {
      kv.dispose();
    }
  });

  test(`int8 similarByVectors equals similarByVector one at a time (${threads} thread(s))`, () => {
    setThreads(threads);
    const kv = KeyedVectors.fromArrays(words, data, DIM);
    const q = kv.quantize();
    try {
      for (const options of [{ topn: 10 }, { topn: 40, restrictVocab: 3000 }]) {
        const batch = q.similarByVectors(queries, options);
        queries.forEach((v, b) => assert.deepEqual(batch[b], q.similarByVector(v, options)));
      }
    } finally {
      q.dispose();
      kv.dispose();
    }
  });
}

test('batched queries: bad input is a TypeError or RangeError naming it', () => {
  const kv = KeyedVectors.fromArrays(words.slice(0, 10), data.slice(0, 10 * DIM), DIM);
  const q = kv.quantize();
  try {
    assert.throws(() => kv.similarByVectors('w1'), { name: 'TypeError', message: /similarByVectors: vectors must be/ });
    assert.throws(() => kv.similarByVectors([new Float32Array(DIM - 1)]), { name: 'RangeError', message: /vectors\[0\] has 23 values, expected 24/ });
    assert.throws(() => kv.similarByVectors(new Float32Array(DIM + 1)), { name: 'RangeError', message: /multiple of 24/ });
    assert.throws(() => kv.similarByVectors([], { topk: 3 }), { name: 'TypeError', message: /topk/ });
    assert.throws(() => kv.mostSimilarBatch('w1'), { name: 'TypeError', message: /queries must be an array/ });
    assert.throws(() => kv.mostSimilarBatch(['w1', 'nope']), { message: /nope/ });
    assert.throws(() => kv.mostSimilarBatch([{ positive: 'w1', topn: 3 }]), { name: 'TypeError', message: /queries\[0\].*topn/ });
    assert.throws(() => q.similarByVectors([[1, 2]]), { name: 'RangeError', message: /expected 24/ });
  } finally {
    q.dispose();
    kv.dispose();
  }
});

test('setThreads: clamped to the pool + 1, checked, read back by threadCount', () => {
  assert.equal(setThreads(64), info.threads ? 3 : 1);
  assert.equal(threadCount(), info.threads ? 3 : 1);
  assert.equal(setThreads(1), 1);
  assert.throws(() => setThreads(0), { name: 'RangeError', message: /setThreads: count must be >= 1, got 0/ });
  assert.throws(() => setThreads(1.5), { name: 'TypeError', message: /setThreads: count must be an integer/ });
  assert.throws(() => setThreads('2'), { name: 'TypeError' });
});
