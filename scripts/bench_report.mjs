// Turns the JSON lines a benchmark section printed into a table on stdout and one JSON
// file. Usage: node scripts/bench_report.mjs <section> <lines.jsonl> <out.json>
// Each section has a report function below; scripts/bench.sh calls it once per run.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import os from 'node:os';

function fail(message) {
  console.error(`bench_report: ${message}`);
  process.exit(1);
}

// Only lines that are JSON objects: Emscripten's glue may print other things.
function readJsonLines(path) {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));
}

// Markdown table; numbers right-aligned, text left-aligned.
function formatTable(columns, rows) {
  const cells = rows.map((row) => columns.map((c) => String(row[c.key] ?? '')));
  const widths = columns.map((c, i) => Math.max(c.title.length, ...cells.map((r) => r[i].length)));
  const pad = (text, i) => (columns[i].right ? text.padStart(widths[i]) : text.padEnd(widths[i]));
  const line = (texts) => `| ${texts.map(pad).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (columns[i].right ? `${'-'.repeat(w + 1)}:` : `:${'-'.repeat(w + 1)}`)).join('|')}|`;
  return [line(columns.map((c) => c.title)), rule, ...cells.map(line)].join('\n');
}

function environment() {
  return {
    date: new Date().toISOString(),
    node: process.version,
    v8: process.versions.v8,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cpus: os.cpus().length,
    platform: `${os.platform()} ${os.release()}`,
  };
}

// ---- gather -------------------------------------------------------------------------

// Row order and labels; `role` says which rows the issue asks for and which are context.
const GATHER_ROWS = [
  { build: 'wasm', variant: 'wasmsimd', runtime: 'wasm (Node)', what: 'f32_gather_rows__wasmsimd', role: 'main' },
  { build: 'wasm', variant: 'scalar', runtime: 'wasm (Node)', what: 'f32_gather_rows__scalar', role: 'main' },
  { build: 'wasm-novec', variant: 'scalar', runtime: 'wasm (Node), -fno-vectorize -fno-slp-vectorize', what: 'f32_gather_rows__scalar', role: 'main' },
  { build: 'native', variant: 'memcpy', runtime: 'native g++ -O3', what: 'memcpy of the output bytes', role: 'baseline' },
  { build: 'native', variant: 'scalar', runtime: 'native g++ -O3', what: 'f32_gather_rows__scalar', role: 'context' },
  { build: 'native', variant: 'memcpy_rows', runtime: 'native g++ -O3', what: 'memcpy per row (the wasmsimd kernel at D >= 32)', role: 'context' },
  { build: 'native', variant: 'memcpy_cold', runtime: 'native g++ -O3', what: 'memcpy of the output bytes, caches evicted first', role: 'context' },
  { build: 'wasm', variant: 'memcpy', runtime: 'wasm (Node)', what: 'memcpy (memory.copy) of the output bytes', role: 'context' },
];

function reportGather(records) {
  const find = (build, variant) => records.find((r) => r.build === build && r.variant === variant);
  const baseline = find('native', 'memcpy');
  if (!baseline) fail('gather: no native memcpy measurement to compare against');

  const bad = records.filter((r) => !r.ok);
  if (bad.length) fail(`gather: output differs from the reference in ${bad.map((r) => `${r.build}/${r.variant}`).join(', ')}`);
  // Every build draws the same table and ids from the same seed, so every output must match.
  const sums = new Set(records.map((r) => r.checksum));
  if (sums.size !== 1) {
    fail(`gather: checksums differ between builds: ${records.map((r) => `${r.build}/${r.variant}=${r.checksum}`).join(', ')}`);
  }

  const known = new Set(GATHER_ROWS.map((r) => `${r.build}/${r.variant}`));
  const extra = records.filter((r) => !known.has(`${r.build}/${r.variant}`))
    .map((r) => ({ build: r.build, variant: r.variant, runtime: r.build, what: r.what, role: 'context' }));
  const rows = [...GATHER_ROWS, ...extra].flatMap((spec) => {
    const r = find(spec.build, spec.variant);
    if (!r) return [];
    return [{ ...r, ...spec, ratio: r.gbps / baseline.gbps }];
  });

  const { V, D, N, bytes, reps, warmup } = baseline;
  const mb = (bytes / 1e6).toFixed(2);
  console.log(`\ngather V=${V} D=${D}, ids ${N} uniform random (seed ${baseline.seed}), output ${mb} MB; ` +
    `median of ${reps} calls after ${warmup} warm-up calls; GB/s = output bytes / time`);
  console.log(formatTable(
    [
      { key: 'runtime', title: 'runtime' },
      { key: 'whatCell', title: 'kernel' },
      { key: 'median', title: 'median ms', right: true },
      { key: 'iqr', title: 'IQR ms', right: true },
      { key: 'min', title: 'min ms', right: true },
      { key: 'gbpsCell', title: 'GB/s', right: true },
      { key: 'ratioCell', title: 'vs native memcpy', right: true },
    ],
    rows.map((r) => ({
      runtime: r.runtime,
      whatCell: r.role === 'context' ? `${r.what} (context)` : r.what,
      median: r.median_ms.toFixed(2),
      iqr: `${r.q1_ms.toFixed(2)}–${r.q3_ms.toFixed(2)}`,
      min: r.min_ms.toFixed(2),
      gbpsCell: r.gbps.toFixed(2),
      ratioCell: `${r.ratio.toFixed(2)}×`,
    })),
  ));
  console.log(`all ${records.length} outputs identical (checksum ${[...sums][0]}); ` +
    'min ms shows the cost without preemption when the machine is shared');

  return {
    bench: 'gather',
    config: { V, D, stride: baseline.stride, N, bytes, seed: baseline.seed, reps, warmup },
    baseline: 'native/memcpy',
    environment: environment(),
    checksum: [...sums][0],
    results: rows.map(({ runtime, what, role, build, variant, first_ms, median_ms, q1_ms, q3_ms, min_ms, max_ms, gbps, ratio, ms }) => ({
      build, variant, runtime, what, role, first_ms, median_ms, q1_ms, q3_ms, min_ms, max_ms, gbps, ratio_to_native_memcpy: ratio, ms,
    })),
  };
}

// ---- fit ----------------------------------------------------------------------------

// Row order and labels. ours-threads (what init() loads in Node) is the 1.0× baseline.
const FIT_ROWS = [
  { variant: 'ours-threads', contender: 'embedwasm', build: 'wasm SIMD + threads (default)' },
  { variant: 'ours-simd', contender: 'embedwasm', build: 'wasm SIMD, init({threads: false})' },
  { variant: 'ours-sparse', contender: 'embedwasm, sparse: true + sparseAdam', build: 'wasm SIMD + threads (default)' },
  { variant: 'tfjs-cpu', contender: 'TF.js @tensorflow/tfjs', build: 'cpu backend' },
  { variant: 'tfjs-wasm', contender: 'TF.js @tensorflow/tfjs-backend-wasm', build: 'wasm backend' },
];
const FIT_BASELINE = 'ours-threads';

// 1.27× / 38.5× / 9,120×: enough digits to read, no false precision.
function times(r) {
  const digits = r < 10 ? 2 : r < 100 ? 1 : 0;
  return `${r.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}×`;
}

function quantile(sorted, q) {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

// One contender from its processes (bench_fit.mjs runs the quick ones in several rounds):
// statistics over the timed epochs of every fit (each fit's first epoch is warm-up);
// first epoch and held-out figures from the first process. A failure anywhere fails it.
function poolFit(records) {
  const failed = records.find((r) => !r.ok);
  if (failed) return failed;
  const first = records[0];
  const fits = records.flatMap((r) => r.epoch_ms);
  const sorted = fits.flatMap((epochs) => epochs.slice(1)).sort((a, b) => a - b);
  const accuracies = records.flatMap((r) => r.testAccuracyRange);
  return {
    ...first,
    processes: records.length,
    fits: fits.length,
    timedEpochs: sorted.length,
    median_ms: quantile(sorted, 0.5),
    q1_ms: quantile(sorted, 0.25),
    q3_ms: quantile(sorted, 0.75),
    min_ms: sorted[0],
    epoch_ms: fits,
    testAccuracyRange: [Math.min(...accuracies), Math.max(...accuracies)],
  };
}

function reportFit(lines) {
  const epochCounts = new Set(lines.map((r) => r.epochs));
  if (epochCounts.size !== 1) fail(`fit: the lines mix runs of ${[...epochCounts].join(' and ')} epochs per fit`);
  const variants = [...new Set(lines.map((r) => r.variant))];
  const records = variants.map((v) => poolFit(lines.filter((r) => r.variant === v)));
  const find = (variant) => records.find((r) => r.variant === variant);
  const baseline = find(FIT_BASELINE);
  if (!baseline?.ok) fail(`fit: the baseline ${FIT_BASELINE} has no measurement${baseline ? `: ${baseline.error}` : ''}`);

  const known = new Set(FIT_ROWS.map((r) => r.variant));
  const extra = records.filter((r) => !known.has(r.variant))
    .map((r) => ({ variant: r.variant, contender: r.system ?? r.variant, build: r.backend ?? '' }));
  const rows = [...FIT_ROWS, ...extra].flatMap((spec) => {
    const r = find(spec.variant);
    if (!r) return [];
    const build = r.build && r.system === 'TF.js' ? `${spec.build} (${r.build})` : spec.build;
    return [{ ...r, ...spec, build, ratio: r.ok ? r.median_ms / baseline.median_ms : null }];
  });

  const { V, D, T, batchSize, learningRate, epochs, nTrain, nTest, majorityAccuracy } = baseline;
  const ms = (x) => (x >= 10000 ? x.toFixed(0) : x >= 100 ? x.toFixed(1) : x.toFixed(2));
  const vsOurs = (r) => {
    if (!r.ok) return `cannot train (${r.stage ?? '?'}): ${r.error}`.replaceAll('|', '\\|');
    if (r.variant === FIT_BASELINE) return '1.00× (baseline)';
    return r.ratio >= 1 ? `${times(r.ratio)} slower` : `${times(1 / r.ratio)} faster`;
  };
  // Sanity: every trained model must clearly beat always answering the majority class.
  const accuracy = (r) => (!r.ok ? '—'
    : `${r.testAccuracy.toFixed(3)}${r.testAccuracy < majorityAccuracy + 0.1 ? ' (!)' : ''}`);

  console.log(`\nfit: Embedding(V=${V}, D=${D}) -> GlobalAveragePooling1D -> Dense(1, sigmoid), ` +
    `binary cross-entropy, Adam lr ${learningRate}, batch ${batchSize}; SpamAssassin subjects, ` +
    `ids (N, ${T}), ${nTrain} train / ${nTest} held out. ${epochs} epochs per fit; the first epoch ` +
    'of each fit is warm-up and dropped; median and IQR over the remaining epochs of all fits. ' +
    'Each contender runs in processes of its own; the quick ones in several processes ' +
    '(rounds interleaved with the TF.js runs), fitting again from the same seeds in each. ' +
    `Node ${process.version}.`);
  console.log(formatTable(
    [
      { key: 'contender', title: 'contender' },
      { key: 'build', title: 'build / backend' },
      { key: 'median', title: 'epoch ms (median)', right: true },
      { key: 'iqr', title: 'IQR ms', right: true },
      { key: 'first', title: 'first epoch ms', right: true },
      { key: 'timed', title: 'timed epochs (fits, processes)', right: true },
      { key: 'vs', title: 'vs embedwasm default' },
      { key: 'accuracy', title: `held-out accuracy after ${epochs} epochs`, right: true },
    ],
    rows.map((r) => ({
      contender: r.contender,
      build: r.build,
      median: r.ok ? ms(r.median_ms) : '—',
      iqr: r.ok ? `${ms(r.q1_ms)}–${ms(r.q3_ms)}` : '—',
      first: r.ok ? ms(r.first_ms) : '—',
      timed: r.ok ? `${r.timedEpochs} (${r.fits}, ${r.processes})` : '—',
      vs: vsOurs(r),
      accuracy: accuracy(r),
    })),
  ));
  console.log(`majority class (always "ham") scores ${majorityAccuracy.toFixed(3)} on the held-out part; ` +
    '(!) marks a model less than 0.1 above it. TF.js shuffles with Math.random, so its accuracy varies a little between runs.');

  return {
    bench: 'fit',
    config: { V, D, T, batchSize, learningRate, optimizer: 'adam', loss: 'binaryCrossentropy', epochs, nTrain, nTest, majorityAccuracy },
    baseline: FIT_BASELINE,
    environment: environment(),
    results: rows.map((r) => ({
      variant: r.variant, contender: r.contender, build: r.build, ok: r.ok, version: r.version,
      ...(r.ok ? {
        first_ms: r.first_ms, median_ms: r.median_ms, q1_ms: r.q1_ms, q3_ms: r.q3_ms, min_ms: r.min_ms,
        timed_epochs: r.timedEpochs, fits: r.fits, processes: r.processes, ratio_to_baseline: r.ratio,
        test_accuracy: r.testAccuracy, test_accuracy_range: r.testAccuracyRange, test_loss: r.testLoss,
        train_loss: r.trainLoss, epoch_ms: r.epoch_ms,
      } : { stage: r.stage, error: r.error }),
    })),
  };
}

// ---- word2vec -----------------------------------------------------------------------

// Row order and labels; ours with the same thread count is each row's 1.0× reference.
const WORD2VEC_ROWS = [
  { variant: 'ours-1', contender: 'embedwasm (wasm SIMD + threads build, Node)' },
  { variant: 'gensim-1', contender: 'gensim (Cython + BLAS)' },
  { variant: 'fasttext-1', contender: 'fastText skipgram -minn 0 -maxn 0 (native)' },
  { variant: 'ours-2', contender: 'embedwasm (wasm SIMD + threads build, Node)' },
  { variant: 'gensim-2', contender: 'gensim (Cython + BLAS)' },
  { variant: 'fasttext-2', contender: 'fastText skipgram -minn 0 -maxn 0 (native)' },
];

function reportWord2vec(records) {
  const find = (variant) => records.find((r) => r.variant === variant);
  const ourRef = (threads) => find(`ours-${threads}`);
  if (!records.some((r) => r.system === 'embedwasm' && r.ok)) {
    fail(`word2vec: embedwasm has no measurement: ${records.filter((r) => r.variant.startsWith('ours')).map((r) => r.error).join('; ')}`);
  }
  const known = new Set(WORD2VEC_ROWS.map((r) => r.variant));
  const extra = records.filter((r) => !known.has(r.variant)).map((r) => ({ variant: r.variant, contender: r.system ?? r.variant }));
  // A planned contender without any line is reported as missing too, never dropped.
  const rows = [...WORD2VEC_ROWS, ...extra].map((spec) => {
    const r = find(spec.variant) ?? { variant: spec.variant, ok: false, stage: 'run', error: 'no result line' };
    const threads = Number(spec.variant.split('-').pop());
    const ref = ourRef(threads);
    const ratio = r.ok && ref?.ok ? ref.words_per_second_per_thread / r.words_per_second_per_thread : null;
    return { ...r, ...spec, threads, ratio };
  });
  const k = (x) => Math.round(x).toLocaleString('en-US');
  const vsOurs = (r) => {
    if (!r.ok) return `missing (${r.stage ?? '?'}): ${r.error}`.replaceAll('|', '\\|');
    if (r.system === 'embedwasm') return '1.00× (reference)';
    if (r.ratio === null) return '— (ours failed)';
    return r.ratio >= 1 ? `ours ${times(r.ratio)} faster` : `ours ${times(1 / r.ratio)} slower`;
  };
  const own = (r) => {
    if (!r.ok) return '—';
    if (r.system === 'gensim') return `${k(r.raw_words / r.train_s / r.threads)} (train() only)`;
    if (r.system === 'fastText') return r.own_words_per_second_per_thread ? `${k(r.own_words_per_second_per_thread)} (own, counts </s>)` : '—';
    return `${k(r.own_words_per_second / r.threads)} (training chunks only)`;
  };
  const version = (r) => (!r.ok ? '' : r.system === 'gensim' ? `${r.version}, ${r.blas.split(' (')[0]}`
    : r.system === 'fastText' ? r.version : `${r.build} build, Node ${r.node}`);
  const c = records.find((r) => r.corpus)?.corpus ?? {};
  console.log(`\nword2vec: skip-gram, vectorSize 100, window 5, negative 5, minCount 5, sample 1e-3; ` +
    `SOTU tokenised once (scripts/word2vec_corpus.mjs): ${c.sentences} sentences, ${c.tokens} tokens. ` +
    'Raw words/s per thread = corpus tokens × epochs / seconds / threads, seconds from the corpus in ' +
    'memory (fastText: on disk) to trained vectors, vocabulary building included. One run each, ' +
    'one after another; the 1-min load average before each run shows other work on the machine.');
  console.log(formatTable(
    [
      { key: 'contender', title: 'contender' },
      { key: 'threads', title: 'threads', right: true },
      { key: 'epochs', title: 'epochs', right: true },
      { key: 'seconds', title: 'seconds', right: true },
      { key: 'wps', title: 'raw words/s per thread', right: true },
      { key: 'vs', title: 'vs embedwasm, same threads' },
      { key: 'own', title: 'words/s per thread, other measure' },
      { key: 'version', title: 'version' },
      { key: 'vocab', title: 'vocab', right: true },
      { key: 'load', title: 'load before', right: true },
    ],
    rows.map((r) => ({
      contender: r.contender,
      threads: r.threads,
      epochs: r.ok ? r.epochs : '—',
      seconds: r.ok ? r.total_s.toFixed(1) : '—',
      wps: r.ok ? k(r.words_per_second_per_thread) : '—',
      vs: vsOurs(r),
      own: own(r),
      version: version(r),
      vocab: r.ok ? r.vocab : '—',
      load: r.load_before?.toFixed(2) ?? '',
    })),
  ));
  console.log('fastText counts an end-of-line token per sentence, so its vocabulary has one word more (</s>). ' +
    'gensim runs on the BLAS Debian selected (the version column); with OpenBLAS it is ~1.6× faster than with the reference BLAS.');
  return {
    bench: 'word2vec',
    config: { sg: 1, vectorSize: 100, window: 5, negative: 5, minCount: 5, sample: 1e-3, corpus: 'SOTU', ...c },
    baseline: 'ours with the same thread count',
    environment: environment(),
    results: rows.map((r) => ({
      variant: r.variant, contender: r.contender, system: r.system, threads: r.threads, ok: r.ok,
      ...(r.ok ? {
        version: version(r), epochs: r.epochs, total_s: r.total_s, train_s: r.train_s, vocab_s: r.vocab_s,
        raw_words: r.raw_words, words_per_second_per_thread: r.words_per_second_per_thread,
        ours_speedup: r.ratio, vocab: r.vocab, load_before: r.load_before,
        own_words_per_second: r.own_words_per_second, own_words_per_second_per_thread: r.own_words_per_second_per_thread,
        sample_similar_war: r.sample_similar,
      } : { stage: r.stage, error: r.error }),
    })),
  };
}

// ---- dispatch -----------------------------------------------------------------------

const REPORTS = { gather: reportGather, fit: reportFit, word2vec: reportWord2vec };

const [section, linesPath, outPath] = process.argv.slice(2);
if (!REPORTS[section] || !linesPath || !outPath) {
  fail(`usage: bench_report.mjs <${Object.keys(REPORTS).join('|')}> <lines.jsonl> <out.json>`);
}
const records = readJsonLines(linesPath).filter((r) => r.bench === section);
if (!records.length) fail(`${section}: no measurements in ${linesPath}`);
const result = REPORTS[section](records);
mkdirSync(dirname(outPath), { recursive: true });
writeFileSync(outPath, `${JSON.stringify(result, null, 2)}\n`);
console.log(`wrote ${outPath}`);
