export { embedding, Embedding } from './embedding.js';
export { embeddingBag, EmbeddingBag } from './embedding_bag.js';
