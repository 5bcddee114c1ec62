// Creating and disposing many layers and models leaves the wasm heap where it was.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { init, layers, memoryInUse, sequential } from '../../dist/index.js';

test('10,000 layers and 1,000 models created, used and disposed leave wasm memory flat', async () => {
  await init();
  const cycle = () => {
    for (let i = 0; i < 10000; ++i) {
      const layer = i % 2
        ? layers.embedding({ inputDim: 50, outputDim: 8, seed: i })
        : layers.embeddingBag({ inputDim: 50, outputDim: 8, mode: 'sum', seed: i });
      if (i % 2) layer.apply([[1, 2], [3, 4]]); else layer.apply([[1, 2]]);
      layer.dispose();
    }
    for (let i = 0; i < 1000; ++i) {
      const model = sequential([
        layers.embedding({ inputDim: 50, outputDim: 8, seed: i }),
        layers.globalAveragePooling1d(),
        layers.dense({ units: 2, activation: 'softmax', seed: i }),
      ]);
      model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' });
      model.trainOnBatch({ data: new Float32Array([1, 2, 3, 4]), shape: [2, 2] }, [[0], [1]]);
      model.layers[0].dispose();
      model.dispose();
    }
  };
  cycle();  // first run settles allocator pools and Embind's caches
  const before = memoryInUse();
  const wasmBefore = (await import('../../dist/core/init.js')).engine().HEAPU8.length;
  cycle();
  const after = memoryInUse();
  assert.equal(after, before, `heap in use went from ${before} to ${after} bytes`);
  assert.equal((await import('../../dist/core/init.js')).engine().HEAPU8.length, wasmBefore, 'memory did not grow');
});
