// The word2vec benchmark's training run, shared by the package's Node contender (ours.mjs)
// and the page (page.mjs): the skip-gram settings, and each epoch timed from a
// progress event at every chunk. A chunk never crosses an epoch boundary, so an epoch ends
// exactly at an event whose word count is a multiple of the corpus's: the time a caller
// waits, event loop turns between chunks included. No node: imports (the page loads this
// module).
import { summarize } from '../common/stats.mjs';

/**
 * A record's timing fields from its epochs' times: the first epoch is the warm-up, the
 * rest the timed repetitions; speed in raw corpus words per second per thread.
 */
export function epochTimings(epochMs, tokens, threads) {
  const stats = summarize(epochMs.slice(1));
  return {
    warmup: 1, reps: epochMs.length - 1, ...stats,
    words_per_second_per_thread: tokens / (stats.median_ms / 1000) / threads,
  };
}

/**
 * Trains `Word2Vec` (the package's class, after init()) on `text`; resolves
 * {w2v, result, epochMs, vocabMs, trainMs}. The caller disposes w2v.
 */
export async function trainTimedEpochs(Word2Vec, text, { epochs, threads, seed }) {
  const t0 = performance.now();
  const w2v = new Word2Vec({
    vectorSize: 100, window: 5, minCount: 5, sample: 1e-3, sg: 1, hs: 0, negative: 5,
    epochs, threads, seed,
  });
  await w2v.buildVocab(text);
  const t1 = performance.now();
  const events = [];
  const result = await w2v.train(undefined, {
    progressEvery: 0,
    onProgress: (p) => events.push([performance.now(), p.wordsProcessed]),
  });
  const t2 = performance.now();
  const epochEnds = events.filter(([, words]) => words > 0 && words % result.corpusWords === 0).map(([t]) => t);
  if (epochEnds.length !== epochs) {
    w2v.dispose();
    throw new Error(`found ${epochEnds.length} epoch ends in the progress events, expected ${epochs}`);
  }
  const epochMs = epochEnds.map((t, i) => t - (i === 0 ? t1 : epochEnds[i - 1]));
  return { w2v, result, epochMs, vocabMs: t1 - t0, trainMs: t2 - t1 };
}
