// What training did to the table, read off the weights before and after: a map of the
// task's strongest words (horizontal: each word's pull toward spam, its row · the Dense
// kernel; vertical: the main other direction their rows differ in), a few rows of W
// before and after, the padding and unknown-word rows, and what a word's score means.
import { el, num } from '../../common/dom.js';
import { matrixTable } from '../../common/tensor_view.js';
import { createWordMap } from '../../common/word_map.js';
import { PAD, UNK } from './spam_data.js';

const SPAM_COLOUR = '#c0392b';
const HAM_COLOUR = '#1f6fb2';
const sigmoid = (z) => 1 / (1 + Math.exp(-z));

function row(W, r, d) {
  return Array.from(W.subarray(r * d, (r + 1) * d));
}

function dot(a, b) {
  let s = 0;
  for (let i = 0; i < a.length; ++i) s += a[i] * b[i];
  return s;
}

/**
 * The unit vector along which `vectors` (after removing their part along `unitK`) vary
 * most: power iteration on their covariance, enough for a few dozen 16-d rows.
 */
function secondAxis(vectors, unitK) {
  const d = unitK.length;
  const rest = vectors.map((v) => { const a = dot(v, unitK); return v.map((x, i) => x - a * unitK[i]); });
  const mean = new Array(d).fill(0);
  for (const v of rest) v.forEach((x, i) => { mean[i] += x / rest.length; });
  const centred = rest.map((v) => v.map((x, i) => x - mean[i]));
  let axis = Array.from({ length: d }, (_, i) => (i === 0 ? 1 : 0.5 / (i + 1)));
  for (let it = 0; it < 50; ++it) {
    const next = new Array(d).fill(0);
    for (const v of centred) { const a = dot(v, axis); v.forEach((x, i) => { next[i] += a * x; }); }
    const along = dot(next, unitK);
    const cleaned = next.map((x, i) => x - along * unitK[i]);
    const norm = Math.hypot(...cleaned) || 1;
    axis = cleaned.map((x) => x / norm);
  }
  return axis;
}

/**
 * @param {object} o before: W before training (Float32Array), after: W after, kernel: the
 *   Dense kernel (D), bias, vocab, words: topWords() of the trained model, unkShare:
 *   {spam, ham} counts of unknown-word positions in training subjects, unknownExample: a
 *   subject of unknown words only, allUnknownP: its P(spam)
 * @returns {{element: HTMLElement, draw: () => void, destroy: () => void}} draw() once the
 *   element is in the page
 */
export function trainingShowcase({ before, after, kernel, bias, vocab, words, unkShare, unknownExample, allUnknownP }) {
  const d = kernel.length;
  const k = Array.from(kernel);
  const kNorm = Math.hypot(...k);
  const unitK = k.map((x) => x / kNorm);
  const chosen = [...words.spam.slice(0, 8).map((w) => [w.word, 'spam']), ...words.ham.slice(0, 8).map((w) => [w.word, 'ham'])];
  const ids = chosen.map(([w]) => vocab.indexOf(w));
  const yAxis = secondAxis(ids.map((r) => row(after, r, d)), unitK);
  const project = (W) => Float64Array.from(ids.flatMap((r) => { const v = row(W, r, d); return [dot(v, unitK), dot(v, yAxis)]; }));
  const colours = chosen.map(([, side]) => (side === 'spam' ? SPAM_COLOUR : HAM_COLOUR));
  const beforeBox = el('div', { className: 'pca-scatter', dataset: { testid: 'spam-map-before' } });
  const afterBox = el('div', { className: 'pca-scatter', dataset: { testid: 'spam-map-after' } });

  const shownRows = [PAD, UNK, ...ids.slice(0, 2), ...ids.slice(8, 10)];
  const label = (r) => (r === PAD ? '(padding) 0' : r === UNK ? '[UNK] 1' : `${vocab[r]} ${r}`);
  const withScore = (W) => shownRows.map((r) => [...row(W, r, d).slice(0, 6), dot(row(W, r, d), k)]);
  const cols = (c) => (c < 6 ? `w${c}` : 'row·k');
  const padUnchanged = row(before, PAD, d).every((v, i) => v === after[PAD * d + i]);
  const unkScore = dot(row(after, UNK, d), k);
  let maps = [];
  const top = words.spam[0];

  const element = el('div', { className: 'showcase', dataset: { testid: 'spam-showcase', padUnchanged: String(padUnchanged) } },
    el('h3', {}, 'What training did to the table'),
    el('p', {}, 'The 8 words that pull hardest toward spam (red) and toward ham (blue), before and after training. ',
      'Across: each row\'s position along the Dense kernel k (right = toward spam). Up: the main other ',
      'direction in which these rows differ. Each axis of each picture is scaled to fit. Before training the rows ',
      'are the random starting values and the two kinds are mixed; training pushes them apart along k.'),
    el('div', { className: 'panels showcase-maps' },
      el('figure', {}, el('figcaption', {}, 'Before training (random rows)'), beforeBox),
      el('figure', {}, el('figcaption', {}, 'After training'), afterBox)),
    el('p', {}, `Six of the ${d} columns of a few rows, before and after, with each row's score:`),
    el('div', { className: 'panels' },
      el('div', { className: 'scroll' }, matrixTable(withScore(before), { caption: 'W before training', rowLabel: (i) => label(shownRows[i]), colLabel: cols })),
      el('div', { className: 'scroll', dataset: { testid: 'spam-rows-after' } }, matrixTable(withScore(after), { caption: 'W after training', rowLabel: (i) => label(shownRows[i]), colLabel: cols }))),
    el('h3', {}, 'Reading the scores'),
    el('p', {}, 'The model averages the rows of a subject\'s words and applies the Dense layer: logit = mean(rows) · k + b, ',
      `P(spam) = 1 / (1 + e^−logit), with b = ${num(bias)} here. So a word's score, row · k, is what it adds to the logit `,
      `when it is the only word; in a subject of n words it adds score / n. "${top.word}" (score ${num(top.score)}) `,
      `alone gives P(spam) = ${num(sigmoid(top.score + bias))}; as one of 10 words it adds ${num(top.score / 10)} to the logit, `,
      `worth P(spam) = ${num(sigmoid(top.score / 10 + bias))} if the other nine add nothing.`),
    el('ul', {},
      el('li', {}, el('strong', {}, 'Row 0, padding. '), 'Subjects are padded with id 0 to 16 ids. With maskZero the average skips ',
        `those positions, so row 0 never gets a gradient: it is ${padUnchanged ? 'exactly the same' : 'not the same'} before and after.`),
      el('li', {}, el('strong', {}, 'Row 1, [UNK]. '), `Every word outside the ${vocab.length - 2} kept is looked up here, one shared row. `,
        `In training, ${unkShare.spam} unknown-word positions were in spam subjects and ${unkShare.ham} in ham, so the row learned `,
        `score ${num(unkScore)}: an unknown word is ${unkScore > 0 ? 'evidence of spam' : 'evidence of ham'}. That is why a subject of made-up `,
        `words such as "${unknownExample}" gets P(spam) = ${num(allUnknownP)} = sigmoid(${num(unkScore)} + ${num(bias)}): all its rows are this one row.`)),
  );
  return {
    element,
    draw() {
      maps = [createWordMap(beforeBox, { equalAxes: false }), createWordMap(afterBox, { equalAxes: false })];
      const names = chosen.map(([w]) => w);
      maps[0].show(names, project(before), { colors: colours });
      maps[1].show(names, project(after), { colors: colours });
    },
    destroy() {
      for (const map of maps) map.destroy();
    },
  };
}
