// The `init` benchmark: what loading the engine costs a user. Each .wasm variant's size as
// a browser downloads it (gzip -9, as static servers precompress), and init() in a fresh
// Node process (nothing cached: V8 compiles the module in every process), per build.
// Prints JSON lines (report.mjs). Needs dist/ (scripts/build.sh dist).
//   node tests/bench/init/node.mjs [--reps N]   (default 12 processes per build, the first warm-up)
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

import { readArgs } from '../../../scripts/lib/args.mjs';
import { ROOT } from '../common/programs.mjs';
import { summarize } from '../common/stats.mjs';

const wasmDir = path.join(ROOT, 'dist', 'wasm');
const { reps } = readArgs({
  name: 'init', usage: 'node tests/bench/init/node.mjs [--reps N]',
  options: { reps: { type: 'string', min: 2, default: 12 } },
});

for (const name of readdirSync(wasmDir).filter((f) => f.endsWith('.wasm')).sort()) {
  const bytes = readFileSync(path.join(wasmDir, name));
  console.log(JSON.stringify({
    bench: 'init', case: 'size', contender: name, what: `${name} gzip -9`, raw_bytes: bytes.length,
    gzip_bytes: gzipSync(bytes, { level: 9 }).length, ok: true,
  }));
}

// The child imports the package first (not timed: module loading is Node's), then times
// the one call a user awaits.
const child = `
  const { init } = await import(${JSON.stringify(path.join(ROOT, 'dist', 'index.js'))});
  const t0 = performance.now();
  const info = await init({ threads: process.argv[1] === 'threads' });
  const ms = performance.now() - t0;
  console.log(JSON.stringify({ ms, variant: info.variant }));
  process.exit(0);
`;
for (const build of ['simd', 'threads']) {
  const all = [];
  let variant;
  for (let i = 0; i < reps; ++i) {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', child, build], { encoding: 'utf8' });
    const r = JSON.parse(out.trim().split('\n').pop());
    variant = r.variant;
    all.push(r.ms);
  }
  const ms = all.slice(1);  // the first process warms the OS file cache
  console.log(JSON.stringify({
    bench: 'init', case: 'init', contender: `init-${build}`, what: `await init({threads: ${build === 'threads'}}) in a fresh process`,
    runtime: `Node ${process.version}`, env: 'node', loaded: variant, warmup: 1, reps: ms.length,
    ...summarize(ms), ok: variant === build,
  }));
}
