// Ham vs spam subjects as model input: tokenise, split with a seeded shuffle, build the
// vocabulary on the training part only (so the held-out part has genuinely unseen words),
// and encode each subject as T ids padded with 0. Id 1 stands for any word outside the
// vocabulary.

export const PAD = 0;
export const UNK = 1;

/** Lower-cased words, numbers, and the "$" and "!" that spam subjects love. */
export function tokenize(text) {
  return text.toLowerCase().match(/[\p{L}\p{N}$!]+/gu) ?? [];
}

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

/** Ids for one text: (T) Int32Array, padded with PAD, unknown words as UNK. */
export function encodeText(text, index, seqLength) {
  const ids = new Int32Array(seqLength);
  tokenize(text).slice(0, seqLength).forEach((w, k) => { ids[k] = index.get(w) ?? UNK; });
  return ids;
}

/**
 * @param {{subjects: string[], labels: number[]}} asset
 * @returns {{train: {x, y, n}, test: {x, y, n}, vocab: string[], index: Map, seqLength,
 *   majorityAccuracy, majorityLabel, counts: Map}} x: (n, T) Int32Array, y: (n, 1) Float32Array
 */
export function prepareSpam(asset, { vocabSize = 2000, seqLength = 16, testFraction = 0.2, seed = 1 } = {}) {
  const rows = asset.subjects.map((s, i) => ({ text: s, tokens: tokenize(s), label: asset.labels[i] }));
  const random = seededRandom(seed);
  for (let i = rows.length - 1; i > 0; --i) {
    const j = Math.floor(random() * (i + 1));
    [rows[i], rows[j]] = [rows[j], rows[i]];
  }
  const nTest = Math.round(rows.length * testFraction);
  const testRows = rows.slice(0, nTest);
  const trainRows = rows.slice(nTest);

  const counts = new Map();
  for (const r of trainRows) for (const t of r.tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
  const vocab = ['<pad>', '<unk>', ...[...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, vocabSize - 2)
    .map(([w]) => w)];
  const index = new Map(vocab.map((w, i) => [w, i]));

  const encode = (part) => {
    const x = new Int32Array(part.length * seqLength);
    const y = new Float32Array(part.length);
    part.forEach((r, i) => {
      x.set(encodeText(r.text, index, seqLength), i * seqLength);
      y[i] = r.label;
    });
    return { x, y, n: part.length };
  };
  const testSpam = testRows.filter((r) => r.label === 1).length;
  return {
    train: encode(trainRows),
    test: encode(testRows),
    vocab,
    index,
    counts,
    seqLength,
    majorityAccuracy: Math.max(testSpam, testRows.length - testSpam) / testRows.length,
    majorityLabel: testSpam > testRows.length - testSpam ? 'spam' : 'ham',
  };
}
