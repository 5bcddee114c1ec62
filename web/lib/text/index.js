// Keras's preprocessing layers for text and categories.
import { TextVectorization } from './text_vectorization.js';
import { StringLookup } from './string_lookup.js';
import { IntegerLookup } from './integer_lookup.js';
import { Hashing } from './hashing.js';

export { textVectorization, TextVectorization } from './text_vectorization.js';
export { stringLookup, StringLookup } from './string_lookup.js';
export { integerLookup, IntegerLookup } from './integer_lookup.js';
export { hashing, Hashing } from './hashing.js';

/** True for the layers that turn raw inputs into ids or encodings before a model. */
export function isPreprocessingLayer(layer) {
  return layer instanceof TextVectorization || layer instanceof StringLookup ||
    layer instanceof IntegerLookup || layer instanceof Hashing;
}
