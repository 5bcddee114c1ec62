// embedwasm's side of scripts/bench_word2vec.mjs: one training run in a process of its
// own (init() loads one build per process), printed as one JSON line.
// Usage: node scripts/bench_word2vec_ours.mjs <corpus.txt> <threads> <epochs> <seed> <threads|simd>
// Training and per-epoch timing: scripts/bench_word2vec_timed.mjs (shared with the page).
import { readFileSync } from 'node:fs';

import { init, Word2Vec } from '../dist/index.js';
import { trainTimedEpochs } from './bench_word2vec_timed.mjs';

const [path, threadsArg, epochsArg, seedArg, build] = process.argv.slice(2);
const threads = Number(threadsArg);
const epochs = Number(epochsArg);
const variant = build === 'simd' ? `ours-simd-${threads}` : `ours-${threads}`;
const record = { bench: 'word2vec', variant, system: 'embedwasm', threads };
try {
  const info = await init({ threads: build !== 'simd' });
  const text = readFileSync(path, 'utf8');
  const { w2v, result: r, epochMs, vocabMs, trainMs } = await trainTimedEpochs(Word2Vec, text, { epochs, threads, seed: Number(seedArg) });
  if (w2v.threadsUsed !== threads) throw new Error(`asked for ${threads} threads, the ${info.variant} build runs ${w2v.threadsUsed}`);
  record.ok = true;
  Object.assign(record, {
    build: info.variant, node: process.version, epochs, tokens: r.corpusWords,
    raw_words: r.wordsProcessed, effective_words: r.effectiveWords, vocab: r.vocabSize,
    vocab_s: vocabMs / 1000, train_s: trainMs / 1000, total_s: (vocabMs + trainMs) / 1000, epoch_ms: epochMs,
    own_words_per_second: r.wordsPerSecond,
    sample_similar: w2v.wv.mostSimilar('war', { topn: 5 }).map(([w]) => w),
  });
  w2v.dispose();
} catch (error) {
  Object.assign(record, { ok: false, stage: 'train', error: String(error?.message ?? error) });
}
console.log(JSON.stringify(record));
