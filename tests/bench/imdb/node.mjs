// The imdb benchmark: training steps of an IMDB-sized text classifier (vocabulary 100,000,
// D 128, T 256, batch 256; contender.mjs has the model) through our public API, dense and
// sparse, against PyTorch natively on the CPU at 1 and 2 threads and TF.js (cpu and wasm
// backends), all in this one run. Every contender runs in a child process of its own, one
// after another (they would compete for the two vCPUs), on the same data (data.mjs, written
// once into build/bench/).
// PyTorch is Debian's python3-torch: when `import torch` fails and this runs as root with
// apt-get, it is installed here (a benchmark setup step; no test needs it).
// Usage: node tests/bench/imdb/node.mjs [--warmup W] [--reps R] [--epoch 0|1] [contender...]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { readArgs } from '../../../scripts/lib/args.mjs';
import { runChild, runProcess, jsonLines, endText } from '../common/children.mjs';
import { OUT } from '../common/programs.mjs';
import { CASE_NAME, writeData } from './data.mjs';

const CONTENDER = fileURLToPath(new URL('./contender.mjs', import.meta.url));
// Debian's python3, where apt installs python3-torch (a python3 earlier in PATH may lack it).
const PYTHON = '/usr/bin/python3';
const TORCH = fileURLToPath(new URL('./torch_peer.py', import.meta.url));
const OURS = ['ours-simd-dense', 'ours-simd-sparse', 'ours-threads-dense', 'ours-threads-sparse',
  'ours-threads-dense-1t', 'ours-threads-dense-2t', 'ours-threads-sparse-1t', 'ours-threads-sparse-2t'];
const TORCH_RUNS = ['torch-dense-1t', 'torch-dense-2t', 'torch-sparse-1t', 'torch-sparse-2t'];
// TF.js cpu's embedding gradient (UnsortedSegmentSum) passes over the batch once per
// vocabulary row: at V = 100,000 one step would take hours, so it gets a time limit and the
// record says it could not train within it.
const TFJS = { 'tfjs-wasm': 10 * 60 * 1000, 'tfjs-cpu': 3 * 60 * 1000 };
const OURS_TIMEOUT_MS = 10 * 60 * 1000;

const args = readArgs({
  name: 'imdb',
  usage: `node tests/bench/imdb/node.mjs [--warmup W] [--reps R] [--epoch 0|1] [${[...OURS, ...TORCH_RUNS, ...Object.keys(TFJS)].join('|')}...]`,
  options: { warmup: { type: 'string', min: 0 }, reps: { type: 'string', min: 1 }, epoch: { type: 'string', min: 0 } },
  positionals: [...OURS, ...TORCH_RUNS, ...Object.keys(TFJS)],
});
const chosen = args.positionals.length ? args.positionals : [...OURS, ...TORCH_RUNS, ...Object.keys(TFJS)];
const passed = ['warmup', 'reps', 'epoch'].flatMap((k) => (args[k] === undefined ? [] : [`--${k}`, String(args[k])]));

function ensureTorch() {
  const probe = () => spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
  if (probe()) return;
  if (process.getuid?.() !== 0 || spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status !== 0) return;
  console.error('imdb: installing python3-torch (apt-get)');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'python3-torch'], { stdio: ['ignore', 'ignore', 'inherit'], env });
}

function print(record, seconds) {
  const how = record.missing ? `missing: ${record.missing}`
    : record.ok ? `median step ${record.median_ms.toFixed(1)} ms, epoch ${(record.epoch_ms / 1000).toFixed(2)} s` : `failed: ${record.error}`;
  console.error(`imdb: ${record.contender} ${how} (${seconds.toFixed(1)} s)`);
  console.log(JSON.stringify(record));
}

const files = writeData(OUT);
console.error(`imdb: data in ${files.ids}`);
for (const contender of chosen) {
  const t0 = Date.now();
  if (contender.startsWith('torch')) {
    ensureTorch();
    const [, mode, threads] = contender.match(/^torch-(dense|sparse)-(\d)t$/);
    const timeoutMs = 20 * 60 * 1000;
    const r = await runProcess(PYTHON, [TORCH, '--data', OUT, '--threads', threads, '--mode', mode, ...passed], { timeoutMs, echo: true });
    const [record] = jsonLines(r.stdout).filter((x) => x.bench === 'imdb');
    print(record ?? { bench: 'imdb', case: CASE_NAME, contender, what: 'PyTorch', runtime: 'PyTorch', env: 'native', ok: false,
      error: `${PYTHON} ${endText(r, timeoutMs)} without a result` }, (Date.now() - t0) / 1000);
    continue;
  }
  const timeoutMs = TFJS[contender] ?? OURS_TIMEOUT_MS;
  // TF.js: one warm-up step and one timed step are enough to show whether it can train.
  const reps = TFJS[contender] ? ['--warmup', '0', '--reps', '1'] : passed;
  const [record] = await runChild({
    bench: 'imdb', script: CONTENDER, args: [contender, '--data', OUT, ...reps], timeoutMs,
    owed: [{ case: CASE_NAME, contender, what: contender.startsWith('tfjs') ? 'tf.sequential().trainOnBatch(x, y), tf.train.adam' : contender }],
  });
  print(record, (Date.now() - t0) / 1000);
}
