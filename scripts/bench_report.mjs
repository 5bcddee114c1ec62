// Turns the JSON lines a benchmark section printed into tables and a target check on
// stdout, build/bench/<section>.json, and build/bench/summary.md (every section's latest
// targets and the machine, for the README).
// Usage: node scripts/bench_report.mjs <section> <lines.jsonl> <out.json>
// A section's report is scripts/bench_report/<section>.mjs: report(records) -> {parts,
// targets, records}. Targets not met are printed, not fatal: the table is the result.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { environment, readJsonLines, targetsTable } from './bench_report/common.mjs';

const SECTIONS = ['gather', 'backward', 'fit', 'word2vec', 'search', 'init', 'browser'];

function fail(message) {
  console.error(`bench_report: ${message}`);
  process.exit(1);
}

const [section, linesPath, outPath] = process.argv.slice(2);
if (!SECTIONS.includes(section) || !linesPath || !outPath) {
  fail(`usage: bench_report.mjs <${SECTIONS.join('|')}> <lines.jsonl> <out.json>`);
}
const { report } = await import(`./bench_report/${section}.mjs`);
const lines = readJsonLines(linesPath).filter((r) => section === 'browser' || r.bench === section);
if (!lines.length) fail(`${section}: no measurements in ${linesPath}`);

const env = environment();
const { parts, targets, records } = report(lines);
const markdown = [
  `### ${section}`,
  `${env.cpu} (${env.cpus} vCPUs, ${env.memory_gib} GiB), ${env.platform}, Node ${env.node}, ${env.date.slice(0, 10)}; ` +
  `1-min load average at the end ${env.load_average_1min.toFixed(2)}`,
  ...parts,
  'Targets:',
  targetsTable(targets),
].join('\n\n');
console.log(`\n${markdown}\n`);

mkdirSync(dirname(outPath), { recursive: true });
writeFileSync(outPath, `${JSON.stringify({ section, environment: env, targets, records }, null, 2)}\n`);
const dir = dirname(outPath);
writeFileSync(join(dir, `${section}.md`), `${markdown}\n`);
// The summary: every section's latest Markdown, in a fixed order.
const summary = SECTIONS.map((s) => join(dir, `${s}.md`)).filter(existsSync).map((p) => readFileSync(p, 'utf8'));
writeFileSync(join(dir, 'summary.md'), summary.join('\n'));
const missed = targets.filter((t) => t.met === false).length;
const unmeasured = targets.filter((t) => t.met === null).length;
console.log(`wrote ${outPath} and ${join(dir, 'summary.md')}; targets: ${targets.length - missed - unmeasured} met, ${missed} not met, ${unmeasured} not measured`);
