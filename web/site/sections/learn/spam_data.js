// Ham vs spam subjects as model input: a seeded train / test split, then the package's
// textVectorization (Keras's rules: lowercase, strip ASCII punctuation, split on
// whitespace) adapted on the training part only, so the held-out part has genuinely
// unseen words. Each subject becomes T ids padded with 0; id 1 is any word outside the
// vocabulary (Keras's '' and '[UNK]').

export const PAD = 0;
export const UNK = 1;

// mulberry32: a tiny seeded generator so the split is the same in every browser. The
// package has the same one (web/lib/model/batches.js) but does not export it, and the site
// imports only the package's public API, so the site keeps this twin.
function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * @param {{subjects: string[], labels: number[]}} asset
 * @param {object} layers the package's layers namespace (after init())
 * @returns {{train: {x, y, n}, test: {x, y, n}, vocab: string[], vectorize, seqLength,
 *   majorityAccuracy, majorityLabel, counts: Map}} x: (n, T) Int32Array, y: (n) Float32Array;
 *   vectorize: the adapted textVectorization (texts -> (B, T) ids), which the caller disposes
 */
export function prepareSpam(asset, layers, { vocabSize = 2000, seqLength = 16, testFraction = 0.2, seed = 1 } = {}) {
  const rows = asset.subjects.map((s, i) => ({ text: s, label: asset.labels[i] }));
  const random = seededRandom(seed);
  for (let i = rows.length - 1; i > 0; --i) {
    const j = Math.floor(random() * (i + 1));
    [rows[i], rows[j]] = [rows[j], rows[i]];
  }
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
