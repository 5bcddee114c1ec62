// KeyedVectors queries against a plain-JS cosine reference on small hand-made vectors.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { init, KeyedVectors } from '../../dist/index.js';

await init({ threads: false });

const WORDS = ['cat', 'dog', 'car', 'bus', 'tiger', 'truck'];
const DIM = 3;
const VECS = [[1, 0.2, 0], [0.9, 0.3, 0.1], [0, 1, 0.2], [0.1, 0.9, 0.4], [1.2, 0, -0.2], [0, 1.1, 0.5]];

const dot = (a, b) => a.reduce((s, x, i) => s + x * b[i], 0);
const unit = (a) => a.map((x) => x / Math.hypot(...a));
const cos = (a, b) => dot(a, b) / (Math.hypot(...a) * Math.hypot(...b));
const vec = (w) => VECS[WORDS.indexOf(w)];
function refMostSimilar(pos, neg, topn) {
  const mean = new Array(DIM).fill(0);
  for (const w of pos) unit(vec(w)).forEach((x, i) => { mean[i] += x; });
  for (const w of neg) unit(vec(w)).forEach((x, i) => { mean[i] -= x; });
  const q = mean.map((x) => x / (pos.length + neg.length));
  return WORDS.map((w, i) => [w, cos(VECS[i], q)])
    .filter(([w]) => !pos.includes(w) && !neg.includes(w))
    .sort((a, b) => b[1] - a[1]).slice(0, topn);
}
const close = (actual, expected, tol = 1e-6) => {
  assert.equal(actual.length, expected.length);
  actual.forEach(([w, s], i) => {
    assert.equal(w, expected[i][0]);
    assert.ok(Math.abs(s - expected[i][1]) < tol, `${w}: ${s} vs ${expected[i][1]}`);
  });
};
const make = () => KeyedVectors.fromArrays(WORDS, new Float32Array(VECS.flat()), DIM);

test('lookup: size, keys, has, indexOf, getVector (raw and unit)', () => {
  const kv = make();
  assert.equal(kv.size, 6);
  assert.equal(kv.vectorSize, 3);
  assert.deepEqual(kv.keys(), WORDS);
  assert.equal(kv.has('bus'), true);
  assert.equal(kv.has('plane'), false);
  assert.equal(kv.indexOf('tiger'), 4);
  assert.equal(kv.indexOf('plane'), -1);
  assert.deepEqual([...kv.getVector('dog')], Array.from(new Float32Array(vec('dog'))));
  unit(vec('dog')).forEach((x, i) => assert.ok(Math.abs(kv.getVector('dog', { norm: true })[i] - x) < 1e-6));
  kv.dispose();
});

test('mostSimilar, with negatives, shorthand and object forms, matches the JS reference', () => {
  const kv = make();
  close(kv.mostSimilar('cat'), refMostSimilar(['cat'], [], 10));
  close(kv.mostSimilar(['cat', 'car'], { topn: 2 }), refMostSimilar(['cat', 'car'], [], 2));
  close(kv.mostSimilar({ positive: ['tiger', 'car'], negative: ['cat'], topn: 3 }), refMostSimilar(['tiger', 'car'], ['cat'], 3));
  close(kv.mostSimilar('cat', { restrictVocab: 3 }), refMostSimilar(['cat'], [], 10).filter(([w]) => WORDS.indexOf(w) < 3));
  close(kv.similarByVector([0, 1, 0], { topn: 2 }),
    WORDS.map((w, i) => [w, cos(VECS[i], [0, 1, 0])]).sort((a, b) => b[1] - a[1]).slice(0, 2));
  kv.dispose();
});

test('mostSimilarCosmul is 3CosMul over (1 + cos) / 2', () => {
  const kv = make();
  const pos = ['tiger', 'car'];
  const neg = ['cat'];
  const ref = WORDS.map((w, i) => {
    const c = (x) => (1 + cos(VECS[i], vec(x))) / 2;
    return [w, (c('tiger') * c('car')) / (c('cat') + 1e-6)];
  }).filter(([w]) => !pos.includes(w) && !neg.includes(w)).sort((a, b) => b[1] - a[1]);
  close(kv.mostSimilarCosmul(pos, { negative: neg }), ref, 1e-5);
  kv.dispose();
});

test('similarity, distances, nSimilarity, doesntMatch and rank match the reference', () => {
  const kv = make();
  assert.ok(Math.abs(kv.similarity('cat', 'bus') - cos(vec('cat'), vec('bus'))) < 1e-6);
  const d = kv.distances('cat', ['dog', 'truck']);
  assert.ok(Math.abs(d[0] - (1 - cos(vec('cat'), vec('dog')))) < 1e-6);
  assert.ok(Math.abs(d[1] - (1 - cos(vec('cat'), vec('truck')))) < 1e-6);
  assert.equal(kv.distances('cat').length, 6);
  const mean = (ws) => [0, 1, 2].map((i) => ws.reduce((s, w) => s + vec(w)[i], 0) / ws.length);
  assert.ok(Math.abs(kv.nSimilarity(['cat', 'dog'], ['car', 'bus']) - cos(mean(['cat', 'dog']), mean(['car', 'bus']))) < 1e-6);
  assert.equal(kv.doesntMatch(['cat', 'dog', 'tiger', 'truck']), 'truck');
  const refRank = (a, b) => 1 + WORDS.filter((w) => w !== a && cos(vec(a), vec(w)) > cos(vec(a), vec(b))).length;
  for (const [a, b] of [['cat', 'dog'], ['cat', 'truck'], ['car', 'tiger']]) assert.equal(kv.rank(a, b), refRank(a, b));
  kv.dispose();
});

test('unknown words are RangeErrors naming the word; bad options are TypeErrors listing valid ones', () => {
  const kv = make();
  for (const f of [() => kv.mostSimilar('plane'), () => kv.similarity('cat', 'plane'), () => kv.getVector('plane'),
    () => kv.rank('plane', 'cat'), () => kv.distances('cat', ['plane']), () => kv.getIndex('plane')]) {
    assert.throws(f, (e) => e instanceof RangeError && /'plane'/.test(e.message));
  }
  assert.throws(() => kv.mostSimilar('cat', { top: 3 }), (e) => e instanceof TypeError && /unknown option 'top'.*topn/.test(e.message));
  assert.throws(() => kv.similarByVector([1, 2]), (e) => e instanceof RangeError && /expected 3/.test(e.message));
  assert.throws(() => kv.mostSimilar(7), (e) => e instanceof RangeError && /7/.test(e.message));
  assert.throws(() => KeyedVectors.fromArrays(['a', 'a'], new Float32Array(2), 1), (e) => /'a'/.test(e.message));
  assert.throws(() => KeyedVectors.fromArrays(['a'], new Float32Array(3), 2), RangeError);
  kv.dispose();
  assert.throws(() => kv.size, /disposed/);
});

test('evaluateWordAnalogies and evaluateWordPairs follow gensim on hand-made vectors', () => {
  // Two clean parallelograms: x is to X as y is to Y along the last axis.
  const words = ['a', 'b', 'c', 'd', 'e', 'f'];
  const v = [[1, 0, 0], [1, 0, 1], [0, 1, 0], [0, 1, 1], [1, 1, 0], [1, 1, 1]];
  const kv = KeyedVectors.fromArrays(words, new Float32Array(v.flat()), 3);
  const report = kv.evaluateWordAnalogies(': s1\na b c d\na b e f\n: s2\na b zz d\nc d a f\n');
  const expected = (a, b, c) => kv.mostSimilar([b, c], { negative: [a], topn: 1 })[0][0].toUpperCase();
  assert.equal(report.sections.length, 3);
  assert.equal(report.sections[2].section, 'Total accuracy');
  const all = [['A', 'B', 'C', 'D'], ['A', 'B', 'E', 'F'], ['C', 'D', 'A', 'F']];
  const correct = all.filter(([a, b, c, d]) => expected(a.toLowerCase(), b.toLowerCase(), c.toLowerCase()) === d);
  assert.equal(report.score, correct.length / 3);
  assert.equal(report.oov, 1);
  assert.deepEqual(report.sections[0].correct.concat(report.sections[1].correct), correct);

  const pairs = kv.evaluateWordPairs('# comment\na\tb\t9\na\tc\t2\nc\td\t8\na\tf\t5\na\tzz\t1\n');
  const sims = [['a', 'b'], ['a', 'c'], ['c', 'd'], ['a', 'f']].map(([x, y]) => kv.similarity(x, y));
  const gold = [9, 2, 8, 5];
  const pearson = (x, y) => {
    const mx = x.reduce((s, a) => s + a, 0) / x.length;
    const my = y.reduce((s, a) => s + a, 0) / y.length;
    return dot(x.map((a) => a - mx), y.map((a) => a - my)) /
      (Math.hypot(...x.map((a) => a - mx)) * Math.hypot(...y.map((a) => a - my)));
  };
  assert.ok(Math.abs(pairs.pearson - pearson(gold, sims)) < 1e-9);
  assert.equal(pairs.oovRatio, 20);
  assert.equal(pairs.pairs, 4);
  kv.dispose();
});

test('quantize gives close scores in less memory; pca finds the dominant axis', () => {
  const kv = make();
  const q = kv.quantize();
  const exact = kv.mostSimilar('cat', { topn: 5 });
  const approx = q.mostSimilar('cat', { topn: 5 });
  assert.deepEqual(approx.map(([w]) => w), exact.map(([w]) => w));
  approx.forEach(([, s], i) => assert.ok(Math.abs(s - exact[i][1]) < 0.02));
  assert.ok(q.byteSize > 0 && q.byteSize < kv.byteSize);
  q.dispose();
  // Points on a line along (1, 2, 2)/3 project to their signed distance along it.
  const line = KeyedVectors.fromArrays(['p', 'q', 'r', 's'], new Float32Array([-3, -6, -6, 0, 0, 0, 1, 2, 2, 2, 4, 4]), 3);
  const { projection, k, explainedVarianceRatio, words } = line.pca(1);
  assert.equal(k, 1);
  assert.deepEqual(words, ['p', 'q', 'r', 's']);
  const t = [-9, 0, 3, 6].map((x) => x - 0);  // |(1,2,2)| = 3, mean offset 0
  projection.forEach((x, i) => assert.ok(Math.abs(x - t[i]) < 1e-4, `${x} vs ${t[i]}`));
  assert.ok(Math.abs(explainedVarianceRatio[0] - 1) < 1e-9);
  line.dispose();
  kv.dispose();
});
