// lid.176.ftz, fastText's language identifier (a quantized supervised model, 176 labels,
// hs loss, character n-grams), on ~5000 sentences in ~110 languages: our predictions
// against Debian's `fasttext predict-prob` on the same file.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { FastText, init } from '../../dist/index.js';
import { LID_PATH, cliPredictions, cliWordVectors, comparePredictions, dataFile, readLines } from './fasttext_data.mjs';
import { oracleTest } from './oracles.mjs';

await init({ threads: false });

oracleTest('lid.176.ftz: top label equals fasttext predict-prob on every sentence, probabilities within 1e-4', ['python3', 'fasttext'], () => {
  const sentences = dataFile('sentences.txt');
  const lines = readLines(sentences);
  assert.ok(lines.length > 3000, `only ${lines.length} sentences`);
  const model = FastText.load(readFileSync(LID_PATH));
  try {
    assert.equal(model.labels.length, 176);
    assert.ok(model.isQuantized && model.isSupervised);
    const ours = model.predict(lines, { k: 2 });
    const theirs = cliPredictions(LID_PATH, sentences, 2);
    const { labelMismatches, maxDiff, mismatches } = comparePredictions(ours, theirs);
    assert.equal(labelMismatches, 0, JSON.stringify(mismatches));
    assert.ok(maxDiff <= 1e-4, `largest probability difference ${maxDiff}`);
    // The set really is multilingual: many different top labels.
    const labels = new Set(ours.map((p) => p[0].label));
    assert.ok(labels.size >= 80, `${labels.size} languages predicted`);
    // One line at a time gives the batch's answer.
    assert.deepEqual(model.predict(lines[7], { k: 2 }), ours[7]);
  } finally {
    model.dispose();
  }
});

oracleTest('lid.176.ftz loads from a path and in small pieces alike; subwords hit the rows fastText hashes them to', ['fasttext'], async () => {
  const bytes = readFileSync(LID_PATH);
  const fromPath = await FastText.load(LID_PATH);
  const fromBytes = FastText.load(new Uint8Array(bytes).buffer);
  try {
    assert.deepEqual(fromPath.predict('Das ist ein kleiner Test', { k: 3 }), fromBytes.predict('Das ist ein kleiner Test', { k: 3 }));
    assert.equal(fromPath.predict('Das ist ein kleiner Test')[0].label, '__label__de');
    assert.equal(fromPath.args.minn, 2);
    assert.equal(fromPath.args.maxn, 4);
    const { subwords, ids } = fromPath.getSubwords('bonjour');
    assert.equal(subwords.length, ids.length);
    assert.ok(subwords.includes('<b') && subwords.includes('our>') && !subwords.includes('<bonj'));
    // Word vectors (the rows above averaged) as the command line prints them, for words in
    // the vocabulary and outside it, in several scripts (bytes >= 0x80 hash sign-extended).
    const words = ['de', 'bonjour', 'Straße', '日本語', 'привет', 'xqzvw'];
    const theirs = cliWordVectors(LID_PATH, words);
    for (const w of words) {
      const ours = fromPath.getWordVector(w);
      const ref = theirs.get(w);
      assert.equal(ours.length, 16);
      // print-word-vectors prints 5 significant digits.
      ours.forEach((x, i) => assert.ok(Math.abs(x - ref[i]) <= 1e-4 * Math.max(1, Math.abs(ref[i])), `${w}[${i}]: ${x} vs ${ref[i]}`));
    }
  } finally {
    fromPath.dispose();
    fromBytes.dispose();
  }
});
