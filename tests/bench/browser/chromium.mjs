// The browser section (`npm run bench:browser`): the gather and word2vec benchmarks in
// headless Chromium (scripts/lib/chromium.mjs), every contender in this one run (the
// machines drift ±30% between sessions, so only same-run figures compare), with their
// native baselines (gather/browser.mjs, word2vec/browser.mjs).
//
// The static server (scripts/lib/static_server.mjs, COOP/COEP: the page is cross-origin
// isolated, so our threads build and the peers' threads have SharedArrayBuffer) serves on
// 127.0.0.1 the benchmark folder (tests/bench: page.html and the page modules with the
// shared data and timing), the built package (dist/), the peers' browser builds from
// node_modules, our raw kernel bench built for the web and the SOTU corpus file. Each
// task runs in a fresh page (in_page.mjs), one after another; requests to anywhere but the
// server are aborted. A task that fails or times out becomes an ok: false record and the
// run goes on; Chromium is always closed.
//
// Prints one JSON line per (case, contender) on stdout, in the records' schema with
// "env": "chromium" (the native baselines' lines: "env": "native"); progress on stderr.
//
// Usage: node tests/bench/browser/chromium.mjs [--reps N] [--warmup N] [--epochs N] [--only gather|word2vec]
//          [--case 100000x128|1000000x64]... [--contender ID]... [--no-native]
//   --reps       timed calls per gather contender (default 15), after --warmup (default 3)
//   --epochs     timed word2vec epochs, after one warm-up epoch (default 10)
//   --case, --contender  run only these; ids: native-memcpy-rows, kernel, those in
//                gather/page_contenders.mjs, ours-simd-1, ours-2
//   --no-native  leave out the native baselines
import { existsSync } from 'node:fs';
import path from 'node:path';

import { readArgs } from '../../../scripts/lib/args.mjs';
import { launchChromium } from '../../../scripts/lib/chromium.mjs';
import { serveStatic } from '../../../scripts/lib/static_server.mjs';
import { CORPUS_DIR } from '../../../scripts/word2vec_corpus.mjs';
import { GATHER_CASES } from '../common/data.mjs';
import { ROOT, programPath } from '../common/programs.mjs';
import { IDS as GATHER_IDS, VENDOR, gatherInBrowser } from '../gather/browser.mjs';
import { CONTENDERS as WORD2VEC, word2vecInBrowser } from '../word2vec/browser.mjs';
import { errorText, inPage } from './in_page.mjs';

const o = readArgs({
  name: 'bench:browser',
  usage: 'node tests/bench/browser/chromium.mjs [--reps N] [--warmup N] [--epochs N] [--only gather|word2vec] ' +
    '[--case C]... [--contender ID]... [--no-native]',
  options: {
    reps: { type: 'string', min: 1, default: 15 },
    warmup: { type: 'string', min: 1, default: 3 },
    epochs: { type: 'string', min: 1, default: 10 },
    only: { type: 'string', choices: ['gather', 'word2vec'] },
    case: { type: 'string', multiple: true, choices: Object.keys(GATHER_CASES), default: Object.keys(GATHER_CASES) },
    contender: { type: 'string', multiple: true, choices: [...GATHER_IDS, ...WORD2VEC.map((w) => w.contender)], default: [] },
    'no-native': { type: 'boolean', default: false },
  },
});
const log = (text) => process.stderr.write(`bench:browser: ${text}\n`);
const nodeModule = (dir) => path.join(ROOT, 'node_modules', dir);

// Without dist/ our rows fail in the page (their records say so); the peers still run.
if (!existsSync(path.join(ROOT, 'dist', 'index.js'))) log('dist/ is not built (bash scripts/build.sh wasm dist): our rows will fail');
const server = await serveStatic({
  mounts: {
    '/': path.join(ROOT, 'tests', 'bench'),
    '/dist/': path.join(ROOT, 'dist'),
    '/kernel/': path.dirname(programPath('wasm', 'gather_bench_web')),
    '/corpus/': CORPUS_DIR,
    ...Object.fromEntries(Object.entries(VENDOR).map(([name, [dir]]) => [`/vendor/${name}/`, nodeModule(dir)])),
  },
});
let browser = null;
const closeAll = async () => {
  await browser?.close().catch(() => {});
  await server.close();
};
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => { closeAll().finally(() => process.exit(130)); });
}
try {
  browser = await launchChromium();
  const runtime = `Chromium ${browser.version()} headless (--disable-gpu)`;
  log(`${runtime}, serving ${server.url}`);
  const page = { run: (what, timeoutMs) => inPage(browser, server.url, what, timeoutMs), runtime, log, errorText };
  const options = {
    cases: o.case, contenders: o.contender, native: !o['no-native'], warmup: o.warmup, reps: o.reps, epochs: o.epochs,
    vendorPresent: (name) => existsSync(nodeModule(VENDOR[name][0])),
  };
  if (o.only !== 'word2vec') await gatherInBrowser(page, options);
  if (o.only !== 'gather') await word2vecInBrowser(page, options);
} finally {
  await closeAll();
}
