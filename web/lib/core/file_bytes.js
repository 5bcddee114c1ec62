// Files handed to the engine's streamed readers (word vectors, fastText models): their
// bytes fed through one reusable 1 MiB heap buffer, so a large file is never copied into
// the heap whole next to what is read from it.
import { heapU8, withHeap } from './heap.js';
import { kindOf } from './options.js';

/** The heap buffer a file passes through, in pieces of this many bytes. */
export const FEED_WINDOW = 1 << 20;

const encoder = new TextEncoder();

/** A file's bytes from a Uint8Array, ArrayBuffer, other typed array view or text (UTF-8). */
export function bytesOf(data, where, name) {
  if (typeof data === 'string') return encoder.encode(data);
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw new TypeError(`${where}: ${name} must be a Uint8Array, ArrayBuffer or string, got ${kindOf(data)}`);
}

/** feed(p, n) for each piece of `bytes` copied to the heap buffer at p (FEED_WINDOW bytes). */
export function feedThrough(m, p, bytes, feed) {
  for (let offset = 0; offset < bytes.length; offset += FEED_WINDOW) {
    const piece = bytes.subarray(offset, offset + FEED_WINDOW);
    heapU8(m, p, piece.length).set(piece);
    feed(p, piece.length);
  }
}

/** feedThrough with a heap buffer of its own, freed after. */
export function feedAll(m, bytes, feed) {
  withHeap(m, [Math.min(FEED_WINDOW, bytes.length)], ([p]) => feedThrough(m, p, bytes, feed));
}
