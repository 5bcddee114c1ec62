// fastText models: load .bin/.ftz, predict, word and sentence vectors, train, quantize, save.
export { FastText } from './fasttext.js';
