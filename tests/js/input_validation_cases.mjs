// The bad-input table behind input_validation.test.mjs: one row per (entry point, kind
// of mistake). Each row gives the error class the call must throw (RangeError for a
// value or size out of range, TypeError for a wrong type, shape or option) and a
// pattern the message must match, naming the argument and the offending value.
// `call(f)` receives the fixtures of input_validation.test.mjs.
import {
  init, KeyedVectors, layers, loadModel, readNpy, readSafetensors, sequential, tensor, train,
  trainInWorker, trainWord2VecInWorker, Word2Vec,
} from '../../dist/index.js';

const ids = (data, shape) => ({ data: Int32Array.from(data), shape });
const npy = new Uint8Array([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, 118, 0,
  ...new TextEncoder().encode("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2), }".padEnd(117, ' ')), 10,
  0, 0, 128, 63, 0, 0, 0, 64]);

// A fresh Word2Vec for one call, disposed after it so the memory check stays exact.
async function withWord2Vec(fn) {
  const w = new Word2Vec({ minCount: 1 });
  try {
    return await fn(w);
  } finally {
    w.dispose();
  }
}

// [name, call, class, message pattern]
export const CASES = [
  // init (rejects; a loaded engine ignores later options, but they are still checked)
  ['init: unknown option', () => init({ thread: true }), TypeError, /unknown option 'thread'/],
  ['init: threads of the wrong type', () => init({ threads: 'yes' }), TypeError, /'threads'.*"yes"/],
  ['init: poolSize 0', () => init({ poolSize: 0 }), RangeError, /'poolSize'.*got 0/],
  ['init: poolSize 2.5', () => init({ poolSize: 2.5 }), TypeError, /'poolSize'.*2\.5/],

  // tensor
  ['tensor: negative dimension', () => tensor([1, 2], [-2]), RangeError, /shape\[0\].*-2/],
  ['tensor: non-integer dimension', () => tensor([1, 2], [1.5]), TypeError, /shape.*1\.5/],
  ['tensor: shape does not match the data', () => tensor(new Float32Array(4), [2, 3]), TypeError, /shape \[2, 3\] holds 6 values but the array has 4/],
  ['tensor: ragged nested array', () => tensor([[1], [2, 3]]), TypeError, /ragged nested array at \[1\]/],
  ['tensor: int32 dtype on 1.5', () => tensor([1.5], [1], 'int32'), TypeError, /id 1\.5 at position \[0\]/],
  ['tensor: unknown dtype', () => tensor([1], [1], 'int64'), TypeError, /dtype.*"int64"/],

  // layers.embedding: options
  ['embedding: inputDim -3', () => layers.embedding({ inputDim: -3, outputDim: 4 }), RangeError, /inputDim.*-3/],
  ['embedding: outputDim 0', () => layers.embedding({ inputDim: 3, outputDim: 0 }), RangeError, /outputDim.*got 0/],
  ['embedding: inputDim 2.5', () => layers.embedding({ inputDim: 2.5, outputDim: 4 }), TypeError, /'inputDim'.*2\.5/],
  ['embedding: inputDim NaN', () => layers.embedding({ inputDim: NaN, outputDim: 4 }), TypeError, /'inputDim'.*NaN/],
  ['embedding: outputDim Infinity', () => layers.embedding({ inputDim: 3, outputDim: Infinity }), TypeError, /'outputDim'.*Infinity/],
  ['embedding: inputDim as a string', () => layers.embedding({ inputDim: '3', outputDim: 4 }), TypeError, /'inputDim'.*"3"/],
  ['embedding: inputDim missing', () => layers.embedding({ outputDim: 4 }), TypeError, /'inputDim' is required/],
  ['embedding: inputDim past int32', () => layers.embedding({ inputDim: 2 ** 31, outputDim: 1 }), RangeError, /inputDim.*2147483648/],
  ['embedding: 70000 x 70000 overflows 32 bits', () => layers.embedding({ inputDim: 70000, outputDim: 70000 }), RangeError, /inputDim 70000 x outputDim 70000.*4 GiB/],
  ['embedding: 1e6 x 2000 is over the memory limit', () => layers.embedding({ inputDim: 1e6, outputDim: 2000 }), RangeError, /inputDim 1000000 x outputDim 2000.*8000000000 bytes.*4 GiB/],
  ['embedding: unknown option', () => layers.embedding({ inputDim: 3, outputDim: 4, inputDims: 3 }), TypeError, /unknown option 'inputDims'.*inputDim/],
  ['embedding: options null', () => layers.embedding(null), TypeError, /options must be an object, got null/],
  ['embedding: seed "a"', () => layers.embedding({ inputDim: 3, outputDim: 4, seed: 'a' }), TypeError, /'seed'.*"a"/],
  ['embedding: seed -1', () => layers.embedding({ inputDim: 3, outputDim: 4, seed: -1 }), RangeError, /seed.*-1/],
  ['embedding: maskZero 1', () => layers.embedding({ inputDim: 3, outputDim: 4, maskZero: 1 }), TypeError, /'maskZero'.*1/],
  ['embedding: paddingIdx = inputDim', () => layers.embedding({ inputDim: 3, outputDim: 4, paddingIdx: 3 }), RangeError, /paddingIdx.*got 3/],
  ['embedding: paddingIdx 1.5', () => layers.embedding({ inputDim: 3, outputDim: 4, paddingIdx: 1.5 }), TypeError, /'paddingIdx'.*1\.5/],
  ['embedding: maxNorm -1', () => layers.embedding({ inputDim: 3, outputDim: 4, maxNorm: -1 }), RangeError, /maxNorm.*-1/],
  ['embedding: normType 0', () => layers.embedding({ inputDim: 3, outputDim: 4, normType: 0 }), RangeError, /normType.*got 0/],
  ['embedding: inputLength -1', () => layers.embedding({ inputDim: 3, outputDim: 4, inputLength: -1 }), RangeError, /inputLength.*-1/],
  ['embedding: weights of the wrong shape', () => layers.embedding({ inputDim: 3, outputDim: 4, weights: [{ data: new Float32Array(10), shape: [2, 5] }] }), TypeError, /weights\[0\] must have shape \[3, 4\].*got \[2, 5\]/],
  ['embedding: unknown initializer', () => layers.embedding({ inputDim: 3, outputDim: 4, embeddingsInitializer: 'foo' }), TypeError, /embeddingsInitializer 'foo'/],
  ['embedding: initializer minval "a"', () => layers.embedding({ inputDim: 3, outputDim: 4, embeddingsInitializer: { name: 'uniform', minval: 'a' } }), TypeError, /'minval'.*"a"/],
  ['embedding: unknown regularizer', () => layers.embedding({ inputDim: 3, outputDim: 4, embeddingsRegularizer: 'l3' }), TypeError, /embeddingsRegularizer.*"l3"/],
  ['embedding: regularizer l2 -1', () => layers.embedding({ inputDim: 3, outputDim: 4, embeddingsRegularizer: { l2: -1 } }), RangeError, /embeddingsRegularizer l2.*-1/],
  ['embedding: regularizer l1 NaN', () => layers.embedding({ inputDim: 3, outputDim: 4, embeddingsRegularizer: { l1: NaN } }), TypeError, /embeddingsRegularizer l1.*NaN/],
  ['embedding: constraint maxValue "x"', () => layers.embedding({ inputDim: 3, outputDim: 4, embeddingsConstraint: { kind: 'maxNorm', maxValue: 'x' } }), TypeError, /embeddingsConstraint maxValue.*"x"/],
  ['embedding: constraint rate 2', () => layers.embedding({ inputDim: 3, outputDim: 4, embeddingsConstraint: { kind: 'minMaxNorm', rate: 2 } }), RangeError, /embeddingsConstraint rate.*2/],

  // Embedding: calls
  ['embedding.apply: id 21 of inputDim 21', (f) => f.emb.apply([[1, 2], [21, 0]]), RangeError, /id 21 at position \[1, 0\].*inputDim 21/],
  ['embedding.apply: id -1', (f) => f.emb.apply([[1, -1]]), RangeError, /id -1 at position \[0, 1\]/],
  ['embedding.apply: id 1.5', (f) => f.emb.apply([[1, 1.5]]), TypeError, /id 1\.5 at position \[0, 1\] is not an integer/],
  ['embedding.apply: id NaN', (f) => f.emb.apply([[1, NaN]]), TypeError, /id NaN at position \[0, 1\]/],
  ['embedding.apply: id Infinity', (f) => f.emb.apply([[Infinity, 1]]), TypeError, /id Infinity at position \[0, 0\]/],
  ['embedding.apply: id as a string', (f) => f.emb.apply([[1, '2']]), TypeError, /id "2" at position \[0, 1\]/],
  ['embedding.apply: id past int32', (f) => f.emb.apply([2 ** 31]), RangeError, /id 2147483648 at position \[0\]/],
  ['embedding.apply: ragged ids', (f) => f.emb.apply([[1, 2], [3]]), TypeError, /ragged nested array at \[1\]/],
  ['embedding.apply: null', (f) => f.emb.apply(null), TypeError, /got null/],
  ['embedding.apply: shape does not match the data', (f) => f.emb.apply(ids([1, 2, 3, 4, 5], [2, 3])), TypeError, /shape \[2, 3\] holds 6 values but the array has 5/],
  ['embedding.apply: negative dimension', (f) => f.emb.apply({ data: new Int32Array(0), shape: [-1] }), RangeError, /shape\[0\].*-1/],
  ['embedding.apply: ids x outputDim overflows 32 bits', (f) => f.wide.apply(new Int32Array(2 ** 18)), RangeError, /262144 ids x outputDim 4096.*4294967296 bytes.*4 GiB/],
  ['embedding.backward: dy of the wrong shape', (f) => f.emb.backward([[1, 2]], [[1, 2, 3]]), TypeError, /dy must have shape \[1, 2, 4\].*got \[1, 3\]/],
  ['embedding.computeMask: without maskZero', (f) => f.emb.computeMask([[1, 2]]), TypeError, /needs maskZero: true/],
  ['embedding.setWeights: wrong shape', (f) => f.emb.setWeights([{ data: new Float32Array(9), shape: [3, 3] }]), TypeError, /weights\[0\] must have shape \[21, 4\].*got \[3, 3\]/],
  ['embedding.setWeights: not a list', (f) => f.emb.setWeights({ data: new Float32Array(84), shape: [21, 4] }), TypeError, /weights must be a list/],

  // layers.embeddingBag
  ['embeddingBag: unknown mode', () => layers.embeddingBag({ inputDim: 3, outputDim: 2, mode: 'avg' }), TypeError, /'mode'.*"avg"/],
  ['embeddingBag: includeLastOffset "no"', () => layers.embeddingBag({ inputDim: 3, outputDim: 2, includeLastOffset: 'no' }), TypeError, /'includeLastOffset'.*"no"/],
  ['embeddingBag.apply: id 21', (f) => f.bag.apply([[1, 21]]), RangeError, /id 21 at position \[0, 1\]/],
  ['embeddingBag.apply: offsets past the ids', (f) => f.bag.apply([1, 2, 3], { offsets: [0, 5] }), RangeError, /offsets\[1\] = 5.*3/],
  ['embeddingBag.apply: decreasing offsets', (f) => f.bag.apply([1, 2, 3], { offsets: [0, 2, 1] }), RangeError, /offsets\[2\] = 1 is less than offsets\[1\] = 2/],
  ['embeddingBag.apply: first offset not 0', (f) => f.bag.apply([1, 2, 3], { offsets: [1, 2] }), RangeError, /offsets\[0\].*got 1/],
  ['embeddingBag.apply: offsets 1.5', (f) => f.bag.apply([1, 2, 3], { offsets: [0, 1.5] }), TypeError, /offsets.*1\.5 at position \[1\]/],
  ['embeddingBag.apply: unknown call option', (f) => f.bag.apply([1, 2, 3], { offset: [0] }), TypeError, /unknown option 'offset'.*offsets/],
  ['embeddingBag.apply: perSampleWeights of the wrong shape', (f) => f.bag.apply([[1, 2, 3]], { perSampleWeights: [1, 2] }), TypeError, /perSampleWeights must have the shape of the ids \[1, 3\], got \[2\]/],

  // dense, dropout, flatten, pooling, activation
  ['dense: units 0', () => layers.dense({ units: 0 }), RangeError, /units.*got 0/],
  ['dense: units -1', () => layers.dense({ units: -1 }), RangeError, /units.*-1/],
  ['dense: units 1.5', () => layers.dense({ units: 1.5 }), TypeError, /'units'.*1\.5/],
  ['dense: unknown activation', () => layers.dense({ units: 2, activation: 'gelu' }), TypeError, /'activation'.*"gelu"/],
  ['dense: useBias "yes"', () => layers.dense({ units: 2, useBias: 'yes' }), TypeError, /'useBias'.*"yes"/],
  ['dense: unknown kernelInitializer', () => layers.dense({ units: 2, kernelInitializer: 'foo' }), TypeError, /'kernelInitializer'.*"foo"/],
  ['dense: inputShape [0]', () => layers.dense({ units: 2, inputShape: [0] }), RangeError, /inputShape\[0\].*got 0/],
  ['dropout: rate 1.5', () => layers.dropout({ rate: 1.5 }), RangeError, /rate.*1\.5/],
  ['dropout: rate -0.1', () => layers.dropout({ rate: -0.1 }), RangeError, /rate.*-0\.1/],
  ['dropout: rate "a"', () => layers.dropout({ rate: 'a' }), TypeError, /'rate'.*"a"/],
  ['flatten: unknown option', () => layers.flatten({ foo: 1 }), TypeError, /unknown option 'foo'/],
  ['globalAveragePooling1d: inputShape "x"', () => layers.globalAveragePooling1d({ inputShape: 'x' }), TypeError, /inputShape.*"x"/],
  ['activation: unknown activation', () => layers.activation({ activation: 'swish' }), TypeError, /'activation'.*"swish"/],

  // train.* optimizers
  ['train.adam: learningRate "x"', () => train.adam('x'), TypeError, /learningRate.*"x"/],
  ['train.adam: learningRate NaN', () => train.adam(NaN), TypeError, /learningRate.*NaN/],
  ['train.adam: learningRate -1', () => train.adam(-1), RangeError, /learningRate.*-1/],
  ['train.adam: beta1 2', () => train.adam({ beta1: 2 }), RangeError, /beta1.*got 2/],
  ['train.adam: unknown option', () => train.adam({ lr: 0.1 }), TypeError, /unknown option 'lr'.*learningRate/],
  ['train.sgd: clipNorm -1', () => train.sgd({ clipNorm: -1 }), RangeError, /clipNorm.*-1/],
  ['train.sgd: nesterov 1', () => train.sgd({ nesterov: 1 }), TypeError, /nesterov.*1/],
  ['train.sgd: unknown schedule', () => train.sgd({ schedule: 'step' }), TypeError, /schedule.*"step"/],
  ['train.sgd: schedule decaySteps 0', () => train.sgd({ schedule: { name: 'exponential', decaySteps: 0 } }), RangeError, /decaySteps.*got 0/],

  // sequential
  ['sequential: a non-layer', () => sequential([{ units: 3 }]), TypeError, /expected a layer from layers\.\*, got object/],
  ['compile: unknown loss', (f) => f.model.compile({ optimizer: 'adam', loss: 'hinge' }), TypeError, /loss.*"hinge"/],
  ['compile: unknown metric', (f) => f.model.compile({ optimizer: 'adam', loss: 'mse', metrics: ['auc'] }), TypeError, /unknown metric 'auc'/],
  ['compile: unknown optimizer', (f) => f.model.compile({ optimizer: 'adamm', loss: 'mse' }), TypeError, /unknown optimizer 'adamm'/],
  ['compile: unknown option', (f) => f.model.compile({ optimizer: 'adam', loss: 'mse', lossWeights: [1] }), TypeError, /unknown option 'lossWeights'/],
  ['fit: x and y sample counts differ', (f) => f.model.fit(f.x, [[0], [1], [0]]), TypeError, /x has 4 samples.*y has 3/],
  ['fit: batchSize 0', (f) => f.model.fit(f.x, f.y, { batchSize: 0 }), RangeError, /batchSize.*got 0/],
  ['fit: epochs -1', (f) => f.model.fit(f.x, f.y, { epochs: -1 }), RangeError, /epochs.*-1/],
  ['fit: epochs 1.5', (f) => f.model.fit(f.x, f.y, { epochs: 1.5 }), TypeError, /'epochs'.*1\.5/],
  ['fit: validationSplit 1.5', (f) => f.model.fit(f.x, f.y, { validationSplit: 1.5 }), RangeError, /validationSplit.*1\.5/],
  ['fit: shuffle "yes"', (f) => f.model.fit(f.x, f.y, { shuffle: 'yes' }), TypeError, /'shuffle'.*"yes"/],
  ['fit: unknown option', (f) => f.model.fit(f.x, f.y, { epoch: 2 }), TypeError, /unknown option 'epoch'/],
  ['fit: id 99 in x', (f) => f.model.fit([[1, 2, 99]], [[0]]), RangeError, /id 99 at position/],
  ['fit: id 0.5 in x', (f) => f.model.fit([[1, 2, 0.5]], [[0]]), TypeError, /id 0\.5 at position/],
  ['fit: class id 7 of 2 classes', (f) => f.model.fit([[1, 2, 3]], [[7]]), RangeError, /7/],
  ['fit: batch x steps x outputDim overflows 32 bits', (f) => f.wideModel.fit({ data: new Float32Array(2 ** 18), shape: [256, 1024] }, { data: new Float32Array(256), shape: [256, 1] }, { batchSize: 256 }), RangeError, /\(256, 1024, 4096\).*4 GiB/],
  ['predict: per-sample shape differs from the model', (f) => f.model.predict([[1, 2, 3, 4, 5]]), TypeError, /expects input of shape \(batch, 3\), got \(1, 5\)/],
  ['predict: batchSize 0', (f) => f.model.predict(f.x, { batchSize: 0 }), RangeError, /batchSize.*got 0/],
  ['predict: batchSize 2.5', (f) => f.model.predict(f.x, { batchSize: 2.5 }), TypeError, /'batchSize'.*2\.5/],
  ['evaluate: batchSize -4', (f) => f.model.evaluate(f.x, f.y, { batchSize: -4 }), RangeError, /batchSize.*-4/],
  ['trainOnBatch: y of the wrong shape', (f) => f.model.trainOnBatch(f.x, [[0, 1, 0], [1, 0, 1], [0, 0, 0], [1, 1, 1]]), TypeError, /shape/],
  ['setWeights: wrong count', (f) => f.model.setWeights([]), TypeError, /expected a list of 3 weights, got 0/],

  // files
  ['loadModel: a number', () => loadModel(42), TypeError, /expected the file as a Uint8Array or an ArrayBuffer, got number/],
  // A string is a TF.js model.json path or URL: one that is not there is an I/O Error.
  ['loadModel: a missing model.json', () => loadModel('no/such/model.json'), Error, /loadModel: cannot read the model\.json at no\/such\/model\.json/],
  ['loadModel: TF.js artifacts with an unknown layer', () => loadModel({ modelTopology: { class_name: 'Sequential', config: { layers: [{ class_name: 'Conv2D', config: { name: 'c' } }] } } }),
    TypeError, /unsupported layer class "Conv2D"/],
  ['loadModel: 3 bytes', () => loadModel(new Uint8Array(3)), RangeError, /truncated: 3 bytes/],
  ['readNpy: a number', () => readNpy(42), TypeError, /got number/],
  ['readNpy: dim 0', () => readNpy(npy, { dim: 0 }), RangeError, /dim.*got 0/],
  ['readNpy: dim "2"', () => readNpy(npy, { dim: '2' }), TypeError, /dim.*"2"/],
  ['readNpy: unknown option', () => readNpy(npy, { rows: 1 }), TypeError, /unknown option 'rows'/],
  ['readSafetensors: null', () => readSafetensors(null), TypeError, /got null/],

  // Word2Vec
  ['Word2Vec: vectorSize 0', () => new Word2Vec({ vectorSize: 0 }), RangeError, /vectorSize.*got 0/],
  ['Word2Vec: vectorSize -5', () => new Word2Vec({ vectorSize: -5 }), RangeError, /vectorSize.*-5/],
  ['Word2Vec: window NaN', () => new Word2Vec({ window: NaN }), TypeError, /'window'.*NaN/],
  ['Word2Vec: alpha "x"', () => new Word2Vec({ alpha: 'x' }), TypeError, /'alpha'.*"x"/],
  ['Word2Vec: sg 2', () => new Word2Vec({ sg: 2 }), RangeError, /'sg'.*2/],
  ['Word2Vec: lowercase 1', () => new Word2Vec({ lowercase: 1 }), TypeError, /'lowercase'.*1/],
  ['Word2Vec: unknown option', () => new Word2Vec({ size: 10 }), TypeError, /unknown option 'size'.*vectorSize/],
  ['Word2Vec.train: progressEvery -5', (f) => f.w2v.train(undefined, { progressEvery: -5 }), RangeError, /progressEvery.*-5/],
  ['Word2Vec.train: onProgress 5', (f) => f.w2v.train(undefined, { onProgress: 5 }), TypeError, /onProgress.*number/],
  ['Word2Vec.train: a corpus after the vocabulary', (f) => f.w2v.train([['a']]), TypeError, /vocabulary is already built/],
  ['Word2Vec.wordCount: index 99999', (f) => f.w2v.wordCount(99999), RangeError, /index 99999/],
  ['Word2Vec.wordCount: index 1.5', (f) => f.w2v.wordCount(1.5), TypeError, /index.*1\.5/],
  ['Word2Vec.buildVocab: a number corpus', () => withWord2Vec((w) => w.buildVocab(42)), TypeError, /corpus.*got number/],
  ['Word2Vec.buildVocab: a number token', () => withWord2Vec((w) => w.buildVocab([['a', 1]])), TypeError, /corpus\[0\]\[1\].*number/],

  // KeyedVectors
  ['KeyedVectors.load: unknown format', () => KeyedVectors.load('1 1\na 1\n', { format: 'bin' }), TypeError, /unknown format 'bin'/],
  ['KeyedVectors.load: unknown option', () => KeyedVectors.load('1 1\na 1\n', { format: 'word2vec', binary: true }), TypeError, /unknown option 'binary'/],
  ['KeyedVectors.load: header over the memory limit', () => KeyedVectors.load('4000000 4000\na 1\n', { format: 'word2vec' }), RangeError, /4000000 x 4000|4000000 rows/],
  ['KeyedVectors.fromArrays: dim 0', () => KeyedVectors.fromArrays(['a'], new Float32Array(0), 0), RangeError, /dim.*got 0/],
  ['KeyedVectors.fromArrays: words not strings', () => KeyedVectors.fromArrays(['a', 7], new Float32Array(2), 1), TypeError, /word 1.*number/],
  ['mostSimilar: unknown word', (f) => f.kv.mostSimilar('zzz'), RangeError, /'zzz'/],
  ['mostSimilar: topn -1', (f) => f.kv.mostSimilar('w1', { topn: -1 }), RangeError, /'topn'.*-1/],
  ['mostSimilar: topn 1.5', (f) => f.kv.mostSimilar('w1', { topn: 1.5 }), TypeError, /'topn'.*1\.5/],
  ['mostSimilar: unknown option', (f) => f.kv.mostSimilar('w1', { top: 3 }), TypeError, /unknown option 'top'/],
  ['mostSimilar: row id 6 of 6 words', (f) => f.kv.mostSimilar(6), RangeError, /6/],
  ['mostSimilar: row id 1.5', (f) => f.kv.mostSimilar([1.5]), TypeError, /row id must be an integer, got 1\.5/],
  ['mostSimilar: NaN weight', (f) => f.kv.mostSimilar([['w1', NaN]]), TypeError, /weight.*NaN/],
  ['similarity: w2 a number', (f) => f.kv.similarity('w1', 5), TypeError, /w2 must be a string, got number/],
  ['doesntMatch: a string', (f) => f.kv.doesntMatch('w1 w2'), TypeError, /words must be an array.*string/],
  ['similarByVector: 2 values for dim 3', (f) => f.kv.similarByVector([1, 2]), RangeError, /vector has 2 values, expected 3/],
  ['getVector: norm 1', (f) => f.kv.getVector('w1', { norm: 1 }), TypeError, /'norm'.*1/],
  ['evaluateWordAnalogies: a number', (f) => f.kv.evaluateWordAnalogies(5), TypeError, /text must be a string.*number/],
  ['pca: k 0', (f) => f.kv.pca(0), RangeError, /k.*got 0/],
  ['pca: count -1', (f) => f.kv.pca(2, { count: -1 }), RangeError, /'count'.*-1/],
  ['quantized mostSimilar: topn -2', (f) => f.qkv.mostSimilar('w1', { topn: -2 }), RangeError, /topn.*-2/],
  ['quantized similarByVector: 1 value for dim 3', (f) => f.qkv.similarByVector([1]), RangeError, /vector has 1 values?, expected 3/],

  // workers: checked before a worker starts
  ['trainInWorker: epochs "x"', (f) => trainInWorker(f.model, f.x, f.y, { epochs: 'x' }), TypeError, /'epochs'.*"x"/],
  ['trainInWorker: batchSize 0', (f) => trainInWorker(f.model, f.x, f.y, { batchSize: 0 }), RangeError, /batchSize.*got 0/],
  ['trainWord2VecInWorker: vectorSize -1', () => trainWord2VecInWorker({ vectorSize: -1 }, 'a b c'), RangeError, /vectorSize.*-1/],
  ['trainWord2VecInWorker: a number corpus', () => trainWord2VecInWorker({}, 42), TypeError, /corpus.*got number/],
];
