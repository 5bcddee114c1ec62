export { embedding, Embedding } from './embedding.js';
