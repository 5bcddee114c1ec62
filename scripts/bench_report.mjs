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

// ---- dispatch -----------------------------------------------------------------------

const REPORTS = { gather: reportGather };

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
