// Read-only views of results: a matrix as a table, and a (B, T, D) tensor as one table
// per batch row, each row labelled with the id it came from.
import { el, num } from './dom.js';

/** rows: array of arrays of numbers; rowLabel(r) -> text; rowClass(r) -> class or ''. */
export function matrixTable(rows, { rowLabel = (r) => String(r), rowClass = () => '', colLabel = (c) => String(c), caption } = {}) {
  const table = el('table', { className: 'grid' });
  if (caption) table.append(el('caption', {}, caption));
  const cols = rows[0]?.length ?? 0;
  const head = table.createTHead().insertRow();
  head.append(el('th', { scope: 'col' }, ''));
  for (let c = 0; c < cols; ++c) head.append(el('th', { scope: 'col' }, colLabel(c)));
  const body = table.createTBody();
  rows.forEach((row, r) => {
    const tr = body.insertRow();
    const cls = rowClass(r);
    if (cls) tr.className = cls;
    tr.append(el('th', { scope: 'row' }, rowLabel(r)));
    for (const v of row) tr.insertCell().textContent = num(v);
  });
  return table;
}

/** {data, shape: [B, T, D]} with ids (B, T): one small table per batch row. */
export function sequenceTensor(out, ids) {
  const [B, T, D] = out.shape;
  const wrap = el('div', { className: 'tensor' });
  for (let b = 0; b < B; ++b) {
    const rows = [];
    for (let t = 0; t < T; ++t) rows.push(Array.from(out.data.subarray((b * T + t) * D, (b * T + t + 1) * D)));
    wrap.append(matrixTable(rows, {
      caption: `batch ${b}`,
      rowLabel: (t) => `t${t}: id ${ids[b][t]}`,
      rowClass: (t) => `id-${ids[b][t]}`,
    }));
  }
  return wrap;
}
