// Types for Keras's preprocessing layers (layers.textVectorization, stringLookup,
// integerLookup, hashing). Options use Keras 3's names in camelCase; Keras's None is
// null (or leaving the option out).
import type { Disposable } from '../index.js';

/** A layer's output: ids (Int32Array) in 'int' mode, float32 encodings otherwise. */
export interface PreprocessedData<T extends Int32Array | Float32Array = Int32Array | Float32Array> {
  data: T;
  shape: number[];
}

/** Texts: one string per document, or Keras's [B, 1] form [["..."], ["..."]]. */
export type Texts = readonly string[] | ReadonlyArray<readonly [string]>;

export interface TextVectorizationOptions {
  /** Vocabulary size cap, '' and '[UNK]' included; null: no cap. */
  maxTokens?: number | null;
  /** Default 'lower_and_strip_punctuation'; a function runs on each text first, in JS. */
  standardize?: 'lower_and_strip_punctuation' | 'lower' | 'strip_punctuation' | null | ((text: string) => string);
  /** Default 'whitespace'; a function (after standardize) gives a text's tokens. */
  split?: 'whitespace' | 'character' | null | ((text: string) => string[]);
  /** N (n-grams of 1..N tokens), a list of widths, or null. */
  ngrams?: number | number[] | null;
  outputMode?: 'int' | 'multi_hot' | 'count' | 'tf_idf';
  /** 'int' only: pad with 0 or cut every row to this length. */
  outputSequenceLength?: number | null;
  padToMaxTokens?: boolean;
  /** A fixed vocabulary (without or with '' and '[UNK]' first); adapt() is then refused. */
  vocabulary?: string[] | null;
  /** 'tf_idf' only: one weight per vocabulary entry. */
  idfWeights?: ArrayLike<number> | null;
  name?: string;
}

export interface PreprocessingLayer extends Disposable {
  readonly where: string;
  readonly name: string | null;
  /** No trainable weights: [] (the state is the vocabulary). */
  getWeights(): [];
  setWeights(weights: []): void;
}

export interface TextVectorization extends PreprocessingLayer {
  readonly kind: 'textVectorization';
  readonly config: Readonly<Required<Omit<TextVectorizationOptions, 'vocabulary' | 'idfWeights' | 'name' | 'standardize' | 'split'>>> & {
    readonly standardize: string | null;
    readonly split: string | null;
  };
  /** Builds the vocabulary (and idf weights) from texts: by frequency, ties by token from high to low. */
  adapt(texts: Texts, options?: { batchSize?: number }): void;
  /** 'int': ids [B, T] (T = outputSequenceLength or the longest row); else [B, depth]. */
  apply(texts: Texts): PreprocessedData;
  getVocabulary(includeSpecialTokens?: boolean): string[];
  setVocabulary(vocabulary: string[], idfWeights?: ArrayLike<number> | null): void;
  vocabularySize(): number;
  /** 'tf_idf' only: the float32 weight of each index. */
  getIdfWeights(): number[];
}

export interface LookupOptions<Token> {
  maxTokens?: number | null;
  /** Default 1; several spread OOV tokens by hash (strings) or floor-mod (integers). */
  numOovIndices?: number;
  maskToken?: Token | null;
  oovToken?: Token;
  vocabulary?: Token[] | null;
  idfWeights?: ArrayLike<number> | null;
  /** Indices in, tokens out. */
  invert?: boolean;
  outputMode?: 'int' | 'one_hot' | 'multi_hot' | 'count' | 'tf_idf';
  padToMaxTokens?: boolean;
  name?: string;
}

export type StringLookupOptions = LookupOptions<string>;
export interface IntegerLookupOptions extends LookupOptions<number> {
  /** How several OOV indices are chosen: Keras's 'floormod' (default) or 'farmhash'. */
  oovMethod?: 'floormod' | 'farmhash';
}

interface LookupLayer<Token, In> extends PreprocessingLayer {
  /** Tokens (each a sample) or rows of them (each row a sample). */
  adapt(data: readonly In[] | ReadonlyArray<readonly In[]>): void;
  /**
   * 'int': indices of the input's shape; 'one_hot': [..., depth]; the others
   * [samples, depth]. With invert: indices in, {data: tokens, shape} out.
   */
  apply(x: readonly In[] | ReadonlyArray<readonly In[]>): PreprocessedData;
  getVocabulary(includeSpecialTokens?: boolean): Token[];
  setVocabulary(vocabulary: In[], idfWeights?: ArrayLike<number> | null): void;
  vocabularySize(): number;
  getIdfWeights(): number[];
}

export interface StringLookup extends LookupLayer<string, string> {
  readonly kind: 'stringLookup';
  readonly config: Readonly<Required<Omit<StringLookupOptions, 'vocabulary' | 'idfWeights' | 'name'>>>;
}

export interface IntegerLookup extends LookupLayer<number | bigint, number | bigint> {
  readonly kind: 'integerLookup';
  readonly config: Readonly<Required<Omit<IntegerLookupOptions, 'vocabulary' | 'idfWeights' | 'name'>>>;
}

export interface HashingOptions {
  numBins: number;
  /** Inputs equal to it go to bin 0, the rest to 1 + hash mod (numBins - 1). */
  maskValue?: string | number | null;
  /** SipHash key: one integer s (as [s, s]) or a pair; null: FarmHash Fingerprint64. */
  salt?: number | bigint | string | [number | bigint | string, number | bigint | string] | null;
  outputMode?: 'int' | 'one_hot' | 'multi_hot' | 'count';
  name?: string;
}

export interface Hashing extends PreprocessingLayer {
  readonly kind: 'hashing';
  readonly config: Readonly<{ numBins: number; maskValue: string | number | null; salt: Array<number | string> | null; outputMode: string }>;
  /** Strings, integers (numbers or bigints) or floats (cast to int64 toward zero). */
  apply(x: ArrayLike<string | number | bigint> | ReadonlyArray<ArrayLike<string | number | bigint>>): PreprocessedData;
}
