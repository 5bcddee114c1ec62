// Models trained by Debian's `fasttext` command line, loaded here: supervised with softmax,
// hs and ova and word bigrams (predict-prob on every sentence), skipgram and cbow with
// character n-grams (print-word-vectors of words in and outside the vocabulary).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { FastText, init } from '../../dist/index.js';
import {
  cliPredictions, cliWordVectors, comparePredictions, dataFile, fasttextCli, proseFile, readLines, workDir,
} from './fasttext_data.mjs';
import { oracleTest } from './oracles.mjs';

await init({ threads: false });

const SUPERVISED = ['-dim', '16', '-epoch', '5', '-lr', '0.5', '-wordNgrams', '2', '-bucket', '100000', '-minn', '2', '-maxn', '4', '-thread', '1'];

for (const loss of ['softmax', 'hs', 'ova']) {
  oracleTest(`supervised (${loss}, wordNgrams 2) trained by the command line: predict-prob agrees on every sentence`, ['python3', 'fasttext'], () => {
    const out = path.join(workDir(), `cli_sup_${loss}`);
    fasttextCli(['supervised', '-input', dataFile('labeled.txt'), '-output', out, ...SUPERVISED, '-loss', loss]);
    const sentences = dataFile('sentences.txt');
    const model = FastText.load(readFileSync(`${out}.bin`));
    try {
      assert.equal(model.args.loss, loss);
      assert.equal(model.args.wordNgrams, 2);
      const { labelMismatches, maxDiff, mismatches } = comparePredictions(model.predict(readLines(sentences), { k: 2 }), cliPredictions(`${out}.bin`, sentences, 2));
      assert.equal(labelMismatches, 0, JSON.stringify(mismatches));
      assert.ok(maxDiff <= 1e-4, `largest probability difference ${maxDiff}`);
    } finally {
      model.dispose();
    }
  });
}

// Misspelled and made-up words (vectors from n-grams only) and words in the vocabulary.
const PROBES = ['government', 'congress', 'the', 'governmnet', 'congresional', 'unpresidented', 'xylophonic', 'naïveté'];

function closeVectors(ours, ref, what) {
  assert.equal(ours.length, ref.length, what);
  // print-word-vectors prints 5 significant digits.
  ours.forEach((x, i) => assert.ok(Math.abs(x - ref[i]) <= 1e-4 * Math.max(1, Math.abs(ref[i])), `${what}[${i}]: ${x} vs ${ref[i]}`));
}

for (const kind of ['skipgram', 'cbow']) {
  oracleTest(`${kind} with subwords trained by the command line: word vectors of unknown words as print-word-vectors`, ['fasttext'], () => {
    const out = path.join(workDir(), `cli_${kind}`);
    fasttextCli([kind, '-input', proseFile(400000), '-output', out, '-dim', '24', '-epoch', '1', '-minCount', '3',
      '-minn', '3', '-maxn', '6', '-bucket', '50000', '-thread', '1']);
    const model = FastText.load(readFileSync(`${out}.bin`));
    try {
      assert.equal(model.args.model, kind);
      const theirs = cliWordVectors(`${out}.bin`, PROBES);
      assert.ok(!model.words.includes('governmnet') && model.words.includes('government'));
      for (const w of PROBES) closeVectors(model.getWordVector(w), theirs.get(w), w);
      // Neighbours: cosine against every word's vector, computed here from getWordVector.
      const unit = (v) => { const n = Math.hypot(...v); return v.map((x) => x / n); };
      const q = unit(model.getWordVector('government'));
      const cosines = new Map(model.words.filter((w) => w !== 'government')
        .map((w) => [w, unit(model.getWordVector(w)).reduce((s, x, i) => s + x * q[i], 0)]));
      const best = [...cosines.values()].sort((a, b) => b - a).slice(0, 5);
      const nn = model.getNearestNeighbors('government', 5);
      // Each neighbour's cosine is the reference's for that word, and the k best (words whose
      // cosines differ by float rounding may swap places).
      nn.forEach(([w, s], i) => {
        assert.ok(Math.abs(s - cosines.get(w)) < 1e-5, `${w}: ${s} vs ${cosines.get(w)}`);
        assert.ok(Math.abs(s - best[i]) < 1e-5, `rank ${i}: ${s} vs ${best[i]}`);
      });
    } finally {
      model.dispose();
    }
  });
}
