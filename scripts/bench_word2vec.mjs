// The `word2vec` benchmark: skip-gram training speed on the SOTU corpus (vectorSize 100,
// window 5, negative 5, minCount 5, sample 1e-3) for embedwasm under Node, gensim and
// fastText, with 1 and 2 threads, all in this one run (PERF-NOTES: the machines drift
// ±30% between sessions). Every contender reads the same tokenised file
// (scripts/word2vec_corpus.mjs), each in a process of its own, one after another so they
// do not compete for the two vCPUs. Prints one JSON line per run on stdout (progress on
// stderr); scripts/bench_report.mjs turns them into the table. A contender that is not
// installed or fails still gets a line (ok: false), so the report shows it as missing.
//
// Usage: node scripts/bench_word2vec.mjs [--epochs N] [--fasttext-epochs N] [--seed S]
//   --epochs           epochs for embedwasm and gensim (default 5)
//   --fasttext-epochs  epochs for fastText (default: --epochs). It is the slowest by far;
//                      words per second hardly depend on the epoch count, so fewer epochs
//                      shorten the run if needed; the report prints each run's epochs
import { spawn, spawnSync } from 'node:child_process';
import os from 'node:os';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { writeSotuCorpus } from './word2vec_corpus.mjs';

const OURS = fileURLToPath(new URL('./bench_word2vec_ours.mjs', import.meta.url));
const GENSIM = fileURLToPath(new URL('./bench_word2vec_peers.py', import.meta.url));
const PYTHON = '/usr/bin/python3';
const FASTTEXT = '/usr/bin/fasttext';

function parseArgs(argv) {
  const o = { epochs: 5, fasttextEpochs: null, seed: 1 };
  for (let i = 0; i < argv.length; ++i) {
    if (argv[i] === '--epochs') o.epochs = Number(argv[++i]);
    else if (argv[i] === '--fasttext-epochs') o.fasttextEpochs = Number(argv[++i]);
    else if (argv[i] === '--seed') o.seed = Number(argv[++i]);
    else throw new Error(`unknown argument '${argv[i]}' (--epochs N, --fasttext-epochs N, --seed S)`);
  }
  o.fasttextEpochs ??= o.epochs;
  for (const k of ['epochs', 'fasttextEpochs', 'seed']) {
    if (!(Number.isInteger(o[k]) && o[k] >= 1)) throw new Error(`${k} must be an integer >= 1`);
  }
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

async function ours(corpus, threads, o) {
  return jsonRecord(await run(process.execPath, [OURS, corpus.path, String(threads), String(o.epochs), String(o.seed), 'threads']), `ours-${threads}`);
}

async function gensim(corpus, threads, o) {
  return jsonRecord(await run(PYTHON, [GENSIM, corpus.path, String(threads), String(o.epochs), String(o.seed)]), `gensim-${threads}`);
}

// fastText with -minn 0 -maxn 0 (no character n-grams) is plain skip-gram word2vec. Its
// time is the whole process: reading the file twice (vocabulary, then training) and
// writing the model, the counterpart of ours and gensim building the vocabulary. fastText
// also counts an end-of-line token per sentence in its own words/s, which is kept as
// reported; the table's figure uses the same raw corpus token count as for the others.
async function fasttext(corpus, threads, o) {
  const record = { bench: 'word2vec', variant: `fasttext-${threads}`, system: 'fastText', threads };
  const probe = spawnSync(FASTTEXT, [], { encoding: 'utf8' });
  if (probe.error) return { ...record, ok: false, stage: 'find', error: `${FASTTEXT} not found (Debian package fasttext)` };
  const dir = mkdtempSync(join(os.tmpdir(), 'bench-w2v-ft-'));
  try {
    const r = await run(FASTTEXT, ['skipgram', '-input', corpus.path, '-output', join(dir, 'model'),
      '-dim', '100', '-ws', '5', '-neg', '5', '-minCount', '5', '-t', '1e-3', '-epoch', String(o.fasttextEpochs),
      '-minn', '0', '-maxn', '0', '-thread', String(threads), '-seed', String(o.seed), '-verbose', '2']);
    if (r.code !== 0) return { ...record, ok: false, stage: 'train', error: `exit code ${r.code}: ${r.stderr.trim().split('\n').pop()}` };
    const all = r.stderr.replace(/\r/g, '\n');
    const own = [...all.matchAll(/words\/sec\/thread:\s*(\d+)/g)].pop();
    const vocab = all.match(/Number of words:\s*(\d+)/);
    const version = spawnSync('dpkg-query', ['-W', '-f', '${Version}', 'fasttext'], { encoding: 'utf8' }).stdout || 'unknown';
    // The first line of the .vec file is "<V> <D>".
    const header = readFileSync(join(dir, 'model.vec'), 'utf8').slice(0, 40).split('\n')[0];
    return {
      ...record, ok: true, version, epochs: o.fasttextEpochs, tokens: corpus.tokens,
      raw_words: corpus.tokens * o.fasttextEpochs, vocab: vocab ? Number(vocab[1]) : Number(header.split(' ')[0]),
      total_s: r.seconds, own_words_per_second_per_thread: own ? Number(own[1]) : null,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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
const plan = [[ours, 1], [gensim, 1], [fasttext, 1], [ours, 2], [gensim, 2], [fasttext, 2]];
for (const [contender, threads] of plan) {
  const load = os.loadavg()[0];
  console.error(`running ${contender.name} with ${threads} thread(s) (1-min load average ${load.toFixed(2)})`);
  const record = await contender(corpus, threads, options);
  record.load_before = load;
  record.corpus = { sentences: corpus.sentences, tokens: corpus.tokens };
  if (record.ok) {
    record.words_per_second_per_thread = record.raw_words / record.total_s / threads;
  }
  console.error(record.ok ? `  ${record.total_s.toFixed(1)} s` : `  failed: ${record.error}`);
  console.log(JSON.stringify(record));
}
