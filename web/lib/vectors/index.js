// Word vectors: KeyedVectors queries (gensim 4's), its int8 snapshot.
export { KeyedVectors } from './keyed_vectors.js';
