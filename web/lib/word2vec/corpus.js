// Feeds a corpus to the trainer: a string, an array of texts, an array of token arrays
// (pre-tokenized sentences), or a (async) iterable of text chunks (strings or bytes,
// cut anywhere). Text crosses in slices so that the heap never holds a second copy of
// a large corpus.
import { heapU32, heapU8, withHeap } from '../core/heap.js';
import { kindOf } from '../core/options.js';
import { throwIfWordsError } from '../vectors/errors.js';
import { encodeText, encodeWords } from '../vectors/word_blob.js';

const SLICE_CHARS = 1 << 20;
const SENTENCES_PER_CALL = 10000;

function addBytes(m, handle, bytes, where) {
  withHeap(m, [bytes.length], ([p]) => {
    heapU8(m, p, bytes.length).set(bytes);
    throwIfWordsError(handle.addText(p, bytes.length), where);
  });
}

function addString(m, handle, text, where) {
  for (let start = 0; start < text.length;) {
    let end = Math.min(text.length, start + SLICE_CHARS);
    // Never split a surrogate pair: each half alone would decode as U+FFFD.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    addBytes(m, handle, encodeText(text.slice(start, end)), where);
    start = end;
  }
}

function addSentences(m, handle, sentences, first, where) {
  const tokens = [];
  const counts = new Uint32Array(sentences.length);
  sentences.forEach((s, i) => {
    if (!Array.isArray(s)) throw new TypeError(`${where}: corpus[${first + i}] must be an array of tokens like the first sentence`);
    s.forEach((t, j) => {
      if (typeof t !== 'string') throw new TypeError(`${where}: corpus[${first + i}][${j}] must be a string token, got ${t === null ? 'null' : typeof t}`);
    });
    counts[i] = s.length;
    tokens.push(...s);
  });
  const { bytes, lengths } = encodeWords(tokens, where);
  withHeap(m, [bytes.length, lengths.length * 4, counts.length * 4], ([pb, pl, pc]) => {
    heapU8(m, pb, bytes.length).set(bytes);
    heapU32(m, pl, lengths.length).set(lengths);
    heapU32(m, pc, counts.length).set(counts);
    throwIfWordsError(handle.addSentences(pb, pl, tokens.length, pc, counts.length), where);
  });
}

function addChunk(m, handle, chunk, i, where) {
  if (typeof chunk === 'string') addString(m, handle, chunk, where);
  else if (chunk instanceof Uint8Array) addBytes(m, handle, chunk, where);
  else if (chunk instanceof ArrayBuffer) addBytes(m, handle, new Uint8Array(chunk), where);
  else throw new TypeError(`${where}: chunk ${i} of the corpus stream must be a string or Uint8Array, got ${chunk === null ? 'null' : typeof chunk}`);
}

/** Adds the whole corpus; resolves once the last chunk of a stream is in. */
export async function feedCorpus(m, handle, corpus, where) {
  if (typeof corpus === 'string') {
    addString(m, handle, corpus, where);
  } else if (Array.isArray(corpus)) {
    if (corpus.length === 0) throw new TypeError(`${where}: the corpus is empty`);
    if (Array.isArray(corpus[0])) {
      for (let i = 0; i < corpus.length; i += SENTENCES_PER_CALL) {
        addSentences(m, handle, corpus.slice(i, i + SENTENCES_PER_CALL), i, where);
      }
    } else {
      corpus.forEach((text, i) => {
        if (typeof text !== 'string') throw new TypeError(`${where}: corpus[${i}] must be a string like the first text, got ${text === null ? 'null' : typeof text}`);
        // Each text ends its last sentence; the newline does that without joining texts.
        addString(m, handle, text, where);
        addBytes(m, handle, NEWLINE, where);
      });
    }
  } else if (corpus instanceof Uint8Array) {
    addBytes(m, handle, corpus, where);
  } else if (corpus !== null && typeof corpus === 'object' && (Symbol.asyncIterator in corpus || Symbol.iterator in corpus)) {
    let i = 0;
    for await (const chunk of corpus) addChunk(m, handle, chunk, i++, where);
  } else {
    throw new TypeError(`${where}: corpus must be a string, an array of texts, an array of token arrays, ` +
      `or a (async) iterable of text chunks, got ${kindOf(corpus)}`);
  }
}

const NEWLINE = new Uint8Array([10]);
