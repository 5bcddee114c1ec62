// Guesses a word-vector file's format from its name and first bytes, for the "detect"
// choice of the import picker. word2vec text and fastText .vec share one layout (a
// "count dim" header line), GloVe is the same rows without the header, and word2vec
// binary has that header followed by raw float32 rows, which never decode as clean text.
export const FORMATS = {
  word2vec: 'word2vec text (.txt, .vec with a "count dim" first line)',
  'word2vec-binary': 'word2vec binary (.bin)',
  glove: 'GloVe text (no header line)',
  fasttext: 'fastText .vec',
  tsv: 'Embedding Projector TSV (choose vectors.tsv and metadata.tsv together)',
};

export function detectFormat(name, bytes) {
  if (/\.tsv$/i.test(name)) return 'tsv';
  if (/\.bin$/i.test(name)) return 'word2vec-binary';
  const head = bytes.subarray(0, 4096);
  const firstLineEnd = head.indexOf(10);
  const firstLine = new TextDecoder().decode(head.subarray(0, firstLineEnd < 0 ? head.length : firstLineEnd));
  const hasHeader = /^\s*\d+\s+\d+\s*$/.test(firstLine);
  if (hasHeader) {
    // After the header, a binary file's float bytes include control bytes text never has.
    const rest = head.subarray(firstLineEnd + 1);
    const controls = rest.filter((b) => b < 9 || (b > 13 && b < 32)).length;
    if (controls > rest.length / 50) return 'word2vec-binary';
    return /\.vec$/i.test(name) ? 'fasttext' : 'word2vec';
  }
  return 'glove';
}
