// Type-checked (never run) against the package's declarations by tests/js/types.test.mjs:
// every public entry point used the way the README shows. The @ts-expect-error lines
// must stay errors: they fail the check if a declaration loosens to `any`.
import {
  init, tensor, layers, train, sequential, Sequential, loadModel, saveModel, readNpy, writeNpy,
  readSafetensors, writeSafetensors, trainInWorker, memoryInUse, setThreads, threadCount, Word2Vec, KeyedVectors,
  tfjsModelFiles, writeTfjsModel, type TfjsArtifacts, type TextVectorization, type PreprocessedData,
  type EngineInfo, type Tensor, type TensorData, type History, type Neighbor,
  FastText, trainFastTextInWorker, type FastTextPrediction, heapTensor, type SparseGradient,
} from 'embedwasm';

export async function example(): Promise<void> {
  const info: EngineInfo = await init({ threads: false, poolSize: 2 });
  const variant: 'simd' | 'threads' = info.variant;
  await init({ locateFile: (name, prefix) => prefix + name, wasmBinary: new Uint8Array(0), threads: true });
  // @ts-expect-error: threads is a boolean
  await init({ threads: 'yes' });
  // @ts-expect-error: unknown option
  await init({ thread: true });

  const ids: Tensor<Int32Array> = tensor([1, 2, 3, 4], [2, 2], 'int32');
  const floats: Tensor<Float32Array> = tensor([[0.5, 1], [2, 3]]);
  const kept: Tensor<Int32Array> = tensor(new Int32Array([1, 2]));
  // @ts-expect-error: dtype is 'float32' or 'int32'
  tensor([1, 2], [2], 'float16');

  const table = layers.embedding({ inputDim: 10, outputDim: 4, maskZero: true, paddingIdx: 0 });
  const out: TensorData = table.apply([[1, 2], [3, 0]]);
  table.apply(ids);
  table.apply({ data: new Int32Array([1, 2, 3, 4]), shape: [2, 2] });
  table.apply([new Int32Array([1, 2]), new Int32Array([3, 4])]);
  const mask: TensorData<Uint8Array> = table.computeMask([[1, 0]]);
  const heapDy = heapTensor([2, 2, 4]);
  const gradient: TensorData | SparseGradient = table.backward(ids, heapDy, { out: heapTensor([10, 4]) });
  table.backward(ids, floats, { out: new Float32Array(40) });
  // @ts-expect-error: out is a Float32Array or a HeapTensor
  table.backward(ids, heapDy, { out: new Float64Array(40) });
  const isTable: boolean = table instanceof layers.Embedding;
  // @ts-expect-error: outputDim is required
  layers.embedding({ inputDim: 10 });
  // @ts-expect-error: strings are not ids
  table.apply('1 2 3');

  const bag = layers.embeddingBag({ inputDim: 10, outputDim: 4, mode: 'sum' });
  bag.apply([1, 2, 3], { offsets: [0, 2], perSampleWeights: floats.data.subarray(0, 3) });
  bag.dispose();

  using model = sequential([
    layers.embedding({ inputDim: 10, outputDim: 8 }),
    layers.globalAveragePooling1d(),
    layers.dropout({ rate: 0.1 }),
    layers.dense({ units: 2, activation: 'softmax' }),
  ]);
  model.compile({ optimizer: train.adam(0.01), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  const history: History = await model.fit([[1, 2], [3, 4]], [[0], [1]], {
    epochs: 2, batchSize: 2, seed: 1,
    callbacks: { onEpochEnd: (epoch, logs) => { const loss: number = logs.loss; } },
  });
  const losses: number[] = history.history.loss;
  const predicted: TensorData = model.predict(tensor([[1, 2]]));
  // @ts-expect-error: not a loss name
  model.compile({ optimizer: 'adam', loss: 'hinge' });
  const again: Sequential = loadModel(saveModel(model));
  const bytes: Uint8Array = again.save();
  const other = new Sequential([layers.flatten()]);
  other.dispose();

  const npy: TensorData = readNpy(writeNpy({ data: new Float32Array(4), shape: [2, 2] }));
  const st = readSafetensors(writeSafetensors({ w: npy }, { note: 'x' }));
  const w: TensorData | undefined = st.tensors.w;

  const controller = new AbortController();
  const result = await trainInWorker(model, [[1, 2]], [[0]], {
    epochs: 1, signal: controller.signal, onProgress: (event) => { const e: 'batch' | 'epoch' = event.event; },
  });
  const cancelled: boolean = result.cancelled;

  const w2v = new Word2Vec({ vectorSize: 16, minCount: 1, epochs: 2, seed: 1 });
  await w2v.train('the cat sat on the mat');
  const wv: KeyedVectors | null = w2v.wv;
  const near: Neighbor[] = w2v.wv!.mostSimilar({ positive: ['cat'], topn: 5 });
  const nearMany: Neighbor[][] = w2v.wv!.mostSimilarBatch(['cat', ['mat', 'sat'], { positive: 'cat', negative: ['mat'] }], { topn: 3 });
  const byVectors: Neighbor[][] = w2v.wv!.similarByVectors([new Float32Array(16), new Array(16).fill(1)], { topn: 3 });
  const byInt8: Neighbor[][] = w2v.wv!.quantize().similarByVectors(new Float32Array(32));
  // @ts-expect-error: the options are shared by the batch, not per query
  w2v.wv!.mostSimilarBatch([{ positive: 'cat', topn: 3 }]);
  const threadsNow: number = setThreads(2) + threadCount();
  // @ts-expect-error: vectorSize is a number
  new Word2Vec({ vectorSize: '16' });
  w2v.dispose();

  const vectorize: TextVectorization = layers.textVectorization({
    maxTokens: 100, outputSequenceLength: 4, standardize: (t) => t.toLowerCase(), ngrams: [1, 2],
  });
  vectorize.adapt(['the cat sat', 'the mat']);
  const vectorized: PreprocessedData = vectorize.apply([['the cat'], ['a mat']]);
  const vocabulary: string[] = vectorize.getVocabulary();
  // @ts-expect-error: not an output mode of TextVectorization
  layers.textVectorization({ outputMode: 'one_hot' });
  const lookup = layers.stringLookup({ vocabulary: ['a', 'b'], numOovIndices: 2, outputMode: 'count' });
  lookup.apply([['a', 'b'], ['c']]);
  const ints = layers.integerLookup({ vocabulary: [12, 36], maskToken: 0 });
  const intVocab: Array<number | bigint> = ints.getVocabulary();
  const hashed: PreprocessedData = layers.hashing({ numBins: 3, salt: [133, 137] }).apply([['A'], ['B']]);
  // @ts-expect-error: numBins is required
  layers.hashing({ salt: 1 });
  const textModel = sequential([vectorize, layers.embedding({ inputDim: 100, outputDim: 4 }), layers.globalAveragePooling1d(),
    layers.dense({ units: 1, activation: 'sigmoid' })]);
  textModel.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
  await textModel.fit(['the cat', 'a mat'], [[1], [0]], { epochs: 1 });
  const fromText: TensorData = textModel.predict(['the cat']);

  const artifacts: TfjsArtifacts = model.save({ format: 'tfjs' });
  const fromTfjs: Sequential = loadModel(artifacts);
  const fromUrl: Promise<Sequential> = loadModel('https://example.com/model.json');
  const files = tfjsModelFiles(model);
  const json: string = files['model.json'];
  const written: string = await writeTfjsModel(model, '/tmp/model');
  // @ts-expect-error: only 'embedwasm' and 'tfjs' are formats
  model.save({ format: 'onnx' });

  const lid: FastText = FastText.load(new Uint8Array(0));
  const fromPath: Promise<FastText> = FastText.load('lid.176.ftz');
  const top: FastTextPrediction[] = lid.predict('bonjour tout le monde', { k: 3, threshold: 0.1 });
  const batch: FastTextPrediction[][] = lid.predict(['hello', 'hallo']);
  const sub: { subwords: string[]; ids: Int32Array } = lid.getSubwords('bonjour');
  const ftModel = await FastText.trainSupervised('__label__a x', { wordNgrams: 2, loss: 'hs' }, { onProgress: (e) => e.fractionDone });
  const skip = await FastText.trainUnsupervised('a b c', { model: 'cbow', minn: 2 });
  // @ts-expect-error: supervised is not an unsupervised model
  await FastText.trainUnsupervised('a b c', { model: 'supervised' });
  const ftz: Uint8Array = ftModel.quantize({ cutoff: 1000, qnorm: true }).save({ format: 'ftz' });
  const near2: Neighbor[] = skip.wv.mostSimilar('misspeled', { topn: 3 });
  const inWorker: FastText = await trainFastTextInWorker('__label__a x', { model: 'supervised', epoch: 2 });
  const ftBag = layers.embeddingBag(skip.embeddingBagOptions());
  void [fromPath, top, batch, sub, ftz, near2, inWorker, ftBag];
  const bytesInUse: number = memoryInUse();
  void [vectorized, vocabulary, intVocab, hashed, fromText, fromTfjs, fromUrl, json, written,variant, out, mask, isTable, losses, predicted, bytes, w, cancelled, wv, near, bytesInUse, kept, nearMany, byVectors, byInt8, threadsNow];
}
