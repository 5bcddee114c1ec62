// The `fit` benchmark: time per epoch of the training issue's text classifier for our
// builds and for TF.js, all in this one run (PERF-NOTES: compare in the same session).
// Each contender runs in a child `node` process of its own (scripts/bench_fit_worker.mjs):
// init() loads one of our builds per process, and TF.js backends are process-global.
// Children run one after another so they do not compete for the two vCPUs. Our variants
// (an epoch takes milliseconds) run in several rounds interleaved with the TF.js ones, so
// load from other work on the machine hits them alike; bench_report.mjs pools the rounds.
// Prints the children's JSON lines on stdout; progress goes to stderr.
// Usage: node scripts/bench_fit.mjs [--epochs N] [--rounds R] [--min-seconds S] [variant...]
//   --epochs       epochs per fit, the same for every contender (default 4: the first is
//                  warm-up; TF.js cpu takes minutes per epoch, see the report)
//   --rounds       processes per quick variant (default 3)
//   --min-seconds  in each process, quick variants fit again until this much timed epoch
//                  time (default 1)
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const WORKER = fileURLToPath(new URL('./bench_fit_worker.mjs', import.meta.url));
const QUICK = ['ours-threads', 'ours-simd', 'ours-sparse'];
// Run once each, between rounds of the quick ones; TF.js cpu (minutes per epoch) last but
// one round, so the quick rows are in before its long run and are measured again after.
const ONCE = ['tfjs-wasm', 'tfjs-cpu'];
const ALL = [...QUICK, ...ONCE];

function parseArgs(argv) {
  const options = { epochs: 4, rounds: 3, minSeconds: 1, variants: [] };
  for (let i = 0; i < argv.length; ++i) {
    const arg = argv[i];
    if (arg === '--epochs') options.epochs = Number(argv[++i]);
    else if (arg === '--rounds') options.rounds = Number(argv[++i]);
    else if (arg === '--min-seconds') options.minSeconds = Number(argv[++i]);
    else if (ALL.includes(arg)) options.variants.push(arg);
    else throw new Error(`unknown argument '${arg}' (--epochs N, --min-seconds S, ${ALL.join(', ')})`);
  }
  if (!(Number.isInteger(options.epochs) && options.epochs >= 2)) throw new Error('--epochs must be an integer >= 2');
  if (!(Number.isInteger(options.rounds) && options.rounds >= 1)) throw new Error('--rounds must be an integer >= 1');
  if (!(options.minSeconds >= 0)) throw new Error('--min-seconds must be >= 0');
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
function runWorker(variant, { epochs, minSeconds }) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [WORKER, variant, String(epochs), String(minSeconds)],
      { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => { out += chunk; });
    child.on('close', (code, signal) => {
      const record = out.split('\n').filter((line) => line.startsWith('{'))
        .map((line) => { try { return JSON.parse(line); } catch { return null; } })
        .find((r) => r?.bench === 'fit' && r.variant === variant);
      resolve(record ?? {
        bench: 'fit', variant, ok: false, stage: 'worker',
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
  console.error(`fit: ${variant} (${options.epochs} epochs per fit)`);
  const record = await runWorker(variant, options);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.error(`fit: ${variant} ${record.ok ? 'done' : `failed: ${record.error}`} (${seconds} s)`);
  console.log(JSON.stringify(record));
}
