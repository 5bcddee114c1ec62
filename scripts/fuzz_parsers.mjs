#!/usr/bin/env node
// Long fuzzing runs of the file readers (loadModel, readNpy, readSafetensors) on the built
// package, with the mutations the tests use. Needs dist/ (bash scripts/build.sh dist).
//
//   node scripts/fuzz_parsers.mjs [iterations per format = 100000] [seed = 1] [model,npy,safetensors]
//
// Every case must parse or throw a TypeError / RangeError / Error starting with the
// reader's name. Failing inputs are written to build/fuzz/<format>-<seed>-<case>.bin;
// the exit status is 1 if there were any.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { FORMATS, fuzz, sampleFiles } from '../tests/js/parser_fuzz.mjs';
import { readArgs } from './lib/args.mjs';

const usage = `node scripts/fuzz_parsers.mjs [iterations] [seed] [${Object.keys(FORMATS).join(',')}]`;
const { positionals } = readArgs({ name: 'fuzz_parsers', usage, positionals: true });
const [iterationsArg = '100000', seedArg = '1', formatsArg = Object.keys(FORMATS).join(',')] = positionals;
const iterations = Number(iterationsArg);
const seed = Number(seedArg);
const formats = formatsArg.split(',');
if (!Number.isSafeInteger(iterations) || iterations < 1 || !Number.isSafeInteger(seed)
  || !formats.every((f) => Object.hasOwn(FORMATS, f))) {
  console.error(`usage: ${usage}`);
  process.exit(2);
}

const outDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'build', 'fuzz');
const samples = await sampleFiles();
const start = performance.now();
const report = fuzz(samples, { iterations, seed, formats, log: (line) => console.log(line) });
let failed = 0;
for (const [format, stats] of Object.entries(report)) {
  console.log(`${format}: ${iterations} cases, ${stats.parsed} parsed, ${stats.errors} rejected, `
    + `slowest ${stats.slowestMs.toFixed(1)} ms, ${stats.failures.length} failures`);
  // Errors from the layer API or the engine that the reader only prefixed: worth a look.
  const wrapped = [...stats.wrapped].sort((a, b) => b[1] - a[1]).slice(0, 10);
  for (const [message, count] of wrapped) console.log(`  ${String(count).padStart(6)} x ${message}`);
  for (const failure of stats.failures) {
    fs.mkdirSync(outDir, { recursive: true });
    const file = path.join(outDir, `${format}-${seed}-${failure.case}.bin`);
    fs.writeFileSync(file, failure.bytes);
    console.log(`  FAILURE case ${failure.case}: ${failure.error.slice(0, 300)}\n    input: ${file}`);
    failed += 1;
  }
}
console.log(`${((performance.now() - start) / 1000).toFixed(1)} s`);
process.exit(failed > 0 ? 1 : 0);
