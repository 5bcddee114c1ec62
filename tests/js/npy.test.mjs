// readNpy / writeNpy against files NumPy itself writes and reads (Debian's python3-numpy
// under /usr/bin/python3: skipped where it is missing, failing with CI set), hand-built
// headers, damaged files and a fuzz loop.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { readNpy, writeNpy } from '../../dist/files/npy.js';
import { oracleTest, PYTHON } from './oracles.mjs';
import { fuzz, sampleFiles } from './parser_fuzz.mjs';

function python(script, ...args) {
  const run = spawnSync(PYTHON, ['-c', script, ...args], { encoding: 'utf8' });
  assert.equal(run.status, 0, `python failed:\n${run.stderr}`);
  return run.stdout;
}

const table = (rows, cols, f = (i) => i * 0.25 - 1) => ({ data: Float32Array.from({ length: rows * cols }, (_, i) => f(i)), shape: [rows, cols] });

function npyFile(major, descr, fortran, shape, payload) {
  return rawNpy(major, `{'descr': '${descr}', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': ${shape}, }`, payload);
}

function rawNpy(major, dict, payload) {
  const prefix = major === 1 ? 10 : 12;
  const length = Math.ceil((prefix + dict.length + 1) / 64) * 64 - prefix;
  const out = new Uint8Array(prefix + length + payload.byteLength);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, major, 0]);
  const view = new DataView(out.buffer);
  if (major === 1) view.setUint16(8, length, true);
  else view.setUint32(8, length, true);
  out.set(new TextEncoder().encode(dict.padEnd(length - 1) + '\n'), prefix);
  out.set(new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength), prefix + length);
  return out;
}

test('writeNpy then readNpy gives the table back; the header is numpy\'s, 64-byte aligned', () => {
  const t = table(5, 3);
  const bytes = writeNpy(t);
  const headerLength = new DataView(bytes.buffer).getUint16(8, true);
  assert.equal((10 + headerLength) % 64, 0);
  assert.equal(bytes[6], 1);
  assert.equal(bytes[10 + headerLength - 1], 0x0a);
  assert.match(new TextDecoder().decode(bytes.subarray(10, 10 + headerLength)), /^\{'descr': '<f4', 'fortran_order': False, 'shape': \(5, 3\), \} +\n$/);
  const back = readNpy(bytes);
  assert.deepEqual(back.shape, [5, 3]);
  assert.deepEqual(back.data, t.data);
  assert.deepEqual(readNpy(writeNpy([[1, 2], [3, 4]])).data, Float32Array.of(1, 2, 3, 4));
  assert.deepEqual(readNpy(writeNpy({ data: new Float32Array(0), shape: [0, 7] })), { data: new Float32Array(0), shape: [0, 7] });
});

test('hand-built files: versions 2.0 and 3.0, <f8 and >f4 converted, Fortran order transposed, 1-D with dim', () => {
  const t = table(3, 4);
  const same = (bytes, what) => assert.deepEqual(readNpy(bytes), { data: t.data, shape: [3, 4] }, what);
  same(npyFile(2, '<f4', false, '(3, 4)', t.data), 'v2');
  same(npyFile(3, '<f4', false, '(3, 4)', t.data), 'v3');
  same(npyFile(1, '<f8', false, '(3, 4)', Float64Array.from(t.data)), '<f8');
  const big = new DataView(new ArrayBuffer(48));
  t.data.forEach((v, i) => big.setFloat32(4 * i, v, false));
  same(npyFile(1, '>f4', false, '(3, 4)', new Uint8Array(big.buffer)), '>f4');
  const columnMajor = Float32Array.from({ length: 12 }, (_, k) => t.data[(k % 3) * 4 + Math.floor(k / 3)]);
  same(npyFile(1, '<f4', true, '(3, 4)', columnMajor), 'fortran');
  assert.deepEqual(readNpy(npyFile(1, '<f4', false, '(12,)', t.data), { dim: 4 }), { data: t.data, shape: [3, 4] });
  assert.deepEqual(readNpy(npyFile(1, '<f4', true, '(12,)', t.data), { dim: 4 }), { data: t.data, shape: [3, 4] });
  // float64 rounds to nearest float32, ties to even, as numpy's astype(np.float32).
  const f8 = readNpy(npyFile(1, '<f8', false, '(1, 2)', Float64Array.of(1 + 2 ** -24, 0.1)));
  assert.deepEqual(Array.from(f8.data), [1, Math.fround(0.1)]);
});

test('files it cannot read are refused with the reason', () => {
  const t = table(2, 2);
  const good = writeNpy(t);
  const cases = [
    [new Uint8Array(5), RangeError, /truncated: 5 bytes/],
    [Uint8Array.from(good, (b, i) => (i === 1 ? 0 : b)), TypeError, /not a NumPy \.npy file: bad magic bytes at byte 1/],
    [Uint8Array.from(good, (b, i) => (i === 6 ? 4 : b)), Error, /written by \.npy format version 4\.0 \(byte 6\); readNpy reads 1\.0, 2\.0 and 3\.0/],
    [good.subarray(0, good.length - 1), RangeError, /truncated data: shape \(2, 2\) of '<f4' needs 16 bytes from byte 128, the file has 15/],
    [Uint8Array.from([...good, 0]), RangeError, /1 unexpected bytes after the data at byte 144/],
    [npyFile(1, '<i4', false, '(2, 2)', new Int32Array(4)), TypeError, /dtype '<i4' is not supported/],
    [npyFile(1, '<f2', false, '(2, 2)', new Uint16Array(4)), TypeError, /dtype '<f2' is not supported/],
    [rawNpy(1, "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,)}", new Float32Array(2)), TypeError, /structured dtypes are not supported/],
    [npyFile(1, '<f4', false, '(2, 2, 1)', t.data), RangeError, /expected a 2-D table \(rows, dim\), got shape \(2, 2, 1\)/],
    [npyFile(1, '<f4', false, '(4,)', t.data), RangeError, /the array is 1-D, shape \(4,\); pass \{dim\}/],
    [npyFile(1, '<f4', false, '[2, 2]', t.data), TypeError, /shape must be a tuple/],
    [npyFile(1, '<f4', false, '(2, 2', t.data), TypeError, /malformed header dict at bytes 10\.\.128/],
    [rawNpy(1, "{'descr': '<f4', 'fortran_order': 0, 'shape': (2, 2)}", t.data), TypeError, /fortran_order must be True or False/],
    [rawNpy(1, "{'descr': '<f4', 'shape': (2, 2)}", t.data), TypeError, /exactly the keys 'descr', 'fortran_order' and 'shape', got 'descr', 'shape'/],
    [rawNpy(1, `{'descr': ${'('.repeat(100)}`, t.data), TypeError, /nested too deeply/],
    [rawNpy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999, 2)}", t.data), TypeError, /integer 99999999999999999999 is out of range/],
  ];
  for (const [bytes, Type, pattern] of cases) {
    assert.throws(() => readNpy(bytes), (e) => e.constructor === Type && /^readNpy: /.test(e.message) && pattern.test(e.message), pattern.source);
  }
  assert.throws(() => readNpy(npyFile(1, '<f4', false, '(4,)', t.data), { dim: 3 }), /^RangeError: readNpy: 4 values do not split into rows of dim = 3/);
  assert.throws(() => readNpy(good, { dim: 3 }), /^RangeError: readNpy: the array has shape \(2, 2\), whose rows have 2 values, not dim = 3/);
  assert.throws(() => readNpy(good, { rows: 2 }), /^TypeError: readNpy: unknown option 'rows'/);
  assert.throws(() => writeNpy({ data: [1, 'x'], shape: [2] }), /^TypeError: writeNpy: value x at position \[1\] is not a number/);
});

oracleTest('numpy golden files: np.save and write_array versions 1.0 / 2.0 / 3.0, float64, big-endian, Fortran order', ['numpy'], () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'embedwasm-npy-'));
  try {
    python(`
import json, sys
import numpy as np
from numpy.lib import format as fmt
d = sys.argv[1]
rng = np.random.default_rng(0)
w = rng.standard_normal((5, 3)).astype(np.float32)
w64 = rng.standard_normal((4, 2))
np.save(d + '/v1.npy', w)
for major in (2, 3):
    with open(d + '/v%d.npy' % major, 'wb') as f:
        fmt.write_array(f, w, version=(major, 0))
np.save(d + '/f8.npy', w64)
np.save(d + '/fortran.npy', np.asfortranarray(w))
np.save(d + '/big.npy', w.astype('>f4'))
np.save(d + '/vec.npy', w.reshape(-1))
np.save(d + '/empty.npy', np.zeros((0, 3), np.float32))
np.save(d + '/int.npy', np.arange(6, dtype=np.int64).reshape(2, 3))
with open(d + '/fortran.npy', 'rb') as f:
    fortran = fmt.read_array_header_1_0(f) if fmt.read_magic(f) == (1, 0) else None
json.dump({'w': w.tolist(), 'w64': w64.astype(np.float32).tolist(), 'fortran_flag': fortran[1]}, open(d + '/expected.json', 'w'))
`, dir);
    const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8'));
    const w = { data: Float32Array.from(expected.w.flat()), shape: [5, 3] };
    const read = (name, options) => readNpy(fs.readFileSync(path.join(dir, name)), options);
    assert.equal(expected.fortran_flag, true, 'numpy wrote fortran_order True');
    for (const name of ['v1.npy', 'v2.npy', 'v3.npy', 'fortran.npy', 'big.npy']) assert.deepEqual(read(name), w, name);
    assert.deepEqual(read('vec.npy', { dim: 3 }), w);
    assert.deepEqual(read('f8.npy'), { data: Float32Array.from(expected.w64.flat()), shape: [4, 2] });
    assert.deepEqual(read('empty.npy'), { data: new Float32Array(0), shape: [0, 3] });
    assert.throws(() => read('int.npy'), /^TypeError: readNpy: dtype '<i8' is not supported/);
    // Byte for byte what np.save writes.
    assert.deepEqual(writeNpy(w), new Uint8Array(fs.readFileSync(path.join(dir, 'v1.npy'))));
    assert.deepEqual(writeNpy({ data: new Float32Array(0), shape: [0, 3] }), new Uint8Array(fs.readFileSync(path.join(dir, 'empty.npy'))));

    // And numpy reads what we write.
    const ours = table(7, 4, (i) => Math.fround(Math.sin(i) * 10));
    fs.writeFileSync(path.join(dir, 'ours.npy'), writeNpy(ours));
    fs.writeFileSync(path.join(dir, 'ours1d.npy'), writeNpy({ data: ours.data, shape: [28] }));
    const seen = JSON.parse(python(`
import json, sys
import numpy as np
a = np.load(sys.argv[1] + '/ours.npy')
b = np.load(sys.argv[1] + '/ours1d.npy')
print(json.dumps({'dtype': str(a.dtype), 'shape': a.shape, 'c': bool(a.flags['C_CONTIGUOUS']), 'values': a.tolist(), 'b': b.shape}))
`, dir));
    assert.deepEqual(seen, { dtype: 'float32', shape: [7, 4], c: true, values: [...Array(7)].map((_, r) => Array.from(ours.data.subarray(r * 4, r * 4 + 4))), b: [28] });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('fuzz: 3000 mutated .npy files each read or fail with a readNpy error, none larger than the file', async () => {
  const samples = await sampleFiles();
  const report = fuzz(samples, { iterations: 3000, seed: 2, formats: ['npy'] }).npy;
  assert.deepEqual(report.failures.map((f) => `case ${f.case}: ${f.error}`), []);
  assert.ok(report.parsed > 0 && report.errors > 0, `parsed ${report.parsed}, errors ${report.errors}`);
});
