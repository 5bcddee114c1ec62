// Word2Vec training in the SIMD build: determinism, a known analogy, progress,
// cancelling, errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { init, Word2Vec } from '../../dist/index.js';
import { analogyCorpus, SMALL_OPTIONS } from './word2vec_corpus.mjs';

await init({ threads: false });
const corpus = analogyCorpus();

test('gensim defaults are filled in', () => {
  const w = new Word2Vec();
  assert.deepEqual(
    { ...w.options },
    { vectorSize: 100, window: 5, minCount: 5, sg: 0, hs: 0, negative: 5, nsExponent: 0.75, cbowMean: 1,
      sample: 1e-3, alpha: 0.025, minAlpha: 1e-4, epochs: 5, threads: 1, seed: 1, maxVocabSize: 0,
      maxFinalVocab: 0, lowercase: true, shrinkWindows: true, maxSentenceLength: 10000 });
  w.dispose();
});

test('a fixed seed on one thread gives identical vectors', async () => {
  const train = async () => {
    const w = new Word2Vec(SMALL_OPTIONS);
    await w.train(corpus);
    const v = w.wv.getVectors();
    w.dispose();
    return v;
  };
  const [a, b] = [await train(), await train()];
  assert.deepEqual(a, b);
  const other = new Word2Vec({ ...SMALL_OPTIONS, seed: 4 });
  await other.train(corpus);
  assert.notDeepEqual(other.wv.getVectors(), a);
  other.dispose();
});

test('king - man + woman = queen on a corpus built to say so (skip-gram and CBOW)', async () => {
  for (const sg of [1, 0]) {
    const w = new Word2Vec({ ...SMALL_OPTIONS, sg, epochs: sg ? 5 : 10 });
    const result = await w.train(corpus);
    assert.equal(result.cancelled, false);
    assert.equal(result.epochs, 5 + (sg ? 0 : 5));
    assert.equal(result.epochLosses.length, result.epochs);
    assert.equal(w.wv.mostSimilar(['king', 'woman'], { negative: ['man'], topn: 1 })[0][0], 'queen', `sg=${sg}`);
    assert.equal(w.wv.mostSimilar({ positive: ['queen', 'man'], negative: ['woman'], topn: 1 })[0][0], 'king', `sg=${sg}`);
    assert.equal(w.wv.doesntMatch(['he', 'him', 'his', 'crown']), 'crown');
    w.dispose();
  }
});

test('token arrays, several texts and a chunked stream give the same vocabulary and vectors', async () => {
  const lines = corpus.split('\n');
  const forms = [
    lines.map((l) => l.split(' ')),
    lines,
    (async function* chunks() {
      // cut in the middle of words, as a network stream would
      for (let i = 0; i < corpus.length; i += 997) yield corpus.slice(i, i + 997);
    })(),
  ];
  const vectors = [];
  for (const form of forms) {
    const w = new Word2Vec(SMALL_OPTIONS);
    await w.train(form);
    vectors.push({ words: w.wv.keys(), v: w.wv.getVectors() });
    w.dispose();
  }
  assert.deepEqual(vectors[1], vectors[0]);
  assert.deepEqual(vectors[2], vectors[0]);
});

test('onProgress fires with increasing fractionDone ending at 1', async () => {
  const w = new Word2Vec(SMALL_OPTIONS);
  const events = [];
  await w.train(corpus, { chunkWords: 2000, onProgress: (e) => events.push(e) });
  assert.ok(events.length >= 10, `${events.length} events`);
  for (let i = 1; i < events.length; ++i) assert.ok(events[i].fractionDone > events[i - 1].fractionDone);
  assert.equal(events.at(-1).fractionDone, 1);
  assert.equal(events.at(-1).epochs, 5);
  // The loss is summed since training began over -log(sigmoid) terms, each positive, so
  // it grows with every chunk trained.
  const losses = events.map((e) => e.loss);
  assert.ok(losses[0] > 0 && losses.every((l, i) => Number.isFinite(l) && (i === 0 || l > losses[i - 1])), `${losses}`);
  assert.ok(events.every((e) => e.wordsPerSecond > 0));
  w.dispose();
});

test('an AbortSignal stops training between chunks and leaves usable, fresh vectors', async () => {
  const w = new Word2Vec(SMALL_OPTIONS);
  const controller = new AbortController();
  let seen = 0;
  const result = await w.train(corpus, {
    chunkWords: 2000,
    signal: controller.signal,
    onProgress: () => { if (++seen === 3) controller.abort(); },
  });
  assert.equal(result.cancelled, true);
  assert.ok(result.wordsProcessed < 5 * 28000 && result.wordsProcessed >= 6000, `${result.wordsProcessed}`);
  // The unit vectors must match the raw vectors reached at the stop.
  const raw = w.wv.getVector('king');
  const unit = w.wv.getVector('king', { norm: true });
  const norm = Math.hypot(...raw);
  raw.forEach((x, i) => assert.ok(Math.abs(x / norm - unit[i]) < 1e-6));
  assert.equal(w.wv.mostSimilar('king', { topn: 3 }).length, 3);
  // ... and training can go on from there.
  const rest = await w.train();
  assert.equal(rest.cancelled, false);
  assert.equal(rest.epochs, 5);
  w.dispose();
});

test('bad options and corpora are TypeErrors / RangeErrors that name the problem', async () => {
  assert.throws(() => new Word2Vec({ size: 10 }), (e) => e instanceof TypeError && /unknown option 'size'.*vectorSize/.test(e.message));
  assert.throws(() => new Word2Vec({ vectorSize: 0 }), (e) => e instanceof RangeError && /vectorSize/.test(e.message));
  assert.throws(() => new Word2Vec({ window: 2.5 }), (e) => e instanceof TypeError && /window/.test(e.message));
  assert.throws(() => new Word2Vec({ sg: 2 }), (e) => e instanceof RangeError && /sg/.test(e.message));
  assert.throws(() => new Word2Vec({ alpha: -1 }), (e) => e instanceof RangeError && /alpha/.test(e.message));
  assert.throws(() => new Word2Vec({ epochs: 0 }), (e) => e instanceof RangeError && /epochs/.test(e.message));
  const w = new Word2Vec(SMALL_OPTIONS);
  await assert.rejects(w.train(42), (e) => e instanceof TypeError && /corpus/.test(e.message));
  await assert.rejects(w.train([['a'], 'b']), (e) => e instanceof TypeError && /corpus\[1\]/.test(e.message));
  await assert.rejects(w.train(corpus, { every: 3 }), (e) => e instanceof TypeError && /unknown option 'every'/.test(e.message));
  w.dispose();
  const rare = new Word2Vec({ minCount: 100 });
  await assert.rejects(rare.train('a b c'), (e) => /minCount|min_count|no word/.test(e.message));
  rare.dispose();
});

test('the SIMD build clamps threads to 1 and says so', () => {
  const w = new Word2Vec({ threads: 4 });
  assert.equal(Word2Vec.threadsSupported, false);
  assert.equal(w.threadsUsed, 1);
  assert.equal(w.options.threads, 4);
  w.dispose();
});
