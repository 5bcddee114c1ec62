// Memory limits: what does not fit in the 4 GiB wasm heap fails with a RangeError that
// says what could not be allocated and how many bytes, and the module stays usable:
// objects made before give the same answers, new ones work, and memory in use returns
// to where it was. Each scenario takes GiBs, so each runs in its own Node process (this
// file, run with the scenario's name), one after another: at most ~4.3 GB at a time.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const HEAD = 'the cat sat on the mat and the dog sat on the log'.split(' ');

/** Bytes of wasm memory (the heap's size, which only grows). */
async function wasmBytes() {
  const { engine } = await import('../../dist/core/init.js');
  const m = engine();
  return (m.wasmMemory ?? m.HEAPU8).buffer.byteLength;
}

/** A table whose rows are known: row r is [r, r + 0.5, ...]. */
function knownTable(E, inputDim, outputDim) {
  const data = Float32Array.from({ length: inputDim * outputDim }, (_, i) => Math.floor(i / outputDim) + (i % outputDim) / 2);
  return { layer: E.layers.embedding({ inputDim, outputDim, weights: [{ data, shape: [inputDim, outputDim] }] }), data };
}

/** New small objects still work, and their answers are the known ones. */
async function newObjectsWork(E) {
  const { layer, data } = knownTable(E, 7, 3);
  assert.deepEqual(layer.apply([[6, 2]]).data, Float32Array.from([...data.subarray(18, 21), ...data.subarray(6, 9)]));
  layer.dispose();
  const w2v = new E.Word2Vec({ vectorSize: 4, minCount: 1, epochs: 1, seed: 3 });
  const result = await w2v.train([HEAD, HEAD]);
  assert.equal(result.vocabSize, 8);
  w2v.dispose();
}

function assertRangeError(fn, pattern) {
  assert.throws(fn, (e) => e instanceof RangeError && pattern.test(e.message), `expected a RangeError matching ${pattern}`);
}

async function assertRejectsRange(promise, pattern) {
  await assert.rejects(promise, (e) => {
    assert.ok(e instanceof RangeError, `${e.constructor.name}: ${e.message}`);
    assert.match(e.message, pattern);
    return true;
  });
}

const SCENARIOS = {
  // Sizes past the limit are refused before anything is allocated: the heap does not grow.
  async overTheLimit(E) {
    const before = await wasmBytes();
    assertRangeError(() => E.layers.embedding({ inputDim: 1e6, outputDim: 2000 }),
      /inputDim 1000000 x outputDim 2000 float32 weights need 8000000000 bytes, over the 4 GiB wasm memory limit/);
    const wide = E.layers.embedding({ inputDim: 2, outputDim: 4096, seed: 1 });
    assertRangeError(() => wide.apply(new Int32Array(2 ** 18)), /262144 ids x outputDim 4096 = 1073741824 values need 4294967296 bytes/);
    assertRangeError(() => E.KeyedVectors.load('4000000 4000\nx 1\n', { format: 'word2vec' }), /4000000/);
    const model = E.sequential([wide, E.layers.globalAveragePooling1d(), E.layers.dense({ units: 1, seed: 2 })]);
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    await assertRejectsRange(model.fit({ data: new Float32Array(2 ** 18), shape: [256, 1024] }, { data: new Float32Array(256), shape: [256, 1] }, { batchSize: 256 }),
      /the output of layer 0 \(Embedding\) of shape \(256, 1024, 4096\): 1073741824 values of 4 bytes exceed the 4 GiB memory limit/);
    assert.ok(await wasmBytes() - before < 64 << 20, `the heap grew from ${before} to ${await wasmBytes()} bytes`);
    const w2v = new E.Word2Vec({ vectorSize: 60000, minCount: 1 });
    await assertRejectsRange(w2v.buildVocab([Array.from({ length: 20000 }, (_, i) => `w${i}`)]),
      /the word vectors \(vocabulary x vectorSize\): a 20000 x 60000 float32 matrix exceeds the 4 GiB memory limit/);
    w2v.dispose();
    await newObjectsWork(E);
  },

  // A second 3 GiB table after a 1.5 GiB one: the allocation fails, nothing else changes.
  async secondTable(E) {
    const a = E.layers.embedding({ inputDim: 375000, outputDim: 1024, seed: 1 });  // 1.5 GiB
    const rows = a.apply([[0, 374999]]).data;
    const inUse = E.memoryInUse();
    assertRangeError(() => E.layers.embedding({ inputDim: 750000, outputDim: 1024, embeddingsInitializer: 'zeros' }),
      /cannot allocate 3072000000 bytes for a 750000 x 1024 float32 matrix/);
    assert.equal(E.memoryInUse(), inUse);
    assert.deepEqual(a.apply([[0, 374999]]).data, rows);
    await newObjectsWork(E);
  },

  // fit() with a batch whose activations do not fit beside 3 GiB of tables: a RangeError
  // from the step's memory check instead of an abort, the model unchanged, and objects
  // made afterwards (whose heap pointers are past 2 GiB) work.
  async fitAfterTables(E) {
    const tables = [0, 1].map((seed) => E.layers.embedding({ inputDim: 375000, outputDim: 1024, seed }));
    const make = () => {
      const m = E.sequential([E.layers.embedding({ inputDim: 100, outputDim: 64, seed: 3 }),
        E.layers.globalAveragePooling1d(), E.layers.dense({ units: 2, activation: 'softmax', seed: 4 })]);
      m.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' });
      return m;
    };
    const model = make();
    const twin = make();
    const T = 1024;
    const x = { data: Float32Array.from({ length: 2 * T }, (_, i) => (i * 7) % 100), shape: [2, T] };
    const y = [[0], [1]];
    const predicted = model.predict(x).data;
    twin.predict(x);
    const inUse = E.memoryInUse();
    // Past 2^31 a signed reading would be negative.
    assert.ok(inUse > 3e9, `memoryInUse() reads ${inUse} with 3.07 GB of tables`);
    const B = 4096;
    await assertRejectsRange(model.fit({ data: new Float32Array(B * T).fill(1), shape: [B, T] }, { data: new Float32Array(B), shape: [B, 1] }, { batchSize: B }),
      /sequential\.fit: out of memory: cannot allocate 1073741824 bytes for the (gradient of the )?output of layer 0 \(Embedding\) of shape \(4096, 1024, 64\)/);
    assert.ok(E.memoryInUse() - inUse < 1 << 20, `memory in use went from ${inUse} to ${E.memoryInUse()}`);
    assert.deepEqual(model.predict(x).data, predicted);
    assert.deepEqual(model.trainOnBatch(x, y), twin.trainOnBatch(x, y));
    assert.deepEqual(model.getWeights(), twin.getWeights());
    assert.deepEqual(tables[1].apply([[5]]).data.length, 1024);
    await newObjectsWork(E);
  },

  // A Word2Vec whose second weight matrix does not fit beside 2.5 GiB of tables.
  async word2vecAfterTables(E) {
    const tables = [0, 1].map((seed) => E.layers.embedding({ inputDim: 312500, outputDim: 1024, embeddingsInitializer: 'zeros', seed }));
    const inUse = E.memoryInUse();
    const w2v = new E.Word2Vec({ vectorSize: 50000, minCount: 1, negative: 5 });
    await assertRejectsRange(w2v.buildVocab([Array.from({ length: 5000 }, (_, i) => `w${i}`)]),
      /the negative-sampling weights \(vocabulary x vectorSize\): cannot allocate 1000000000 bytes for a 5000 x 50000 float32 matrix/);
    w2v.dispose();
    assert.ok(E.memoryInUse() - inUse < 1 << 20, `memory in use went from ${inUse} to ${E.memoryInUse()}`);
    assert.deepEqual(tables[0].apply([[3]]).data, new Float32Array(1024));
    await newObjectsWork(E);
  },

  // A word2vec file whose header declares 900000 x 1000 (3.6 GB) of vectors.
  async hugeFileHeader(E) {
    const inUse = E.memoryInUse();
    assertRangeError(() => E.KeyedVectors.load('900000 1000\nhello 1 2 3\n', { format: 'word2vec' }),
      /KeyedVectors\.load: line 1: cannot allocate 3600000000 bytes for a 900000 x 1000 float32 matrix/);
    assert.equal(E.memoryInUse(), inUse);
    const kv = E.KeyedVectors.fromArrays(['a', 'b'], [1, 0, 0, 1], 2);
    assert.equal(kv.similarity('a', 'b'), 0);
    await newObjectsWork(E);
  },
};

const [, , scenario, variant] = process.argv;
if (scenario !== undefined && SCENARIOS[scenario]) {
  // The child: run one scenario; the exit code and stderr tell the parent how it went.
  const E = await import('../../dist/index.js');
  await E.init({ threads: variant === 'threads' });
  await SCENARIOS[scenario](E);
} else {
  const self = fileURLToPath(import.meta.url);
  const runs = [...Object.keys(SCENARIOS).map((name) => [name, 'simd']), ['fitAfterTables', 'threads']];
  for (const [name, variant] of runs) {
    test(`${name} (${variant} build)`, () => {
      const child = spawnSync(process.execPath, [self, name, variant], { encoding: 'utf8', timeout: 60000 });
      assert.equal(child.status, 0, `exit ${child.status} ${child.signal ?? ''}\n${child.stderr}\n${child.stdout}`);
    });
  }
}
