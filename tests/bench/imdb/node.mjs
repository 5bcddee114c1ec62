// The imdb benchmark: training steps of IMDB-sized text classifiers (vocabulary 100,000,
// D 128, T 256, batch 256; models.mjs has the two models, pooled and flatten) through our
// public API, dense and sparse, against PyTorch natively on the CPU at 1 and 2 threads and
// TF.js (cpu and wasm backends), all in this one run. Every contender (contenders.mjs)
// runs in a child process of its own, one after another (they would compete for the two
// vCPUs), on the same data (data.mjs, written once into build/bench/).
// PyTorch is Debian's python3-torch: when `import torch` fails and this runs as root with
// apt-get, it is installed here (a benchmark setup step; no test needs it).
// Usage: node tests/bench/imdb/node.mjs [--warmup W] [--reps R] [--epoch 0|1] [contender...]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { readArgs } from '../../../scripts/lib/args.mjs';
import { runChild, runProcess, jsonLines, endText } from '../common/children.mjs';
import { OUT } from '../common/programs.mjs';
import { CONTENDERS, whatOf } from './contenders.mjs';
import { CASE_NAME, writeData } from './data.mjs';

const CONTENDER = fileURLToPath(new URL('./contender.mjs', import.meta.url));
// Debian's python3, where apt installs python3-torch (a python3 earlier in PATH may lack it).
const PYTHON = '/usr/bin/python3';
const TORCH = fileURLToPath(new URL('./torch_peer.py', import.meta.url));
const TORCH_TIMEOUT_MS = 20 * 60 * 1000;
// TF.js cpu's embedding gradient (UnsortedSegmentSum) passes over the batch once per
// vocabulary row: at V = 100,000 one step would take hours, so it gets a time limit and the
// record says it could not train within it. Both models share that gradient.
const TFJS_TIMEOUT_MS = { wasm: 10 * 60 * 1000, cpu: 3 * 60 * 1000 };
const OURS_TIMEOUT_MS = 10 * 60 * 1000;
const NAMES = Object.keys(CONTENDERS);

const args = readArgs({
  name: 'imdb',
  usage: `node tests/bench/imdb/node.mjs [--warmup W] [--reps R] [--epoch 0|1] [${NAMES.join('|')}...]`,
  options: { warmup: { type: 'string', min: 0 }, reps: { type: 'string', min: 1 }, epoch: { type: 'string', min: 0 } },
  positionals: NAMES,
});
const chosen = args.positionals.length ? args.positionals : NAMES;
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
  const spec = CONTENDERS[contender];
  if (spec.runtime === 'torch') {
    ensureTorch();
    const torchArgs = ['--threads', String(spec.count), '--mode', spec.sparse ? 'sparse' : 'dense', '--model', spec.model];
    const r = await runProcess(PYTHON, [TORCH, '--data', OUT, ...torchArgs, ...passed], { timeoutMs: TORCH_TIMEOUT_MS, echo: true });
    // Only a record under this contender's name: a peer that named it otherwise would
    // land in another row of the report.
    const [record] = jsonLines(r.stdout).filter((x) => x.bench === 'imdb' && x.contender === contender);
    print(record ?? { bench: 'imdb', case: CASE_NAME, contender, what: whatOf(spec), runtime: 'PyTorch', env: 'native', ok: false,
      error: `${PYTHON} ${endText(r, TORCH_TIMEOUT_MS)} without a result for ${contender}` }, (Date.now() - t0) / 1000);
    continue;
  }
  const tfjs = spec.runtime === 'tfjs';
  const timeoutMs = tfjs ? TFJS_TIMEOUT_MS[spec.backend] : OURS_TIMEOUT_MS;
  // TF.js: one warm-up step and one timed step are enough to show whether it can train.
  const reps = tfjs ? ['--warmup', '0', '--reps', '1'] : passed;
  const records = await runChild({
    bench: 'imdb', script: CONTENDER, args: [contender, '--data', OUT, ...reps], timeoutMs,
    owed: spec.records.map((name) => ({ case: CASE_NAME, contender: name, what: whatOf(spec) })),
  });
  for (const record of records) print(record, (Date.now() - t0) / 1000);
}
