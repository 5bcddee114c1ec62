// Section 1: the lookup itself. An editable table W (V, D) and ids x (B, T) go through
// layers.embedding; the same output comes from one-hot(x) · W computed by a bias-free
// Dense layer, with the work each way takes. Then the Keras documentation example, and
// how training fills W (what/learn_w.js).
import { codeSnippet, el, int } from '../common/dom.js';
import { NumberGrid } from '../common/number_grid.js';
import { matrixTable, sequenceTensor } from '../common/tensor_view.js';
import { mountKerasExample } from './what/keras_example.js';
import { mountLearnW } from './what/learn_w.js';
import { oneHotProduct } from './what/one_hot.js';

/** The reader's current W and x as a program that prints the same output. */
function snippet(W, ids) {
  const isLasagne = JSON.stringify(W) === JSON.stringify(LASAGNE_W) && JSON.stringify(ids) === JSON.stringify(LASAGNE_X);
  const shape = `[${ids.length}, ${ids[0].length}, ${W[0].length}]`;
  return `
import { init, layers } from 'embedwasm';

await init();
${isLasagne ? '// Lasagne\'s example: W = arange(15).reshape(3, 5), ids x of shape (batch, seq)\n' : ''}const W = ${JSON.stringify(W)};
const embedding = layers.embedding({ inputDim: ${W.length}, outputDim: ${W[0].length}, weights: [W] });
const out = embedding.apply(${JSON.stringify(ids)});
console.log(out.shape); // ${shape}: (batch, seq, output_dim)
console.log(out.data);  // rows ${ids.flat().join(', ')} of W
embedding.dispose();    // frees the table's wasm memory
`;
}

const LASAGNE_W = [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9], [10, 11, 12, 13, 14]];
const LASAGNE_X = [[0, 2], [1, 2]];

// A size outside the demo's range is set to the nearest allowed one, and the note says so.
function sizeInput(label, value, min, max, onChange, note) {
  const input = el('input', { type: 'number', min, max, step: 1, value: String(value) });
  input.addEventListener('change', () => {
    const typed = Math.round(Number(input.value));
    const v = Math.min(max, Math.max(min, Number.isFinite(typed) ? typed : value));
    input.value = String(v);
    note.textContent = v === typed ? '' : `${label.split(' ')[0]} is ${min}–${max} in this demo, so ${v} is used (you typed ${input.dataset.typed ?? typed}).`;
    onChange();
  });
  input.addEventListener('input', () => { input.dataset.typed = input.value; });
  return { input, label: el('label', { className: 'size' }, `${label} `, input) };
}

export function mount(section, { embedwasm }) {
  const { layers } = embedwasm;
  section.append(el('p', {},
    'Edit the table W or the ids x. W has input_dim rows, one per possible id, and output_dim ',
    'columns: the names Keras uses (Embedding(input_dim, output_dim)); Lasagne calls them input_size ',
    'and output_size. The layer copies row x[b][t] of W to position (b, t) of the output, so ids of ',
    'shape (batch, seq) become vectors of shape (batch, seq, output_dim). The defaults are the ',
    'example from the Lasagne documentation: W = arange(15).reshape(3, 5) and x = [[0, 2], [1, 2]]. ',
    'Each row of W and the output rows copied from it share a colour.'));

  const clampNote = el('p', { className: 'note', role: 'status', dataset: { testid: 'lookup-clamp' } });
  const V = sizeInput('input_dim (rows of W)', 3, 1, 10, () => resize(), clampNote);
  const D = sizeInput('output_dim (columns of W)', 5, 1, 8, () => resize(), clampNote);
  const B = sizeInput('batch', 2, 1, 4, () => resize(), clampNote);
  const T = sizeInput('seq (ids per sequence)', 2, 1, 6, () => resize(), clampNote);
  const defaults = LASAGNE_X;
  const w = new NumberGrid({ name: 'W', rows: 3, cols: 5, fill: (r, c) => r * 5 + c, onChange: () => update() });
  const x = new NumberGrid({ name: 'x', rows: 2, cols: 2, step: 1, fill: (r, c) => defaults[r]?.[c] ?? 0, onChange: () => update() });

  const shapeLine = el('p', { className: 'shape', dataset: { testid: 'lookup-shape' } });
  const error = el('p', { className: 'error', role: 'alert', dataset: { testid: 'lookup-error' }, hidden: true });
  const output = el('div', { className: 'figure-body', dataset: { testid: 'lookup-output' } });
  const oneHot = el('div', { className: 'figure-body', dataset: { testid: 'onehot-output' } });
  const match = el('p', { className: 'match', dataset: { testid: 'lookup-match' } });
  const costs = el('p', { className: 'costs', dataset: { testid: 'lookup-costs' } });

  section.append(
    el('fieldset', { className: 'sizes' }, el('legend', {}, 'Shapes'), V.label, D.label, B.label, T.label, clampNote),
    el('div', { className: 'panels' },
      el('figure', {}, el('figcaption', {}, 'W: the table (input_dim × output_dim)'), el('div', { className: 'scroll' }, w.table)),
      el('figure', {}, el('figcaption', {}, 'x: the ids (batch × seq)'), el('div', { className: 'scroll' }, x.table)),
      el('figure', {}, el('figcaption', {}, 'layers.embedding(W).apply(x)'), shapeLine, error, el('div', { className: 'scroll' }, output))),
    el('h3', {}, 'The same thing as a matrix product'),
    el('p', {},
      'Write each id as a one-hot row of length input_dim (a 1 in column id, zeros elsewhere). ',
      'Multiplying that (batch·seq × input_dim) matrix by W selects the same rows. Below, the product is computed ',
      'by a bias-free layers.dense with kernel W, and compared with the lookup value for value.'),
    el('div', { className: 'scroll' }, oneHot), match, costs,
  );

  function resize() {
    w.resize(Number(V.input.value), Number(D.input.value));
    x.resize(Number(B.input.value), Number(T.input.value));
    update();
  }

  function update() {
    const W = w.read();
    const ids = x.read();
    const v = W.length;
    const d = W[0].length;
    shapeLine.textContent = `x: (${ids.length}, ${ids[0].length}) → output: (${ids.length}, ${ids[0].length}, ${d})`;
    const badWeight = W.flat().some((value) => !Number.isFinite(value));
    let out;
    const embedding = badWeight ? null : layers.embedding({ inputDim: v, outputDim: d, weights: [W] });
    try {
      if (badWeight) throw new TypeError('every cell of W needs a number');
      out = embedding.apply(ids);
    } catch (e) {
      // The package's own message (RangeError for an id outside 0..V-1, TypeError for a
      // non-integer), shown where the output would be.
      error.hidden = false;
      error.textContent = `${e.name}: ${e.message}`;
      output.replaceChildren();
      oneHot.replaceChildren();
      match.textContent = '';
      delete match.dataset.equal;
      costs.textContent = '';
      output.dataset.values = '';
      w.highlightRows(new Set());
      return;
    } finally {
      embedding?.dispose();
    }
    error.hidden = true;
    output.dataset.values = JSON.stringify(Array.from(out.data));
    output.dataset.shape = JSON.stringify(out.shape);
    output.replaceChildren(sequenceTensor(out, ids));
    w.highlightRows(new Set(ids.flat()));

    const product = oneHotProduct(layers, embedwasm.sequential, W, ids);
    oneHot.dataset.values = JSON.stringify(Array.from(product.out.data));
    oneHot.replaceChildren(
      matrixTable(product.oneHot, {
        caption: `one-hot(x): (batch·seq × input_dim) = (${product.oneHot.length} × ${v})`,
        rowLabel: (r) => `id ${ids.flat()[r]}`,
      }),
      el('span', { className: 'times', 'aria-hidden': 'true' }, '·  W  ='),
      matrixTable(rows(product.out.data, d), {
        caption: `one-hot(x) · W: (${product.oneHot.length} × ${d})`,
        rowLabel: (r) => `id ${ids.flat()[r]}`,
      }),
    );
    let maxDiff = 0;
    for (let i = 0; i < out.data.length; ++i) maxDiff = Math.max(maxDiff, Math.abs(out.data[i] - product.out.data[i]));
    const same = maxDiff === 0 && out.data.length === product.out.data.length;
    match.dataset.equal = String(same);
    match.textContent = same
      ? `Same ${out.data.length} numbers from both: the lookup equals one-hot(x) · W exactly (largest difference 0).`
      : `The two differ by up to ${maxDiff} (floating-point rounding in the product).`;
    const n = ids.length * ids[0].length;
    costs.textContent = `Work: the lookup copies B·T·D = ${int(n * d)} numbers; the one-hot product does ` +
      `B·T·V·D = ${int(n * v * d)} multiply-adds, ${int(n * (v - 1) * d)} of them multiplying by zero ` +
      '(B = batch, T = seq, V = input_dim, D = output_dim).';
    snippetBox.replaceChildren(codeSnippet('Reproduce it with the npm package (follows your edits)', snippet(W, ids)));
  }

  const snippetBox = el('div', { dataset: { testid: 'lookup-snippet' } });
  section.append(snippetBox);
  update();
  mountKerasExample(section, layers);
  mountLearnW(section, embedwasm);
}

function rows(data, d) {
  const out = [];
  for (let i = 0; i < data.length; i += d) out.push(Array.from(data.subarray(i, i + d)));
  return out;
}
