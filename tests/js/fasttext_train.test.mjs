// Models trained here (the JS API) against the command line: saved as .bin and quantized
// .ftz they load in `fasttext` with the same predictions, and a supervised model reaches
// the command line's held-out precision@1. Also progress, cancelling, the worker, and the
// interop with KeyedVectors, .vec files and embeddingBag.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { FastText, KeyedVectors, init, layers, trainFastTextInWorker } from '../../dist/index.js';
import {
  cliPrecisionAt1, cliPredictions, cliWordVectors, comparePredictions, dataFile, fasttextCli, proseFile, readLines, workDir,
} from './fasttext_data.mjs';
import { oracleTest } from './oracles.mjs';

await init({ threads: false });

// Small and quick; the same settings in both programs.
const SPAM = { dim: 20, epoch: 5, lr: 0.5, wordNgrams: 2, bucket: 100000, minn: 2, maxn: 4, thread: 1 };
const cliArgs = (o) => Object.entries(o).flatMap(([k, v]) => [`-${k}`, String(v)]);

function agreesWithCli(model, name, testPath) {
  const file = path.join(workDir(), name);
  writeFileSync(file, model.save());
  const ours = model.predict(readLines(testPath), { k: 2 });
  const { labelMismatches, maxDiff, mismatches } = comparePredictions(ours, cliPredictions(file, testPath, 2));
  assert.equal(labelMismatches, 0, `${name}: ${JSON.stringify(mismatches)}`);
  assert.ok(maxDiff <= 1e-4, `${name}: largest probability difference ${maxDiff}`);
  return file;
}

oracleTest('trained here, saved as .bin and quantized .ftz: the command line predicts the same; held-out P@1 within 1 point of its own', ['python3', 'fasttext'], async () => {
  const train = dataFile('spam.train');
  const held = dataFile('spam.test');
  const text = readFileSync(train, 'utf8');
  const ours = [];
  const theirs = [];
  for (const seed of [1, 2, 3]) {
    const model = await FastText.trainSupervised(text, { ...SPAM, seed });
    try {
      const r = model.test(readFileSync(held, 'utf8'), { k: 1 });
      ours.push(r.precision);
      if (seed === 1) {
        assert.equal(r.examples, readLines(held).length);
        const bin = agreesWithCli(model, 'ours.bin', held);
        assert.ok(Math.abs(cliPrecisionAt1(bin, held) - r.precision) < 1e-3);
        const q = model.quantize({ cutoff: 20000, qnorm: true });
        try {
          assert.ok(q.isQuantized && !model.isQuantized);
          assert.throws(() => q.save({ format: 'bin' }), TypeError);
          agreesWithCli(q, 'ours.ftz', held);
        } finally {
          q.dispose();
        }
      }
    } finally {
      model.dispose();
    }
    const out = path.join(workDir(), `cli_spam_${seed}`);
    fasttextCli(['supervised', '-input', train, '-output', out, ...cliArgs(SPAM), '-seed', String(seed)]);
    theirs.push(cliPrecisionAt1(`${out}.bin`, held));
  }
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  assert.ok(Math.abs(mean(ours) - mean(theirs)) <= 0.01, `P@1 ours ${ours} vs fasttext ${theirs}`);
  assert.ok(mean(ours) > 0.8, `P@1 ${mean(ours)}`);
});

oracleTest('retrained quantization loads in the command line with the same predictions', ['python3', 'fasttext'], async () => {
  const held = dataFile('spam.test');
  const model = await FastText.trainSupervised(readFileSync(dataFile('spam.train'), 'utf8'), { ...SPAM, epoch: 2, seed: 5 });
  const q = model.quantize({ cutoff: 5000, retrain: true, qnorm: true, epoch: 1 });
  try {
    agreesWithCli(q, 'ours_retrained.ftz', held);
  } finally {
    q.dispose();
    model.dispose();
  }
});

oracleTest('skipgram trained here: the command line prints the same vectors for unknown words', ['fasttext'], async () => {
  const text = readFileSync(proseFile(200000), 'utf8');
  const model = await FastText.trainUnsupervised(text, { model: 'skipgram', dim: 16, epoch: 1, minCount: 3, bucket: 20000, thread: 1 });
  try {
    assert.equal(model.args.model, 'skipgram');
    const file = path.join(workDir(), 'ours_skipgram.bin');
    writeFileSync(file, model.save());
    const words = ['government', 'governmnet', 'presidental', 'the'];
    const theirs = cliWordVectors(file, words);
    for (const w of words) {
      model.getWordVector(w).forEach((x, i) => {
        const ref = theirs.get(w)[i];
        assert.ok(Math.abs(x - ref) <= 1e-4 * Math.max(1, Math.abs(ref)), `${w}[${i}]: ${x} vs ${ref}`);
      });
    }
  } finally {
    model.dispose();
  }
});

test('defaults per mode, progress, cancelling, and the worker', async () => {
  const text = readFileSync(proseFile(100000), 'utf8');
  const events = [];
  const model = await FastText.trainUnsupervised(text, { model: 'cbow', dim: 8, epoch: 2, minCount: 2, bucket: 10000, thread: 1, seed: 3 },
    { onProgress: (e) => events.push(e), chunkTokens: 5000 });
  try {
    // Unsupervised defaults (fastText's): ws 5, neg 5, minn 3, maxn 6, lr 0.05 (cbow's stored args show the first four).
    assert.deepEqual({ ws: model.args.ws, neg: model.args.neg, minn: model.args.minn, maxn: model.args.maxn, loss: model.args.loss },
      { ws: 5, neg: 5, minn: 3, maxn: 6, loss: 'ns' });
    assert.ok(events.length >= 3);
    for (let i = 1; i < events.length; ++i) assert.ok(events[i].fractionDone >= events[i - 1].fractionDone);
    assert.equal(events.at(-1).fractionDone, 1);
    assert.equal(model.training.cancelled, false);
  } finally {
    model.dispose();
  }
  // Supervised defaults: softmax, minCount 1, no character n-grams, wordNgrams 1 (so no buckets).
  const sup = await FastText.trainSupervised('__label__a x y\n__label__b z w\n', { epoch: 1, dim: 4 });
  assert.deepEqual({ loss: sup.args.loss, minn: sup.args.minn, maxn: sup.args.maxn, bucket: sup.args.bucket, minCount: sup.args.minCount },
    { loss: 'softmax', minn: 0, maxn: 0, bucket: 0, minCount: 1 });
  sup.dispose();

  const controller = new AbortController();
  const cancelled = await FastText.trainUnsupervised(text, { dim: 8, epoch: 50, minCount: 2, bucket: 10000, thread: 1 },
    { signal: controller.signal, chunkTokens: 2000, onProgress: (e) => { if (e.fractionDone > 0.01) controller.abort(); } });
  try {
    assert.equal(cancelled.training.cancelled, true);
    assert.ok(cancelled.training.fractionDone < 0.5);
    assert.equal(cancelled.getWordVector('government').length, 8);
  } finally {
    cancelled.dispose();
  }

  // The worker trains the same model as this thread (one thread, same seed).
  const spam = readFileSync(dataFile('spam.train'), 'utf8');
  const options = { ...SPAM, epoch: 1, seed: 9 };
  const here = await FastText.trainSupervised(spam, options);
  const progress = [];
  const there = await trainFastTextInWorker(spam, { model: 'supervised', ...options }, { onProgress: (e) => progress.push(e), progressEvery: 0 });
  try {
    assert.ok(progress.length > 0);
    assert.deepEqual(there.save(), here.save());
    assert.equal(there.training.cancelled, false);
  } finally {
    here.dispose();
    there.dispose();
  }
});

test('wv answers for unknown words with subword vectors; .vec export; embeddingBag from the input rows', async () => {
  const text = readFileSync(proseFile(100000), 'utf8');
  const model = await FastText.trainUnsupervised(text, { dim: 12, epoch: 1, minCount: 2, bucket: 5000, thread: 1 });
  try {
    const wv = model.wv;
    assert.equal(wv.size, model.words.length);
    assert.ok(!wv.hasIndexFor('governmnet') && wv.has('governmnet'));
    assert.deepEqual(wv.getVector('governmnet'), model.getWordVector('governmnet'));
    assert.deepEqual(wv.mostSimilar('governmnet', { topn: 5 }), wv.vectors.similarByVector(model.getWordVector('governmnet'), { topn: 5 }));
    const known = wv.mostSimilar('government', { topn: 3 });
    assert.ok(!known.some(([w]) => w === 'government'));
    // .vec: the vocabulary's word vectors, read back by KeyedVectors.
    const kv = KeyedVectors.load(model.saveVectors(), { format: 'fasttext' });
    try {
      assert.equal(kv.size, model.words.length);
      kv.getVector('government').forEach((x, i) => assert.ok(Math.abs(x - model.getWordVector('government')[i]) < 1e-5));
    } finally {
      kv.dispose();
    }
    // A 'mean' bag over a word's subword rows is fastText's vector of that word.
    const bag = layers.embeddingBag(model.embeddingBagOptions());
    try {
      for (const w of ['governmnet', 'government']) {
        const { ids } = model.getSubwords(w);
        const y = bag.apply({ data: ids, shape: [1, ids.length] });
        y.data.forEach((x, i) => assert.ok(Math.abs(x - model.getWordVector(w)[i]) < 1e-5, `${w}[${i}]`));
      }
    } finally {
      bag.dispose();
    }
  } finally {
    model.dispose();
  }
});
