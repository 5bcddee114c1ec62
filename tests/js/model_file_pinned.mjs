// The models and records model_file_pinned.test.mjs holds to the bytes in
// model_file_pinned.json. Between them they set every option a saved model can hold to a
// value other than its default (and leave each default once), so any change in how a
// record is built, named, ordered or defaulted changes a pinned byte.
import { layers, sequential, train } from '../../dist/index.js';

const floats = (n, scale) => Float32Array.from({ length: n }, (_, i) => scale * Math.sin(i + 1));

/** name -> () => a model to save; the caller disposes it and its layers. */
export const PINNED_MODELS = {
  // Every table option, mask and input length, every dense option, dropout, activation,
  // pooling; built; every optimizer field off its default and every schedule field set.
  'embedding, built': () => {
    const model = sequential([
      layers.embedding({
        inputDim: 12, outputDim: 5, seed: 42, name: 'words', paddingIdx: 2, maxNorm: 1.5, normType: 3,
        scaleGradByFreq: true, sparse: true, maskZero: true, inputLength: 4,
        embeddingsInitializer: { name: 'truncatedNormal', minval: -0.1, maxval: 0.2, mean: 0.01, stddev: 0.3, value: 0.5, gain: 1.5 },
        embeddingsRegularizer: { l1: 0.001, l2: 0.002 },
        embeddingsConstraint: { kind: 'minMaxNorm', minValue: 0.5, maxValue: 2.5, rate: 0.7 },
      }),
      layers.globalAveragePooling1d({ name: 'pool' }),
      layers.dense({
        units: 3, activation: 'tanh', kernelInitializer: 'heNormal', biasInitializer: 'ones', seed: 7,
        kernelRegularizer: 'l1l2', biasRegularizer: { l2: 0.3 }, kernelConstraint: { kind: 'maxNorm', maxValue: 4 },
        biasConstraint: 'nonNeg', name: 'hidden',
      }),
      layers.dropout({ rate: 0.25, seed: 9, name: 'drop' }),
      layers.activation({ activation: 'relu', name: 'act' }),
      layers.dense({ units: 2, activation: 'softmax', useBias: false, kernelInitializer: 'orthogonal', seed: 11 }),
    ]);
    model.build([4]);
    model.compile({
      optimizer: train.rmsprop({
        learningRate: 0.005, rho: 0.8, momentum: 0.3, epsilon: 1e-6, centered: true, weightDecay: 0.01,
        decay: 0.001, clipNorm: 1.5, clipValue: 0.7,
        schedule: { name: 'exponential', decayRate: 0.5, decaySteps: 20, staircase: true, finalLearningRate: 0.001, alpha: 0.2, totalSteps: 100 },
      }),
      loss: { name: 'categoricalCrossentropy', fromLogits: true },
      metrics: ['accuracy', 'categoricalAccuracy'],
    });
    return model;
  },
  // The bag's own options and a negative padding index; an unbuilt model whose dense
  // layer was given its weights; positional TF.js arguments.
  'embeddingBag, unbuilt': () => {
    const model = sequential([
      layers.embeddingBag({
        inputDim: 9, outputDim: 4, mode: 'sum', includeLastOffset: true, paddingIdx: -1, seed: 3, name: 'bag',
        embeddingsInitializer: 'glorotUniform', embeddingsRegularizer: 'l1', embeddingsConstraint: 'unitNorm',
      }),
      layers.dense({ units: 2, weights: [floats(8, 0.5), floats(2, 0.1)], seed: 5, biasConstraint: { kind: 'maxNorm' } }),
    ]);
    model.compile({ optimizer: train.adamw(0.01, 0.8, 0.99, 1e-5, 0.02), loss: 'binaryCrossentropy', metrics: ['binaryAccuracy', 'acc'] });
    return model;
  },
  // Defaults throughout: a table with given weights, input shapes on plain layers, and
  // the optimizer by name.
  'defaults, built': () => {
    const model = sequential([
      layers.embedding({ inputDim: 3, outputDim: 2, seed: 1, weights: [floats(6, 1)] }),
      layers.flatten({ name: 'flat', inputShape: [2, 2] }),
      layers.dense({ units: 1, seed: 2, inputShape: [4] }),
    ]);
    model.build([2]);
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    return model;
  },
  'globalMaxPooling1d and a linear schedule, built': () => {
    const model = sequential([
      layers.embedding({ inputDim: 6, outputDim: 3, seed: 4, embeddingsInitializer: { name: 'constant', value: 0.25 } }),
      layers.globalMaxPooling1d(),
      layers.dense({ units: 1, activation: 'sigmoid', seed: 6 }),
    ]);
    model.build([5]);
    model.compile({
      optimizer: train.momentum({ learningRate: 0.2, momentum: 0.5, nesterov: true, schedule: { name: 'linear', finalLearningRate: 0.01, totalSteps: 30 } }),
      loss: 'binaryCrossentropy',
    });
    return model;
  },
};

/** name -> the record a train.* call makes (defaults, positional arguments, options). */
export const PINNED_OPTIMIZERS = {
  'sgd()': () => train.sgd(),
  'momentum()': () => train.momentum(),
  'adagrad()': () => train.adagrad(),
  'rmsprop()': () => train.rmsprop(),
  'adam()': () => train.adam(),
  'adamw()': () => train.adamw(),
  'adamax()': () => train.adamax(),
  'sparseAdam()': () => train.sparseAdam(),
  'sgd(0.3)': () => train.sgd(0.3),
  'momentum(0.1, 0.8, true)': () => train.momentum(0.1, 0.8, true),
  'adagrad(0.2, 0.5)': () => train.adagrad(0.2, 0.5),
  'rmsprop(0.01, 0.7, 0.2, 1e-5, true)': () => train.rmsprop(0.01, 0.7, 0.2, 1e-5, true),
  'adam(0.02, 0.7, 0.9, 1e-4)': () => train.adam(0.02, 0.7, 0.9, 1e-4),
  'adamax(0.03, 0.6, 0.95, 1e-3)': () => train.adamax(0.03, 0.6, 0.95, 1e-3),
  'sparseAdam(0.04, 0.5, 0.9, 1e-6)': () => train.sparseAdam(0.04, 0.5, 0.9, 1e-6),
  'adagrad({epsilon})': () => train.adagrad({ epsilon: 1e-3, clipValue: 2 }),
  'sgd({momentum, nesterov, schedule: cosine})': () => train.sgd({ momentum: 0.4, nesterov: true, schedule: { name: 'cosine', totalSteps: 10, alpha: 0.3 } }),
  'adam({schedule: "exponential"})': () => train.adam({ schedule: 'exponential' }),
};

/** name -> the record or config a layer keeps, as a saved file stores it. */
export const PINNED_LAYER_RECORDS = {
  'embedding defaults': () => layers.embedding({ inputDim: 2, outputDim: 3, seed: 1 }),
  'embeddingBag defaults': () => layers.embeddingBag({ inputDim: 2, outputDim: 3, seed: 1 }),
  'dense defaults': () => layers.dense({ units: 1, seed: 1 }),
  'dropout': () => layers.dropout({ rate: 0.5, seed: 1 }),
  'activation defaults': () => layers.activation({}),
  'flatten': () => layers.flatten(),
};

/** What a layer from PINNED_LAYER_RECORDS contributes to a file, as JSON text. */
export function layerRecordText(layer) {
  if (layer.config !== undefined) {
    return JSON.stringify({ config: layer.config, regularizer: layer.regularizer, constraint: layer.constraint });
  }
  return JSON.stringify(layer.record);
}
