// TF.js's layers format both ways, against @tensorflow/tfjs itself (the CPU backend in
// Node): a model TF.js built, trained and saved loads here and predicts TF.js's numbers;
// one trained here loads in tf.loadLayersModel and predicts ours; Keras-converter-style
// model.json files (tests/data/tfjs, written by hand, see its README) load; bad files
// are typed errors.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import * as tf from '@tensorflow/tfjs';

import { init, loadModel, train, writeTfjsModel } from '../../dist/index.js';
import { fuzz, sampleFiles } from './parser_fuzz.mjs';

const FIXTURES = fileURLToPath(new URL('../data/tfjs/', import.meta.url));
let dir;

before(async () => {
  await init({ threads: false });
  dir = await mkdtemp(path.join(tmpdir(), 'embedwasm-tfjs-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const V = 30;
const T = 6;
const D = 8;

// Ids with every id below V somewhere, 0 included (no mask: TF.js's pooling ignores masks).
function ids(n, seed) {
  const out = new Float32Array(n * T);
  let s = seed;
  for (let i = 0; i < out.length; ++i) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    out[i] = i < V ? i : s % V;
  }
  return out;
}

function labels(x, n) {
  return Float32Array.from({ length: n }, (_, b) => (x[b * T] % 3 === 0 ? 1 : 0));
}

async function tfjsTrained() {
  tf.util.seedrandom?.('1');
  const model = tf.sequential({ layers: [
    tf.layers.embedding({ inputDim: V, outputDim: D, inputLength: T }),
    tf.layers.globalAveragePooling1d(),
    tf.layers.dense({ units: 4, activation: 'relu' }),
    tf.layers.dropout({ rate: 0.25 }),
    tf.layers.dense({ units: 1, activation: 'sigmoid' }),
  ] });
  model.compile({ optimizer: tf.train.adam(0.05), loss: 'binaryCrossentropy' });
  const n = 64;
  const x = ids(n, 7);
  await model.fit(tf.tensor2d(x, [n, T]), tf.tensor2d(labels(x, n), [n, 1]), { epochs: 3, batchSize: 16, verbose: 0 });
  return model;
}

async function artifactsOf(tfModel) {
  let artifacts;
  await tfModel.save(tf.io.withSaveHandler(async (a) => {
    artifacts = a;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  return artifacts;
}

function tfPredict(tfModel, x, n) {
  const y = tfModel.predict(tf.tensor2d(x, [n, T]));
  const out = y.dataSync().slice();
  y.dispose();
  return out;
}

function assertClose(actual, expected, tolerance, what) {
  assert.equal(actual.length, expected.length, `${what}: lengths`);
  for (let i = 0; i < actual.length; ++i) {
    assert.ok(Math.abs(actual[i] - expected[i]) <= tolerance, `${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
  }
}

test('a model TF.js trained and saved (withSaveHandler) loads here and predicts the same numbers', async () => {
  const tfModel = await tfjsTrained();
  const artifacts = await artifactsOf(tfModel);
  const model = loadModel(artifacts);
  assert.deepEqual(model.layers.map((l) => l.kind ?? 'embedding'), ['embedding', 'globalAveragePooling1d', 'dense', 'dropout', 'dense']);
  assert.deepEqual(model.inputShape, [T]);
  const n = 40;
  const x = ids(n, 99);
  assertClose(model.predict({ data: x, shape: [n, T] }).data, tfPredict(tfModel, x, n), 1e-6, 'predictions');
  // Weight names as TF.js wrote them map to the same values.
  const tfWeights = tfModel.getWeights().map((w) => w.dataSync());
  model.getWeights().forEach((w, k) => assert.deepEqual(Array.from(w.data), Array.from(tfWeights[k])));
  model.layers[0].dispose();
  model.dispose();
  tfModel.dispose();
});

test('fine-tuned here and saved back ({format: "tfjs"}), TF.js loads it and predicts what we predict', async () => {
  const tfModel = await tfjsTrained();
  const model = loadModel(await artifactsOf(tfModel));
  model.compile({ optimizer: train.adam(0.01), loss: 'binaryCrossentropy' });
  const n = 32;
  const x = ids(n, 5);
  const before = model.predict({ data: x, shape: [n, T] }).data;
  await model.fit({ data: x, shape: [n, T] }, { data: labels(x, n), shape: [n, 1] }, { epochs: 2, batchSize: 8, seed: 3 });
  const ours = model.predict({ data: x, shape: [n, T] }).data;
  assert.ok(ours.some((v, i) => v !== before[i]), 'fine-tuning changed the predictions');

  const saved = model.save({ format: 'tfjs' });
  assert.equal(saved.format, 'layers-model');
  // The names TF.js gave the layers come back, with TF.js's weight names.
  const [e, , d1, , d2] = tfModel.layers.map((l) => l.name);
  assert.deepEqual(saved.weightSpecs.map((s) => s.name),
    [`${e}/embeddings`, `${d1}/kernel`, `${d1}/bias`, `${d2}/kernel`, `${d2}/bias`]);
  assert.ok(saved.weightSpecs.every((s) => s.dtype === 'float32'));
  const back = await tf.loadLayersModel(tf.io.fromMemory(saved));
  assertClose(tfPredict(back, x, n), ours, 1e-6, 'TF.js on our saved model');
  // And it loads here again, unchanged.
  const again = loadModel(saved);
  assert.deepEqual(again.predict({ data: x, shape: [n, T] }).data, ours);
  for (const m of [model, again]) {
    m.layers[0].dispose();
    m.dispose();
  }
  back.dispose();
  tfModel.dispose();
});

test('model.json + one shard: writeTfjsModel writes them, loadModel(path) and TF.js read them', async () => {
  const tfModel = await tfjsTrained();
  const model = loadModel(await artifactsOf(tfModel));
  const file = await writeTfjsModel(model, path.join(dir, 'ours'));
  const json = JSON.parse(await readFile(file, 'utf8'));
  assert.deepEqual(json.weightsManifest[0].paths, ['group1-shard1of1.bin']);
  const shard = await readFile(path.join(dir, 'ours', 'group1-shard1of1.bin'));
  const fromDisk = await loadModel(file);
  const n = 16;
  const x = ids(n, 11);
  assert.deepEqual(fromDisk.predict({ data: x, shape: [n, T] }).data, model.predict({ data: x, shape: [n, T] }).data);
  const weightData = shard.buffer.slice(shard.byteOffset, shard.byteOffset + shard.byteLength);
  const tfBack = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData }));
  assertClose(tfPredict(tfBack, x, n), model.predict({ data: x, shape: [n, T] }).data, 1e-6, 'TF.js from our files');
  for (const m of [model, fromDisk]) {
    m.layers[0].dispose();
    m.dispose();
  }
  tfBack.dispose();
  tfModel.dispose();
});

// Embedding(5, 3) -> mean over 4 steps -> Dense(2, sigmoid), computed by hand.
const EMB = Float32Array.from({ length: 15 }, (_, i) => ((i % 7) - 3) / 10);
const KERNEL = Float32Array.from([0.5, -0.25, 1.5, 0.75, -1, 0.125]);
const BIAS = Float32Array.from([0.1, -0.2]);

function byHand(row) {
  const mean = [0, 0, 0];
  for (const id of row) for (let d = 0; d < 3; ++d) mean[d] += EMB[id * 3 + d] / row.length;
  return [0, 1].map((u) => 1 / (1 + Math.exp(-(BIAS[u] + mean.reduce((z, m, d) => z + m * KERNEL[d * 2 + u], 0)))));
}

async function fixtureCopy(name, shardBytes) {
  const target = path.join(dir, name.replace('.json', ''));
  await rm(target, { recursive: true, force: true });
  await import('node:fs/promises').then((fs) => fs.mkdir(target, { recursive: true }));
  await writeFile(path.join(target, 'model.json'), await readFile(path.join(FIXTURES, name)));
  // The manifest lists dense/bias, dense/kernel, embedding/embeddings, in that order.
  const shard = shardBytes ?? new Uint8Array(new Float32Array([...BIAS, ...KERNEL, ...EMB]).buffer);
  await writeFile(path.join(target, 'group1-shard1of1.bin'), shard);
  return path.join(target, 'model.json');
}

for (const name of ['keras2_model.json', 'keras3_model.json']) {
  test(`a Keras-converter model.json (${name}) loads from its path and predicts the computation by hand`, async () => {
    const model = await loadModel(await fixtureCopy(name));
    assert.deepEqual(model.inputShape, [4]);
    const rows = [[0, 1, 2, 3], [4, 4, 0, 1]];
    const out = model.predict(rows).data;
    assertClose(out, rows.flatMap(byHand), 1e-6, name);
    model.layers[0].dispose();
    model.dispose();
  });
}

test('bad files are typed errors naming the problem', async () => {
  const good = JSON.parse(await readFile(path.join(FIXTURES, 'keras2_model.json'), 'utf8'));
  const weightData = new Float32Array([...BIAS, ...KERNEL, ...EMB]).buffer;
  const artifacts = (topology, specs = good.weightsManifest[0].weights, data = weightData) => ({ modelTopology: topology, weightSpecs: specs, weightData: data });
  const withLayer = (layer) => {
    const t = structuredClone(good.modelTopology);
    t.model_config.config.layers.splice(3, 0, layer);
    return t;
  };
  assert.throws(() => loadModel(artifacts(withLayer({ class_name: 'LSTM', config: { name: 'lstm', units: 4 } }))),
    (e) => e instanceof TypeError && /unsupported layer class "LSTM"/.test(e.message));
  assert.throws(() => loadModel(artifacts(good.modelTopology, good.weightsManifest[0].weights, weightData.slice(0, 40))),
    (e) => e instanceof RangeError && /needs bytes/.test(e.message));
  assert.throws(() => loadModel(artifacts(good.modelTopology, good.weightsManifest[0].weights, new ArrayBuffer(weightData.byteLength + 4))),
    (e) => e instanceof RangeError && /describe/.test(e.message));
  const nan = new Float32Array(weightData.slice(0));
  nan[5] = NaN;
  assert.throws(() => loadModel(artifacts(good.modelTopology, good.weightsManifest[0].weights, nan.buffer)),
    (e) => e instanceof RangeError && /dense\/kernel.*non-finite value NaN/.test(e.message));
  const renamed = good.weightsManifest[0].weights.map((s) => (s.name === 'dense/kernel' ? { ...s, name: 'other/kernel' } : s));
  assert.throws(() => loadModel(artifacts(good.modelTopology, renamed)), (e) => e instanceof TypeError && /dense\/kernel/.test(e.message));
  const int8 = good.weightsManifest[0].weights.map((s, k) => (k === 0 ? { ...s, dtype: 'int32' } : s));
  assert.throws(() => loadModel(artifacts(good.modelTopology, int8)), (e) => e instanceof TypeError && /dtype "int32"/.test(e.message));
  const functional = { class_name: 'Functional', config: { layers: [] } };
  assert.throws(() => loadModel(artifacts(functional, [])), (e) => e instanceof TypeError && /only Sequential/.test(e.message));
  // A missing shard names its path.
  const file = await fixtureCopy('keras2_model.json');
  await rm(path.join(path.dirname(file), 'group1-shard1of1.bin'));
  await assert.rejects(loadModel(file), (e) => /weight shard "group1-shard1of1.bin"/.test(e.message));
  // Strings where ids belong.
  const model = await loadModel(await fixtureCopy('keras3_model.json'));
  assert.throws(() => model.predict([['a', 'b', 'c', 'd']]), (e) => e instanceof TypeError && /not a number/.test(e.message));
  // What TF.js cannot hold is refused on the way out.
  const saved = model.save({ format: 'tfjs' });
  assert.equal(saved.modelTopology.config.layers[0].config.batch_input_shape[1], 4);
  model.layers[0].dispose();
  model.dispose();
});

test('fuzz: 3000 mutated TF.js models each load or fail with a loadModel error, none larger than the data', async () => {
  const samples = await sampleFiles();
  const report = fuzz(samples, { iterations: 3000, seed: 2, formats: ['tfjs'] }).tfjs;
  assert.deepEqual(report.failures.map((f) => `case ${f.case}: ${f.error}`), []);
  assert.ok(report.parsed > 0 && report.errors > 0, `parsed ${report.parsed}, errors ${report.errors}`);
});
