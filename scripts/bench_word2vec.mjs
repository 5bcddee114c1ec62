// The `word2vec` benchmark: skip-gram training speed on the SOTU corpus (vectorSize 100,
// window 5, negative 5, minCount 5, sample 1e-3) for embedwasm (the package under Node,
// and our trainer's C++ built natively and with em++), gensim and fastText, with 1 and 2
// threads, all in this one run (PERF-NOTES: the machines drift ±30% between sessions).
// Every contender reads the same tokenised file (scripts/word2vec_corpus.mjs), each in a
// process of its own, one after another so they do not compete for the two vCPUs.
//
// An iteration is one epoch: every contender but fastText trains --epochs epochs in one
// run and times each (the first is the warm-up); fastText, which reports no per-epoch
// time, runs one epoch per process, --epochs times. Prints one JSON line per contender on
// stdout (progress on stderr); scripts/bench_report.mjs turns them into the table. A
// contender that is not installed or fails still gets a line, so the report shows it.
//
// Usage: node scripts/bench_word2vec.mjs [--epochs N] [--seed S] [--programs DIR]
//   --epochs    epochs per contender, the first one warm-up (default 11: 10 timed)
//   --programs  where scripts/bench.sh built tests/bench (default build/bench)
import { spawn, spawnSync } from 'node:child_process';
import os from 'node:os';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { writeSotuCorpus } from './word2vec_corpus.mjs';

const OURS = fileURLToPath(new URL('./bench_word2vec_ours.mjs', import.meta.url));
const GENSIM = fileURLToPath(new URL('./bench_word2vec_peers.py', import.meta.url));
const PYTHON = '/usr/bin/python3';
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FASTTEXT = '/usr/bin/fasttext';

function parseArgs(argv) {
  const o = { epochs: 11, seed: 1, programs: join(ROOT, 'build', 'bench') };
  for (let i = 0; i < argv.length; ++i) {
    if (argv[i] === '--epochs') o.epochs = Number(argv[++i]);
    else if (argv[i] === '--seed') o.seed = Number(argv[++i]);
    else if (argv[i] === '--programs') o.programs = argv[++i];
    else throw new Error(`unknown argument '${argv[i]}' (--epochs N, --seed S, --programs DIR)`);
  }
  if (!(Number.isInteger(o.epochs) && o.epochs >= 2)) throw new Error('--epochs must be an integer >= 2');
  if (!(Number.isInteger(o.seed) && o.seed >= 1)) throw new Error('--seed must be an integer >= 1');
  return o;
}

// Runs a command; resolves {code, signal, stdout, stderr, seconds}. A missing binary is
// code null with the spawn error in stderr, never an exception.
function run(command, args) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c) => { stdout += c; });
    child.stderr.setEncoding('utf8').on('data', (c) => { stderr += c; });
    child.on('error', (e) => { stderr += String(e.message); });
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, seconds: (performance.now() - t0) / 1000 }));
  });
}

function jsonRecord(result, variant) {
  const record = result.stdout.split('\n').filter((l) => l.startsWith('{'))
    .map((l) => { try { return JSON.parse(l); } catch { return null; } })
    .find((r) => r?.bench === 'word2vec');
  return record ?? {
    bench: 'word2vec', variant, ok: false, stage: 'process',
    error: `exited with ${result.signal ? `signal ${result.signal}` : `code ${result.code}`} and no result: ${result.stderr.trim().split('\n').slice(-2).join(' ')}`,
  };
}

// The package (dist/) in Node: the threads build (what init() loads in Node) and the
// SIMD-only build (what a page without cross-origin isolation gets; one thread).
async function ours(corpus, threads, o) {
  return jsonRecord(await run(process.execPath, [OURS, corpus.path, String(threads), String(o.epochs), String(o.seed), 'threads']), `ours-${threads}`);
}
async function oursSimd(corpus, threads, o) {
  return jsonRecord(await run(process.execPath, [OURS, corpus.path, String(threads), String(o.epochs), String(o.seed), 'simd']), `ours-simd-${threads}`);
}

// Our trainer's C++ without the JS layer (tests/bench/word2vec_bench.cpp): natively with
// -O3 -march=native (the issue's baseline for the WASM figure), and with em++.
async function program(build, corpus, threads, o) {
  const variant = `cpp-${build}-${threads}`;
  const base = join(o.programs, build, 'tests', 'bench', 'word2vec_bench');
  const args = [corpus.path, `--threads=${threads}`, `--epochs=${o.epochs}`, `--seed=${o.seed}`];
  const r = build === 'wasm'
    ? await run(process.execPath, ['--no-experimental-fetch', `${base}.cjs`, ...args])
    : await run(base, args);
  const record = jsonRecord(r, variant);
  return { ...record, variant, system: `embedwasm C++ (${build})`, epoch_ms: record.ms };
}
const nativeMarch = (corpus, threads, o) => program('native-march', corpus, threads, o);
const wasmProgram = (corpus, threads, o) => program('wasm', corpus, threads, o);

async function gensim(corpus, threads, o) {
  return jsonRecord(await run(PYTHON, [GENSIM, corpus.path, String(threads), String(o.epochs), String(o.seed)]), `gensim-${threads}`);
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
    const r = await run(FASTTEXT, ['skipgram', '-input', corpus.path, '-output', join(dir, 'model'),
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

let options;
try {
  options = parseArgs(process.argv.slice(2));
} catch (error) {
  console.error(`bench_word2vec: ${error.message}`);
  process.exit(2);
}
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
  if (record.ok) {
    // Iterations are epochs: the first is warm-up, the rest are the timed repetitions.
    const timed = record.epoch_ms.slice(1);
    const sorted = [...timed].sort((a, b) => a - b);
    const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    Object.assign(record, {
      threads, warmup: 1, reps: timed.length, ms: timed, median_ms: median, min_ms: sorted[0], max_ms: sorted.at(-1),
      words_per_second_per_thread: corpus.tokens / (median / 1000) / threads,
    });
  }
  console.error(record.ok ? `  median epoch ${record.median_ms.toFixed(0)} ms` : `  failed: ${record.error}`);
  console.log(JSON.stringify(record));
}
