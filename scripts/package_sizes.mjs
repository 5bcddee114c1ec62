// Prints what the npm package weighs: the tarball `npm pack` would make, its unpacked
// size, and each engine file as a browser downloads it (gzip -9, as static servers and
// CDNs typically precompress). Needs dist/ (scripts/build.sh dist).
//   node scripts/package_sizes.mjs [--json]
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

import { readArgs } from './lib/args.mjs';

const args = readArgs({ name: 'package_sizes', usage: 'node scripts/package_sizes.mjs [--json]', options: { json: { type: 'boolean', default: false } } });
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: root, encoding: 'utf8' }));
const engine = pack.files.map((f) => f.path).filter((p) => /^dist\/wasm\/embedwasm_.*\.(wasm|mjs|js)$/.test(p)).sort();
const sizes = {
  packed: pack.size,
  unpacked: pack.unpackedSize,
  files: pack.entryCount,
  engine: Object.fromEntries(engine.map((p) => {
    const bytes = readFileSync(path.join(root, p));
    return [path.basename(p), { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length }];
  })),
};

const kB = (n) => `${(n / 1000).toFixed(1)} kB`;
if (args.json) {
  console.log(JSON.stringify(sizes, null, 2));
} else {
  console.log(`npm pack: ${kB(sizes.packed)} packed, ${kB(sizes.unpacked)} unpacked, ${sizes.files} files`);
  for (const [name, { raw, gzip }] of Object.entries(sizes.engine)) {
    console.log(`  ${name.padEnd(30)} ${kB(raw).padStart(9)} raw ${kB(gzip).padStart(9)} gzip -9`);
  }
}
