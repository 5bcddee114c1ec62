// The bundled corpora (scripts/site/prepare_corpora.mjs writes them as gzip text) and the
// "use the first part" cut. The page fetches and inflates them with common/data.js and
// hands the text to the package's tokenizer, the same code that runs under Node.
export const BUNDLED = {
  'moby-dick': { file: 'moby-dick.txt.gz', label: 'Moby-Dick (Herman Melville, 1851)' },
  sotu: { file: 'sotu.txt.gz', label: 'State of the Union addresses, 1790–2016' },
};

/**
 * The first `fraction` of the text, cut at a whitespace so no word is split: a smaller
 * corpus trains proportionally faster, which is what the "Use" control is for.
 */
export function prefix(text, fraction) {
  if (fraction >= 1) return text;
  let end = Math.floor(text.length * fraction);
  while (end < text.length && !/\s/.test(text[end])) end += 1;
  return text.slice(0, end);
}
