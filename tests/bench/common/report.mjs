// What every benchmark's report.mjs shares: Markdown tables, the timing table of a
// section's records, number formats and targets. A report is report(records) -> {parts,
// targets, records}; tests/bench/run.mjs prints it and writes the JSON and Markdown.

// The runtime column of a C++ program's record, by the build it names (common/programs.mjs).
export const BUILD_RUNTIME = {
  native: 'native g++ -O3',
  'native-march': 'native g++ -O3 -march=native',
  wasm: 'wasm SIMD, Node',
  'wasm-novec': 'wasm, -fno-vectorize, Node',
};

// Markdown table; numbers right-aligned, text left-aligned; '|' in cells escaped.
export function formatTable(columns, rows) {
  const cells = rows.map((row) => columns.map((c) => String(row[c.key] ?? '').replaceAll('|', '\\|')));
  const widths = columns.map((c, i) => Math.max(c.title.length, ...cells.map((r) => r[i].length)));
  const pad = (text, i) => (columns[i].right ? text.padStart(widths[i]) : text.padEnd(widths[i]));
  const line = (texts) => `| ${texts.map(pad).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (columns[i].right ? `${'-'.repeat(w + 1)}:` : `:${'-'.repeat(w + 1)}`)).join('|')}|`;
  return [line(columns.map((c) => c.title)), rule, ...cells.map(line)].join('\n');
}

// 1.27× / 38.5× / 9,120×: enough digits to read, no false precision.
export function times(r) {
  const digits = r < 10 ? 2 : r < 100 ? 1 : 0;
  return `${r.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}×`;
}

export function ms(x) {
  if (x === undefined || x === null) return '—';
  return x >= 10000 ? x.toFixed(0) : x >= 100 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3);
}

export const count = (x) => Math.round(x).toLocaleString('en-US');

// A record's state: measured, failed (the peer's own message) or missing (not installed).
export function status(r) {
  if (!r) return 'no result line';
  if (r.missing) return `missing: ${r.missing}`;
  if (r.ok === false) return `failed: ${r.error ?? 'wrong output'}`;
  return null;
}

// Targets: {label, value (number or null), required: {min|max}, unit, detail}. A value of
// null (a side missing or failed) is "not measured", never a pass.
export function checkTarget(t) {
  const met = t.value === null || t.value === undefined || Number.isNaN(t.value) ? null
    : t.required.min !== undefined ? t.value >= t.required.min : t.value <= t.required.max;
  return { ...t, met };
}

export function targetsTable(targets) {
  return formatTable(
    [
      { key: 'label', title: 'target' },
      { key: 'measured', title: 'measured', right: true },
      { key: 'required', title: 'required', right: true },
      { key: 'verdict', title: 'met' },
    ],
    targets.map((t) => ({
      label: t.label,
      measured: t.value === null || t.value === undefined ? t.detail ?? '—' : t.format(t.value),
      required: t.required.min !== undefined ? `>= ${t.format(t.required.min)}` : `<= ${t.format(t.required.max)}`,
      verdict: t.met === null ? 'not measured' : t.met ? 'yes' : 'NO',
    })),
  );
}

// The rows of a timing table: one per record, in the order given, each with its median,
// min-max, repetitions and its speed relative to a reference record.
// speedOf(r): a larger-is-faster figure for the "vs" column (default 1 / median).
export function timedTable(rows, { reference, extra = [], speedOf = (r) => 1 / r.median_ms, vsTitle = 'vs reference' }) {
  const refSpeed = reference && !status(reference) ? speedOf(reference) : null;
  return formatTable(
    [
      { key: 'contender', title: 'contender' },
      { key: 'runtime', title: 'runtime' },
      { key: 'median', title: 'median ms', right: true },
      { key: 'range', title: 'min–max ms', right: true },
      { key: 'reps', title: 'reps', right: true },
      ...extra.map(({ key, title, right }) => ({ key, title, right })),
      { key: 'vs', title: vsTitle },
    ],
    rows.map((r) => {
      const problem = status(r);
      const row = {
        contender: r.what ?? r.contender,
        runtime: r.runtime ?? '',
        median: problem ? '—' : ms(r.median_ms),
        range: problem ? '—' : `${ms(r.min_ms)}–${ms(r.max_ms)}`,
        reps: problem ? '—' : r.reps,
      };
      for (const e of extra) row[e.key] = problem ? '—' : e.value(r);
      if (problem) row.vs = problem;
      else if (r === reference) row.vs = '1.00× (reference)';
      else if (refSpeed === null) row.vs = '—';
      else {
        const ratio = refSpeed / speedOf(r);
        row.vs = ratio >= 1 ? `${times(ratio)} slower` : `${times(1 / ratio)} faster`;
      }
      return row;
    }),
  );
}

// The speed of `ours` over `peer` (peer time / our time), or null if either is not measured.
export function speedup(ours, peer) {
  if (status(ours) || status(peer)) return null;
  return peer.median_ms / ours.median_ms;
}
