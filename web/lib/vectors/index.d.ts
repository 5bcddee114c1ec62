// Types for word vectors: KeyedVectors queries, its int8 snapshot, and the word-vector
// file formats it loads and saves. V: vocabulary rows, D: vector dimension.

/** A word2vec query term: a word, a row id, a vector (D,), or a [term, weight] pair. */
export type QueryTerm = string | number | Float32Array | number[] | [string | number | Float32Array, number];

/** Options of mostSimilar and mostSimilarCosmul (gensim's keyword arguments). */
export interface MostSimilarOptions {
  /** Terms to move away from (subtracted, as in king - man + woman). */
  negative?: QueryTerm | QueryTerm[];
  /** Results to return, default 10. */
  topn?: number;
  /** Search only the first (most frequent) rows; 0 or absent: all. */
  restrictVocab?: number;
}

/** [word, score], best first, as gensim's list of tuples. */
export type Neighbor = [string, number];

/**
 * KeyedVectors file formats: 'word2vec' text ("V D" header, then "word f1 ... fD" lines;
 * gensim's save_word2vec_format), 'word2vec-binary' (the same header, then each word, a
 * space and D little-endian float32), 'glove' (text without the header), 'fasttext'
 * (fastText's .vec, the word2vec text format), 'embedwasm' (this package's versioned
 * binary, exact and fastest to reload) and 'tsv' (the TensorFlow Embedding Projector's
 * vectors and metadata files).
 */
export type WordVectorsFormat = 'word2vec' | 'word2vec-binary' | 'glove' | 'fasttext' | 'embedwasm' | 'tsv';

/** One section of an analogy test file (its ": name" line), as gensim reports it. */
export interface AnalogySection {
  /** The section's name; the last section is 'Total accuracy', all sections together. */
  section: string;
  /** [a, b, c, expected] of each question answered correctly. */
  correct: string[][];
  /** [a, b, c, expected] of each question answered wrongly. */
  incorrect: string[][];
}

/** Words and their vectors with gensim 4's KeyedVectors queries. Unknown words are RangeErrors naming the word. */
export class KeyedVectors {
  /** Reads a file; for 'tsv' pass {vectors, metadata} (the Embedding Projector's two files). Errors name the line or byte offset. */
  static load(data: Uint8Array | ArrayBuffer | string | { vectors: Uint8Array | string; metadata: Uint8Array | string },
    options: { format: WordVectorsFormat }): KeyedVectors;
  /** words (V,) and vectors (V * dim floats, row-major). */
  static fromArrays(words: string[], vectors: Float32Array | number[], dim: number): KeyedVectors;
  /** The file bytes; for 'tsv' the two files' text. Default format 'embedwasm'. */
  save(options?: { format?: Exclude<WordVectorsFormat, 'tsv'>; binaryNewline?: boolean }): Uint8Array;
  save(options: { format: 'tsv' }): { vectors: string; metadata: string };
  /** V */
  readonly size: number;
  /** D */
  readonly vectorSize: number;
  /** Bytes of wasm memory held. */
  readonly byteSize: number;
  /** Words by row (frozen, shared). */
  readonly indexToKey: readonly string[];
  /** Words by row (a new array). */
  keys(): string[];
  has(word: string): boolean;
  /** Row of the word, or -1. */
  indexOf(word: string): number;
  /** Row of the word; RangeError when unknown (gensim's get_index). */
  getIndex(word: string): number;
  /** A copy of the vector; norm: true scales it to unit length. */
  getVector(word: string, options?: { norm?: boolean }): Float32Array;
  /** All vectors, (V * D) row-major, a copy. */
  getVectors(): Float32Array;
  /** An independent copy. */
  copy(): KeyedVectors;
  /** gensim's most_similar; the query words are left out of the results. */
  mostSimilar(positive: QueryTerm | QueryTerm[], options?: MostSimilarOptions): Neighbor[];
  mostSimilar(query: MostSimilarOptions & { positive?: QueryTerm | QueryTerm[] }): Neighbor[];
  /** gensim's most_similar_cosmul (3CosMul). */
  mostSimilarCosmul(positive: QueryTerm | QueryTerm[], options?: MostSimilarOptions): Neighbor[];
  mostSimilarCosmul(query: MostSimilarOptions & { positive?: QueryTerm | QueryTerm[] }): Neighbor[];
  similarByWord(word: string, options?: { topn?: number; restrictVocab?: number }): Neighbor[];
  /** Nearest words to a vector (D,), nothing excluded. */
  similarByVector(vector: Float32Array | number[], options?: { topn?: number; restrictVocab?: number }): Neighbor[];
  /**
   * similarByVector for many vectors in one pass over the table: results[b] equals
   * similarByVector(vectors[b], options). An array of (D,) vectors or one Float32Array of count * D values.
   */
  similarByVectors(vectors: ReadonlyArray<Float32Array | number[]> | Float32Array,
    options?: { topn?: number; restrictVocab?: number }): Neighbor[][];
  /**
   * mostSimilar for many queries in one pass over the table: results[b] equals
   * mostSimilar(queries[b], options). A query is a term, an array of (positive) terms, or {positive, negative}.
   */
  mostSimilarBatch(queries: ReadonlyArray<QueryTerm | QueryTerm[] | { positive?: QueryTerm | QueryTerm[]; negative?: QueryTerm | QueryTerm[] }>,
    options?: { topn?: number; restrictVocab?: number }): Neighbor[][];
  /** Cosine similarity. */
  similarity(w1: string, w2: string): number;
  /** 1 - cosine similarity. */
  distance(w1: string, w2: string): number;
  /** Cosine of the mean vectors of two word lists. */
  nSimilarity(ws1: string[], ws2: string[]): number;
  /** The word furthest from the others' mean; unknown words are ignored as gensim does. */
  doesntMatch(words: string[]): string;
  /** 1 - cosine from word to each of others (every row when others is empty). */
  distances(word: string, others?: string[]): Float32Array;
  /** w2's 1-based rank among w1's neighbours. */
  rank(w1: string, w2: string): number;
  /** gensim's evaluate_word_analogies on a questions-words text; the last section is 'Total accuracy'. */
  evaluateWordAnalogies(text: string, options?: { restrictVocab?: number; caseInsensitive?: boolean; dummy4unknown?: boolean }):
    { score: number; sections: AnalogySection[]; questions: number; oov: number; oovRatio: number };
  /** gensim's evaluate_word_pairs ("w1<TAB>w2<TAB>score" lines); oovRatio in percent. */
  evaluateWordPairs(text: string, options?: { delimiter?: string; restrictVocab?: number; caseInsensitive?: boolean; dummy4unknown?: boolean }):
    { pearson: number; pearsonPvalue: number; spearman: number; spearmanPvalue: number; oovRatio: number; pairs: number; oov: number };
  /** An int8 snapshot for approximate search in about a quarter of the memory; it does not follow later training. */
  quantize(): QuantizedKeyedVectors;
  /** PCA of the first `count` (most frequent; default min(V, 10000)) words onto k (default 2) components; projection is (count, k). */
  pca(k?: number, options?: { count?: number; seed?: number }):
    { words: string[]; projection: Float32Array; k: number; explainedVarianceRatio: number[]; converged: boolean };
  dispose(): void;
  [Symbol.dispose](): void;
}

/** KeyedVectors#quantize(): int8 rows; queries by word need the KeyedVectors it came from alive. */
export interface QuantizedKeyedVectors {
  readonly size: number;
  readonly vectorSize: number;
  /** Bytes of the int8 rows and their scales. */
  readonly byteSize: number;
  /** Approximate mostSimilar over words (the query words are left out). */
  mostSimilar(positive: string | string[], options?: { negative?: string | string[]; topn?: number; restrictVocab?: number }): Neighbor[];
  similarByVector(vector: Float32Array | number[], options?: { topn?: number; restrictVocab?: number }): Neighbor[];
  /** similarByVector for many vectors, each tile of int8 rows read once per block of queries: results[b] equals similarByVector(vectors[b], options). */
  similarByVectors(vectors: ReadonlyArray<Float32Array | number[]> | Float32Array,
    options?: { topn?: number; restrictVocab?: number }): Neighbor[][];
  dispose(): void;
  [Symbol.dispose](): void;
}
