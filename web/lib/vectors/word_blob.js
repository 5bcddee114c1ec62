// Word lists cross into wasm as one UTF-8 blob and a Uint32Array of byte lengths
// (cpp/bindings/word_blob.h): one copy each way instead of a string
// conversion per word.
import { heapU32, heapU8 } from '../core/heap.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

/** words: strings -> {bytes: Uint8Array, lengths: Uint32Array}. */
export function encodeWords(words, where) {
  const parts = new Array(words.length);
  let total = 0;
  for (let i = 0; i < words.length; ++i) {
    const w = words[i];
    if (typeof w !== 'string') {
      throw new TypeError(`${where}: word ${i} must be a string, got ${w === null ? 'null' : typeof w}`);
    }
    parts[i] = encoder.encode(w);
    total += parts[i].length;
  }
  const bytes = new Uint8Array(total);
  const lengths = new Uint32Array(words.length);
  let offset = 0;
  for (let i = 0; i < parts.length; ++i) {
    bytes.set(parts[i], offset);
    offset += parts[i].length;
    lengths[i] = parts[i].length;
  }
  return { bytes, lengths };
}

/** Decodes the words a KeyedVectors handle packed (packWords) and frees the copy. */
export function decodeWords(m, handle) {
  handle.packWords();
  try {
    const n = handle.size();
    // Copied out of the heap first: TextDecoder refuses views of shared memory.
    const bytes = heapU8(m, handle.packedBytes(), handle.packedSize()).slice();
    const lengths = heapU32(m, handle.packedLengths(), n).slice();
    const words = new Array(n);
    let offset = 0;
    for (let i = 0; i < n; ++i) {
      words[i] = decoder.decode(bytes.subarray(offset, offset + lengths[i]));
      offset += lengths[i];
    }
    return words;
  } finally {
    handle.releaseWords();
  }
}

/** Encodes a string for the heap; `text` may be long, callers slice it first. */
export function encodeText(text) {
  return encoder.encode(text);
}
