// The word2vec benchmark: skip-gram training speed on the SOTU corpus (vectorSize 100,
// window 5, negative 5, minCount 5, sample 1e-3) for embedwasm (the package under Node,
// ours.mjs, and our trainer's C++ built natively and with em++, native.cpp), gensim
// (gensim_peer.py) and fastText, with 1 and 2 threads, all in this one run (the machines
// drift ±30% between sessions, so only same-run figures compare). Every contender reads
// the same tokenised file (scripts/word2vec_corpus.mjs), each in a process of its own, one
// after another so they do not compete for the two vCPUs.
//
// An iteration is one epoch: every contender but fastText trains --epochs epochs in one
// run and times each (the first is the warm-up); fastText, which reports no per-epoch
// time, runs one epoch per process, --epochs times. Prints one JSON line per contender on
// stdout (progress on stderr); report.mjs turns them into the table. A contender that is
// not installed or fails still gets a line, so the report shows it.
//
// Usage: node tests/bench/word2vec/node.mjs [--epochs N] [--seed S]
//   --epochs    epochs per contender, the first one warm-up (default 11: 10 timed)
import os from 'node:os';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { readArgs } from '../../../scripts/lib/args.mjs';
import { writeSotuCorpus } from '../../../scripts/word2vec_corpus.mjs';
import { endText, jsonLines, runProcess } from '../common/children.mjs';
import { programCommand } from '../common/programs.mjs';
import { epochTimings } from './timed_epochs.mjs';

const OURS = fileURLToPath(new URL('./ours.mjs', import.meta.url));
const GENSIM = fileURLToPath(new URL('./gensim_peer.py', import.meta.url));
const PYTHON = '/usr/bin/python3';
const FASTTEXT = '/usr/bin/fasttext';

function jsonRecord(result, variant) {
  const record = jsonLines(result.stdout).find((r) => r.bench === 'word2vec');
  return record ?? {
    bench: 'word2vec', variant, ok: false, stage: 'process',
    error: `${endText(result)} and no result: ${result.stderr.trim().split('\n').slice(-2).join(' ')}`,
  };
}

// The package (dist/) in Node: the threads build (what init() loads in Node) and the
// SIMD-only build (what a page without cross-origin isolation gets; one thread).
const oursArgs = (corpus, threads, o, build) => [OURS, corpus.path, `--threads=${threads}`, `--epochs=${o.epochs}`, `--seed=${o.seed}`, `--build=${build}`];
async function ours(corpus, threads, o) {
  return jsonRecord(await runProcess(process.execPath, oursArgs(corpus, threads, o, 'threads')), `ours-${threads}`);
}
async function oursSimd(corpus, threads, o) {
  return jsonRecord(await runProcess(process.execPath, oursArgs(corpus, threads, o, 'simd')), `ours-simd-${threads}`);
}

// Our trainer's C++ without the JS layer (native.cpp): natively with -O3 -march=native
// (the baseline for the WASM figure), and with em++.
async function program(build, corpus, threads, o) {
  const variant = `cpp-${build}-${threads}`;
  const record = jsonRecord(await runProcess(...programCommand(build, 'word2vec_bench',
    [corpus.path, `--threads=${threads}`, `--epochs=${o.epochs}`, `--seed=${o.seed}`])), variant);
  return { ...record, variant, system: `embedwasm C++ (${build})`, epoch_ms: record.ms };
}
const nativeMarch = (corpus, threads, o) => program('native-march', corpus, threads, o);
const wasmProgram = (corpus, threads, o) => program('wasm', corpus, threads, o);

async function gensim(corpus, threads, o) {
  return jsonRecord(await runProcess(PYTHON, [GENSIM, corpus.path, String(threads), String(o.epochs), String(o.seed)]), `gensim-${threads}`);
}

// fastText with -minn 0 -maxn 0 (no character n-grams) is plain skip-gram word2vec. It
// prints no per-epoch time, so each iteration is a process training one epoch. The
// epoch's time is taken from fastText's own training-only words/sec/thread (which counts
// one end-of-line token per sentence, so it is converted with fastText's own token
// count): reading the file and writing the model stay outside, as for the others.
async function fasttextEpoch(corpus, threads, o, seed) {
  const record = { bench: 'word2vec', variant: `fasttext-${threads}`, system: 'fastText', threads };
  const probe = spawnSync(FASTTEXT, [], { encoding: 'utf8' });
  if (probe.error) return { ...record, ok: false, stage: 'find', error: `${FASTTEXT} not found (Debian package fasttext)` };
  const dir = mkdtempSync(join(os.tmpdir(), 'bench-w2v-ft-'));
  try {
    const r = await runProcess(FASTTEXT, ['skipgram', '-input', corpus.path, '-output', join(dir, 'model'),
      '-dim', '100', '-ws', '5', '-neg', '5', '-minCount', '5', '-t', '1e-3', '-epoch', '1',
      '-minn', '0', '-maxn', '0', '-thread', String(threads), '-seed', String(seed), '-verbose', '2']);
    if (r.code !== 0) return { ...record, ok: false, stage: 'train', error: `exit code ${r.code}: ${r.stderr.trim().split('\n').pop()}` };
    const all = r.stderr.replace(/\r/g, '\n');
    const own = [...all.matchAll(/words\/sec\/thread:\s*(\d+)/g)].pop();
    const vocab = all.match(/Number of words:\s*(\d+)/);
    const version = spawnSync('dpkg-query', ['-W', '-f', '${Version}', 'fasttext'], { encoding: 'utf8' }).stdout || 'unknown';
    // The first line of the .vec file is "<V> <D>".
    const header = readFileSync(join(dir, 'model.vec'), 'utf8').slice(0, 40).split('\n')[0];
    const tokens = all.match(/Read\s+(\d+)M words/);
    if (!own) return { ...record, ok: false, stage: 'parse', error: 'no words/sec/thread in fastText\'s output' };
    // fastText's own count: the corpus tokens plus one </s> per line.
    const fasttextTokens = corpus.tokens + corpus.sentences;
    return {
      ...record, ok: true, version, vocab: vocab ? Number(vocab[1]) : Number(header.split(' ')[0]),
      process_s: r.seconds, own_words_per_second_per_thread: Number(own[1]),
      read_millions: tokens ? Number(tokens[1]) : null,
      epoch_ms: (fasttextTokens / (Number(own[1]) * threads)) * 1000,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function fasttext(corpus, threads, o) {
  const runs = [];
  for (let i = 0; i < o.epochs; ++i) {
    const r = await fasttextEpoch(corpus, threads, o, o.seed + i);
    if (!r.ok) return r;
    runs.push(r);
  }
  return {
    ...runs[0], epochs: o.epochs, epoch_ms: runs.map((r) => r.epoch_ms),
    process_s: runs.map((r) => r.process_s), own_words_per_second_per_thread: runs.map((r) => r.own_words_per_second_per_thread),
  };
}

const options = readArgs({
  name: 'word2vec', usage: 'node tests/bench/word2vec/node.mjs [--epochs N] [--seed S]',
  options: { epochs: { type: 'string', min: 2, default: 11 }, seed: { type: 'string', min: 1, default: 1 } },
});
const corpus = writeSotuCorpus();
console.error(`corpus ${corpus.path}: ${corpus.sentences} sentences, ${corpus.tokens} tokens, ` +
  `${corpus.vocabMinCount5} words with count >= 5`);
// Single-threaded runs first, then two threads: the order is the same in every section run.
const plan = [[ours, 1], [nativeMarch, 1], [wasmProgram, 1], [oursSimd, 1], [gensim, 1], [fasttext, 1],
  [ours, 2], [nativeMarch, 2], [gensim, 2], [fasttext, 2]];
for (const [contender, threads] of plan) {
  const load = os.loadavg()[0];
  console.error(`running ${contender.name} with ${threads} thread(s) (1-min load average ${load.toFixed(2)})`);
  const record = await contender(corpus, threads, options);
  record.load_before = load;
  record.corpus = { sentences: corpus.sentences, tokens: corpus.tokens };
  if (record.ok) Object.assign(record, { threads, ...epochTimings(record.epoch_ms, corpus.tokens, threads) });
  console.error(record.ok ? `  median epoch ${record.median_ms.toFixed(0)} ms` : `  failed: ${record.error}`);
  console.log(JSON.stringify(record));
}
