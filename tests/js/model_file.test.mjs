// saveModel / loadModel through the built package: bit-identical round trips of trained
// models, the byte layout, every kind of damaged file, and a seeded fuzz loop.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { init, layers, sequential, train } from '../../dist/index.js';
import { Disposable } from '../../dist/core/disposable.js';
import { MODEL_FORMAT_VERSION, loadModel, saveModel } from '../../dist/files/model_file.js';
import { FORMATS, fuzz, sampleFiles, seededRandom } from './parser_fuzz.mjs';

before(async () => { await init(); });

const V = 20;
const T = 6;

/** A tiny seeded data set: ids (N, T) and binary labels that depend on the ids. */
function dataSet(n, seed) {
  const random = seededRandom(seed);
  const x = Float32Array.from({ length: n * T }, () => Math.floor(random() * V));
  const y = Float32Array.from({ length: n }, (_, i) => (x[i * T] < V / 2 ? 1 : 0));
  return { x: { data: x, shape: [n, T] }, y: { data: y, shape: [n, 1] } };
}

const bits = (a) => Array.from(new Uint32Array(Float32Array.from(a).buffer));

function disposeAll(model) {
  for (const layer of model.layers) layer.dispose?.();
  model.dispose();
}

function header(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + view.getUint32(12, true))));
}

/** The file with its header JSON edited by fn, the data section kept in place. */
function editHeader(bytes, fn) {
  const h = header(bytes);
  fn(h);
  return FORMATS.model.wrap(bytes, new TextEncoder().encode(JSON.stringify(h)));
}

function assertSameModel(a, b, x) {
  const wa = a.getWeights();
  const wb = b.getWeights();
  assert.equal(wb.length, wa.length);
  wa.forEach((w, k) => {
    assert.deepEqual(wb[k].shape, w.shape, `weight ${k} shape`);
    assert.deepEqual(bits(wb[k].data), bits(w.data), `weight ${k} bits`);
  });
  const pa = a.predict(x);
  const pb = b.predict(x);
  assert.deepEqual(pb.shape, pa.shape);
  assert.deepEqual(bits(pb.data), bits(pa.data), 'predictions are bit-identical');
}

test('a trained embedding -> pooling -> dense model loads back bit-identical, compiled, and keeps training', async () => {
  const { x, y } = dataSet(48, 1);
  const model = sequential([
    layers.embedding({ inputDim: V, outputDim: 8, seed: 1 }),
    layers.globalAveragePooling1d(),
    layers.dense({ units: 1, activation: 'sigmoid', seed: 2 }),
  ]);
  model.compile({ optimizer: train.adam(0.05), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  await model.fit(x, y, { epochs: 2, batchSize: 8, seed: 3 });

  const bytes = saveModel(model);
  const loaded = loadModel(bytes);
  assert.equal(loaded.built, true);
  assert.deepEqual(loaded.inputShape, [T]);
  assertSameModel(model, loaded, x);
  const { inCore: _a, ...savedConfig } = model.compileConfig;
  const { inCore: _b, ...loadedConfig } = loaded.compileConfig;
  assert.deepEqual(loadedConfig, savedConfig);
  // A table layer describes itself by its config, the others by their record.
  assert.deepEqual(loaded.layers[0].config, model.layers[0].config);
  assert.equal(model.layers[0].config.inputDim, V);
  for (const i of [1, 2]) {
    assert.equal(typeof model.layers[i].record?.kind, 'string', `layer ${i} has a record`);
    assert.deepEqual(loaded.layers[i].record, model.layers[i].record);
  }
  assert.equal(model.layers[2].record.units, 1);

  // An ArrayBuffer, and bytes at an odd offset inside a bigger buffer, load the same.
  const fromBuffer = loadModel(bytes.slice().buffer);
  const shifted = new Uint8Array(bytes.length + 3);
  shifted.set(bytes, 3);
  const fromOddOffset = loadModel(shifted.subarray(3));
  assertSameModel(model, fromBuffer, x);
  assertSameModel(model, fromOddOffset, x);

  // Compiled: it trains on without compile(); the optimizer starts afresh, so it steps as
  // a twin given the saved weights and a new adam(0.05) does.
  const twin = sequential([
    layers.embedding({ inputDim: V, outputDim: 8, seed: 11 }),
    layers.globalAveragePooling1d(),
    layers.dense({ units: 1, activation: 'sigmoid', seed: 12 }),
  ]);
  twin.compile({ optimizer: train.adam(0.05), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  twin.build([T]);
  twin.setWeights(model.getWeights());
  const history = await loaded.fit(x, y, { epochs: 1, batchSize: 8, seed: 4 });
  const twinHistory = await twin.fit(x, y, { epochs: 1, batchSize: 8, seed: 4 });
  assert.deepEqual(history.history, twinHistory.history);
  assertSameModel(twin, loaded, x);
  for (const m of [model, loaded, fromBuffer, fromOddOffset, twin]) disposeAll(m);
});

test('embeddingBag and dense layers keep every option; a max-bag model round-trips bit-identical', async () => {
  const { x } = dataSet(32, 5);
  const y = { data: Float32Array.from({ length: 32 }, (_, i) => i % 3), shape: [32, 1] };
  const model = sequential([
    layers.embeddingBag({
      inputDim: V, outputDim: 6, mode: 'max', paddingIdx: 1, maxNorm: 2, seed: 7, name: 'bag',
      embeddingsInitializer: { name: 'randomNormal', stddev: 0.3 }, embeddingsRegularizer: 'l2',
      embeddingsConstraint: { kind: 'maxNorm', maxValue: 3 },
    }),
    layers.dense({ units: 5, activation: 'relu', seed: 8, name: 'hidden', kernelRegularizer: { l1: 0.001 }, biasConstraint: 'nonNeg' }),
    layers.dropout({ rate: 0.2, seed: 9 }),
    layers.dense({ units: 3, activation: 'softmax', useBias: false, seed: 10 }),
  ]);
  model.compile({
    optimizer: train.momentum({ learningRate: 0.1, schedule: { name: 'cosine', totalSteps: 50, alpha: 0.1 } }),
    loss: 'sparseCategoricalCrossentropy', metrics: ['acc'],
  });
  for (let b = 0; b < 3; ++b) {
    model.trainOnBatch({ data: x.data.subarray(b * 8 * T, (b + 1) * 8 * T), shape: [8, T] }, { data: y.data.subarray(b * 8, (b + 1) * 8), shape: [8, 1] });
  }
  const loaded = loadModel(saveModel(model));
  assertSameModel(model, loaded, x);
  assert.deepEqual(loaded.layers[0].config, model.layers[0].config);
  assert.deepEqual(loaded.layers[0].constraint, model.layers[0].constraint);
  assert.deepEqual(loaded.layers[0].regularizer, model.layers[0].regularizer);
  assert.equal(loaded.layers[1].where, "dense 'hidden'");
  assert.equal(loaded.compileConfig.optimizer.schedule, 'cosine');
  assert.equal(loaded.compileConfig.optimizer.momentum, 0.9);
  assert.deepEqual(loaded.compileConfig.metrics, ['acc']);
  disposeAll(model);
  disposeAll(loaded);
});

test('the file: magic, version 1, a JSON header, 16-byte-aligned little-endian float32 weights', () => {
  const model = sequential([layers.embedding({ inputDim: 3, outputDim: 5, seed: 1 }), layers.flatten(), layers.dense({ units: 2, seed: 2 })]);
  model.build([4]);
  const bytes = saveModel(model);
  assert.deepEqual(Array.from(bytes.subarray(0, 8)), [...'EMBWASM'].map((c) => c.charCodeAt(0)).concat(0));
  const view = new DataView(bytes.buffer);
  assert.equal(view.getUint32(8, true), MODEL_FORMAT_VERSION);
  assert.equal(MODEL_FORMAT_VERSION, 1);
  const h = header(bytes);
  assert.deepEqual(h.layers.map((l) => l.kind), ['embedding', 'flatten', 'dense']);
  assert.deepEqual(h.inputShape, [4]);
  assert.equal(h.compile, null);
  const dataStart = Math.ceil((16 + view.getUint32(12, true)) / 16) * 16;
  assert.equal(bytes.length, dataStart + h.dataByteLength);
  const weights = model.getWeights();
  const entries = h.layers.flatMap((l) => l.weights);
  assert.deepEqual(entries.map((e) => e.name), ['embeddings', 'kernel', 'bias']);
  entries.forEach((e, k) => {
    assert.equal(e.offset % 16, 0);
    assert.equal(e.dtype, 'float32');
    assert.deepEqual(e.shape, weights[k].shape);
    const values = Array.from({ length: e.byteLength / 4 }, (_, i) => view.getFloat32(dataStart + e.offset + 4 * i, true));
    assert.deepEqual(values, Array.from(weights[k].data));
  });
  disposeAll(model);
});

test('an unbuilt model loads unbuilt, and builds to the same weights', () => {
  const make = () => sequential([layers.embedding({ inputDim: V, outputDim: 4, seed: 11 }), layers.globalMaxPooling1d(), layers.dense({ units: 2, seed: 12 })]);
  const model = make();
  model.compile({ optimizer: 'rmsprop', loss: 'mse' });
  const loaded = loadModel(saveModel(model));
  assert.equal(loaded.built, false);
  assert.deepEqual(bits(loaded.layers[0].getWeights()[0].data), bits(model.layers[0].getWeights()[0].data));
  assert.equal(loaded.compileConfig.optimizer.name, 'rmsprop');
  const { x } = dataSet(5, 2);
  model.build([T]);
  loaded.build([T]);
  assertSameModel(model, loaded, x);
  disposeAll(model);
  disposeAll(loaded);
});

test('a file from a newer format version asks for an upgrade', () => {
  const model = sequential([layers.embedding({ inputDim: 2, outputDim: 2, seed: 1 })]);
  const bytes = saveModel(model);
  new DataView(bytes.buffer).setUint32(8, 7, true);
  assert.throws(() => loadModel(bytes), (e) => e.constructor === Error
    && e.message === 'loadModel: this model file was written by format version 7; this embedwasm reads up to version 1: upgrade embedwasm');
  disposeAll(model);
});

test('damaged files give a TypeError or RangeError naming the problem and where', () => {
  const model = sequential([layers.embedding({ inputDim: 3, outputDim: 2, seed: 1 }), layers.flatten(), layers.dense({ units: 1, seed: 2 })]);
  model.build([2]);
  model.compile({ optimizer: 'adam', loss: 'mse' });
  const good = saveModel(model);
  const text = new TextEncoder();
  const withHeaderText = (s) => {
    const h = text.encode(s);
    return FORMATS.model.wrap(good, h);
  };
  const cases = [
    // (A string is a TF.js model.json URL or path now: loadModel returns a Promise for it.)
    ['not bytes', 42, TypeError, /expected the file as a Uint8Array or an ArrayBuffer, got number/],
    ['empty', new Uint8Array(0), RangeError, /truncated: 0 bytes/],
    ['bad magic', Uint8Array.from(good, (b, i) => (i === 3 ? 0x58 : b)), TypeError, /bad magic bytes at byte 3/],
    ['version 0', (() => { const b = good.slice(); b[8] = 0; return b; })(), RangeError, /format version 0 at byte 8/],
    ['header past the end', (() => { const b = good.slice(); new DataView(b.buffer).setUint32(12, 1e6, true); return b; })(), RangeError, /truncated header: 1000000 bytes from byte 16/],
    ['truncated data', good.subarray(0, good.length - 8), RangeError, /truncated data: the data section starts at byte \d+ and holds \d+ bytes/],
    ['trailing bytes', Uint8Array.from([...good, 1, 2]), RangeError, /unexpected bytes after the data/],
    ['malformed JSON', withHeaderText('{"format": "embedwasm-model",'), TypeError, /malformed JSON in the header at bytes 16\.\.45/],
    ['invalid UTF-8', withHeaderText('{}').map((b, i) => (i === 16 ? 0xff : b)), TypeError, /not valid UTF-8/],
    ['non-finite number', withHeaderText(JSON.stringify(header(good)).replace('"dataByteLength":', '"dataByteLength":1e999,"x":')), RangeError, /non-finite number at \.dataByteLength/],
    ['unknown kind', editHeader(good, (h) => { h.layers[1].kind = 'conv2d'; }), TypeError, /layers\[1\] has unknown layer kind "conv2d"/],
    ['offset out of bounds', editHeader(good, (h) => { h.layers[2].weights[0].offset = 4096; }), RangeError, /layers\[2\] \(dense\) weights\[0\] bytes \[4096, 4112\) \(file bytes \d+\.\.\d+\) are out of bounds/],
    ['unaligned offset', editHeader(good, (h) => { h.layers[2].weights[0].offset = 4; }), RangeError, /offset must be a non-negative multiple of 16, got 4/],
    ['shape vs bytes', editHeader(good, (h) => { h.layers[0].weights[0].shape = [3, 3]; }), RangeError, /shape \[3, 3\] needs 36 bytes of float32, but byteLength is 24/],
    ['overlap', editHeader(good, (h) => { h.layers[2].weights[1].offset = h.layers[2].weights[0].offset; }), RangeError, /overlaps/],
    ['missing weights', editHeader(good, (h) => { h.layers[0].weights = []; }), TypeError, /layers\[0\] \(embedding\) has 0 weights, expected 1/],
    ['option record tampered', editHeader(good, (h) => { h.layers[0].config.paddingIdx = 2; }), TypeError, /the option record is not one the API makes: its field 'paddingIdx' is 2, the API makes 0 from the same options/],
    ['bad option', editHeader(good, (h) => { h.layers[0].config.inputDim = 'three'; }), TypeError, /layers\[0\] \(embedding\): embedding: option 'inputDim' must be an integer/],
    ['weights do not fit the layer', editHeader(good, (h) => { h.layers[2].weights[0].shape = [2, 2]; }), TypeError, /the kernel must have shape \[in, units = 1\], got \[2, 2\]/],
    ['wrong input size', editHeader(good, (h) => { h.inputShape = [3]; }), TypeError, /sequential.build/],
    ['unknown optimizer', editHeader(good, (h) => { h.compile.optimizer.name = 'lion'; }), TypeError, /compile.optimizer has unknown name "lion"/],
    ['too deep', withHeaderText(`{"format":${'['.repeat(50)}${']'.repeat(50)}}`), RangeError, /nests deeper than 8 levels/],
  ];
  for (const [name, bytes, Type, pattern] of cases) {
    assert.throws(() => loadModel(bytes), (e) => {
      assert.equal(e.constructor, Type, `${name}: ${e.constructor.name}: ${e.message}`);
      assert.match(e.message, /^loadModel: /, name);
      assert.match(e.message, pattern, name);
      return true;
    }, name);
  }
  disposeAll(model);
});

test('a failure after layers and model exist disposes all of them', () => {
  const model = sequential([layers.embedding({ inputDim: 3, outputDim: 2, seed: 1 }), layers.flatten(), layers.dense({ units: 1, seed: 2 })]);
  model.build([2]);
  model.compile({ optimizer: 'adam', loss: 'mse' });
  const bad = editHeader(saveModel(model), (h) => { h.compile.loss.name = 'hinge'; });
  const disposed = [];
  const original = Disposable.prototype.dispose;
  Disposable.prototype.dispose = function dispose() {
    disposed.push(this);
    return original.call(this);
  };
  try {
    assert.throws(() => loadModel(bad), /^TypeError: loadModel: sequential.compile: loss must be one of/);
  } finally {
    Disposable.prototype.dispose = original;
  }
  assert.deepEqual(disposed.map((d) => d.constructor.name).sort(), ['Embedding', 'Sequential']);
  assert.ok(disposed.every((d) => d.isDisposed));
  disposeAll(model);
});

test('saveModel refuses what it cannot store, with its name in front', () => {
  assert.throws(() => saveModel({}), /^TypeError: saveModel: expected a model from sequential\(\)/);
  const model = sequential([layers.embedding({ inputDim: 2, outputDim: 2, normType: Infinity, seed: 1 })]);
  assert.throws(() => saveModel(model), /^RangeError: saveModel: layers\[0\] \(embedding\) has the non-finite value Infinity at \.config\.normType/);
  disposeAll(model);
  assert.throws(() => saveModel(model), /^Error: saveModel: the model was disposed/);
  // compile() accepts a hand-made optimizer record; a file must hold one train.* makes.
  const handMade = sequential([layers.embedding({ inputDim: 2, outputDim: 2, seed: 1 })]);
  handMade.compile({ optimizer: { name: 'adam', learningRate: 0.1 }, loss: 'mse' });
  assert.throws(() => saveModel(handMade), /^TypeError: saveModel: compile.optimizer: the optimizer record is not one the API makes: its field 'momentum' is missing, the API makes 0 from the same options/);
  disposeAll(handMade);
});

test('fuzz: 3000 mutated model files each load or fail with a loadModel error, none larger than the file', async () => {
  const samples = await sampleFiles();
  const report = fuzz(samples, { iterations: 3000, seed: 1, formats: ['model'] }).model;
  assert.deepEqual(report.failures.map((f) => `case ${f.case}: ${f.error}`), []);
  assert.ok(report.parsed > 0 && report.errors > 0, `parsed ${report.parsed}, errors ${report.errors}`);
  // The engine still works after all of it.
  const table = layers.embedding({ inputDim: 2, outputDim: 2, weights: [[[1, 2], [3, 4]]] });
  assert.deepEqual(Array.from(table.apply([1]).data), [3, 4]);
  table.dispose();
});
