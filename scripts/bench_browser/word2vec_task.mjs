// Our Word2Vec on SOTU in the page, with the settings and timing of the Node bench
// (scripts/bench_word2vec_ours.mjs): the same tokenised file, each epoch timed from a
// progress event at every chunk (a chunk never crosses an epoch boundary, so an epoch ends
// exactly at an event whose word count is a multiple of the corpus's); the time a page
// waits, the event loop turns between chunks included.
import { errorText } from '/scripts/bench_stats.mjs';

export async function runWord2Vec({ contender, build, threads, epochs, seed, expectedVocab, expectedTokens }) {
  const record = { bench: 'word2vec', case: 'sotu', contender, variant: contender, system: 'embedwasm', threads };
  try {
    const { init, Word2Vec } = await import('/dist/index.js');
    const info = await init({ threads: build === 'threads' });
    record.runtime = `embedwasm dist/ ${info.variant} build`;
    const text = await (await fetch('/corpus/sotu.txt')).text();
    const t0 = performance.now();
    const w2v = new Word2Vec({
      vectorSize: 100, window: 5, minCount: 5, sample: 1e-3, sg: 1, hs: 0, negative: 5,
      epochs, threads, seed,
    });
    if (w2v.threadsUsed !== threads) throw new Error(`asked for ${threads} threads, the ${info.variant} build runs ${w2v.threadsUsed}`);
    await w2v.buildVocab(text);
    const t1 = performance.now();
    const events = [];
    const r = await w2v.train(undefined, {
      progressEvery: 0,
      onProgress: (p) => events.push([performance.now(), p.wordsProcessed]),
    });
    const t2 = performance.now();
    const epochEnds = events.filter(([, words]) => words > 0 && words % r.corpusWords === 0).map(([t]) => t);
    if (epochEnds.length !== epochs) throw new Error(`found ${epochEnds.length} epoch ends in the progress events, expected ${epochs}`);
    const epochMs = epochEnds.map((t, i) => t - (i === 0 ? t1 : epochEnds[i - 1]));
    // The same corpus and vocabulary as the Node bench's, and every word of every epoch trained.
    const problems = [];
    if (r.corpusWords !== expectedTokens) problems.push(`corpus words ${r.corpusWords}, the file has ${expectedTokens}`);
    if (r.vocabSize !== expectedVocab) problems.push(`vocabulary ${r.vocabSize}, the file has ${expectedVocab} words with count >= 5`);
    if (r.wordsProcessed !== expectedTokens * epochs) problems.push(`trained ${r.wordsProcessed} raw words, expected ${expectedTokens * epochs}`);
    if (!r.epochLosses.every(Number.isFinite)) problems.push(`epoch losses not finite: ${r.epochLosses}`);
    Object.assign(record, {
      ok: problems.length === 0, build: info.variant, epochs, tokens: r.corpusWords,
      raw_words: r.wordsProcessed, effective_words: r.effectiveWords, vocab: r.vocabSize,
      vocab_s: (t1 - t0) / 1000, train_s: (t2 - t1) / 1000, total_s: (t2 - t0) / 1000, epoch_ms: epochMs,
      epoch_losses: r.epochLosses, own_words_per_second: r.wordsPerSecond,
      sample_similar: w2v.wv.mostSimilar('war', { topn: 5 }).map(([w]) => w),
      check: 'corpus words and vocabulary equal to the tokenised file\'s; every raw word of every epoch trained; finite losses',
    });
    if (problems.length) Object.assign(record, { stage: 'check', error: problems.join('; ') });
    w2v.dispose();
  } catch (error) {
    Object.assign(record, { ok: false, stage: 'train', error: errorText(error) });
  }
  return record;
}
