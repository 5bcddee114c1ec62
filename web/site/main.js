// For now: the Lasagne documentation example computed by the wasm module. The full
// tutorial grows from here.
import { init, layers } from 'embedwasm';

function fillTable(table, rows, highlight = new Set()) {
  table.replaceChildren();
  rows.forEach((row, r) => {
    const tr = table.insertRow();
    if (row === null) {
      tr.className = 'separator';
      tr.insertCell();
      return;
    }
    if (highlight.has(r)) tr.className = 'looked-up';
    for (const value of row) tr.insertCell().textContent = String(value);
  });
}

async function main() {
  const status = document.getElementById('status');
  try {
    const info = await init();
    const W = [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9], [10, 11, 12, 13, 14]];
    const x = [[0, 2], [1, 2]];
    const embedding = layers.embedding({ inputDim: 3, outputDim: 5, weights: [W] });
    const out = embedding.apply(x);
    embedding.dispose();

    const [B, T, D] = out.shape;
    const outRows = [];
    for (let b = 0; b < B; ++b) {
      if (b > 0) outRows.push(null);
      for (let t = 0; t < T; ++t) outRows.push(Array.from(out.data.subarray((b * T + t) * D, (b * T + t + 1) * D)));
    }
    fillTable(document.getElementById('table-w'), W, new Set(x.flat()));
    fillTable(document.getElementById('table-x'), x);
    fillTable(document.getElementById('table-out'), outRows);
    document.getElementById('table-out').dataset.values = JSON.stringify(Array.from(out.data));
    status.textContent = `Computed by WebAssembly (${info.variant} build: SIMD ${info.simd ? 'on' : 'off'}, ` +
      `threads ${info.threads ? 'on — the page is cross-origin isolated' : 'off — the page is not cross-origin isolated'}).`;
    status.dataset.variant = info.variant;
  } catch (error) {
    status.textContent = `Could not run the example: ${error.message}`;
    status.className = 'error';
    throw error;
  }
}

main();
