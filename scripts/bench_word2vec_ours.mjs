// embedwasm's side of scripts/bench_word2vec.mjs: one training run in a process of its
// own (init() loads one build per process), printed as one JSON line.
// Usage: node scripts/bench_word2vec_ours.mjs <corpus.txt> <threads> <epochs> <seed> <threads|simd>
// The clock covers what a caller waits for: from the corpus string in memory to trained
// vectors, i.e. tokenising and counting (buildVocab) plus training, as for gensim's
// build_vocab + train. The trainer's own words/s (training chunks only) is kept beside it.
import { readFileSync } from 'node:fs';

import { init, Word2Vec } from '../dist/index.js';

const [path, threadsArg, epochsArg, seedArg, build] = process.argv.slice(2);
const threads = Number(threadsArg);
const epochs = Number(epochsArg);
const variant = build === 'simd' ? `ours-simd-${threads}` : `ours-${threads}`;
const record = { bench: 'word2vec', variant, system: 'embedwasm', threads };
try {
  const info = await init({ threads: build !== 'simd' });
  const text = readFileSync(path, 'utf8');
  const t0 = performance.now();
  const w2v = new Word2Vec({
    vectorSize: 100, window: 5, minCount: 5, sample: 1e-3, sg: 1, hs: 0, negative: 5,
    epochs, threads, seed: Number(seedArg),
  });
  await w2v.buildVocab(text);
  const t1 = performance.now();
  const r = await w2v.train();
  const t2 = performance.now();
  if (w2v.threadsUsed !== threads) throw new Error(`asked for ${threads} threads, the ${info.variant} build runs ${w2v.threadsUsed}`);
  record.ok = true;
  Object.assign(record, {
    build: info.variant, node: process.version, epochs, tokens: r.corpusWords,
    raw_words: r.wordsProcessed, effective_words: r.effectiveWords, vocab: r.vocabSize,
    vocab_s: (t1 - t0) / 1000, train_s: (t2 - t1) / 1000, total_s: (t2 - t0) / 1000,
    own_words_per_second: r.wordsPerSecond,
    sample_similar: w2v.wv.mostSimilar('war', { topn: 5 }).map(([w]) => w),
  });
  w2v.dispose();
} catch (error) {
  Object.assign(record, { ok: false, stage: 'train', error: String(error?.message ?? error) });
}
console.log(JSON.stringify(record));
