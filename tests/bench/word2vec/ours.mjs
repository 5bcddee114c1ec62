// The package's contender in node.mjs: one training run in a process of its own (init()
// loads one build per process), printed as one JSON line.
// Usage: node tests/bench/word2vec/ours.mjs <corpus.txt> --threads N --epochs N --seed S --build threads|simd
// Training and per-epoch timing: timed_epochs.mjs (shared with the page).
import { readFileSync } from 'node:fs';

import { readArgs } from '../../../scripts/lib/args.mjs';
import { init, Word2Vec } from '../../../dist/index.js';
import { trainTimedEpochs } from './timed_epochs.mjs';

const { positionals: [path], threads, epochs, seed, build } = readArgs({
  name: 'word2vec ours',
  usage: 'node tests/bench/word2vec/ours.mjs <corpus.txt> --threads N --epochs N --seed S --build threads|simd',
  options: {
    threads: { type: 'string', min: 1, default: 1 }, epochs: { type: 'string', min: 2, default: 11 },
    seed: { type: 'string', min: 1, default: 1 }, build: { type: 'string', choices: ['threads', 'simd'], default: 'threads' },
  },
  positionals: true,
});
const variant = build === 'simd' ? `ours-simd-${threads}` : `ours-${threads}`;
const record = { bench: 'word2vec', variant, system: 'embedwasm', threads };
try {
  const info = await init({ threads: build !== 'simd' });
  const text = readFileSync(path, 'utf8');
  const { w2v, result: r, epochMs, vocabMs, trainMs } = await trainTimedEpochs(Word2Vec, text, { epochs, threads, seed });
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
