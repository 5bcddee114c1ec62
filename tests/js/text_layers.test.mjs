// Keras's preprocessing layers through the public API: the examples of their Keras
// documentation pages (keras.io/api/layers/preprocessing_layers/text/text_vectorization/,
// .../categorical/string_lookup/, .../categorical/integer_lookup/,
// .../categorical/hashing/; the same text as the layers' docstrings) and of the guide
// keras.io/guides/preprocessing_layers/, with Keras's printed outputs, plus what only the
// JS side does (standardize/split functions, option checks, models taking strings).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { init, layers, loadModel, sequential, train, trainInWorker } from '../../dist/index.js';

before(async () => {
  await init({ threads: false });
});

const ints = (t) => Array.from(t.data);
const floats = (t) => Array.from(t.data);

// ---------------------------------------------------------------- TextVectorization

test('TextVectorization docs: adapt, then integer sequences of length 4', () => {
  const layer = layers.textVectorization({ maxTokens: 5000, outputMode: 'int', outputSequenceLength: 4 });
  layer.adapt(['foo bar', 'bar baz', 'baz bada boom']);
  const out = layer.apply([['foo qux bar'], ['qux baz']]);
  // array([[4, 1, 3, 0], [1, 2, 0, 0]])
  assert.deepEqual(out.shape, [2, 4]);
  assert.ok(out.data instanceof Int32Array);
  assert.deepEqual(ints(out), [4, 1, 3, 0, 1, 2, 0, 0]);
  layer.dispose();
});

test('TextVectorization docs: a vocabulary passed to the constructor; adapt is then refused', () => {
  const layer = layers.textVectorization({
    maxTokens: 5000, outputMode: 'int', outputSequenceLength: 4, vocabulary: ['earth', 'wind', 'and', 'fire'],
  });
  // ['', '[UNK]', 'earth', 'wind', 'and', 'fire']
  assert.deepEqual(layer.getVocabulary(), ['', '[UNK]', 'earth', 'wind', 'and', 'fire']);
  assert.throws(() => layer.adapt(['earth']), /Cannot adapt layer 'TextVectorization'/);
  assert.deepEqual(layer.getVocabulary(), ['', '[UNK]', 'earth', 'wind', 'and', 'fire']);
  layer.dispose();
});

const POEM = ['The Brain is wider than the Sky', 'For put them side by side',
  'The one the other will contain', 'With ease and You beside'];

test('Keras guide: encoding text as a sequence of token indices', () => {
  const layer = layers.textVectorization({ outputMode: 'int' });
  layer.adapt(POEM);
  // [[ 2 19 14  1  9  2  1]]
  const out = layer.apply(['The Brain is deeper than the sea']);
  assert.deepEqual(out.shape, [1, 7]);
  assert.deepEqual(ints(out), [2, 19, 14, 1, 9, 2, 1]);
  layer.dispose();
});

test('Keras guide: N-grams with multi-hot and TF-IDF encodings', () => {
  const multiHot = layers.textVectorization({ outputMode: 'multi_hot', ngrams: 2 });
  multiHot.adapt(POEM);
  const expected = new Array(41).fill(0);
  for (const i of [0, 1, 16, 17, 18, 28, 36, 37]) expected[i] = 1;
  const out = multiHot.apply(['The Brain is deeper than the sea']);
  assert.deepEqual(out.shape, [1, 41]);
  assert.deepEqual(floats(out), expected);

  const tfIdf = layers.textVectorization({ outputMode: 'tf_idf', ngrams: 2 });
  tfIdf.adapt(POEM);
  // [[5.461647  1.6945957 0. ... 1.0986123 ...]]: float32 values as numpy prints them.
  const weights = new Array(41).fill(0);
  weights[0] = Math.fround(5.461647);
  weights[1] = Math.fround(1.6945957);
  for (const i of [16, 17, 18, 28, 36, 37]) weights[i] = Math.fround(1.0986123);
  assert.deepEqual(floats(tfIdf.apply(['The Brain is deeper than the sea'])), weights);
  multiHot.dispose();
  tfIdf.dispose();
});

test('adapt: by frequency, ties by token from high to low (Keras lexsort), hand-checked', () => {
  const layer = layers.textVectorization();
  // counts: b 3, a 2, c 2, d 1 -> b, then c before a (ties high to low), then d.
  layer.adapt(['a b c', 'b c d', 'a b']);
  assert.deepEqual(layer.getVocabulary(), ['', '[UNK]', 'b', 'c', 'a', 'd']);
  assert.deepEqual(layer.getVocabulary(false), ['b', 'c', 'a', 'd']);
  assert.equal(layer.vocabularySize(), 6);
  // adapt in small batches counts the same.
  const batched = layers.textVectorization();
  batched.adapt(['a b c', 'b c d', 'a b'], { batchSize: 1 });
  assert.deepEqual(batched.getVocabulary(), layer.getVocabulary());
  layer.dispose();
  batched.dispose();
});

test('standardize and split as JS functions run before the core, as Keras calls its callables', () => {
  // Keep case, split on commas: tokens the built-in rules would never give.
  const layer = layers.textVectorization({ standardize: (t) => t.trim(), split: (t) => t.split(','), outputSequenceLength: 3 });
  layer.adapt(['A,b,A', 'b,C ']);
  // counts: A 2, b 2, C 1; ties high to low as bytes: 'b' (0x62) before 'A' (0x41).
  assert.deepEqual(layer.getVocabulary(), ['', '[UNK]', 'b', 'A', 'C']);
  assert.deepEqual(ints(layer.apply(['C,A,x,b'])), [4, 3, 1]);
  // A split function after the built-in standardize sees lowercased, stripped text.
  const seen = [];
  const split = layers.textVectorization({ split: (t) => { seen.push(t); return t.split(' '); } });
  split.adapt(['Hello, World!']);
  assert.deepEqual(seen, ['hello world']);
  assert.throws(() => layers.textVectorization({ standardize: () => 3 }).apply(['x']),
    (e) => e instanceof TypeError && /standardize function must return a string/.test(e.message));
  layer.dispose();
  split.dispose();
});

test('textVectorization refuses bad options with typed errors naming them', () => {
  assert.throws(() => layers.textVectorization({ outputMode: 'one_hot' }), (e) => e instanceof TypeError && /outputMode/.test(e.message));
  assert.throws(() => layers.textVectorization({ standardize: 'upper' }), (e) => e instanceof TypeError && /standardize/.test(e.message));
  assert.throws(() => layers.textVectorization({ ngrams: 0 }), (e) => e instanceof RangeError && /ngrams/.test(e.message));
  assert.throws(() => layers.textVectorization({ maxTokens: 2.5 }), (e) => e instanceof TypeError && /maxTokens/.test(e.message));
  assert.throws(() => layers.textVectorization({ outputMode: 'multi_hot', outputSequenceLength: 4 }),
    (e) => e instanceof TypeError && /outputSequenceLength/.test(e.message) && /outputMode/.test(e.message));
  assert.throws(() => layers.textVectorization({ outputSequenceLength: -1 }), (e) => e instanceof RangeError && /outputSequenceLength/.test(e.message));
  assert.throws(() => layers.textVectorization({ maxToken: 3 }), (e) => e instanceof TypeError && /unknown option 'maxToken'/.test(e.message));
  const layer = layers.textVectorization();
  assert.throws(() => layer.apply(['ok', 7]), (e) => e instanceof TypeError && /element 1 must be a string/.test(e.message));
  assert.throws(() => layer.apply('text'), TypeError);
  assert.throws(() => layer.setVocabulary(['a', 'a']), TypeError);
  layer.dispose();
});

test('the lookups and hashing refuse bad options with typed errors naming them', () => {
  const typeError = (name) => (e) => e instanceof TypeError && e.message.includes(`'${name}'`);
  assert.throws(() => layers.stringLookup({ oovToken: null }), typeError('oovToken'));
  assert.throws(() => layers.stringLookup({ maskToken: 3 }), typeError('maskToken'));
  assert.throws(() => layers.stringLookup({ numOovIndices: 1.5 }), typeError('numOovIndices'));
  assert.throws(() => layers.stringLookup({ outputMode: 'tfidf' }), typeError('outputMode'));
  assert.throws(() => layers.stringLookup({ invert: 1 }), typeError('invert'));
  assert.throws(() => layers.stringLookup({ oovTokens: '?' }), (e) => e instanceof TypeError && /unknown option 'oovTokens'/.test(e.message));
  assert.throws(() => layers.integerLookup({ oovToken: 'x' }), typeError('oovToken'));
  assert.throws(() => layers.integerLookup({ maskToken: 0.5 }), typeError('maskToken'));
  assert.throws(() => layers.integerLookup({ oovMethod: 'mod' }), typeError('oovMethod'));
  assert.throws(() => layers.hashing({}), (e) => e instanceof TypeError && /option 'numBins' is required/.test(e.message));
  assert.throws(() => layers.hashing({ numBins: 3, outputMode: 'tf_idf' }), typeError('outputMode'));
  assert.throws(() => layers.hashing({ numBins: 0 }), (e) => e instanceof RangeError && /numBins/.test(e.message));
});

test("the layers' defaults are Keras's, as the core states them", () => {
  const keras = {
    stringLookup: { maxTokens: null, numOovIndices: 1, maskToken: null, oovToken: '[UNK]', invert: false, outputMode: 'int', padToMaxTokens: false },
    integerLookup: { maxTokens: null, numOovIndices: 1, maskToken: null, oovToken: -1, invert: false, outputMode: 'int', padToMaxTokens: false, oovMethod: 'floormod' },
    textVectorization: { maxTokens: null, standardize: 'lower_and_strip_punctuation', split: 'whitespace', ngrams: null, outputMode: 'int', outputSequenceLength: null, padToMaxTokens: false },
  };
  for (const [kind, expected] of Object.entries(keras)) {
    const layer = layers[kind]();
    assert.deepEqual({ ...layer.config }, expected, kind);
    layer.dispose();
  }
  const hashing = layers.hashing({ numBins: 3 });
  assert.deepEqual({ ...hashing.config }, { numBins: 3, outputMode: 'int', maskValue: null, salt: null });
  hashing.dispose();
  const lookup = layers.stringLookup({ vocabulary: ['a', 'b'] });
  assert.deepEqual(Array.from(lookup.apply(['b', 'z', 'a']).data), [2, 0, 1]);
  lookup.dispose();
});

// ---------------------------------------------------------------- StringLookup

const VOCAB = ['a', 'b', 'c', 'd'];

test('StringLookup docs: known and adapted vocabularies, several OOV indices', () => {
  const known = layers.stringLookup({ vocabulary: VOCAB });
  const out = known.apply([['a', 'c', 'd'], ['d', 'z', 'b']]);
  assert.deepEqual(out.shape, [2, 3]);
  assert.deepEqual(ints(out), [1, 3, 4, 4, 0, 2]);

  const adapted = layers.stringLookup();
  adapted.adapt([['a', 'c', 'd'], ['d', 'z', 'b']]);
  assert.deepEqual(adapted.getVocabulary(), ['[UNK]', 'd', 'z', 'c', 'b', 'a']);
  assert.deepEqual(ints(adapted.apply([['a', 'c', 'd'], ['d', 'z', 'b']])), [5, 3, 1, 1, 2, 4]);

  const twoOov = layers.stringLookup({ vocabulary: VOCAB, numOovIndices: 2 });
  assert.deepEqual(ints(twoOov.apply([['a', 'c', 'd'], ['m', 'z', 'b']])), [2, 4, 5, 0, 1, 3]);
  for (const l of [known, adapted, twoOov]) l.dispose();
});

test('StringLookup docs: one-hot, multi-hot, count and TF-IDF outputs', () => {
  const oneHot = layers.stringLookup({ vocabulary: VOCAB, outputMode: 'one_hot' });
  const o = oneHot.apply(['a', 'b', 'c', 'd', 'z']);
  assert.deepEqual(o.shape, [5, 5]);
  assert.deepEqual(floats(o), [0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0]);
  const rows = [['a', 'c', 'd', 'd'], ['d', 'z', 'b', 'z']];
  const multiHot = layers.stringLookup({ vocabulary: VOCAB, outputMode: 'multi_hot' });
  assert.deepEqual(floats(multiHot.apply(rows)), [0, 1, 0, 1, 1, 1, 0, 1, 0, 1]);
  const count = layers.stringLookup({ vocabulary: VOCAB, outputMode: 'count' });
  assert.deepEqual(floats(count.apply(rows)), [0, 1, 0, 1, 2, 2, 0, 1, 0, 1]);
  const tfIdf = layers.stringLookup({ outputMode: 'tf_idf' });
  tfIdf.setVocabulary(VOCAB, [0.25, 0.75, 0.6, 0.4]);
  const f = Math.fround;
  assert.deepEqual(floats(tfIdf.apply(rows)), [0, f(0.25), 0, f(0.6), f(0.8), 1.0, 0, f(0.75), 0, f(0.4)]);
  const withOov = layers.stringLookup({ outputMode: 'tf_idf' });
  withOov.setVocabulary(['[UNK]', ...VOCAB], [0.9, 0.25, 0.75, 0.6, 0.4]);
  assert.deepEqual(floats(withOov.apply(rows)), [0, f(0.25), 0, f(0.6), f(0.8), f(1.8), 0, f(0.75), 0, f(0.4)]);
  for (const l of [oneHot, multiHot, count, tfIdf, withOov]) l.dispose();
});

test('StringLookup docs: inverse lookup, and a forward/inverse pair', () => {
  const inverse = layers.stringLookup({ vocabulary: VOCAB, invert: true });
  const out = inverse.apply([[1, 3, 4], [4, 0, 2]]);
  assert.deepEqual(out, { data: ['a', 'c', 'd', 'd', '[UNK]', 'b'], shape: [2, 3] });
  const forward = layers.stringLookup({ vocabulary: VOCAB });
  assert.deepEqual(inverse.apply(forward.apply([['a', 'c', 'd'], ['d', 'z', 'b']])).data, ['a', 'c', 'd', 'd', '[UNK]', 'b']);
  inverse.dispose();
  forward.dispose();
});

test('Keras guide: string categorical features via one-hot encoding', () => {
  const lookup = layers.stringLookup({ outputMode: 'one_hot' });
  lookup.adapt([['a'], ['b'], ['c'], ['b'], ['c'], ['a']]);
  const out = lookup.apply([['a'], ['b'], ['c'], ['d'], ['e'], ['']]);
  assert.deepEqual(out.shape, [6, 4]);
  assert.deepEqual(floats(out), [0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0]);
  lookup.dispose();
});

test('stringLookup: numOovIndices 0 makes an OOV token an error naming it; ragged int input is refused', () => {
  const strict = layers.stringLookup({ vocabulary: VOCAB, numOovIndices: 0 });
  assert.throws(() => strict.apply(['a', 'zz']), /zz/);
  const plain = layers.stringLookup({ vocabulary: VOCAB });
  assert.throws(() => plain.apply([['a'], ['b', 'c']]), (e) => e instanceof TypeError && /different lengths/.test(e.message));
  assert.throws(() => layers.stringLookup({ outputMode: 'bogus' }), (e) => e instanceof TypeError && /outputMode/.test(e.message));
  strict.dispose();
  plain.dispose();
});

// ---------------------------------------------------------------- IntegerLookup

test('IntegerLookup docs: known and adapted vocabularies, OOV indices, encodings, invert', () => {
  const vocab = [12, 36, 1138, 42];
  const known = layers.integerLookup({ vocabulary: vocab });
  assert.deepEqual(ints(known.apply([[12, 1138, 42], [42, 1000, 36]])), [1, 3, 4, 4, 0, 2]);
  const adapted = layers.integerLookup();
  adapted.adapt([[12, 1138, 42], [42, 1000, 36]]);
  assert.deepEqual(adapted.getVocabulary(), [-1, 42, 1138, 1000, 36, 12]);
  assert.deepEqual(ints(adapted.apply([[12, 1138, 42], [42, 1000, 36]])), [5, 2, 1, 1, 3, 4]);
  const twoOov = layers.integerLookup({ vocabulary: vocab, numOovIndices: 2 });
  assert.deepEqual(ints(twoOov.apply([[12, 1138, 42], [37, 1000, 36]])), [2, 4, 5, 1, 0, 3]);
  const count = layers.integerLookup({ vocabulary: vocab, outputMode: 'count' });
  assert.deepEqual(floats(count.apply([[12, 1138, 42, 42], [42, 7, 36, 7]])), [0, 1, 0, 1, 2, 2, 0, 1, 0, 1]);
  const inverse = layers.integerLookup({ vocabulary: vocab, invert: true });
  assert.deepEqual(inverse.apply([[1, 3, 4], [4, 0, 2]]).data, [12, 1138, 42, 42, -1, 36]);
  assert.throws(() => known.apply([1.5]), (e) => e instanceof TypeError && /int64/.test(e.message));
  assert.throws(() => known.apply(['12']), TypeError);
  for (const l of [known, adapted, twoOov, count, inverse]) l.dispose();
});

// ---------------------------------------------------------------- Hashing

test('Hashing docs: FarmHash64, with a mask value, and SipHash64 with a salt', () => {
  const col = [['A'], ['B'], ['C'], ['D'], ['E']];
  const farm = layers.hashing({ numBins: 3 });
  const out = farm.apply(col);
  assert.deepEqual(out.shape, [5, 1]);
  assert.deepEqual(ints(out), [1, 0, 1, 1, 2]);
  const masked = layers.hashing({ numBins: 3, maskValue: '' });
  assert.deepEqual(ints(masked.apply([['A'], ['B'], [''], ['C'], ['D']])), [1, 1, 0, 2, 2]);
  const sip = layers.hashing({ numBins: 3, salt: [133, 137] });
  assert.deepEqual(ints(sip.apply(col)), [1, 2, 1, 0, 2]);
  const single = layers.hashing({ numBins: 3, salt: 133 });
  assert.deepEqual(ints(single.apply(col)), [0, 0, 2, 1, 0]);
  // Integers hash as their decimal text, in numbers or bigints alike.
  assert.deepEqual(ints(farm.apply([42, 7])), ints(farm.apply(['42', '7'])));
  assert.deepEqual(ints(farm.apply([42n, 7n])), ints(farm.apply(['42', '7'])));
  // Floats are cast toward zero first, as Keras casts a float tensor.
  assert.deepEqual(ints(farm.apply(Float32Array.of(42.9, -7.5))), ints(farm.apply(['42', '-7'])));
  assert.throws(() => layers.hashing({}), (e) => e instanceof TypeError && /numBins/.test(e.message));
  assert.throws(() => layers.hashing({ numBins: 0 }), (e) => e instanceof RangeError && /numBins/.test(e.message));
  assert.throws(() => layers.hashing({ numBins: 3, salt: -1 }), (e) => e instanceof TypeError && /salt/.test(e.message));
  assert.throws(() => farm.apply(['a', 1]), (e) => e instanceof TypeError && /mix/.test(e.message));
  for (const l of [farm, masked, sip, single]) l.dispose();
});

// ---------------------------------------------------------------- In a model

const TEXTS = ['free money now', 'meeting at noon', 'win free prize now', 'lunch at noon with team',
  'free prize win', 'team meeting notes'];
const LABELS = [[1], [0], [1], [0], [1], [0]];

function textModel(seed = 3) {
  const vectorize = layers.textVectorization({ maxTokens: 50, outputSequenceLength: 5 });
  vectorize.adapt(TEXTS);
  const model = sequential([
    vectorize,
    layers.embedding({ inputDim: 50, outputDim: 4, maskZero: true, seed }),
    layers.globalAveragePooling1d(),
    layers.dense({ units: 1, activation: 'sigmoid', seed: seed + 1 }),
  ]);
  return { vectorize, model };
}

test('a model whose first layer is textVectorization takes strings in fit, predict and evaluate', async () => {
  const { vectorize, model } = textModel();
  model.compile({ optimizer: train.adam(0.05), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  const history = await model.fit(TEXTS, LABELS, { epochs: 30, batchSize: 3, seed: 1 });
  assert.ok(history.history.loss.at(-1) < history.history.loss[0]);
  const fromStrings = model.predict(TEXTS);
  // The same numbers as the ids through the same model weights, by the layers alone.
  const ids = vectorize.apply(TEXTS);
  const [embeddings, kernel, bias] = model.getWeights();
  for (let b = 0; b < TEXTS.length; ++b) {
    let count = 0;
    const mean = new Array(4).fill(0);
    for (let t = 0; t < 5; ++t) {
      const id = ids.data[b * 5 + t];
      if (id === 0) continue;
      count += 1;
      for (let d = 0; d < 4; ++d) mean[d] += embeddings.data[id * 4 + d];
    }
    let z = bias.data[0];
    for (let d = 0; d < 4; ++d) z += (mean[d] / count) * kernel.data[d];
    assert.ok(Math.abs(fromStrings.data[b] - 1 / (1 + Math.exp(-z))) < 1e-5, `sample ${b}`);
  }
  const logs = model.evaluate(TEXTS, LABELS);
  assert.equal(logs.accuracy, 1);
  assert.throws(() => model.predict([1, 2]), (e) => e instanceof TypeError && /sequential.predict x/.test(e.message));
  await assert.rejects(trainInWorker(model, TEXTS, LABELS, { epochs: 1 }),
    (e) => e instanceof TypeError && /first layer is textVectorization/.test(e.message));
  assert.throws(() => sequential([layers.dense({ units: 1 }), layers.textVectorization()]),
    (e) => e instanceof TypeError && /first layer/.test(e.message));
  model.dispose();
  vectorize.dispose();
  model.layers[1].dispose();
});

test('the model file keeps the preprocessing layer: vocabulary, idf weights, options', async () => {
  const { vectorize, model } = textModel(5);
  model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
  await model.fit(TEXTS, LABELS, { epochs: 2, batchSize: 3, seed: 2 });
  const loaded = loadModel(model.save());
  assert.equal(loaded.preprocessing.kind, 'textVectorization');
  assert.deepEqual(loaded.preprocessing.getVocabulary(), vectorize.getVocabulary());
  assert.deepEqual(loaded.preprocessing.config, vectorize.config);
  assert.deepEqual(loaded.predict(['free lunch', 'unknown words only']), model.predict(['free lunch', 'unknown words only']));

  const tfIdf = layers.textVectorization({ outputMode: 'tf_idf', ngrams: 2, name: 'tfidf' });
  tfIdf.adapt(POEM);
  const m2 = sequential([tfIdf, layers.dense({ units: 2, seed: 1 })]);
  m2.build([tfIdf.vocabularySize()]);
  const back = loadModel(m2.save());
  assert.deepEqual(back.preprocessing.getIdfWeights(), tfIdf.getIdfWeights());
  assert.deepEqual(back.predict(POEM), m2.predict(POEM));
  assert.equal(back.preprocessing.name, 'tfidf');

  const withFunction = sequential([layers.textVectorization({ split: (t) => t.split(' ') })]);
  assert.throws(() => withFunction.save(), (e) => e instanceof TypeError && /JS function/.test(e.message));
  for (const l of [model, loaded, m2, back, withFunction, vectorize, tfIdf, model.layers[1], loaded.layers[1]]) l.dispose();
});
