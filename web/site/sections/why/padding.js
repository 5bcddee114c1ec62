// Padding, live: sentences of different lengths padded with id 0 to one length T.
// Keras' maskZero makes computeMask(x) = (x != 0) so pooling skips the padding;
// PyTorch's paddingIdx keeps row 0 at zero and gives it no gradient.
import { el, num } from '../../common/dom.js';
import { matrixTable } from '../../common/tensor_view.js';

const DEFAULT_TEXT = 'the cat sat on the mat\na dog barked\nhello';
const D = 3;

function encode(text) {
  const sentences = text.split('\n').map((s) => s.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? []).filter((s) => s.length).slice(0, 5);
  const vocab = ['<pad>'];
  const index = new Map();
  const rows = sentences.map((words) => words.slice(0, 8).map((w) => {
    if (!index.has(w)) { index.set(w, vocab.length); vocab.push(w); }
    return index.get(w);
  }));
  const t = Math.max(1, ...rows.map((r) => r.length));
  return { vocab, ids: rows.map((r) => [...r, ...Array(t - r.length).fill(0)]), words: sentences };
}

export function mountPadding(section, { layers, sequential }) {
  const textarea = el('textarea', { rows: 3, value: DEFAULT_TEXT, dataset: { testid: 'padding-text' } });
  const out = el('div', { className: 'padding-out', dataset: { testid: 'padding-output' } });
  section.append(
    el('h3', {}, 'Padding: maskZero and paddingIdx'),
    el('p', {}, 'A batch needs one sequence length, so shorter sentences are padded with id 0. ',
      'layers.embedding({maskZero: true}) tells later layers to skip those steps (Keras mask_zero); ',
      'paddingIdx: 0 keeps row 0 of the table at zero and never updates it (PyTorch padding_idx).'),
    el('label', { className: 'block' }, 'Sentences, one per line (up to 5 lines, 8 words each)', textarea),
    out,
  );

  function update() {
    const { vocab, ids } = encode(textarea.value);
    if (!ids.length) { out.replaceChildren(el('p', {}, 'Type at least one word.')); return; }
    const b = ids.length;
    const t = ids[0].length;
    const embedding = layers.embedding({ inputDim: vocab.length, outputDim: D, maskZero: true, paddingIdx: 0, seed: 7 });
    const model = sequential([embedding, layers.globalAveragePooling1d()]);
    try {
      const mask = embedding.computeMask(ids);
      const vectors = embedding.apply(ids);
      model.build([t]);
      const pooled = model.predict(ids);
      // dL/dW for dL/dout = 1 everywhere: each row's gradient counts its occurrences,
      // except the padding row, which stays zero however often 0 appears.
      const grad = embedding.backward(ids, { data: new Float32Array(b * t * D).fill(1), shape: [b, t, D] });
      const [W] = embedding.getWeights();
      // The mean a pooling layer without a mask would take: over all T steps, zeros included.
      const naive = [];
      for (let i = 0; i < b; ++i) {
        const row = [];
        for (let k = 0; k < D; ++k) {
          let s = 0;
          for (let j = 0; j < t; ++j) s += vectors.data[(i * t + j) * D + k];
          row.push(s / t);
        }
        naive.push(row);
      }
      const rowsOf = (data, d) => Array.from({ length: data.length / d }, (_, r) => Array.from(data.subarray(r * d, (r + 1) * d)));
      out.dataset.mask = JSON.stringify(Array.from(mask.data));
      out.dataset.padRow = JSON.stringify(Array.from(W.data.subarray(0, D)));
      out.dataset.padGrad = JSON.stringify(Array.from(grad.data.subarray(0, D)));
      out.replaceChildren(
        el('div', { className: 'panels' },
          el('div', { className: 'scroll' }, matrixTable(ids, { caption: `ids x (${b} × ${t}), 0 = padding`, rowLabel: (r) => `s${r}` })),
          el('div', { className: 'scroll' }, matrixTable(rowsOf(Float32Array.from(mask.data), t), { caption: 'computeMask(x)', rowLabel: (r) => `s${r}` })),
          el('div', { className: 'scroll' }, matrixTable(rowsOf(W.data, D), {
            caption: 'W (paddingIdx 0)', rowLabel: (r) => vocab[r], rowClass: (r) => (r === 0 ? 'pad' : ''),
          })),
          el('div', { className: 'scroll' }, matrixTable(rowsOf(grad.data, D), {
            caption: 'dL/dW for dL/dout = 1', rowLabel: (r) => vocab[r], rowClass: (r) => (r === 0 ? 'pad' : ''),
          })),
        ),
        el('div', { className: 'panels' },
          el('div', { className: 'scroll' }, matrixTable(rowsOf(pooled.data, D), { caption: 'GlobalAveragePooling1D with the mask', rowLabel: (r) => `s${r}` })),
          el('div', { className: 'scroll' }, matrixTable(naive, { caption: 'mean over all T steps (no mask)', rowLabel: (r) => `s${r}` })),
        ),
        el('p', {}, `Row 0 of W is [${Array.from(W.data.subarray(0, D), num).join(', ')}] and its gradient is `,
          `[${Array.from(grad.data.subarray(0, D), num).join(', ')}], although id 0 appears `,
          `${ids.flat().filter((id) => id === 0).length} times. With the mask, a short sentence's average is `,
          'taken over its own words only; without it, the padding drags it toward zero.'),
      );
    } finally {
      model.dispose();
    }
  }
  textarea.addEventListener('input', update);
  update();
}
