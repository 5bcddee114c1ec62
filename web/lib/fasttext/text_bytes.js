// Text for the fastText core: UTF-8 bytes copied into the heap for one call (a batch of
// lines joined by '\n'), freed after it.
import { bytesOf } from '../core/file_bytes.js';
import { heapU8, withHeap } from '../core/heap.js';
import { kindOf } from '../core/options.js';

const encoder = new TextEncoder();

/** Runs fn(ptr, n) with the text's UTF-8 bytes (a string, or bytes as given) in the heap. */
export function withText(m, text, where, fn, name = 'text') {
  const bytes = bytesOf(text, where, name);
  return withHeap(m, [bytes.length], ([p]) => {
    heapU8(m, p, bytes.length).set(bytes);
    return fn(p, bytes.length);
  });
}

/** One line of text: a string without a newline (fastText's predict takes one line at a time). */
export function oneLine(text, where, name = 'text') {
  if (typeof text !== 'string') throw new TypeError(`${where}: ${name} must be a string, got ${kindOf(text)}`);
  if (text.includes('\n')) {
    throw new TypeError(`${where}: ${name} must be one line (it holds a '\\n'); pass an array of lines for a batch`);
  }
  return text;
}

/** A string (one line) or an array of lines, as one '\n'-joined batch and whether it was an array. */
export function lineBatch(text, where) {
  if (!Array.isArray(text)) return { batch: oneLine(text, where), many: false };
  if (text.length === 0) throw new TypeError(`${where}: the array of lines is empty`);
  text.forEach((line, i) => oneLine(line, where, `text[${i}]`));
  return { batch: text.join('\n'), many: true };
}

/**
 * Writes `text` as UTF-8 into `view` (at least 3 bytes per UTF-16 unit); the bytes written.
 * Browsers refuse encodeInto on a shared buffer (the threads build's memory), so there the
 * text is encoded first and copied.
 */
export function encodeIntoHeap(view, text) {
  if (view.buffer instanceof ArrayBuffer) return encoder.encodeInto(text, view).written;
  const bytes = encoder.encode(text);
  view.set(bytes);
  return bytes.length;
}
