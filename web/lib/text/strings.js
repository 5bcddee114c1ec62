// Strings cross into wasm as one UTF-8 blob and a Uint32Array of offsets (string i is
// bytes[offsets[i], offsets[i + 1])), so a batch is two copies, not a conversion per
// string; lists coming back (vocabularies, inverted ids) arrive the same way.
import { heapU32, heapU8, withHeap } from '../core/heap.js';
import { show } from '../core/options.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

/** strings -> {bytes: Uint8Array, offsets: Uint32Array (n + 1)}; a non-string is a TypeError naming its index. */
export function packStrings(strings, what) {
  const n = strings.length;
  const offsets = new Uint32Array(n + 1);
  // Three bytes per UTF-16 unit is the most UTF-8 can take; one pass with encodeInto.
  let capacity = 0;
  for (let i = 0; i < n; ++i) {
    const s = strings[i];
    if (typeof s !== 'string') throw new TypeError(`${what}: element ${i} must be a string, got ${show(s)}`);
    capacity += s.length * 3;
  }
  let bytes = new Uint8Array(capacity);
  let used = 0;
  for (let i = 0; i < n; ++i) {
    used += encoder.encodeInto(strings[i], bytes.subarray(used)).written;
    offsets[i + 1] = used;
  }
  if (used >= 2 ** 32) throw new RangeError(`${what}: ${used} bytes of UTF-8 are over the 4 GiB a batch can hold`);
  bytes = bytes.subarray(0, used);
  return { bytes, offsets };
}

/**
 * Runs fn(batch) with the strings in the heap as a TextBatch record (see
 * cpp/bindings/text.h); rowSplits (B + 1) makes the strings the tokens of B documents.
 */
export function withStrings(m, strings, what, fn, rowSplits = null) {
  const { bytes, offsets } = packStrings(strings, what);
  const splitBytes = rowSplits ? rowSplits.length * 4 : 0;
  return withHeap(m, [bytes.length, offsets.length * 4, splitBytes], ([bp, op, sp]) => {
    heapU8(m, bp, bytes.length).set(bytes);
    heapU32(m, op, offsets.length).set(offsets);
    if (rowSplits) heapU32(m, sp, rowSplits.length).set(rowSplits);
    const batch = {
      bytes: bp, numBytes: bytes.length, offsets: op, count: strings.length,
      rowSplits: rowSplits ? sp : 0, numDocuments: rowSplits ? rowSplits.length - 1 : strings.length,
    };
    return fn(batch);
  });
}

/** The strings of the list a handle holds (listBytes/listOffsets/listSize), then frees it. */
export function readStringList(m, handle) {
  try {
    const n = handle.listSize();
    // Copied out first: TextDecoder refuses views of shared memory (threads build).
    const offsets = heapU32(m, handle.listOffsets(), n + 1).slice();
    const bytes = heapU8(m, handle.listBytes(), handle.listNumBytes()).slice();
    const out = new Array(n);
    for (let i = 0; i < n; ++i) out[i] = decoder.decode(bytes.subarray(offsets[i], offsets[i + 1]));
    return out;
  } finally {
    handle.releaseList();
  }
}

/** A nested list of rows (string[][]) -> {tokens: string[], rowSplits: Uint32Array}. */
export function flattenRows(rows, what) {
  const splits = new Uint32Array(rows.length + 1);
  const tokens = [];
  rows.forEach((row, b) => {
    if (!Array.isArray(row)) throw new TypeError(`${what}: row ${b} must be an array, got ${show(row)}`);
    for (const token of row) tokens.push(token);
    splits[b + 1] = tokens.length;
  });
  return { tokens, rowSplits: splits };
}
