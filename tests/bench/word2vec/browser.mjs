// The word2vec rows of the browser section (browser/chromium.mjs): our trainer built
// natively with -O3 -march=native (native.cpp, 1 and 2 threads: the baseline of the same
// run), then the package in a fresh page per contender (page.mjs) on the same tokenised
// SOTU file, one epoch the warm-up. Prints one JSON line per contender.
import { writeSotuCorpus } from '../../../scripts/word2vec_corpus.mjs';
import { printProgram } from '../common/programs.mjs';
import { epochTimings } from './timed_epochs.mjs';

export const CONTENDERS = [
  { contender: 'ours-simd-1', build: 'simd', threads: 1 },
  { contender: 'ours-2', build: 'threads', threads: 2 },
];

/**
 * page: {run(task, timeoutMs) -> what the page module returns, runtime, log, errorText};
 * o: {epochs, contenders (ids to run, empty: all), native}.
 */
export async function word2vecInBrowser(page, o) {
  const corpus = writeSotuCorpus();
  page.log(`corpus ${corpus.path}: ${corpus.tokens} tokens, ${corpus.vocabMinCount5} words with count >= 5`);
  if (o.native) {
    for (const threads of [1, 2]) await printProgram('native-march', 'word2vec_bench', [corpus.path, `--threads=${threads}`]);
  }
  for (const w of CONTENDERS) {
    if (o.contenders.length && !o.contenders.includes(w.contender)) continue;
    page.log(`word2vec: ${w.contender} (${w.build} build, ${w.threads} thread(s), 1 + ${o.epochs} epochs)`);
    const base = {
      bench: 'word2vec', case: 'sotu', contender: w.contender, variant: w.contender,
      what: `Word2Vec skip-gram on SOTU, ${w.build} build, ${w.threads} thread(s)`, env: 'chromium',
    };
    const task = { ...w, epochs: 1 + o.epochs, seed: 1, expectedVocab: corpus.vocabMinCount5, expectedTokens: corpus.tokens };
    try {
      const r = await page.run({ module: '/word2vec/page.mjs', task }, 120_000 + (1 + o.epochs) * 60_000);
      const record = { ...base, ...r, env: 'chromium', runtime: r.runtime ? `${page.runtime}, ${r.runtime}` : page.runtime };
      if (record.ok) {
        Object.assign(record, epochTimings(record.epoch_ms, corpus.tokens, w.threads));
        page.log(`  median epoch ${record.median_ms.toFixed(0)} ms, ${Math.round(record.words_per_second_per_thread)} words/s per thread`);
      } else {
        page.log(`  failed: ${record.error}`);
      }
      console.log(JSON.stringify(record));
    } catch (error) {
      console.log(JSON.stringify({ ...base, runtime: page.runtime, ok: false, error: page.errorText(error) }));
      page.log(`  failed: ${page.errorText(error)}`);
    }
  }
}
