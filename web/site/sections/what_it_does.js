// Section 1: the lookup itself. An editable table W (V, D) and ids x (B, T) go through
// layers.embedding; the same output comes from one-hot(x) · W computed by a bias-free
// Dense layer, with the work each way takes. Then the Keras documentation example.
import { codeSnippet, el, int } from '../common/dom.js';
import { NumberGrid } from '../common/number_grid.js';
import { matrixTable, sequenceTensor } from '../common/tensor_view.js';
import { mountKerasExample } from './what/keras_example.js';
import { oneHotProduct } from './what/one_hot.js';

const SNIPPET = `
import { init, layers } from 'embedwasm';

await init();
// Lasagne's example: W = arange(15).reshape(3, 5), ids x of shape (batch, sequence)
const W = [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9], [10, 11, 12, 13, 14]];
const embedding = layers.embedding({ inputDim: 3, outputDim: 5, weights: [W] });
const out = embedding.apply([[0, 2], [1, 2]]);
console.log(out.shape); // [2, 2, 5]: (batch, sequence, dim)
console.log(out.data);  // rows 0, 2, 1, 2 of W
embedding.dispose();    // frees the table's wasm memory
`;

function sizeInput(label, value, min, max, onChange) {
  const input = el('input', { type: 'number', min, max, step: 1, value: String(value) });
  input.addEventListener('change', () => {
    const v = Math.round(Number(input.value));
    input.value = String(Math.min(max, Math.max(min, Number.isFinite(v) ? v : value)));
    onChange();
  });
  return { input, label: el('label', { className: 'size' }, `${label} `, input) };
}

export function mount(section, { embedwasm }) {
  const { layers } = embedwasm;
  section.append(el('p', {},
    'Edit the table W (one row per id) or the ids x. The embedding layer copies row x[b][t] of W ',
    'to position (b, t) of the output, so ids of shape (batch, sequence) become vectors of shape ',
    '(batch, sequence, dim). The defaults are the example from the Lasagne documentation: ',
    'W = arange(15).reshape(3, 5) and x = [[0, 2], [1, 2]].'));

  const V = sizeInput('V (rows of W)', 3, 1, 10, () => resize());
  const D = sizeInput('D (dim)', 5, 1, 8, () => resize());
  const B = sizeInput('B (batch)', 2, 1, 4, () => resize());
  const T = sizeInput('T (sequence)', 2, 1, 6, () => resize());
  const defaults = [[0, 2], [1, 2]];
  const w = new NumberGrid({ name: 'W', rows: 3, cols: 5, fill: (r, c) => r * 5 + c, onChange: () => update() });
  const x = new NumberGrid({ name: 'x', rows: 2, cols: 2, step: 1, fill: (r, c) => defaults[r]?.[c] ?? 0, onChange: () => update() });

  const shapeLine = el('p', { className: 'shape', dataset: { testid: 'lookup-shape' } });
  const error = el('p', { className: 'error', role: 'alert', dataset: { testid: 'lookup-error' }, hidden: true });
  const output = el('div', { className: 'figure-body', dataset: { testid: 'lookup-output' } });
  const oneHot = el('div', { className: 'figure-body', dataset: { testid: 'onehot-output' } });
  const match = el('p', { className: 'match', dataset: { testid: 'lookup-match' } });
  const costs = el('p', { className: 'costs', dataset: { testid: 'lookup-costs' } });

  section.append(
    el('fieldset', { className: 'sizes' }, el('legend', {}, 'Shapes'), V.label, D.label, B.label, T.label),
    el('div', { className: 'panels' },
      el('figure', {}, el('figcaption', {}, 'W: the table (V × D)'), el('div', { className: 'scroll' }, w.table)),
      el('figure', {}, el('figcaption', {}, 'x: the ids (B × T)'), el('div', { className: 'scroll' }, x.table)),
      el('figure', {}, el('figcaption', {}, 'layers.embedding(W).apply(x)'), shapeLine, error, el('div', { className: 'scroll' }, output))),
    el('h3', {}, 'The same thing as a matrix product'),
    el('p', {},
      'Write each id as a one-hot row of length V (a 1 in column id, zeros elsewhere). ',
      'Multiplying that (B·T × V) matrix by W selects the same rows. Below, the product is computed ',
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
        caption: `one-hot(x): (B·T × V) = (${product.oneHot.length} × ${v})`,
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
      `B·T·V·D = ${int(n * v * d)} multiply-adds, ${int(n * (v - 1) * d)} of them multiplying by zero.`;
  }

  update();
  mountKerasExample(section, layers);
  section.append(codeSnippet('Reproduce it with the npm package', SNIPPET));
}

function rows(data, d) {
  const out = [];
  for (let i = 0; i < data.length; i += d) out.push(Array.from(data.subarray(i, i + d)));
  return out;
}
