// Quality of our word2vec against gensim 4.2 on the same sentences (npm run compare-gensim):
// skip-gram, vectorSize 100, window 5, negative 5, minCount 5, sample 1e-3, 5 epochs, one
// thread, on SOTU tokenised once by scripts/word2vec_corpus.mjs. For each seed, trains ours
// (the built dist/) and gensim (scripts/compare_gensim.py, which also does the measuring
// with gensim's own code so both models meet the same evaluator), then writes a markdown
// report to build/compare-gensim/report.md and stdout.
//
// Usage: node scripts/compare_gensim.mjs [--seeds 1,2,3]   (~4 minutes with three seeds)
// Needs dist/ built and /usr/bin/python3 with gensim (Debian: python3-gensim).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { init, Word2Vec } from '../dist/index.js';
import { readArgs } from './lib/args.mjs';
import { writeSotuCorpus } from './word2vec_corpus.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'build', 'compare-gensim');
const QUESTIONS = join(ROOT, 'tests', 'data', 'sotu_analogies.txt');
const PYTHON_SIDE = join(ROOT, 'scripts', 'compare_gensim.py');
const OPTIONS = { vectorSize: 100, window: 5, negative: 5, minCount: 5, sample: 1e-3, sg: 1, hs: 0, epochs: 5, threads: 1 };

function parseSeeds() {
  const usage = 'node scripts/compare_gensim.mjs [--seeds 1,2,3]';
  const seeds = readArgs({ name: 'compare_gensim', usage, options: { seeds: { type: 'string', default: '1,2,3' } } }).seeds.split(',').map(Number);
  if (!seeds.every((s) => Number.isInteger(s) && s >= 1)) {
    console.error(`compare_gensim: --seeds must be integers >= 1 separated by commas\nusage: ${usage}`);
    process.exit(2);
  }
  return seeds;
}

async function trainOurs(text, seed, questions) {
  const t0 = performance.now();
  const w2v = new Word2Vec({ ...OPTIONS, seed });
  const r = await w2v.train(text);
  const seconds = (performance.now() - t0) / 1000;
  writeFileSync(join(OUT, `ours_seed${seed}.bin`), w2v.wv.save({ format: 'word2vec-binary' }));
  const own = w2v.wv.evaluateWordAnalogies(questions);
  const result = {
    seconds, vocab: r.vocabSize, loss: r.loss,
    analogies: {
      score: own.score,
      sections: Object.fromEntries(own.sections.map((s) => [s.section, { correct: s.correct.length, total: s.correct.length + s.incorrect.length }])),
    },
  };
  w2v.dispose();
  return result;
}

// mean (min–max) over seeds or seed pairs, as a fraction shown in percent.
function spread(values, digits = 1) {
  if (!values.length) return '—';
  const pct = (x) => (100 * x).toFixed(digits);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return values.length === 1 ? `${pct(mean)}%` : `${pct(mean)}% (${pct(Math.min(...values))}–${pct(Math.max(...values))})`;
}

function table(header, rows) {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function report(seeds, corpus, ours, g) {
  const lines = [];
  const p = (s = '') => lines.push(s);
  p('# embedwasm word2vec vs gensim on SOTU');
  p();
  p(`Skip-gram, vectorSize 100, window 5, negative 5, minCount 5, sample 1e-3, 5 epochs, one thread; ` +
    `the same ${corpus.sentences} tokenised sentences (${corpus.tokens} tokens, scripts/word2vec_corpus.mjs) for both. ` +
    `Seeds ${seeds.join(', ')}; "mean (min–max)" is over seeds, or over pairs of models for overlaps. ` +
    `gensim ${g?.gensim_version ?? 'missing'}, Node ${process.version}.`);
  p();
  if (!g) {
    p('**gensim is missing** (`/usr/bin/python3 -c "import gensim"` failed), so only our own figures are shown.');
    p();
  } else {
    p(`Vocabulary: ours ${g.vocab.ours} words, gensim ${g.vocab.gensim}; same word set: ${g.vocab.same_words ? 'yes' : 'NO'}. ` +
      `Training time, seed ${seeds[0]}: ours ${ours[0].seconds.toFixed(1)} s, gensim ${g.train_s[`gensim_seed${seeds[0]}`].toFixed(1)} s.`);
    p();
    p('## Neighbour overlap');
    p();
    p(`|top-10(ours) ∩ top-10(gensim)| / 10, averaged over the words ranked ${g.overlap_ranks[0]}–${g.overlap_ranks[1] - 1} by frequency, ` +
      'and over the probe words below. gensim against gensim with another seed is the noise floor: ' +
      'ours-vs-gensim near it means ours is as close to gensim as gensim is to itself.');
    p();
    p(table(['models compared', `words ranked ${g.overlap_ranks[0]}–${g.overlap_ranks[1] - 1}`, `${g.probes.length} probe words`, 'pairs'], [
      ['ours vs gensim (every seed pair)', spread(g.overlap['ours-gensim']), spread(g.probe_overlap['ours-gensim']), g.overlap['ours-gensim'].length],
      ['gensim vs gensim, other seed (noise floor)', spread(g.overlap['gensim-gensim']), spread(g.probe_overlap['gensim-gensim']), g.overlap['gensim-gensim'].length],
      ['ours vs ours, other seed', spread(g.overlap['ours-ours']), spread(g.probe_overlap['ours-ours']), g.overlap['ours-ours'].length],
    ]));
    p();
    p('## Analogies');
    p();
    p('tests/data/sotu_analogies.txt (questions written from SOTU\'s own vocabulary); questions with a word ' +
      'outside the vocabulary are skipped. gensim\'s evaluate_word_analogies scores both models (ours loaded from ' +
      'the word2vec binary file we save); our KeyedVectors.evaluateWordAnalogies scores ours as a cross-check.');
    p();
    const sections = Object.keys(g.analogies_gensim_evaluator[`gensim_seed${seeds[0]}`].sections);
    const col = (model, name) => seeds.map((s) => {
      const sec = g.analogies_gensim_evaluator[`${model}_seed${s}`].sections[name];
      return sec.correct / sec.total;
    });
    const totals = (model) => seeds.map((s) => g.analogies_gensim_evaluator[`${model}_seed${s}`].score);
    const ownCol = (name) => ours.map((o) => (o.analogies.sections[name] ? o.analogies.sections[name].correct / o.analogies.sections[name].total : NaN));
    const n = (name) => g.analogies_gensim_evaluator[`gensim_seed${seeds[0]}`].sections[name].total;
    p(table(['section', 'questions', 'ours (gensim evaluator)', 'gensim (gensim evaluator)', 'ours (our evaluator)'], [
      ...sections.filter((s) => s !== 'Total accuracy').map((s) => [s, n(s), spread(col('ours', s)), spread(col('gensim', s)), spread(ownCol(s))]),
      ['**total**', n('Total accuracy'), spread(totals('ours')), spread(totals('gensim')), spread(ours.map((o) => o.analogies.score))],
    ]));
    p();
    p(`## Nearest neighbours, seed ${seeds[0]}`);
    p();
    const key = (model) => `${model}_seed${seeds[0]}`;
    p(table(['word', 'ours top 10', 'gensim top 10', 'shared'], g.probes.map((w) => {
      const a = (g.neighbours[key('ours')][w] ?? []).map(([x]) => x);
      const b = (g.neighbours[key('gensim')][w] ?? []).map(([x]) => x);
      const shared = a.filter((x) => b.includes(x)).length;
      return [`**${w}**`, a.join(', '), b.join(', '), `${shared}/10`];
    })));
  }
  if (!g) {
    p(table(['seed', 'ours analogy accuracy (our evaluator)', 'seconds'], ours.map((o, i) => [seeds[i], spread([o.analogies.score]), o.seconds.toFixed(1)])));
  }
  return `${lines.join('\n')}\n`;
}

const seeds = parseSeeds();
mkdirSync(OUT, { recursive: true });
const corpus = writeSotuCorpus();
const text = readFileSync(corpus.path, 'utf8');
const questions = readFileSync(QUESTIONS, 'utf8');
// The SIMD-only build: single-threaded training needs no thread pool.
await init({ threads: false });
const ours = [];
for (const seed of seeds) {
  console.error(`training ours, seed ${seed}`);
  ours.push(await trainOurs(text, seed, questions));
  console.error(`  ${ours.at(-1).seconds.toFixed(1)} s`);
}
let g = null;
const probe = spawnSync('/usr/bin/python3', ['-c', 'import gensim'], { encoding: 'utf8' });
if (probe.status === 0) {
  console.error('training gensim and measuring both (scripts/compare_gensim.py)');
  const r = spawnSync('/usr/bin/python3', [PYTHON_SIDE, corpus.path, QUESTIONS, OUT, ...seeds.map(String)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 });
  if (r.status !== 0) {
    console.error(`compare_gensim: ${PYTHON_SIDE} failed with status ${r.status}`);
    process.exit(1);
  }
  g = JSON.parse(r.stdout.trim().split('\n').pop());
  writeFileSync(join(OUT, 'measures.json'), `${JSON.stringify({ seeds, corpus, ours, gensim: g }, null, 2)}\n`);
} else {
  console.error('compare_gensim: gensim is not importable by /usr/bin/python3; reporting ours only');
}
const md = report(seeds, corpus, ours, g);
writeFileSync(join(OUT, 'report.md'), md);
console.log(md);
console.error(`wrote ${join(OUT, 'report.md')}`);
