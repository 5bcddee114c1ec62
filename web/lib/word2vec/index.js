// Word2Vec: skip-gram and CBOW trained in chunks between turns of the event loop.
export { Word2Vec } from './word2vec.js';
