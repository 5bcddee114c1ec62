// The example in the Keras Embedding docstring, "[[4], [20]] -> [[0.25, 0.1], [0.6, -0.2]]",
// made literal: a 21 × 2 table whose rows 4 and 20 hold those vectors (the other rows keep
// Keras' default uniform(-0.05, 0.05) initialisation).
import { el, f32 } from '../../common/dom.js';
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
    for (let b = 0; b < 2; ++b) nested.push(`[${f32(out.data[2 * b])}, ${f32(out.data[2 * b + 1])}]`);
    const table = [];
    for (let r = 0; r < 21; ++r) table.push(Array.from(W.data.subarray(2 * r, 2 * r + 2)));
    section.append(
      el('h3', {}, 'The Keras documentation example'),
      el('p', {}, 'Keras describes Embedding as turning "positive integers (indexes) into dense vectors of fixed size, ',
        'e.g. [[4], [20]] → [[0.25, 0.1], [0.6, -0.2]]". With a 21 × 2 table whose rows 4 and 20 hold those vectors:'),
      el('p', { className: 'result', dataset: { testid: 'keras-output', values: JSON.stringify(Array.from(out.data)) } },
        el('code', {}, `embedding.apply([[4], [20]]) → shape (${out.shape.join(', ')}): [${nested.map((v) => `[${v}]`).join(', ')}]`)),
      el('details', {}, el('summary', {}, 'Show the 21 × 2 table'),
        el('div', { className: 'scroll' }, matrixTable(table, { rowClass: (r) => (r === 4 || r === 20 ? 'looked-up' : '') }))),
    );
  } finally {
    embedding.dispose();
  }
}
