// readSafetensors / writeSafetensors against hand-built bytes, an independent reference
// writer and reader in Python (struct + json only: Debian ships no python3-safetensors),
// every validation rule of the format, and a fuzz loop.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { readSafetensors, writeSafetensors } from '../../dist/files/safetensors.js';
import { oracleTest, PYTHON } from './oracles.mjs';
import { fuzz, sampleFiles } from './parser_fuzz.mjs';

/** A file from a header object (or text) and a payload, as the format lays it out. */
function file(header, payload = new Uint8Array(0)) {
  const json = new TextEncoder().encode(typeof header === 'string' ? header : JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + payload.byteLength);
  new DataView(out.buffer).setUint32(0, json.length, true);
  out.set(json, 8);
  out.set(new Uint8Array(payload.buffer ?? payload, payload.byteOffset ?? 0, payload.byteLength), 8 + json.length);
  return out;
}

const bytesOf = (...values) => Uint8Array.from(values);

test('writeSafetensors then readSafetensors: names, shapes, values and metadata come back', () => {
  const weight = { data: Float32Array.from({ length: 12 }, (_, i) => i / 3), shape: [4, 3] };
  const keras = { data: Float32Array.of(-1, 2.5), shape: [1, 2] };
  const bytes = writeSafetensors({ weight, 'embedding/embeddings': keras, scalar: { data: Float32Array.of(7), shape: [] } }, { format: 'pt', note: 'héllo' });
  const { tensors, metadata } = readSafetensors(bytes);
  assert.deepEqual(Object.keys(tensors).sort(), ['embedding/embeddings', 'scalar', 'weight']);
  assert.deepEqual(tensors.weight, weight);
  assert.deepEqual(tensors['embedding/embeddings'], keras);
  assert.deepEqual(tensors.scalar, { data: Float32Array.of(7), shape: [] });
  assert.deepEqual(metadata, { format: 'pt', note: 'héllo' });
  // Layout: header padded with spaces to 8 bytes, metadata first, tensors by name.
  const n = new DataView(bytes.buffer).getUint32(0, true);
  assert.equal(n % 8, 0);
  const text = new TextDecoder().decode(bytes.subarray(8, 8 + n));
  assert.match(text, /^\{"__metadata__":\{"format":"pt","note":"héllo"\},"embedding\/embeddings":\{"dtype":"F32","shape":\[1,2\],"data_offsets":\[0,8\]\},"scalar":.*"weight":\{"dtype":"F32","shape":\[4,3\],"data_offsets":\[12,60\]\}\} *$/);
  assert.equal(readSafetensors(writeSafetensors({})).metadata, null);
});

test('hand-built bytes: F16, BF16 and F64 become float32; names picks tensors; "__proto__" is just a name', () => {
  const header = {
    half: { dtype: 'F16', shape: [6], data_offsets: [0, 12] },
    brain: { dtype: 'BF16', shape: [2], data_offsets: [12, 16] },
    double: { dtype: 'F64', shape: [1, 1], data_offsets: [16, 24] },
    ids: { dtype: 'I64', shape: [1], data_offsets: [24, 32] },
  };
  const payload = new Uint8Array(32);
  // 1, -2, 65504, 2^-24, -inf, NaN as IEEE half.
  payload.set(bytesOf(0x00, 0x3c, 0x00, 0xc0, 0xff, 0x7b, 0x01, 0x00, 0x00, 0xfc, 0x00, 0x7e), 0);
  payload.set(bytesOf(0x80, 0x3f, 0x20, 0xc1), 12);  // bfloat16 1, -10
  new DataView(payload.buffer).setFloat64(16, 0.1, true);
  const bytes = file(header, payload);
  const { tensors } = readSafetensors(bytes, { names: ['half', 'brain', 'double'] });
  assert.deepEqual(Array.from(tensors.half.data), [1, -2, 65504, 2 ** -24, -Infinity, NaN]);
  assert.deepEqual(Array.from(tensors.brain.data), [1, -10]);
  assert.deepEqual(tensors.double, { data: Float32Array.of(0.1), shape: [1, 1] });
  assert.throws(() => readSafetensors(bytes), /^TypeError: readSafetensors: tensor "ids" has dtype I64; readSafetensors reads F32 and converts F16, BF16 and F64 \(pass \{names\}/);
  assert.throws(() => readSafetensors(bytes, { names: ['nope'] }), /^TypeError: readSafetensors: no tensor named "nope"/);

  const proto = readSafetensors(file('{"__proto__":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}', Float32Array.of(3)));
  assert.deepEqual(Object.keys(proto.tensors), ['__proto__']);
  assert.equal(Object.getPrototypeOf(proto.tensors), Object.prototype);
});

test('every rule of the format is checked, with the tensor and byte named', () => {
  const f32 = (offsets, shape = [2]) => ({ dtype: 'F32', shape, data_offsets: offsets });
  const eight = new Uint8Array(8);
  const hugeLength = new Uint8Array(16);
  new DataView(hugeLength.buffer).setUint32(4, 1, true);
  const cases = [
    ['short', new Uint8Array(4), RangeError, /truncated: 4 bytes, shorter than the 8-byte header length/],
    ['header past the end', Uint8Array.from([100, 0, 0, 0, 0, 0, 0, 0, 0x7b]), RangeError, /truncated header: 100 bytes from byte 8 run past the end of the file \(9 bytes\)/],
    ['header over the limit', hugeLength, RangeError, /header length 4294967296 \(bytes 0\.\.8\) exceeds the 100000000-byte limit/],
    ['not an object', file('[1]'), TypeError, /the header at byte 8 must be a JSON object, starting with '\{'/],
    ['malformed', file('{"a":'), TypeError, /malformed JSON in the header at bytes 8\.\.13/],
    ['non-finite', file('{"a":{"dtype":"F32","shape":[1e999],"data_offsets":[0,0]}}'), RangeError, /non-finite number at \.a\.shape\[0\]/],
    ['unknown dtype', file({ a: { dtype: 'F128', shape: [1], data_offsets: [0, 16] } }, new Uint8Array(16)), TypeError, /tensor "a" has unknown dtype "F128"/],
    ['size mismatch', file({ a: f32([0, 12]) }, new Uint8Array(12)), RangeError, /tensor "a" of dtype F32 and shape \[2\] needs 8 bytes but data_offsets \[0, 12\] span 12/],
    ['reversed offsets', file({ a: f32([8, 0]) }, eight), RangeError, /data_offsets must be \[begin, end\] with 0 <= begin <= end, got \[8,0\]/],
    ['gap', file({ a: f32([0, 8]), b: f32([12, 20]) }, new Uint8Array(20)), RangeError, /tensor "b" data_offsets \[12, 20\] leaves a gap after the tensor before it \(expected to begin at 8, file byte \d+\)/],
    ['overlap', file({ a: f32([0, 8]), b: f32([4, 12]) }, new Uint8Array(12)), RangeError, /tensor "b" data_offsets \[4, 12\] overlaps the tensor before it/],
    ['not from 0', file({ a: f32([4, 12]) }, new Uint8Array(12)), RangeError, /leaves a gap/],
    ['truncated data', file({ a: f32([0, 8]) }, new Uint8Array(6)), RangeError, /truncated data: the tensors cover 8 bytes from byte \d+, the file has 6/],
    ['trailing bytes', file({ a: f32([0, 8]) }, new Uint8Array(9)), RangeError, /1 bytes after the last tensor/],
    ['bad shape', file({ a: { dtype: 'F32', shape: [-1], data_offsets: [0, 0] } }), TypeError, /tensor "a" shape must be a list of non-negative integers, got \[-1\]/],
    ['bad metadata', file({ __metadata__: { a: 1 } }), TypeError, /__metadata__ values must be strings, got 1 for "a"/],
    ['too deep', file({ a: { dtype: 'F32', shape: [[2]], data_offsets: [0, 8] } }, eight), RangeError, /nests deeper than 3 levels at \.a\.shape\[0\]/],
  ];
  for (const [name, bytes, Type, pattern] of cases) {
    assert.throws(() => readSafetensors(bytes), (e) => {
      assert.equal(e.constructor, Type, `${name}: ${e.constructor.name}: ${e.message}`);
      assert.match(e.message, /^readSafetensors: /, name);
      assert.match(e.message, pattern, name);
      return true;
    }, name);
  }
  assert.throws(() => writeSafetensors({ __metadata__: { data: [1], shape: [1] } }), /^TypeError: writeSafetensors: "__metadata__" is reserved/);
  assert.throws(() => writeSafetensors({ a: { data: [1], shape: [1] } }, { v: 2 }), /^TypeError: writeSafetensors: metadata values must be strings/);
  assert.throws(() => writeSafetensors({ a: { data: Float32Array.of(1, 2), shape: [3] } }), /^TypeError: writeSafetensors: tensor "a": shape \[3\] holds 3 values but the array has 2/);
});

// The reference: written from the format description and the Rust crate's serialize()
// (tensors by dtype size, largest first, then name; "__metadata__" first; compact JSON;
// header padded with spaces to 8 bytes), sharing no code with the JS.
const REFERENCE = `
import json, struct, sys

SIZES = {'F64': 8, 'I64': 8, 'F32': 4, 'F16': 2, 'BF16': 2}

def pack(dtype, values):
    if dtype == 'BF16':
        return b''.join(struct.pack('<f', v)[2:] for v in values)
    code = {'F64': 'd', 'I64': 'q', 'F32': 'f', 'F16': 'e'}[dtype]
    return struct.pack('<%d%s' % (len(values), code), *values)

def as_float32(dtype, values):
    if dtype == 'BF16':
        return [struct.unpack('<f', b'\\0\\0' + struct.pack('<f', v)[2:])[0] for v in values]
    code = {'F64': 'd', 'F32': 'f', 'F16': 'e'}[dtype]
    stored = struct.unpack('<%d%s' % (len(values), code), pack(dtype, values))
    return list(struct.unpack('<%df' % len(values), struct.pack('<%df' % len(values), *stored)))

def save(tensors, metadata=None):
    order = sorted(tensors, key=lambda n: (-SIZES[tensors[n][0]], n.encode()))
    header, blobs, offset = {}, [], 0
    if metadata is not None:
        header['__metadata__'] = metadata
    for name in order:
        dtype, shape, values = tensors[name]
        blob = pack(dtype, values)
        header[name] = {'dtype': dtype, 'shape': shape, 'data_offsets': [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    text = json.dumps(header, separators=(',', ':'), ensure_ascii=False).encode()
    text += b' ' * (-len(text) % 8)
    return struct.pack('<Q', len(text)) + text + b''.join(blobs)

def load(data):
    (n,) = struct.unpack('<Q', data[:8])
    header = json.loads(data[8:8 + n])
    buffer = data[8 + n:]
    out = {}
    for name, info in header.items():
        if name == '__metadata__':
            continue
        begin, end = info['data_offsets']
        out[name] = {'dtype': info['dtype'], 'shape': info['shape'],
                     'values': list(struct.unpack('<%df' % ((end - begin) // 4), buffer[begin:end]))}
    return out, header.get('__metadata__')

d = sys.argv[2]
if sys.argv[1] == 'write':
    mixed = {
        'weight': ('F32', [3, 2], [0.5, -1.25, 3.0, 1e-3, -7.0, 1 / 3]),
        'half': ('F16', [2, 2], [1.0, -0.333, 65504.0, 6e-8]),
        'brain': ('BF16', [3], [1.0, -2.5, 0.15625]),
        'double': ('F64', [2], [0.1, -1e-300]),
        'step': ('I64', [1], [42]),
    }
    open(d + '/mixed.safetensors', 'wb').write(save(mixed, {'format': 'pt'}))
    f32 = {
        'weight': ('F32', [4, 3], [i / 7 for i in range(12)]),
        'embedding/embeddings': ('F32', [2, 2], [1.5, -2.0, 0.0, 4.25]),
        'Z': ('F32', [1], [9.0]),
    }
    open(d + '/f32.safetensors', 'wb').write(save(f32, {'format': 'pt', 'source': 'k\u00e9ras'}))
    expected = {name: {'shape': shape, 'values': as_float32(dtype, values)}
                for name, (dtype, shape, values) in {**mixed, **f32}.items() if dtype != 'I64'}
    json.dump(expected, open(d + '/expected.json', 'w'))
else:
    tensors, metadata = load(open(d + '/ours.safetensors', 'rb').read())
    print(json.dumps({'tensors': tensors, 'metadata': metadata}))
`;

oracleTest('an independent Python writer and reader agree with ours, byte for byte on F32', ['python3'], () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'embedwasm-safetensors-'));
  const python = (...args) => {
    const run = spawnSync(PYTHON, ['-c', REFERENCE, ...args, dir], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    return run.stdout;
  };
  try {
    python('write');
    const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8'));
    const mixed = readSafetensors(fs.readFileSync(path.join(dir, 'mixed.safetensors')), { names: ['weight', 'half', 'brain', 'double'] });
    const f32 = readSafetensors(fs.readFileSync(path.join(dir, 'f32.safetensors')));
    const got = { ...mixed.tensors, ...f32.tensors };
    assert.deepEqual(Object.keys(got).sort(), Object.keys(expected).sort());
    for (const [name, { shape, values }] of Object.entries(expected)) {
      assert.deepEqual(got[name], { data: Float32Array.from(values), shape }, name);
    }
    assert.deepEqual(mixed.metadata, { format: 'pt' });
    assert.deepEqual(f32.metadata, { format: 'pt', source: 'kéras' });

    // The same dictionary written by us is the reference's bytes exactly.
    const dict = Object.fromEntries(Object.entries(f32.tensors).map(([k, v]) => [k, v]));
    assert.deepEqual(writeSafetensors(dict, { format: 'pt', source: 'kéras' }), new Uint8Array(fs.readFileSync(path.join(dir, 'f32.safetensors'))));

    // And the reference reads what we write.
    const ours = { weight: { data: Float32Array.from({ length: 6 }, (_, i) => Math.fround(i * 1.1 - 2)), shape: [2, 3] }, 'embedding/embeddings': { data: Float32Array.of(0.25), shape: [1, 1] } };
    fs.writeFileSync(path.join(dir, 'ours.safetensors'), writeSafetensors(ours, { format: 'keras' }));
    const seen = JSON.parse(python('read'));
    assert.deepEqual(seen.metadata, { format: 'keras' });
    for (const [name, t] of Object.entries(ours)) {
      assert.deepEqual(seen.tensors[name], { dtype: 'F32', shape: t.shape, values: Array.from(t.data) }, name);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('fuzz: 3000 mutated safetensors files each read or fail with a readSafetensors error, none larger than the file', async () => {
  const samples = await sampleFiles();
  const report = fuzz(samples, { iterations: 3000, seed: 3, formats: ['safetensors'] }).safetensors;
  assert.deepEqual(report.failures.map((f) => `case ${f.case}: ${f.error}`), []);
  assert.ok(report.parsed > 0 && report.errors > 0, `parsed ${report.parsed}, errors ${report.errors}`);
});
