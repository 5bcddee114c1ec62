// init(): option checks, Node loading by file (no fetch), locateFile and wasmBinary under
// Node, idempotence, retry after a failed load, and the error where WASM SIMD is missing.
// init() loads one build per process, so the cases needing a fresh one run in a child.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

import { init, layers } from '../../dist/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const wasmDir = path.join(root, 'dist/wasm');
const indexUrl = pathToFileURL(path.join(root, 'dist/index.js')).href;

/** Runs `body` as an ES module in a fresh Node process with `init` imported; returns its stdout. */
async function inFreshProcess(body) {
  const source = `import { init, layers } from ${JSON.stringify(indexUrl)};\n${body}`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', source], { cwd: root });
  return stdout.trim();
}

test('bad options are TypeErrors or RangeErrors naming the option, before anything loads', async () => {
  await assert.rejects(init({ thread: true }), { name: 'TypeError', message: /unknown option 'thread'.*threads/ });
  await assert.rejects(init({ threads: 'yes' }), { name: 'TypeError', message: /'threads' must be true or false/ });
  await assert.rejects(init({ locateFile: 'dist/wasm/' }), { name: 'TypeError', message: /'locateFile' must be a function/ });
  await assert.rejects(init({ wasmBinary: [0, 97, 115, 109], threads: false }), { name: 'TypeError', message: /'wasmBinary' must be an ArrayBuffer or a Uint8Array/ });
  await assert.rejects(init({ wasmBinary: new Uint8Array(8) }), { name: 'TypeError', message: /also pass 'threads'/ });
  await assert.rejects(init({ poolSize: 2.5 }), { name: 'TypeError', message: /'poolSize' must be an integer/ });
  await assert.rejects(init({ poolSize: 0 }), { name: 'RangeError', message: /'poolSize' must be in \[1, 64\]/ });
  await assert.rejects(init(null), { name: 'TypeError', message: /options must be an object/ });
});

test('a failed load names the missing file and can be retried; then init() is idempotent', async () => {
  await assert.rejects(init({ threads: false, locateFile: (name) => path.join(root, 'no-such-dir', name) }),
    { message: /cannot read embedwasm_simd\.wasm at .*no-such-dir/ });
  const seen = [];
  const info = await init({ threads: false, locateFile: (name, prefix) => { seen.push([name, prefix]); return pathToFileURL(path.join(wasmDir, name)).href; } });
  assert.deepEqual(info, { simd: true, threads: false, variant: 'simd' });
  // Called by init() to read the bytes, and again by the glue, which asks before it sees them.
  assert.ok(seen.length >= 1);
  for (const call of seen) assert.deepEqual(call, ['embedwasm_simd.wasm', wasmDir + path.sep], 'locateFile gets the name and the glue folder');
  assert.equal(await init(), info, 'a later call returns the first result');
  assert.equal(await init({ threads: true }), info, 'and ignores its options');
  assert.ok(Object.isFrozen(info));
  const e = layers.embedding({ inputDim: 4, outputDim: 2, seed: 1 });
  assert.deepEqual(e.apply([3]).shape, [1, 2]);
  e.dispose();
});

test('Node: the threads build by default, and wasmBinary with threads: false loads the SIMD build', async () => {
  const byDefault = await inFreshProcess('console.log(JSON.stringify(await init()));');
  assert.deepEqual(JSON.parse(byDefault), { simd: true, threads: true, variant: 'threads' });
  const fromBytes = await inFreshProcess(`
    const { readFile } = await import('node:fs/promises');
    const bytes = await readFile(${JSON.stringify(path.join(wasmDir, 'embedwasm_simd.wasm'))});
    const info = await init({ wasmBinary: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length), threads: false });
    const out = layers.embedding({ inputDim: 3, outputDim: 2, weights: [[[0, 1], [2, 3], [4, 5]]] }).apply([2, 0]);
    console.log(JSON.stringify({ info, data: [...out.data] }));`);
  assert.deepEqual(JSON.parse(fromBytes), { info: { simd: true, threads: false, variant: 'simd' }, data: [4, 5, 0, 1] });
});

test('an engine without WebAssembly SIMD gets an error saying so', async () => {
  const message = await inFreshProcess(`
    WebAssembly.validate = () => false;  // what an engine without SIMD answers for the probe
    console.log(await init().then(() => 'loaded', (error) => error.message));`);
  assert.match(message, /needs WebAssembly SIMD/);
});
