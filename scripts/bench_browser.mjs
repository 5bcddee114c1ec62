// `npm run bench:browser`: the gather and word2vec benchmarks in headless Chromium (Debian's
// /usr/bin/chromium through playwright-core; never a downloaded browser), every contender
// in this one run (PERF-NOTES: the machines drift ±30% between sessions).
//
// A static server on 127.0.0.1 (scripts/bench_browser/server.mjs, COOP/COEP) serves the
// page (scripts/bench_browser/), the built package (dist/), the peers' browser builds from
// node_modules, the shared data generator and ONNX model builder (scripts/), our raw
// kernel bench built for the web (build/bench/browser/) and the SOTU corpus file. Each
// task runs in a fresh page (init() loads one of our builds per realm; TF.js backends and
// ONNX Runtime's thread count are global), one after another; requests to anywhere but
// the server are aborted. A task that fails or times out becomes an ok: false record and
// the run goes on; Chromium is always closed.
//
// Prints one JSON line per (case, contender) on stdout, in the benchmark record schema with
// "env": "chromium" (the native baseline's lines: "env": "native"); progress on stderr.
//
// Usage: node scripts/bench_browser.mjs [--reps N] [--warmup N] [--epochs N] [--only gather|word2vec]
//          [--case 100000x128|1000000x64] [--contender ID]... [--no-native]
//   --reps       timed calls per gather contender (default 15), after --warmup (default 3)
//   --epochs     timed word2vec epochs, after one warm-up epoch (default 10)
//   --case, --contender  run only these (repeatable); ids: native-memcpy-rows, kernel,
//                and those in scripts/bench_browser/gather_contenders.mjs, ours-simd-1, ours-2
//   --no-native  leave out the native memcpy-per-row rows (when the caller runs them)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { GATHER_CASES } from './bench_data.mjs';
import { summarize } from './bench_stats.mjs';
import { CONTENDERS } from './bench_browser/gather_contenders.mjs';
import { buildWebKernel, nativeGatherBench } from './bench_browser/programs.mjs';
import { inPage } from './bench_browser/in_page.mjs';
import { serveMounts } from './bench_browser/server.mjs';
import { CORPUS_DIR, writeSotuCorpus } from './word2vec_corpus.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = path.join(ROOT, 'build', 'bench', 'browser');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const PEERS = {
  tfjs: ['@tensorflow/tfjs/dist', 'npm install -D @tensorflow/tfjs'],
  'tfjs-backend-wasm': ['@tensorflow/tfjs-backend-wasm/dist', 'npm install -D @tensorflow/tfjs-backend-wasm'],
  ort: ['onnxruntime-web/dist', 'npm install -D onnxruntime-web'],
};
const nodeModule = (dir) => path.join(ROOT, 'node_modules', dir);

// Which peers' files each page contender needs (a missing one gives a `missing` record).
function peersOf(contender) {
  if (contender.startsWith('tfjs-wasm')) return ['tfjs', 'tfjs-backend-wasm'];
  if (contender.startsWith('tfjs-')) return ['tfjs'];
  if (contender.startsWith('ort-')) return ['ort'];
  return [];
}

const WORD2VEC = [
  { contender: 'ours-simd-1', build: 'simd', threads: 1 },
  { contender: 'ours-2', build: 'threads', threads: 2 },
];

function parseArgs(argv) {
  const o = { reps: 15, warmup: 3, epochs: 10, only: null, cases: [], contenders: [], native: true };
  const known = new Set(['native-memcpy-rows', 'kernel', ...Object.keys(CONTENDERS), ...WORD2VEC.map((w) => w.contender)]);
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new TypeError(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--reps') o.reps = Number(value());
    else if (a === '--warmup') o.warmup = Number(value());
    else if (a === '--epochs') o.epochs = Number(value());
    else if (a === '--only') o.only = value();
    else if (a === '--case') o.cases.push(value());
    else if (a === '--contender') o.contenders.push(value());
    else if (a === '--no-native') o.native = false;
    else throw new TypeError(`unknown argument '${a}' (--reps N, --warmup N, --epochs N, --only gather|word2vec, --case C, --contender ID, --no-native)`);
  }
  for (const k of ['reps', 'warmup', 'epochs']) {
    if (!(Number.isInteger(o[k]) && o[k] >= 1)) throw new RangeError(`--${k} must be an integer >= 1, got ${o[k]}`);
  }
  if (o.only !== null && o.only !== 'gather' && o.only !== 'word2vec') throw new RangeError(`--only must be gather or word2vec, got '${o.only}'`);
  for (const c of o.cases) if (!GATHER_CASES[c]) throw new RangeError(`--case must be one of ${Object.keys(GATHER_CASES).join(', ')}, got '${c}'`);
  for (const c of o.contenders) if (!known.has(c)) throw new RangeError(`--contender must be one of ${[...known].join(', ')}, got '${c}'`);
  if (!o.cases.length) o.cases = Object.keys(GATHER_CASES);
  return o;
}

const log = (text) => process.stderr.write(`bench:browser: ${text}\n`);
const emit = (record) => process.stdout.write(`${JSON.stringify(record)}\n`);
const errorText = (error) => String(error?.message ?? error).split('\n')[0];

function nativeRecords(binary, gc, caseName, o) {
  const what = 'memcpy per row (the wasmsimd kernel\'s algorithm), native g++ -O3';
  const base = { bench: 'gather', case: caseName, contender: 'native-memcpy-rows', what, env: 'native' };
  const r = spawnSync(binary, ['memcpy_rows', `--V=${gc.V}`, `--D=${gc.D}`, `--warmup=${o.warmup}`, `--reps=${o.reps}`],
    { encoding: 'utf8', timeout: 300_000 });
  const lines = (r.stdout ?? '').split('\n').filter((l) => l.startsWith('{'));
  if (r.error || !lines.length) {
    const why = r.error ? r.error.message : `exited with ${r.status ?? r.signal}: ${(r.stderr ?? '').trim()}`;
    return [{ ...base, runtime: 'native', ok: false, error: `${binary}: ${why}` }];
  }
  return lines.map((l) => ({ ...base, runtime: `native (${path.relative(ROOT, binary)})`, ...JSON.parse(l), env: 'native' }));
}

async function gatherSection(browser, url, runtime, o) {
  const want = (id) => (id !== 'native-memcpy-rows' || o.native) && (!o.contenders.length || o.contenders.includes(id));
  let kernelError = null;
  let nativeBinary = null;
  let nativeError = null;
  if (want('kernel')) {
    try {
      log('building the raw kernel bench for the web (em++) if stale');
      buildWebKernel(ROOT, OUT_DIR);
    } catch (error) {
      kernelError = errorText(error);
    }
  }
  if (want('native-memcpy-rows')) {
    try {
      nativeBinary = nativeGatherBench(ROOT, OUT_DIR);
    } catch (error) {
      nativeError = errorText(error);
    }
  }
  const perCall = (o.warmup + o.reps) * 10_000;  // TF.js cpu: ~1 s a call; generous
  for (const caseName of o.cases) {
    const gc = GATHER_CASES[caseName];
    if (want('native-memcpy-rows')) {
      log(`${caseName}: native-memcpy-rows`);
      if (nativeError) emit({ bench: 'gather', case: caseName, contender: 'native-memcpy-rows', what: 'memcpy per row, native', env: 'native', ok: false, error: nativeError });
      else for (const r of nativeRecords(nativeBinary, gc, caseName, o)) emit(r);
    }
    if (want('kernel')) {
      log(`${caseName}: kernel (tests/bench/gather_bench.cpp, em++ for the web)`);
      const base = { bench: 'gather', case: caseName, contender: 'kernel', what: 'tests/bench/gather_bench.cpp built with em++ -sENVIRONMENT=web', env: 'chromium', runtime };
      try {
        if (kernelError) throw new Error(kernelError);
        const r = await inPage(browser, url, { kind: 'kernel', V: gc.V, D: gc.D, warmup: o.warmup, reps: o.reps }, 120_000 + perCall);
        const records = r.lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
        if (!records.length) throw new Error(`main() returned ${r.code} and printed no record: ${r.errors.join(' | ')}`);
        // The program's own lines, with the case and where they ran added.
        for (const rec of records) emit({ case: caseName, contender: `kernel-${rec.variant}`, ...rec, env: 'chromium', runtime });
        if (r.code !== 0) emit({ ...base, ok: false, error: `main() returned ${r.code}: ${r.errors.join(' | ')}` });
      } catch (error) {
        emit({ ...base, ok: false, error: errorText(error) });
      }
    }
    for (const [id, c] of Object.entries(CONTENDERS)) {
      if (!want(id)) continue;
      log(`${caseName}: ${id}`);
      const base = { bench: 'gather', case: caseName, contender: id, what: c.what, env: 'chromium' };
      const absent = peersOf(id).filter((p) => !existsSync(nodeModule(PEERS[p][0])));
      if (absent.length) {
        emit({ ...base, runtime, missing: absent.map((p) => `node_modules/${PEERS[p][0]} (${PEERS[p][1]})`).join(', ') });
        continue;
      }
      try {
        const record = await inPage(browser, url, { kind: 'gather', caseName, contender: id, warmup: o.warmup, reps: o.reps }, 120_000 + perCall);
        emit({ ...record, env: 'chromium', runtime: record.runtime ? `${runtime}, ${record.runtime}` : runtime });
        log(`  ${record.ok ? `median ${record.median_ms.toFixed(1)} ms` : `failed: ${record.error}`}`);
      } catch (error) {
        emit({ ...base, runtime, ok: false, error: errorText(error) });
        log(`  failed: ${errorText(error)}`);
      }
    }
  }
}

async function word2vecSection(browser, url, runtime, o) {
  const corpus = writeSotuCorpus();
  log(`corpus ${corpus.path}: ${corpus.tokens} tokens, ${corpus.vocabMinCount5} words with count >= 5`);
  for (const w of WORD2VEC) {
    if (o.contenders.length && !o.contenders.includes(w.contender)) continue;
    log(`word2vec: ${w.contender} (${w.build} build, ${w.threads} thread(s), 1 + ${o.epochs} epochs)`);
    const base = { bench: 'word2vec', case: 'sotu', contender: w.contender, variant: w.contender, what: `Word2Vec skip-gram on SOTU, ${w.build} build, ${w.threads} thread(s)`, env: 'chromium' };
    const task = { kind: 'word2vec', ...w, epochs: 1 + o.epochs, seed: 1, expectedVocab: corpus.vocabMinCount5, expectedTokens: corpus.tokens };
    try {
      const r = await inPage(browser, url, task, 120_000 + (1 + o.epochs) * 60_000);
      const record = { ...base, ...r, env: 'chromium', runtime: r.runtime ? `${runtime}, ${r.runtime}` : runtime };
      if (record.ok) {
        // The first epoch is the warm-up; the rest are the timed repetitions.
        const ms = record.epoch_ms.slice(1);
        const stats = summarize(ms);
        Object.assign(record, {
          warmup: 1, reps: ms.length, ...stats,
          words_per_second_per_thread: corpus.tokens / (stats.median_ms / 1000) / w.threads,
        });
        log(`  median epoch ${record.median_ms.toFixed(0)} ms, ${Math.round(record.words_per_second_per_thread)} words/s per thread`);
      } else {
        log(`  failed: ${record.error}`);
      }
      emit(record);
    } catch (error) {
      emit({ ...base, runtime, ok: false, error: errorText(error) });
      log(`  failed: ${errorText(error)}`);
    }
  }
}

async function main() {
  let o;
  try {
    o = parseArgs(process.argv.slice(2));
  } catch (error) {
    log(error.message);
    process.exit(2);
  }
  // Without dist/ our rows fail in the page (their records say so); the peers still run.
  if (!existsSync(path.join(ROOT, 'dist', 'index.js'))) log('dist/ is not built (bash scripts/build.sh wasm dist): our rows will fail');
  const { chromium } = await import('playwright-core');
  const server = await serveMounts([
    ['/', path.join(ROOT, 'scripts', 'bench_browser')],
    ['/dist/', path.join(ROOT, 'dist')],
    ['/scripts/', path.join(ROOT, 'scripts')],
    ['/kernel/', OUT_DIR],
    ['/corpus/', CORPUS_DIR],
    ['/vendor/tfjs/', nodeModule(PEERS.tfjs[0])],
    ['/vendor/tfjs-backend-wasm/', nodeModule(PEERS['tfjs-backend-wasm'][0])],
    ['/vendor/ort/', nodeModule(PEERS.ort[0])],
  ]);
  let browser = null;
  const closeAll = async () => {
    await browser?.close().catch(() => {});
    await server.close();
  };
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => { closeAll().finally(() => process.exit(130)); });
  }
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const runtime = `Chromium ${browser.version()} headless (--disable-gpu)`;
    log(`${runtime}, serving ${server.url}`);
    if (o.only !== 'word2vec') await gatherSection(browser, server.url, runtime, o);
    if (o.only !== 'gather') await word2vecSection(browser, server.url, runtime, o);
  } finally {
    await closeAll();
  }
}

await main();
