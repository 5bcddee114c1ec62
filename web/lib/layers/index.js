export { embedding, Embedding } from './embedding.js';
export { embeddingBag, EmbeddingBag } from './embedding_bag.js';
export { dense } from './dense.js';
export { activation, dropout, flatten, globalAveragePooling1d, globalMaxPooling1d } from './simple_layers.js';
export {
  hashing, Hashing, integerLookup, IntegerLookup, stringLookup, StringLookup, textVectorization, TextVectorization,
} from '../text/index.js';
