// The check every predict row of the fastText benchmark passes, in Node and in the page
// (no node: imports): our top labels against the command line's, line by line.

/** null when every label equals the command line's (or there are none to check), else the first difference. */
export function labelMismatch(labels, expected) {
  if (expected === null) return null;
  if (labels.length !== expected.length) return `${labels.length} labels for ${expected.length} lines`;
  for (let i = 0; i < labels.length; ++i) if (labels[i] !== expected[i]) return `line ${i}: ${labels[i]} vs fasttext's ${expected[i]}`;
  return null;
}
