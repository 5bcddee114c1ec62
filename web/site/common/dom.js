// Small DOM helpers shared by the sections: element creation, code snippets, number
// formatting. No framework: each section builds its own elements once and updates text.

/** el('p', {className: 'x'}, 'text', child, ...) */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('aria-') || key === 'role' || key === 'for') node.setAttribute(key, value);
    else node[key] = value;
  }
  node.append(...children.filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

/** A titled, copyable code block that reproduces a section with the npm package. */
export function codeSnippet(title, code) {
  const pre = el('pre', { className: 'code', tabIndex: 0 }, el('code', {}, code.trim()));
  const copy = el('button', { type: 'button', className: 'small' }, 'Copy');
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(code.trim());
      copy.textContent = 'Copied';
    } catch {
      copy.textContent = 'Select the text to copy';
    }
  });
  return el('details', { className: 'snippet', open: true },
    el('summary', {}, title), el('div', { className: 'snippet-actions' }, copy), pre);
}

/**
 * A value as a reader scans it: 4 significant digits (0.1f shows as 0.1, not 0.10000000149;
 * -0.0324125 as -0.03241). Exact integers, such as ids and the Lasagne table, stay whole.
 */
export function num(v) {
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(4)));
}

/** 1234567 -> "1,234,567" */
export function int(n) {
  return Math.round(n).toLocaleString('en-US');
}

/** Bytes in B / kB / MB / GB (powers of 1000, as a reader expects). */
export function bytes(n) {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (n >= 1000 && i < units.length - 1) { n /= 1000; i += 1; }
  return `${i === 0 ? n : n.toPrecision(3)} ${units[i]}`;
}

/** A number in the short form a reader scans (2.5 million, 320 thousand). */
export function count(n) {
  if (n >= 1e9) return `${(n / 1e9).toPrecision(3)} billion`;
  if (n >= 1e6) return `${(n / 1e6).toPrecision(3)} million`;
  return int(n);
}
