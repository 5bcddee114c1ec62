// one-hot(x) · W with the package: a bias-free Dense layer whose kernel is W multiplies the
// (B·T, V) one-hot matrix. This is the computation an embedding lookup replaces.

/** @returns {{oneHot: number[][], out: {data: Float32Array, shape: number[]}}} out: (B·T, D) */
export function oneHotProduct(layers, sequential, W, ids) {
  const v = W.length;
  const d = W[0].length;
  const flat = ids.flat();
  const oneHot = flat.map((id) => Array.from({ length: v }, (_, j) => (j === id ? 1 : 0)));
  const model = sequential([layers.dense({ units: d, useBias: false, weights: [W] })]);
  try {
    model.build([v]);
    return { oneHot, out: model.predict(oneHot) };
  } finally {
    model.dispose();
  }
}
