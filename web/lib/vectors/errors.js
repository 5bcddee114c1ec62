// Word-vector statuses to JS errors. The core reports an unknown word as an invalid
// argument; for JS users it is gensim's KeyError, a value outside the valid set, so it
// becomes a RangeError like other out-of-range lookups.
import { throwIfError } from '../core/errors.js';

const UNKNOWN_WORD = /not in vocabulary/;

export function throwIfWordsError(status, where) {
  if (status.code === 0) return;
  if (UNKNOWN_WORD.test(status.message)) throw new RangeError(`${where}: ${status.message}`);
  throwIfError(status, where);
}
