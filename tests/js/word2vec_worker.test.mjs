// trainWord2VecInWorker under Node: progress with PCA snapshots, the vectors back, and
// cancelling with an AbortSignal.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { init, trainWord2VecInWorker } from '../../dist/index.js';
import { analogyCorpus, SMALL_OPTIONS } from './word2vec_corpus.mjs';

await init({ threads: false });
const corpus = analogyCorpus();

test('trains in a worker and streams progress with PCA snapshots', async () => {
  const events = [];
  const result = await trainWord2VecInWorker(SMALL_OPTIONS, corpus, {
    progressEvery: 0, pca: { count: 8, every: 0 }, onProgress: (e) => events.push(e),
  });
  assert.equal(result.cancelled, false);
  assert.equal(result.dim, 16);
  assert.equal(result.vectors.length, result.words.length * 16);
  assert.ok(events.length >= 2);
  assert.equal(events.at(-1).fractionDone, 1);
  const snap = events.at(-1).pca;
  assert.equal(snap.words.length, 8);
  assert.equal(snap.projection.length, 16);
  assert.deepEqual(snap.words, result.words.slice(0, 8));
  const kv = result.toKeyedVectors();
  assert.equal(kv.mostSimilar(['king', 'woman'], { negative: ['man'], topn: 1 })[0][0], 'queen');
  kv.dispose();
});

test('an AbortSignal cancels the worker and returns the vectors so far', async () => {
  const controller = new AbortController();
  const result = await trainWord2VecInWorker({ ...SMALL_OPTIONS, epochs: 200 }, corpus, {
    progressEvery: 0, signal: controller.signal, onProgress: () => controller.abort(),
  });
  assert.equal(result.cancelled, true);
  assert.ok(result.epochs < 200);
  assert.equal(result.vectors.length, result.words.length * 16);
  assert.ok(result.vectors.every(Number.isFinite));
});

test('bad options are rejected before a worker starts', async () => {
  await assert.rejects(trainWord2VecInWorker({ size: 3 }, corpus), (e) => e instanceof TypeError && /vectorSize/.test(e.message));
  await assert.rejects(trainWord2VecInWorker({}, corpus, { pca: { count: 1 } }), RangeError);
});
