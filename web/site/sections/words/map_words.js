// Which words the word map shows, taken from the training worker's PCA snapshots (the
// most frequent words' vectors projected on their first two principal components): by
// default the most frequent words that are not stopwords, or the words the reader typed.
import { STOPWORDS } from './stopwords.js';

/** The first `n` snapshot words (most frequent first) that are content words. */
export function defaultWords(snapshotWords, n) {
  return snapshotWords.filter((w) => w.length > 1 && !STOPWORDS.has(w) && !/^\d+$/.test(w)).slice(0, n);
}

/** A reader's list, "whale, ship sea" -> ['whale', 'ship', 'sea'], lower-cased, no repeats. */
export function parseWords(text) {
  return [...new Set(text.toLowerCase().split(/[\s,;]+/).filter(Boolean))];
}

/**
 * Principal axes are defined up to sign, so two snapshots of the same words may mirror each
 * other: turns each axis of `next` to agree with `previous` (in place), so points move.
 */
export function alignAxes(previous, next) {
  if (!previous || previous.words.length !== next.words.length || previous.words.some((w, i) => w !== next.words[i])) return;
  const n = next.words.length;
  for (let axis = 0; axis < 2; ++axis) {
    let agreement = 0;
    for (let i = 0; i < n; ++i) agreement += next.projection[2 * i + axis] * previous.projection[2 * i + axis];
    if (agreement < 0) for (let i = 0; i < n; ++i) next.projection[2 * i + axis] = -next.projection[2 * i + axis];
  }
}

/** The chosen words found in the snapshot, their coordinates, and those not in it. */
export function pickFrom(snapshot, chosen) {
  const index = new Map(snapshot.words.map((w, i) => [w, i]));
  const words = chosen.filter((w) => index.has(w));
  const coords = new Float64Array(2 * words.length);
  words.forEach((w, i) => {
    coords[2 * i] = snapshot.projection[2 * index.get(w)];
    coords[2 * i + 1] = snapshot.projection[2 * index.get(w) + 1];
  });
  return { words, coords, missing: chosen.filter((w) => !index.has(w)) };
}
