// Word2Vec with threads: 2 in the threads build: it trains as well as one thread, and
// the idle pthread pool does not keep Node alive afterwards (this file's process must exit).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { init, Word2Vec } from '../../dist/index.js';
import { analogyCorpus, SMALL_OPTIONS } from './word2vec_corpus.mjs';

test('threads: 2 trains and answers the built-in analogy', async () => {
  const info = await init({ threads: true, poolSize: 2 });
  assert.equal(info.threads, true);
  assert.equal(Word2Vec.threadsSupported, true);
  const w = new Word2Vec({ ...SMALL_OPTIONS, threads: 2 });
  assert.equal(w.threadsUsed, 2);
  const result = await w.train(analogyCorpus(), { chunkWords: 5000 });
  assert.equal(result.cancelled, false);
  assert.equal(w.wv.mostSimilar(['king', 'woman'], { negative: ['man'], topn: 1 })[0][0], 'queen');
  assert.equal(w.wv.mostSimilar(['queen', 'man'], { negative: ['woman'], topn: 1 })[0][0], 'king');
  w.dispose();
  const tooMany = new Word2Vec({ threads: 64 });
  assert.equal(tooMany.threadsUsed, 3, 'clamped to the pool of 2 plus the calling thread');
  tooMany.dispose();
});
