// The word vectors the page currently works with: the last ones trained in "Train word
// vectors" or imported in "Take it with you". One owner, so that replacing them disposes
// the old wasm-side table exactly once and every section sees the same KeyedVectors.
const listeners = new Set();
let current = null;  // { vectors: KeyedVectors, source: string, minCount?: number }

export function currentVectors() {
  return current;
}

/**
 * Makes `vectors` current (disposing the previous ones) and tells every subscriber.
 * minCount: the training's minimum count, when they were trained here (explains why a
 * word has no vector).
 */
export async function setVectors(vectors, source, { minCount } = {}) {
  const previous = current;
  current = { vectors, source, minCount };
  if (previous && previous.vectors !== vectors) previous.vectors.dispose();
  // Each subscriber in its own task: each runs queries over the new vectors, and together
  // they would hold the page for one long task. Resolves when all have run.
  const now = current;
  for (const fn of [...listeners]) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (current !== now) return;
    fn(now);
  }
}

/** Calls fn(current) now (if there are vectors) and after every change; returns an unsubscribe. */
export function onVectors(fn) {
  listeners.add(fn);
  if (current) fn(current);
  return () => listeners.delete(fn);
}
