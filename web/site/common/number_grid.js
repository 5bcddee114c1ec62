// An editable matrix: a table of number inputs, each labelled for screen readers
// ("W row 1, column 3"). Resizing keeps the values that still fit and fills new cells
// from fill(r, c), so a reader's edits survive changing the shape.
import { el } from './dom.js';

export class NumberGrid {
  /**
   * @param {object} o name (for labels), rows, cols, fill(r, c), step, onChange(), rowLabel(r)
   */
  constructor({ name, rows, cols, fill, step = 'any', onChange, rowLabel = (r) => `${r}` }) {
    this.name = name;
    this.fill = fill;
    this.step = step;
    this.onChange = onChange;
    this.rowLabel = rowLabel;
    this.values = [];
    this.table = el('table', { className: 'grid editable' });
    this.resize(rows, cols);
  }

  resize(rows, cols) {
    const previous = this.values;
    this.values = Array.from({ length: rows }, (_, r) =>
      Array.from({ length: cols }, (_, c) => previous[r]?.[c] ?? this.fill(r, c)));
    this.render();
  }

  /** Raw input text per cell (numbers, or NaN where a cell is empty or not a number). */
  read() {
    return this.values.map((row) => [...row]);
  }

  set(r, c, value) {
    this.values[r][c] = value;
    const input = this.table.rows[r + 1]?.cells[c + 1]?.firstChild;
    if (input) input.value = String(value);
  }

  render() {
    const rows = this.values.length;
    const cols = this.values[0]?.length ?? 0;
    this.table.replaceChildren();
    const head = this.table.createTHead().insertRow();
    head.append(el('th', { scope: 'col' }, ''));
    for (let c = 0; c < cols; ++c) head.append(el('th', { scope: 'col' }, String(c)));
    const body = this.table.createTBody();
    for (let r = 0; r < rows; ++r) {
      const tr = body.insertRow();
      tr.append(el('th', { scope: 'row' }, this.rowLabel(r)));
      for (let c = 0; c < cols; ++c) {
        const input = el('input', {
          type: 'number', step: this.step, value: String(this.values[r][c]),
          'aria-label': `${this.name} row ${r}, column ${c}`,
        });
        input.addEventListener('input', () => {
          // valueAsNumber is NaN for an empty or malformed cell; the caller decides
          // whether that is an error (ids) or what to show (weights).
          this.values[r][c] = input.value.trim() === '' ? NaN : Number(input.value);
          this.onChange();
        });
        tr.insertCell().append(input);
      }
    }
  }

  /**
   * Marks whole rows (e.g. the rows of W that the ids look up), each in the colour of its
   * id (class id-r), so a row of W and the output rows copied from it share one colour.
   */
  highlightRows(rowSet) {
    [...this.table.tBodies[0].rows].forEach((tr, r) => {
      tr.classList.toggle('looked-up', rowSet.has(r));
      tr.classList.toggle(`id-${r}`, rowSet.has(r));
    });
  }
}
