// Creating, using and disposing 1,000 KeyedVectors and Word2Vec objects leaves the wasm
// heap where it was.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { init, KeyedVectors, memoryInUse, Word2Vec } from '../../dist/index.js';

test('1,000 KeyedVectors and Word2Vec objects leave memoryInUse() flat', async () => {
  await init({ threads: false });
  const words = ['a', 'b', 'c', 'd'];
  const text = 'a b c d\nb c d a\nc d a b\n'.repeat(5);
  const cycle = async () => {
    for (let i = 0; i < 1000; ++i) {
      const kv = KeyedVectors.fromArrays(words, new Float32Array(words.length * 4).map((_, j) => Math.sin(i + j)), 4);
      kv.mostSimilar('a', { topn: 2 });
      kv.save({ format: 'word2vec' });
      kv.quantize().dispose();
      kv.dispose();
    }
    for (let i = 0; i < 1000; ++i) {
      const w = new Word2Vec({ vectorSize: 4, minCount: 1, epochs: 1, seed: i });
      if (i % 10 === 0) {
        await w.train(text);
        w.wv.similarity('a', 'b');
      }
      w.dispose();
    }
  };
  await cycle();  // settles allocator pools and Embind's caches
  const before = memoryInUse();
  await cycle();
  assert.equal(memoryInUse(), before);
});
