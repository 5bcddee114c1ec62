// Saved models, optimizer records and layer records must stay byte for byte what the
// code wrote when model_file_pinned.json was made (before options came from the core's
// schemas): files written then must load, and a model saved now must give the same bytes.
// The expected values are that code's output; a difference here is a file-format change.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';

import { init, loadModel, saveModel } from '../../dist/index.js';
import { layerRecordText, PINNED_LAYER_RECORDS, PINNED_MODELS, PINNED_OPTIMIZERS } from './model_file_pinned.mjs';

const PINNED = JSON.parse(readFileSync(new URL('./model_file_pinned.json', import.meta.url), 'utf8'));

before(async () => { await init({ threads: false }); });

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

function headerText(bytes) {
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(12, true);
  return new TextDecoder().decode(bytes.subarray(16, 16 + length));
}

function disposeAll(model) {
  for (const layer of model.layers) layer.dispose?.();
  model.dispose();
}

test('the pins cover every model, optimizer and layer record the fixtures make', () => {
  assert.deepEqual(Object.keys(PINNED.models).sort(), Object.keys(PINNED_MODELS).sort());
  assert.deepEqual(Object.keys(PINNED.optimizers).sort(), Object.keys(PINNED_OPTIMIZERS).sort());
  assert.deepEqual(Object.keys(PINNED.layerRecords).sort(), Object.keys(PINNED_LAYER_RECORDS).sort());
});

for (const [name, make] of Object.entries(PINNED_MODELS)) {
  test(`a saved model keeps its bytes: ${name}`, () => {
    const model = make();
    const bytes = saveModel(model);
    assert.equal(headerText(bytes), PINNED.models[name].header);
    assert.equal(bytes.length, PINNED.models[name].byteLength);
    assert.equal(sha256(bytes), PINNED.models[name].sha256);
    // The same bytes load and save again unchanged: the file a past version wrote is read.
    const loaded = loadModel(bytes);
    assert.equal(sha256(saveModel(loaded)), PINNED.models[name].sha256);
    disposeAll(loaded);
    disposeAll(model);
  });
}

test('train.* records keep their fields, order and defaults', () => {
  for (const [name, make] of Object.entries(PINNED_OPTIMIZERS)) {
    assert.equal(JSON.stringify(make()), PINNED.optimizers[name], name);
  }
});

test('layer records keep their fields, order and defaults', () => {
  for (const [name, make] of Object.entries(PINNED_LAYER_RECORDS)) {
    const layer = make();
    assert.equal(layerRecordText(layer), PINNED.layerRecords[name], name);
    layer.dispose?.();
  }
});
