// Every public entry point refuses bad input with a typed error that names the argument
// and the value (the table is in input_validation_cases.mjs), and a refused call changes
// nothing: each object gives the same answers, bit for bit, and wasm memory in use is
// where it was. Afterwards the model still trains exactly like a twin that never saw
// a bad call.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { init, KeyedVectors, layers, memoryInUse, sequential, Word2Vec } from '../../dist/index.js';
import { CASES } from './input_validation_cases.mjs';

const CORPUS = [
  'the cat sat on the mat', 'the dog sat on the log', 'a cat and a dog', 'the mat and the log',
].map((s) => s.split(' '));

function toyModel() {
  const model = sequential([
    layers.embedding({ inputDim: 21, outputDim: 8, seed: 4 }),
    layers.globalAveragePooling1d(),
    layers.dense({ units: 2, activation: 'softmax', seed: 5 }),
  ]);
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

async function fixtures() {
  await init({ threads: false });
  const f = {
    emb: layers.embedding({ inputDim: 21, outputDim: 4, seed: 1 }),
    // outputDim 4096: 2^18 ids make a 4 GiB output from a 1 MiB input.
    wide: layers.embedding({ inputDim: 2, outputDim: 4096, seed: 2 }),
    bag: layers.embeddingBag({ inputDim: 21, outputDim: 4, mode: 'sum', seed: 3 }),
    model: toyModel(),
    twin: toyModel(),
    wideModel: sequential([
      layers.embedding({ inputDim: 2, outputDim: 4096, seed: 6 }),
      layers.globalAveragePooling1d(),
      layers.dense({ units: 1, seed: 7 }),
    ]),
    x: { data: Float32Array.from({ length: 12 }, (_, i) => i + 1), shape: [4, 3] },
    y: { data: new Float32Array([0, 1, 0, 1]), shape: [4, 1] },
    kv: KeyedVectors.fromArrays(['w0', 'w1', 'w2', 'w3', 'w4', 'w5'],
      Float32Array.from({ length: 18 }, (_, i) => Math.sin(i + 1)), 3),
    w2v: new Word2Vec({ vectorSize: 8, minCount: 1, epochs: 1, seed: 1 }),
  };
  f.wideModel.compile({ optimizer: 'sgd', loss: 'mse' });
  // One step each, so the cases start from models whose core and scratch are set up
  // (a first call builds, compiles into the core and reserves the training buffers).
  f.model.trainOnBatch(f.x, f.y);
  f.twin.trainOnBatch(f.x, f.y);
  f.wideModel.evaluate({ data: new Float32Array(1024), shape: [1, 1024] }, [[0]]);
  f.qkv = f.kv.quantize();
  await f.w2v.train(CORPUS);
  return f;
}

// Wasm memory in use may differ by a few bytes of allocator padding when the same blocks
// land elsewhere; a leaked object or buffer is hundreds of bytes or more.
const MEMORY_SLACK = 64;

/** Everything the fixtures answer, as plain values; memory last, after the calls that may reserve it. */
function answers(f) {
  const out = {
    emb: f.emb.apply([[1, 2], [20, 0]]).data,
    embWeights: f.emb.getWeights()[0].data,
    wide: f.wide.apply([[0, 1]]).data,
    bag: f.bag.apply([[1, 2, 3], [4, 5, 20]]).data,
    predict: f.model.predict(f.x).data,
    weights: f.model.getWeights().map((w) => w.data),
    learningRate: f.model.learningRate,
    widePredict: f.wideModel.predict({ data: new Float32Array(1024), shape: [1, 1024] }).data,
    kv: f.kv.mostSimilar('w1'),
    kvVectors: f.kv.getVectors(),
    qkv: f.qkv.mostSimilar('w1'),
    w2v: f.w2v.wv.getVectors(),
    w2vWords: f.w2v.wv.keys(),
  };
  out.memory = memoryInUse();
  return out;
}

/** Runs call(f); returns what it threw (or rejected with), or null. */
async function thrown(call, f) {
  try {
    const result = call(f);
    if (result && typeof result.then === 'function') await result;
  } catch (error) {
    return error;
  }
  return null;
}

test(`${CASES.length} bad calls throw typed errors naming the argument and value, and change nothing`, async () => {
  assert.ok(CASES.length >= 60, `the table has ${CASES.length} cases`);
  const f = await fixtures();
  answers(f);  // first calls fill lazy caches (norms, scratch) so memory is comparable
  const failures = [];
  for (const [name, call, Type, pattern] of CASES) {
    const before = answers(f);
    const error = await thrown(call, f);
    if (error === null) {
      failures.push(`${name}: no error`);
    } else if (error.constructor !== Type) {
      failures.push(`${name}: ${error.constructor.name} instead of ${Type.name}: ${error.message}`);
    } else if (!pattern.test(error.message)) {
      failures.push(`${name}: message ${JSON.stringify(error.message)} does not match ${pattern}`);
    }
    const { memory, ...after } = answers(f);
    const { memory: memoryBefore, ...expected } = before;
    try {
      assert.deepStrictEqual(after, expected);
    } catch (e) {
      failures.push(`${name}: answers changed: ${e.message.split('\n').slice(0, 12).join(' ')}`);
    }
    if (Math.abs(memory - memoryBefore) > MEMORY_SLACK) failures.push(`${name}: wasm memory in use went from ${memoryBefore} to ${memory} bytes`);
  }
  assert.deepEqual(failures, []);

  // Still trains, exactly as a twin that never saw a bad call.
  const a = f.model.trainOnBatch(f.x, f.y);
  const b = f.twin.trainOnBatch(f.x, f.y);
  assert.deepStrictEqual(a, b);
  assert.deepStrictEqual(f.model.getWeights(), f.twin.getWeights());
});

test('every kind of mistake the issue lists is in the table', () => {
  const names = CASES.map(([name]) => name).join('\n');
  for (const kind of [/NaN/, /Infinity/, /1\.5/, /-1\b/, / 0\b/, /overflows 32 bits/, /unknown option/,
    /shape/, /"a"|"x"|"yes"/, /id 21/]) {
    assert.match(names, kind);
  }
  const entryPoints = ['init', 'tensor', 'embedding', 'embeddingBag', 'dense', 'dropout', 'flatten',
    'globalAveragePooling1d', 'train.adam', 'train.sgd', 'sequential', 'compile', 'fit', 'predict', 'evaluate',
    'loadModel', 'readNpy', 'readSafetensors', 'Word2Vec', 'KeyedVectors.load', 'mostSimilar', 'similarity',
    'doesntMatch', 'quantized', 'trainInWorker', 'trainWord2VecInWorker'];
  for (const entry of entryPoints) assert.ok(CASES.some(([name]) => name.startsWith(entry)), entry);
});
