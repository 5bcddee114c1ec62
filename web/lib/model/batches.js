// Everything fit() needs besides the model: seeded shuffling, validation splits and
// per-sample weights from classWeight, on plain {data, shape} arrays.

// mulberry32: small, seeded, the same sequence in every JS engine.
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function permutation(n, random) {
  const order = Uint32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; --i) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}

export function sampleSize(t) {
  return t.shape.slice(1).reduce((a, b) => a * b, 1);
}

/** Rows [start, end) of order gathered from t into a new {data, shape}. */
export function takeRows(t, order, start, end) {
  const row = sampleSize(t);
  const data = new Float32Array((end - start) * row);
  for (let i = start; i < end; ++i) data.set(t.data.subarray(order[i] * row, (order[i] + 1) * row), (i - start) * row);
  return { data, shape: [end - start, ...t.shape.slice(1)] };
}

/** Keras validationSplit: the last fraction of the samples, taken before shuffling. */
export function splitTail(t, fraction) {
  const n = t.shape[0];
  const nVal = Math.floor(n * fraction);
  const row = sampleSize(t);
  const cut = (n - nVal) * row;
  return [
    { data: t.data.subarray(0, cut), shape: [n - nVal, ...t.shape.slice(1)] },
    { data: t.data.subarray(cut), shape: [nVal, ...t.shape.slice(1)] },
  ];
}

/** Per-sample weights from {classId: weight}; classes read from y as Keras does. */
export function classWeights(y, classWeight) {
  const n = y.shape[0];
  const row = sampleSize(y);
  const weights = new Float32Array(n);
  for (let i = 0; i < n; ++i) {
    let cls;
    if (row === 1) {
      cls = Math.round(y.data[i]);
    } else {
      cls = 0;
      for (let k = 1; k < row; ++k) if (y.data[i * row + k] > y.data[i * row + cls]) cls = k;
    }
    weights[i] = classWeight[cls] ?? 1;
  }
  return weights;
}
