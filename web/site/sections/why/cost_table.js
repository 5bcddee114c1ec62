// One-hot + Dense against an embedding lookup for a vocabulary, dimension and sequence
// length the reader picks: memory of the input and the weights, and the arithmetic per
// sequence. Then, on request, both are timed in WebAssembly with the package.
import { bytes, count, el, int } from '../../common/dom.js';
import { timeBoth } from './timing.js';

/** 1.2e9 -> "1.2 billion" */
function rate(n, ms) {
  return count((n / ms) * 1000);
}

// Above this many one-hot cells (floats) the timing would allocate too much to be a
// polite demo; the sizes are still computed.
const MAX_ONE_HOT_CELLS = 8e6;

function numberField(label, value, min, max, testid) {
  const input = el('input', { type: 'number', min, max, step: 1, value: String(value), dataset: { testid } });
  return { input, label: el('label', { className: 'size' }, `${label} `, input) };
}

export function mountCostTable(section, embedwasm) {
  const V = numberField('Vocabulary size V', 20000, 2, 5000000, 'why-vocab');
  const D = numberField('Vector size D', 64, 1, 4096, 'why-dim');
  const T = numberField('Sequence length T', 50, 1, 10000, 'why-seq');
  const body = el('tbody');
  const table = el('table', { className: 'compare', dataset: { testid: 'why-table' } },
    el('caption', {}, 'Per sequence of T ids, float32 weights'),
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col' }, ''), el('th', { scope: 'col' }, 'one-hot · Dense'), el('th', { scope: 'col' }, 'Embedding lookup'))),
    body);
  const ratio = el('p', { className: 'ratio', dataset: { testid: 'why-ratio' } });
  const timeButton = el('button', { type: 'button' }, 'Time both in WebAssembly');
  const timing = el('p', { role: 'status', dataset: { testid: 'why-timing' } });
  const gap = el('p', { className: 'note', dataset: { testid: 'why-gap' } });

  const read = () => ({
    v: Math.max(2, Math.round(Number(V.input.value)) || 2),
    d: Math.max(1, Math.round(Number(D.input.value)) || 1),
    t: Math.max(1, Math.round(Number(T.input.value)) || 1),
  });

  function update() {
    const { v, d, t } = read();
    const rows = [
      ['Input', `T·V = ${int(t * v)} floats (${bytes(4 * t * v)})`, `T = ${int(t)} int32 ids (${bytes(4 * t)})`],
      ['Weights', `V·D = ${int(v * d)} floats (${bytes(4 * v * d)})`, `V·D = ${int(v * d)} floats (${bytes(4 * v * d)})`],
      ['Work', `T·V·D = ${count(t * v * d)} multiply-adds`, `T·D = ${count(t * d)} copies`],
    ];
    body.replaceChildren(...rows.map(([h, a, b], i) => el('tr', { dataset: { row: ['input', 'weights', 'work'][i] } },
      el('th', { scope: 'row' }, h), el('td', {}, a), el('td', {}, b))));
    ratio.textContent = `Same weights, same output; the lookup reads ${int(v)}× less input and does ` +
      `${int(v)}× less arithmetic (all but one of every V products multiply by zero).`;
    table.dataset.values = JSON.stringify({ inputOneHotBytes: 4 * t * v, inputIdsBytes: 4 * t, weightBytes: 4 * v * d, macs: t * v * d, copies: t * d });
    const measurable = t * v <= MAX_ONE_HOT_CELLS;
    timeButton.disabled = !measurable;
    gap.textContent = '';
    timing.textContent = measurable ? '' : `Timing skipped: a ${int(t)} × ${int(v)} one-hot input is ${bytes(4 * t * v)}; pick T·V ≤ ${count(MAX_ONE_HOT_CELLS)}.`;
  }

  timeButton.addEventListener('click', async () => {
    timeButton.disabled = true;
    timing.textContent = 'Timing…';
    // Let the status paint before the (synchronous) measurement blocks the thread.
    await new Promise((resolve) => setTimeout(resolve, 30));
    try {
      const { v, d, t } = read();
      const r = timeBoth(embedwasm, v, d, t);
      const ratio = r.denseMs / r.lookupMs;
      timing.textContent = `Measured here, per sequence: lookup ${r.lookupMs.toPrecision(3)} ms, ` +
        `one-hot · Dense ${r.denseMs.toPrecision(3)} ms (${ratio.toPrecision(3)}× slower; ` +
        `the one-hot time excludes building the one-hot input). Same output: ${r.same ? 'yes' : 'no'}.`;
      gap.textContent = `Why ${ratio.toPrecision(3)}× and not ${int(v)}×: counting operations treats a copy and a ` +
        `multiply-add as equal, and they are not. The product ran its ${count(t * v * d)} multiply-adds at ` +
        `${rate(t * v * d, r.denseMs)} per second: SIMD does several per instruction on numbers streamed through ` +
        `the cache. The lookup did only ${int(t * d)} copies, but ${r.oneIdMs.toPrecision(3)} ms of its ` +
        `${r.lookupMs.toPrecision(3)} ms is the fixed cost of any call (a lookup of a single id: entering WebAssembly, ` +
        'allocating the result), and the rest is checking each id and moving ids and rows between JavaScript and ' +
        'WebAssembly, costs a multiply-add count does not see. What the arithmetic gets right is the trend: raise V ' +
        'and the product slows in proportion while the lookup stays put.';
      timing.dataset.same = String(r.same);
    } catch (e) {
      timing.textContent = `${e.name}: ${e.message}`;
    } finally {
      timeButton.disabled = false;
    }
  });
  for (const f of [V, D, T]) f.input.addEventListener('input', update);

  section.append(
    el('p', {}, 'A layer that takes ids as one-hot vectors must store and multiply a V-wide row for every ',
      'token, almost all zeros. The embedding lookup stores the same V × D weights but reads one row per token.'),
    el('fieldset', { className: 'sizes' }, el('legend', {}, 'Sizes'), V.label, D.label, T.label),
    el('div', { className: 'scroll' }, table), ratio,
    el('p', {}, timeButton), timing, gap,
  );
  update();
}
