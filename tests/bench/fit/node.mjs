// The fit benchmark: time per training step (one trainOnBatch of 32 samples) of the
// training issue's text classifier for our builds and for TF.js, all in this one run (the
// machines drift between sessions: only same-run figures compare), with the epoch time as
// steps x median step. Each contender runs in a child `node` process of its own
// (contender.mjs): init() loads one of our builds per process, and TF.js backends are
// process-global. Children run one after another so they do not compete for the two
// vCPUs. Our variants (a step takes well under a millisecond) run in several rounds
// interleaved with the TF.js ones, so load from other work on the machine hits them
// alike; report.mjs pools the rounds.
// Prints the children's JSON lines on stdout; progress goes to stderr.
// Usage: node tests/bench/fit/node.mjs [--warmup W] [--reps R] [--rounds N] [variant...]
//   --warmup, --reps  untimed and timed steps per process, the same for every contender
//                     (default: the contender's, 3 + 10 for TF.js and 50 + 500 for ours)
//   --rounds          processes per quick variant (default 3)
import { fileURLToPath } from 'node:url';

import { passArgs, readArgs } from '../../../scripts/lib/args.mjs';
import { REPS_OPTIONS, runChild } from '../common/children.mjs';

const CONTENDER = fileURLToPath(new URL('./contender.mjs', import.meta.url));
const TIMEOUT_MS = 30 * 60 * 1000;
const QUICK = ['ours-threads', 'ours-simd', 'ours-sparse'];
// Run once each, between rounds of the quick ones; TF.js cpu (over a second a step) last but
// one round, so the quick rows are in before its long run and are measured again after.
const ONCE = ['tfjs-wasm', 'tfjs-cpu'];
// contender.mjs's case id (V, D, T, batch), for the record of a contender process that died.
const FIT_CASE = 'spam-2000x16-t16-b32';

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

const args = readArgs({
  name: 'fit',
  usage: `node tests/bench/fit/node.mjs [--warmup W] [--reps R] [--rounds N] [${[...QUICK, ...ONCE].join('|')}...]`,
  options: { ...REPS_OPTIONS, rounds: { type: 'string', min: 1, default: 3 } },
  positionals: [...QUICK, ...ONCE],
});
const variants = args.positionals.length ? args.positionals : [...QUICK, ...ONCE];
for (const variant of schedule({ variants, rounds: args.rounds })) {
  const started = Date.now();
  console.error(`fit: ${variant}`);
  const [record] = await runChild({
    bench: 'fit', script: CONTENDER, args: [variant, ...passArgs(args, ['warmup', 'reps'])], timeoutMs: TIMEOUT_MS,
    owed: [{ case: FIT_CASE, contender: variant, what: 'trainOnBatch' }],
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const how = record.missing ? `missing: ${record.missing}`
    : record.ok ? `median step ${record.median_ms.toFixed(3)} ms, epoch ~${record.epoch_ms.toFixed(0)} ms` : `failed: ${record.error}`;
  console.error(`fit: ${variant} ${how} (${seconds} s)`);
  console.log(JSON.stringify(record));
}
