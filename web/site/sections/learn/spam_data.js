// Ham vs spam subjects as model input: a seeded train / test split, then the package's
// textVectorization (Keras's rules: lowercase, strip ASCII punctuation, split on
// whitespace) adapted on the training part only, so the held-out part has genuinely
// unseen words. Each subject becomes T ids padded with 0; id 1 is any word outside the
// vocabulary (Keras's '' and '[UNK]').

export const PAD = 0;
export const UNK = 1;

// A seeded shuffle, the same in every browser and in Node: each row's place is an
// integer hash of its index and the seed (a multiply-xorshift mix, good enough to shuffle).
function seededKey(seed, i) {
  let x = (i + Math.imul(seed, 0x9e3779b9)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * @param {{subjects: string[], labels: number[]}} asset
 * @param {object} layers the package's layers namespace (after init())
 * @returns {{train: {x, y, n}, test: {x, y, n}, vocab: string[], vectorize, seqLength,
 *   majorityAccuracy, majorityLabel, counts: Map}} x: (n, T) Int32Array, y: (n) Float32Array;
 *   vectorize: the adapted textVectorization (texts -> (B, T) ids), which the caller disposes
 */
export function prepareSpam(asset, layers, { vocabSize = 2000, seqLength = 16, testFraction = 0.2, seed = 1 } = {}) {
  const rows = asset.subjects.map((s, i) => ({ text: s, label: asset.labels[i], key: seededKey(seed, i) }));
  rows.sort((a, b) => a.key - b.key);
  const nTest = Math.round(rows.length * testFraction);
  const testRows = rows.slice(0, nTest);
  const trainRows = rows.slice(nTest);

  const vectorize = layers.textVectorization({ maxTokens: vocabSize, outputSequenceLength: seqLength });
  vectorize.adapt(trainRows.map((r) => r.text));
  const vocab = vectorize.getVocabulary();
  const encode = (part) => ({
    x: vectorize.apply(part.map((r) => r.text)).data,
    y: Float32Array.from(part, (r) => r.label),
    n: part.length,
  });
  const train = encode(trainRows);
  // How often each word occurs in the training ids, for "words seen at least k times".
  const counts = new Map();
  for (const id of train.x) if (id > UNK) counts.set(vocab[id], (counts.get(vocab[id]) ?? 0) + 1);
  const testSpam = testRows.filter((r) => r.label === 1).length;
  return {
    train,
    test: encode(testRows),
    vocab,
    vectorize,
    counts,
    seqLength,
    majorityAccuracy: Math.max(testSpam, testRows.length - testSpam) / testRows.length,
    majorityLabel: testSpam > testRows.length - testSpam ? 'spam' : 'ham',
  };
}
