// The bundled corpora (scripts/site/prepare_corpora.mjs writes them as gzip text) and the
// "use the first part" cut. The page fetches and inflates them with common/data.js and
// hands the UTF-8 bytes to the package's tokenizer, the same code that runs under Node.
export const BUNDLED = {
  'moby-dick': { file: 'moby-dick.txt.gz', label: 'Moby-Dick (Herman Melville, 1851)' },
  sotu: { file: 'sotu.txt.gz', label: 'State of the Union addresses, 1790–2016' },
};

/**
 * The first `fraction` of a UTF-8 text, cut at a whitespace byte so no word is split (a
 * whitespace byte never occurs inside a multi-byte character): a smaller corpus trains
 * proportionally faster, which is what the "Use" control is for. Bytes, not a string,
 * because the package takes UTF-8 bytes as they are, and decoding megabytes to a string
 * and encoding them back would hold up the page.
 */
export function prefix(bytes, fraction) {
  if (fraction >= 1) return bytes;
  let end = Math.floor(bytes.length * fraction);
  while (end < bytes.length && ![0x20, 0x0a, 0x0d, 0x09].includes(bytes[end])) end += 1;
  return bytes.subarray(0, end);
}
