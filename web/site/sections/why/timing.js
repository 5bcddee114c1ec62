// Times one sequence through both routes with the package: layers.embedding.apply on T
// ids, and a bias-free Dense (kernel = the same table) on the (T, V) one-hot matrix.
// Each is repeated until it has run for a while so a fast lookup is not lost in timer
// resolution (browsers coarsen performance.now()).

function repeatMs(fn, minMs = 60) {
  fn();  // warm-up: first call pays for heap growth
  let runs = 0;
  const start = performance.now();
  do { fn(); runs += 1; } while (performance.now() - start < minMs);
  return (performance.now() - start) / runs;
}

export function timeBoth({ layers, sequential }, v, d, t) {
  const embedding = layers.embedding({ inputDim: v, outputDim: d, seed: 1 });
  const model = sequential([layers.dense({ units: d, useBias: false, weights: embedding.getWeights() })]);
  try {
    model.build([v]);
    const ids = new Int32Array(t);
    for (let i = 0; i < t; ++i) ids[i] = (i * 7919) % v;  // spread over the table
    const oneHot = new Float32Array(t * v);
    for (let i = 0; i < t; ++i) oneHot[i * v + ids[i]] = 1;
    const x = { data: ids, shape: [1, t] };
    const xo = { data: oneHot, shape: [t, v] };
    const a = embedding.apply(x);
    const b = model.predict(xo);
    const same = a.data.every((value, i) => value === b.data[i]);
    // The fixed cost of one call (JS into WebAssembly and back, result allocation), seen
    // on a lookup of a single id: it explains most of a short sequence's lookup time.
    const one = { data: ids.subarray(0, 1), shape: [1, 1] };
    return {
      lookupMs: repeatMs(() => embedding.apply(x)),
      denseMs: repeatMs(() => model.predict(xo)),
      oneIdMs: repeatMs(() => embedding.apply(one)),
      same,
    };
  } finally {
    model.dispose();
    embedding.dispose();
  }
}
