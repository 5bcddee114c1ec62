// What every benchmark report shares: reading the runners' JSON lines, statistics,
// Markdown tables, the machine description, and checking targets.
import { readFileSync } from 'node:fs';
import os from 'node:os';

// Only lines that are JSON objects: Emscripten's glue and peers may print other things.
export function readJsonLines(path) {
  return readFileSync(path, 'utf8').split('\n').filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));
}

export function quantile(sorted, q) {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  return sorted[lo] + (sorted[Math.ceil(pos)] - sorted[lo]) * (pos - lo);
}

// Markdown table; numbers right-aligned, text left-aligned; '|' in cells escaped.
export function formatTable(columns, rows) {
  const cells = rows.map((row) => columns.map((c) => String(row[c.key] ?? '').replaceAll('|', '\\|')));
  const widths = columns.map((c, i) => Math.max(c.title.length, ...cells.map((r) => r[i].length)));
  const pad = (text, i) => (columns[i].right ? text.padStart(widths[i]) : text.padEnd(widths[i]));
  const line = (texts) => `| ${texts.map(pad).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (columns[i].right ? `${'-'.repeat(w + 1)}:` : `:${'-'.repeat(w + 1)}`)).join('|')}|`;
  return [line(columns.map((c) => c.title)), rule, ...cells.map(line)].join('\n');
}

export function environment() {
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cpus: os.cpus().length,
    memory_gib: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()}`,
    load_average_1min: os.loadavg()[0],
  };
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
