// The example in the Keras Embedding docstring, "[[4], [20]] -> [[0.25, 0.1], [0.6, -0.2]]",
// made literal: a 21 × 2 table whose rows 4 and 20 hold those vectors (the other rows keep
// Keras' default uniform(-0.05, 0.05) initialisation).
import { el, num } from '../../common/dom.js';
import { matrixTable } from '../../common/tensor_view.js';

export function mountKerasExample(section, layers) {
  const embedding = layers.embedding({ inputDim: 21, outputDim: 2, seed: 21 });
  try {
    const [W] = embedding.getWeights();
    W.data.set([0.25, 0.1], 4 * 2);
    W.data.set([0.6, -0.2], 20 * 2);
    embedding.setWeights([W]);
    const x = [[4], [20]];
    const out = embedding.apply(x);
    const nested = [];
    for (let b = 0; b < 2; ++b) nested.push(`[${num(out.data[2 * b])}, ${num(out.data[2 * b + 1])}]`);
    const table = [];
    for (let r = 0; r < 21; ++r) table.push(Array.from(W.data.subarray(2 * r, 2 * r + 2)));
    section.append(
      el('h3', {}, 'The Keras documentation example'),
      el('p', {}, 'Keras describes Embedding as turning "positive integers (indexes) into dense vectors of fixed size, ',
        'e.g. [[4], [20]] → [[0.25, 0.1], [0.6, -0.2]]". Why a 21 × 2 table? The largest id is 20 and ids count ',
        'from 0, so input_dim = 20 + 1 = 21 rows; each vector has 2 numbers, so output_dim = 2. Below, rows 4 ',
        'and 20 are set to the vectors of the example; the other 19 rows keep the random starting values ',
        'Keras gives every row (uniform between −0.05 and 0.05), which training would move. The input ',
        '[[4], [20]] has shape (batch, seq) = (2, 1), so the output has shape (2, 1, 2):'),
      el('p', { className: 'result', dataset: { testid: 'keras-output', values: JSON.stringify(Array.from(out.data)) } },
        el('code', {}, `embedding.apply([[4], [20]]) → shape (${out.shape.join(', ')}): [${nested.map((v) => `[${v}]`).join(', ')}]`)),
      el('details', {}, el('summary', {}, 'Show the 21 × 2 table (rows 4 and 20 set, the rest random)'),
        el('div', { className: 'scroll' }, matrixTable(table, { rowClass: (r) => (r === 4 || r === 20 ? 'looked-up' : ''), rowLabel: (r) => `id ${r}` }))),
    );
  } finally {
    embedding.dispose();
  }
}
