// Word vectors: Word2Vec training and KeyedVectors queries, loading and saving.
export { Word2Vec } from './word2vec.js';
export { KeyedVectors } from './keyed_vectors.js';
export { QuantizedKeyedVectors } from './quantized.js';
export { FORMATS as WORD_VECTOR_FORMATS } from './keyed_vectors_io.js';
