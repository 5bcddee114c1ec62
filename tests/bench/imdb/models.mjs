// The imdb benchmark's two models, as our package and TF.js build them after the
// Embedding(V, D) they share (contender.mjs makes it, dense or sparse); torch_peer.py has
// PyTorch's twins. Both read ids (B, T) and end in one sigmoid unit per sample:
// - pooled: -> GlobalAveragePooling1D -> (B, D) -> Dense(64, relu) -> Dense(1, sigmoid).
//   Our engine runs the Embedding and the pooling as one mean of looked-up rows, so the
//   (B, T, D) activations and their gradient never exist.
// - flatten: -> Flatten -> (B, T * D) -> Dense(1, sigmoid), the classic Keras tutorial
//   shape. Here the (B, T, D) activations and gradient are real (33.5 MB each at B 256,
//   T 256, D 128), and the one Dense unit reads T * D = 32,768 inputs per sample.
import { DIM, HIDDEN, SEQ, VOCAB } from './data.mjs';

export const MODELS = {
  pooled: {
    summary: `Embedding(${VOCAB} x ${DIM}) -> GlobalAveragePooling1D -> Dense(${HIDDEN}, relu) -> Dense(1, sigmoid)`,
    ours: (layers, seed) => [
      layers.globalAveragePooling1d(),
      layers.dense({ units: HIDDEN, activation: 'relu', seed }),
      layers.dense({ units: 1, activation: 'sigmoid', seed: seed + 1 }),
    ],
    tfjs: (tf) => [
      tf.layers.globalAveragePooling1d(),
      tf.layers.dense({ units: HIDDEN, activation: 'relu' }),
      tf.layers.dense({ units: 1, activation: 'sigmoid' }),
    ],
  },
  flatten: {
    summary: `Embedding(${VOCAB} x ${DIM}) -> Flatten -> Dense(1, sigmoid) (${SEQ * DIM} inputs)`,
    ours: (layers, seed) => [layers.flatten(), layers.dense({ units: 1, activation: 'sigmoid', seed })],
    tfjs: (tf) => [tf.layers.flatten(), tf.layers.dense({ units: 1, activation: 'sigmoid' })],
  },
};
