// The `fit` benchmark: time per training step (one trainOnBatch of 32 samples) of the
// training issue's text classifier for our builds and for TF.js, all in this one run
// (PERF-NOTES: compare in the same session), with the epoch time as steps x median step.
// Each contender runs in a child `node` process of its own (scripts/bench_fit_worker.mjs):
// init() loads one of our builds per process, and TF.js backends are process-global.
// Children run one after another so they do not compete for the two vCPUs. Our variants
// (a step takes well under a millisecond) run in several rounds interleaved with the
// TF.js ones, so load from other work on the machine hits them alike; bench_report.mjs
// pools the rounds.
// Prints the children's JSON lines on stdout; progress goes to stderr.
// Usage: node scripts/bench_fit.mjs [--warmup W] [--reps R] [--rounds N] [variant...]
//   --warmup, --reps  untimed and timed steps per process, the same for every contender
//                     (default: the worker's, 3 + 10 for TF.js and 50 + 500 for ours)
//   --rounds          processes per quick variant (default 3)
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const WORKER = fileURLToPath(new URL('./bench_fit_worker.mjs', import.meta.url));
const QUICK = ['ours-threads', 'ours-simd', 'ours-sparse'];
// Run once each, between rounds of the quick ones; TF.js cpu (over a second a step) last but
// one round, so the quick rows are in before its long run and are measured again after.
const ONCE = ['tfjs-wasm', 'tfjs-cpu'];
const ALL = [...QUICK, ...ONCE];
// The worker's case id (V, D, T, batch), for the record of a worker that died.
const FIT_CASE = 'spam-2000x16-t16-b32';

function parseArgs(argv) {
  const options = { warmup: '', reps: '', rounds: 3, variants: [] };
  const positive = (name, text) => {
    if (!(Number.isInteger(Number(text)) && Number(text) >= 1)) throw new Error(`${name} must be an integer >= 1, got '${text}'`);
    return text;
  };
  for (let i = 0; i < argv.length; ++i) {
    const arg = argv[i];
    if (arg === '--warmup') options.warmup = positive(arg, argv[++i]);
    else if (arg === '--reps') options.reps = positive(arg, argv[++i]);
    else if (arg === '--rounds') options.rounds = Number(positive(arg, argv[++i]));
    else if (ALL.includes(arg)) options.variants.push(arg);
    else throw new Error(`unknown argument '${arg}' (--warmup W, --reps R, --rounds N, ${ALL.join(', ')})`);
  }
  if (!options.variants.length) options.variants = ALL;
  return options;
}

// Q, tfjs-wasm, Q, tfjs-cpu, Q for three rounds; a contender left over runs at the end.
function schedule({ variants, rounds }) {
  const quick = QUICK.filter((v) => variants.includes(v));
  const once = ONCE.filter((v) => variants.includes(v));
  const order = [];
  for (let round = 0; round < rounds; ++round) {
    order.push(...quick);
    if (round < rounds - 1 && once.length) order.push(once.shift());
  }
  return [...order, ...once];
}

// Resolves to the worker's JSON record; a worker that dies without one becomes a failed
// record, so one broken contender never loses the others' figures.
function runWorker(variant, { warmup, reps }) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [WORKER, variant, warmup, reps],
      { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => { out += chunk; });
    child.on('close', (code, signal) => {
      const record = out.split('\n').filter((line) => line.startsWith('{'))
        .map((line) => { try { return JSON.parse(line); } catch { return null; } })
        .find((r) => r?.bench === 'fit' && r.contender === variant);
      resolve(record ?? {
        bench: 'fit', case: FIT_CASE, contender: variant, what: 'trainOnBatch',
        runtime: 'unknown (the worker process gave no result)', env: 'node', variant, ok: false,
        error: `worker exited with ${signal ? `signal ${signal}` : `code ${code}`} and no result`,
      });
    });
  });
}

let options;
try {
  options = parseArgs(process.argv.slice(2));
} catch (error) {
  console.error(`bench_fit: ${error.message}`);
  process.exit(2);
}
for (const variant of schedule(options)) {
  const started = Date.now();
  console.error(`fit: ${variant}`);
  const record = await runWorker(variant, options);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const how = record.missing ? `missing: ${record.missing}`
    : record.ok ? `median step ${record.median_ms.toFixed(3)} ms, epoch ~${record.epoch_ms.toFixed(0)} ms` : `failed: ${record.error}`;
  console.error(`fit: ${variant} ${how} (${seconds} s)`);
  console.log(JSON.stringify(record));
}
