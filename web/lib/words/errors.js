// Word-vector statuses to JS errors. The core reports an unknown word as an invalid
// argument; for JS users it is gensim's KeyError, a value outside the valid set, so it
// becomes a RangeError like other out-of-range lookups.
import { throwIfError } from '../core/errors.js';

const UNKNOWN_WORD = /not in vocabulary/;
// The core's option names, as the JS user wrote them.
const JS_NAMES = {
  vector_size: 'vectorSize', min_count: 'minCount', max_vocab_size: 'maxVocabSize',
  max_final_vocab: 'maxFinalVocab', ns_exponent: 'nsExponent', cbow_mean: 'cbowMean',
  min_alpha: 'minAlpha', max_sentence_length: 'maxSentenceLength', restrict_vocab: 'restrictVocab',
};
const SNAKE = new RegExp(`\\b(${Object.keys(JS_NAMES).join('|')})\\b`, 'g');

export function throwIfWordsError(status, where) {
  if (status.code === 0) return;
  const message = status.message.replace(SNAKE, (name) => JS_NAMES[name]);
  if (UNKNOWN_WORD.test(message)) throw new RangeError(`${where}: ${message}`);
  throwIfError({ code: status.code, message }, where);
}
