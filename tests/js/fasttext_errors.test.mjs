// Bad input to the fastText API: truncated, garbage and wrong-version files, bad k, empty
// text, invalid training options. Each is a TypeError or RangeError naming the problem;
// nothing leaks (wasm memory in use returns to where it was) and the model still answers.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { FastText, init, memoryInUse } from '../../dist/index.js';
import { LID_PATH } from './fasttext_data.mjs';

await init({ threads: false });

// Allocator padding may differ by a few bytes when blocks land elsewhere; a leaked
// object or buffer is hundreds of bytes or more.
const MEMORY_SLACK = 64;
const SPAM_LIKE = '__label__spam buy cheap pills now\n__label__ham meeting notes attached\n'.repeat(20);

test('bad files: a clear error with the byte offset, nothing leaked', () => {
  const lid = new Uint8Array(readFileSync(LID_PATH));
  const before = memoryInUse();
  const cases = [
    [new Uint8Array(0), TypeError, /empty input: expected a fastText model/],
    [new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]), TypeError, /byte 0: not a fastText model: the magic number/],
    [lid.slice(0, 3), TypeError, /byte 3: the file ends inside the header \(magic and version\) \(5 more bytes expected\)/],
    [lid.slice(0, 1000), TypeError, /byte 1000: the file ends inside the count and type of dictionary entry/],
    [lid.slice(0, lid.length - 1), TypeError, /byte \d+: the file ends inside row 175 of the output matrix/],
    [(() => { const b = lid.slice(); b[4] = 13; return b; })(), TypeError, /byte 4: fastText model version 13 is not supported/],
    [(() => { const b = lid.slice(); b[4] = 10; return b; })(), TypeError, /byte 4: fastText model version 10 is not supported/],
    [new Uint8Array([...lid, 0]), TypeError, /byte \d+: unexpected data after the output matrix/],
  ];
  for (const [bytes, type, message] of cases) {
    assert.throws(() => FastText.load(bytes), (e) => e instanceof type && message.test(e.message) && e.message.startsWith('FastText.load: '),
      `${bytes.length} bytes`);
  }
  assert.throws(() => FastText.load(42), TypeError);
  assert.throws(() => FastText.load({}), TypeError);
  assert.ok(Math.abs(memoryInUse() - before) <= MEMORY_SLACK, `${memoryInUse() - before} bytes leaked`);
});

test('bad queries: typed errors, the model unchanged and usable, nothing leaked', async () => {
  const model = await FastText.trainSupervised(SPAM_LIKE, { dim: 8, epoch: 2, minn: 2, maxn: 3, bucket: 1000, seed: 1, thread: 1 });
  try {
    const expected = model.predict('buy pills', { k: 2 });
    const vector = model.getWordVector('pills');
    const before = memoryInUse();
    const bad = [
      [() => model.predict('buy', { k: 0 }), RangeError, /k must be >= 1, got 0/],
      [() => model.predict('buy', { k: -3 }), RangeError, /k must be >= 1/],
      [() => model.predict('buy', { k: 1.5 }), TypeError, /'k' must be an integer/],
      [() => model.predict('buy', { threshold: NaN }), TypeError, /threshold/],
      [() => model.predict('buy', { kk: 1 }), TypeError, /kk/],
      [() => model.predict(''), TypeError, /no token|empty/],
      [() => model.predict('   '), TypeError, /no token|empty/],
      [() => model.predict('a\nb'), TypeError, /one line/],
      [() => model.predict([]), TypeError, /empty/],
      [() => model.predict(7), TypeError, /string/],
      [() => model.test('', { k: 1 }), TypeError, /no token|empty/],
      [() => model.test('__label__ham x', { k: 0 }), RangeError, /k must be >= 1/],
      [() => model.getWordVector(''), TypeError, /empty/],
      [() => model.getWordVector(3), TypeError, /string/],
      [() => model.getSentenceVector('a\nb'), TypeError, /one line/],
      [() => model.getNearestNeighbors('pills', 0), RangeError, /k must be >= 1/],
      [() => model.getAnalogies('a', 'b', 'c', -1), RangeError, /k must be >= 1/],
      [() => model.save({ format: 'zip' }), TypeError, /format/],
      [() => model.save({ format: 'ftz' }), TypeError, /quantize\(\) first/],
      [() => model.quantize({ dsub: 0 }), RangeError, /dsub/],
      [() => model.quantize({ cutoff: -1 }), RangeError, /cutoff/],
      [() => model.quantize({ qnorm: 'yes' }), TypeError, /qnorm/],
    ];
    for (const [call, type, message] of bad) {
      assert.throws(call, (e) => e instanceof type && message.test(e.message), String(call));
    }
    assert.ok(Math.abs(memoryInUse() - before) <= MEMORY_SLACK, `${memoryInUse() - before} bytes leaked`);
    assert.deepEqual(model.predict('buy pills', { k: 2 }), expected);
    assert.deepEqual(model.getWordVector('pills'), vector);
  } finally {
    model.dispose();
  }
  assert.throws(() => model.predict('buy'), /disposed/);
  model.dispose();  // twice is fine
});

test('invalid training options and texts: typed errors naming the option, nothing leaked', async () => {
  const before = memoryInUse();
  const bad = [
    [{ dim: 0 }, RangeError, /dim/],
    [{ lr: -1 }, RangeError, /lr/],
    [{ epoch: 0 }, RangeError, /epoch/],
    [{ wordNgrams: 0 }, RangeError, /wordNgrams/],
    [{ t: 2 }, RangeError, /'t'|\bt\b/],
    [{ loss: 'hinge' }, TypeError, /loss/],
    [{ dim: 'ten' }, TypeError, /dim/],
    [{ minCount: 1.5 }, TypeError, /minCount/],
    [{ model: 'cbow' }, TypeError, /model/],
    [{ learningRate: 0.1 }, TypeError, /learningRate/],
    [{ label: '' }, TypeError, /label/],
    [{ minn: 5, maxn: 3 }, RangeError, /minn/],
    [{ wordNgrams: 2, bucket: 0 }, RangeError, /bucket/],
  ];
  for (const [options, type, message] of bad) {
    await assert.rejects(FastText.trainSupervised(SPAM_LIKE, options), (e) => e instanceof type && message.test(e.message), JSON.stringify(options));
  }
  await assert.rejects(FastText.trainUnsupervised('a b c', { model: 'supervised' }), TypeError);
  await assert.rejects(FastText.trainSupervised('', {}), TypeError);
  await assert.rejects(FastText.trainSupervised('no labels here at all', {}), TypeError);
  await assert.rejects(FastText.trainSupervised(42, {}), TypeError);
  assert.ok(Math.abs(memoryInUse() - before) <= MEMORY_SLACK, `${memoryInUse() - before} bytes leaked`);
});
