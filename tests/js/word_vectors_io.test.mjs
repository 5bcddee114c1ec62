// KeyedVectors.load / save: round trips in every format, and errors that name the line
// or byte offset for truncated or garbage input.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { init, KeyedVectors } from '../../dist/index.js';

await init({ threads: false });

const WORDS = ['king', 'queen', 'naïve', '東京', 'x_y'];
const VECS = new Float32Array([0.1, -2.5, 3e-8, 1, 0, -0, 0.3333333432674408, 7, 1e20, -1e-20, 5, 6, 0.5, 0.25, -0.125]);

test('every format round-trips words and float32 values exactly', () => {
  const kv = KeyedVectors.fromArrays(WORDS, VECS, 3);
  for (const format of ['word2vec', 'word2vec-binary', 'glove', 'fasttext', 'embedwasm']) {
    const bytes = kv.save({ format });
    assert.ok(bytes instanceof Uint8Array);
    const back = KeyedVectors.load(bytes, { format });
    assert.deepEqual(back.keys(), WORDS, format);
    assert.deepEqual(back.getVectors(), VECS, format);
    back.dispose();
    const fromBuffer = KeyedVectors.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length), { format });
    assert.deepEqual(fromBuffer.getVectors(), VECS);
    fromBuffer.dispose();
  }
  const tsv = kv.save({ format: 'tsv' });
  assert.equal(tsv.metadata, `${WORDS.join('\n')}\n`);
  const back = KeyedVectors.load(tsv, { format: 'tsv' });
  assert.deepEqual(back.keys(), WORDS);
  assert.deepEqual(back.getVectors(), VECS);
  back.dispose();
  kv.dispose();
});

test('text formats read what gensim writes', () => {
  const kv = KeyedVectors.load('2 3\nking 1 2 3\nqueen 4 5 6.5\n', { format: 'word2vec' });
  assert.deepEqual(kv.keys(), ['king', 'queen']);
  assert.deepEqual([...kv.getVector('queen')], [4, 5, 6.5]);
  kv.dispose();
  const glove = KeyedVectors.load('the 0.5 -1\nof 2 3\n', { format: 'glove' });
  assert.equal(glove.vectorSize, 2);
  glove.dispose();
  // word2vec binary as the C tool writes it
  const bin = new Uint8Array([...new TextEncoder().encode('1 2\nab '), ...new Uint8Array(new Float32Array([1.5, -2]).buffer), 10]);
  const b = KeyedVectors.load(bin, { format: 'word2vec-binary' });
  assert.deepEqual([...b.getVector('ab')], [1.5, -2]);
  b.dispose();
});

test('truncated and garbage input is an error naming the line or byte offset', () => {
  const cases = [
    ['2 3\nking 1 2 3\nqueen 4 5\n', 'word2vec', /line 3/],
    ['2 3\nking 1 2 3\n', 'word2vec', /2|line/],
    ['king 1 2\nqueen 1 x\n', 'glove', /line 2/],
    ['garbage', 'word2vec', /line 1/],
  ];
  for (const [text, format, pattern] of cases) {
    assert.throws(() => KeyedVectors.load(text, { format }), (e) => e instanceof TypeError && pattern.test(e.message), `${format}: ${text}`);
  }
  const kv = KeyedVectors.fromArrays(['a', 'b'], new Float32Array([1, 2, 3, 4]), 2);
  const full = kv.save({ format: 'embedwasm' });
  assert.throws(() => KeyedVectors.load(full.subarray(0, full.length - 3), { format: 'embedwasm' }), /byte \d+/);
  assert.throws(() => KeyedVectors.load(new Uint8Array([9, 9, 9, 9]), { format: 'embedwasm' }), /byte 0/);
  const bin = kv.save({ format: 'word2vec-binary' });
  assert.throws(() => KeyedVectors.load(bin.subarray(0, 10), { format: 'word2vec-binary' }), /byte \d+/);
  assert.throws(() => KeyedVectors.load({ vectors: '1\t2\n', metadata: 'a\nb\n' }, { format: 'tsv' }), /metadata|rows|labels/);
  kv.dispose();
});

test('bad formats and arguments are TypeErrors listing the valid choices', () => {
  assert.throws(() => KeyedVectors.load('x', {}), (e) => e instanceof TypeError && /format.*word2vec-binary/.test(e.message));
  assert.throws(() => KeyedVectors.load('x', { format: 'bin' }), (e) => e instanceof TypeError && /'bin'.*valid formats/.test(e.message));
  assert.throws(() => KeyedVectors.load(42, { format: 'glove' }), TypeError);
  assert.throws(() => KeyedVectors.load('x', { format: 'tsv' }), /\{vectors, metadata\}/);
  const kv = KeyedVectors.fromArrays(['a b'], new Float32Array([1]), 1);
  assert.throws(() => kv.save({ format: 'word2vec' }), /'a b'|space/);
  assert.throws(() => kv.save({ formats: 'glove' }), (e) => e instanceof TypeError && /unknown option 'formats'/.test(e.message));
  kv.dispose();
});
