// Word-vector files between gensim and the built package, both ways:
// - gensim trains a small Word2Vec and writes it with save_word2vec_format (text and
//   binary); KeyedVectors.load must give the same words in the same order and the same
//   float32 bits (text too: gensim 4 writes each float's shortest round-trip repr);
// - files our KeyedVectors.save writes in every format load in gensim (and plain Python
//   for ours.ewvec / the Projector TSV) with identical bits (tests/python/load_our_files.py).
// Needs /usr/bin/python3 with gensim (scripts/setup.sh installs Debian's python3-gensim);
// elsewhere every test is skipped with the reason, or fails with it when CI is set.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';

import { init, KeyedVectors } from '../../dist/index.js';

import { oracleMissing, oracleTest, PYTHON } from './oracles.mjs';

const LOAD_OUR_FILES = fileURLToPath(new URL('../python/load_our_files.py', import.meta.url));

// A real (if tiny) trained model, so the vectors have the values training gives; words
// include non-ASCII ones and an apostrophe. workers=1 + seed: the same files every run.
// Also writes expected.bin (the float32 bits gensim holds) and words.json.
const GENSIM_WRITES = String.raw`
import json, sys
import numpy as np
from gensim.models import Word2Vec
d = sys.argv[1]
rng = np.random.default_rng(7)
vocab = ['the', 'king', 'queen', 'café', 'naïve', '日本語', 'Ωmega', "don't", 'x_y'] + ['w%d' % i for i in range(40)]
sentences = [[vocab[j] for j in rng.integers(0, len(vocab), 12)] for _ in range(400)]
model = Word2Vec(sentences, vector_size=16, window=3, min_count=2, sg=1, negative=3, epochs=2, workers=1, seed=3)
kv = model.wv
kv.save_word2vec_format(d + '/gensim.txt', binary=False)
kv.save_word2vec_format(d + '/gensim.bin', binary=True)
kv.vectors.astype('<f4').tofile(d + '/expected.bin')
json.dump(kv.index_to_key, open(d + '/words.json', 'w', encoding='utf-8'), ensure_ascii=False)
`;

let dir;
before(async () => {
  if (oracleMissing('gensim')) return;  // the tests themselves skip or fail with the reason
  await init({ threads: false });
  dir = mkdtempSync(join(os.tmpdir(), 'embedwasm-gensim-'));
});
after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

function python(args) {
  const r = spawnSync(PYTHON, args, { encoding: 'utf8' });
  assert.equal(r.status, 0, `python ${args[0] === '-c' ? '-c <script>' : args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

// Bitwise: -0 vs 0 and NaN payloads count, which deepEqual on floats would blur.
function assertSameBits(actual, expected, label) {
  assert.equal(actual.length, expected.length, `${label}: ${actual.length} floats vs ${expected.length}`);
  const a = new Uint32Array(actual.buffer, actual.byteOffset, actual.length);
  const e = new Uint32Array(expected.buffer, expected.byteOffset, expected.length);
  const i = a.findIndex((bits, k) => bits !== e[k]);
  assert.equal(i, -1, `${label}: float ${i} is ${actual[i]} (0x${a[i]?.toString(16)}), expected ${expected[i]} (0x${e[i]?.toString(16)})`);
}

oracleTest('files gensim writes load with the same words and bits', ['gensim'], () => {
  python(['-c', GENSIM_WRITES, dir]);
  const words = JSON.parse(readFileSync(join(dir, 'words.json'), 'utf8'));
  const bytes = readFileSync(join(dir, 'expected.bin'));
  const expected = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  assert.ok(words.length > 20 && words.includes('日本語') && words.includes("don't"), `vocabulary: ${words.join(' ')}`);
  for (const [file, format] of [['gensim.bin', 'word2vec-binary'], ['gensim.txt', 'word2vec']]) {
    const kv = KeyedVectors.load(readFileSync(join(dir, file)), { format });
    try {
      assert.deepEqual(kv.keys(), words, `${file}: words or their order differ`);
      assert.equal(kv.vectorSize, 16);
      assertSameBits(kv.getVectors(), expected, file);
    } finally {
      kv.dispose();
    }
  }
});

// Values chosen to stress each format: shortest float text, exponents, subnormals,
// extremes, -0, and non-finite values (text formats keep only NaN-ness, checked so).
function trickyVectors() {
  const words = ['the', 'king', 'café', 'naïve', '日本語', 'Ωmega', '🙂', "don't", 'x_y'];
  const D = 5;
  const v = new Float32Array(words.length * D);
  let s = 12345;
  for (let i = 0; i < v.length; ++i) v[i] = ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 31 - 1) * 3;
  v.set([0.1, -0, 1e-5, 123456.79, 2], 2 * D);
  v.set([1e-45, 1.1754944e-38, 3.4028235e38, -1e16, 9.9999e-5], 3 * D);
  v.set([Infinity, -Infinity, NaN, 0.3, -1716473.25], 4 * D);
  return { words, v, D };
}

oracleTest('files we write load in gensim with the same words and bits', ['gensim'], () => {
  const { words, v, D } = trickyVectors();
  const kv = KeyedVectors.fromArrays(words, v, D);
  try {
    const held = kv.getVectors();
    const bits = new Uint32Array(held.buffer, held.byteOffset, held.length);
    const encoder = new TextEncoder();
    const hex = (u8) => Array.from(u8, (b) => b.toString(16).padStart(2, '0')).join('');
    // expected.txt: per row the word's UTF-8 in hex, then each float32's bits in hex.
    const expected = words.map((w, r) => [hex(encoder.encode(w)),
      ...Array.from(bits.subarray(r * D, (r + 1) * D), (b) => b.toString(16).padStart(8, '0'))].join(' '));
    writeFileSync(join(dir, 'expected.txt'), `${expected.join('\n')}\n`);
    writeFileSync(join(dir, 'ours_w2v.txt'), kv.save({ format: 'word2vec' }));
    writeFileSync(join(dir, 'ours_w2v.bin'), kv.save({ format: 'word2vec-binary' }));
    writeFileSync(join(dir, 'ours_w2v_nonl.bin'), kv.save({ format: 'word2vec-binary', binaryNewline: false }));
    writeFileSync(join(dir, 'ours_fasttext.vec'), kv.save({ format: 'fasttext' }));
    writeFileSync(join(dir, 'ours_glove.txt'), kv.save({ format: 'glove' }));
    writeFileSync(join(dir, 'ours.ewvec'), kv.save({ format: 'embedwasm' }));
    const tsv = kv.save({ format: 'tsv' });
    writeFileSync(join(dir, 'ours_vectors.tsv'), tsv.vectors);
    writeFileSync(join(dir, 'ours_metadata.tsv'), tsv.metadata);
  } finally {
    kv.dispose();
  }
  const out = python([LOAD_OUR_FILES, dir]);
  assert.equal((out.match(/ ok$/gm) ?? []).length, 7, out);
});

oracleTest('a gensim binary file saved back by us is byte-identical (binaryNewline: false)', ['gensim'], () => {
  const original = readFileSync(join(dir, 'gensim.bin'));
  const kv = KeyedVectors.load(original, { format: 'word2vec-binary' });
  try {
    assert.ok(Buffer.from(kv.save({ format: 'word2vec-binary', binaryNewline: false })).equals(original),
      'our word2vec-binary bytes differ from gensim 4\'s');
  } finally {
    kv.dispose();
  }
});
