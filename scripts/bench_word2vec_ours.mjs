// embedwasm's side of scripts/bench_word2vec.mjs: one training run in a process of its
// own (init() loads one build per process), printed as one JSON line.
// Usage: node scripts/bench_word2vec_ours.mjs <corpus.txt> <threads> <epochs> <seed> <threads|simd>
// Each epoch is timed from a progress event at every chunk (chunks never cross an epoch
// boundary, so an epoch ends exactly at an event whose word count is a multiple of the
// corpus's): the time a caller waits, the event loop turns between chunks included.
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
  const events = [];
  const r = await w2v.train(undefined, {
    progressEvery: 0,
    onProgress: (p) => events.push([performance.now(), p.wordsProcessed]),
  });
  const t2 = performance.now();
  const epochEnds = events.filter(([, words]) => words > 0 && words % r.corpusWords === 0).map(([t]) => t);
  if (epochEnds.length !== epochs) throw new Error(`found ${epochEnds.length} epoch ends in the progress events, expected ${epochs}`);
  const epochMs = epochEnds.map((t, i) => t - (i === 0 ? t1 : epochEnds[i - 1]));
  if (w2v.threadsUsed !== threads) throw new Error(`asked for ${threads} threads, the ${info.variant} build runs ${w2v.threadsUsed}`);
  record.ok = true;
  Object.assign(record, {
    build: info.variant, node: process.version, epochs, tokens: r.corpusWords,
    raw_words: r.wordsProcessed, effective_words: r.effectiveWords, vocab: r.vocabSize,
    vocab_s: (t1 - t0) / 1000, train_s: (t2 - t1) / 1000, total_s: (t2 - t0) / 1000, epoch_ms: epochMs,
    own_words_per_second: r.wordsPerSecond,
    sample_similar: w2v.wv.mostSimilar('war', { topn: 5 }).map(([w]) => w),
  });
  w2v.dispose();
} catch (error) {
  Object.assign(record, { ok: false, stage: 'train', error: String(error?.message ?? error) });
}
console.log(JSON.stringify(record));
