// Our Word2Vec on SOTU in the browser section's page, with the settings and timing of
// the Node contender (timed_epochs.mjs, shared with ours.mjs) on the same tokenised file.
import { errorText } from '../common/stats.mjs';
import { trainTimedEpochs } from './timed_epochs.mjs';

export async function run({ contender, build, threads, epochs, seed, expectedVocab, expectedTokens }) {
  const record = { bench: 'word2vec', case: 'sotu', contender, variant: contender, system: 'embedwasm', threads };
  try {
    const { init, Word2Vec } = await import('/dist/browser.js');
    const info = await init({ threads: build === 'threads' });
    record.runtime = `embedwasm dist/ ${info.variant} build`;
    const text = await (await fetch('/corpus/sotu.txt')).text();
    const { w2v, result: r, epochMs, vocabMs, trainMs } = await trainTimedEpochs(Word2Vec, text, { epochs, threads, seed });
    if (w2v.threadsUsed !== threads) {
      w2v.dispose();
      throw new Error(`asked for ${threads} threads, the ${info.variant} build runs ${w2v.threadsUsed}`);
    }
    // The same corpus and vocabulary as the Node bench's, and every word of every epoch trained.
    const problems = [];
    if (r.corpusWords !== expectedTokens) problems.push(`corpus words ${r.corpusWords}, the file has ${expectedTokens}`);
    if (r.vocabSize !== expectedVocab) problems.push(`vocabulary ${r.vocabSize}, the file has ${expectedVocab} words with count >= 5`);
    if (r.wordsProcessed !== expectedTokens * epochs) problems.push(`trained ${r.wordsProcessed} raw words, expected ${expectedTokens * epochs}`);
    if (!r.epochLosses.every(Number.isFinite)) problems.push(`epoch losses not finite: ${r.epochLosses}`);
    Object.assign(record, {
      ok: problems.length === 0, build: info.variant, epochs, tokens: r.corpusWords,
      raw_words: r.wordsProcessed, effective_words: r.effectiveWords, vocab: r.vocabSize,
      vocab_s: vocabMs / 1000, train_s: trainMs / 1000, total_s: (vocabMs + trainMs) / 1000, epoch_ms: epochMs,
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
