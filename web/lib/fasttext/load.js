// FastText.load: a .bin / .ftz file fed to the core's streamed reader
// (cpp/include/embedwasm/fasttext/model_file_reader.h) through one reusable 1 MiB heap
// buffer, so the file is never copied into the heap whole next to the model read from
// it. A URL's body is fed as it arrives.
import { currentPlatform, engine } from '../core/init.js';
import { heapU8, withHeap } from '../core/heap.js';
import { kindOf } from '../core/options.js';
import { throwIfWordsError } from '../vectors/errors.js';
import { FastText } from './fasttext.js';  // circular: used at call time only

const WINDOW = 1 << 20;
const WHERE = 'FastText.load';

function feedPieces(m, reader, p, bytes) {
  for (let offset = 0; offset < bytes.length; offset += WINDOW) {
    const piece = bytes.subarray(offset, offset + WINDOW);
    heapU8(m, p, piece.length).set(piece);
    throwIfWordsError(reader.feed(p, piece.length), WHERE);
  }
}

// Runs feedAll(feed) with a reader and the heap window, then builds the model; frees
// everything on any error.
async function readModel(feedAll) {
  const m = engine();
  const reader = new m.FastTextReader();
  const model = new m.FastTextModel();
  const p = m._malloc(WINDOW) >>> 0;
  try {
    if (p === 0) throw new RangeError(`${WHERE}: out of wasm memory for the ${WINDOW}-byte read buffer`);
    await feedAll((bytes) => feedPieces(m, reader, p, bytes));
    throwIfWordsError(reader.finish(model), WHERE);
  } catch (error) {
    model.delete();
    throw error;
  } finally {
    if (p !== 0) m._free(p);
    reader.delete();
  }
  return FastText._wrap(model);
}

function readSync(bytes) {
  const m = engine();
  const reader = new m.FastTextReader();
  const model = new m.FastTextModel();
  try {
    withHeap(m, [Math.min(WINDOW, bytes.length)], ([p]) => feedPieces(m, reader, p, bytes));
    throwIfWordsError(reader.finish(model), WHERE);
  } catch (error) {
    model.delete();
    throw error;
  } finally {
    reader.delete();
  }
  return FastText._wrap(model);
}

const isUrl = (s) => /^[a-z][a-z0-9+.-]*:\/\//i.test(s) || s.startsWith('blob:') || s.startsWith('data:');

async function readUrl(url) {
  const platform = currentPlatform();
  if (platform.readLocalFile !== undefined && (!isUrl(url) || url.startsWith('file:'))) {
    let bytes;
    try {
      bytes = await platform.readLocalFile(url);
    } catch (error) {
      throw new Error(`${WHERE}: cannot read ${url}: ${error.message}`);
    }
    return readSync(bytes);
  }
  let response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new Error(`${WHERE}: cannot fetch ${url}: ${error.message}`);
  }
  if (!response.ok) throw new Error(`${WHERE}: cannot fetch ${url}: HTTP ${response.status}`);
  if (!response.body) return readSync(new Uint8Array(await response.arrayBuffer()));
  return readModel(async (feed) => {
    const body = response.body.getReader();
    for (let r = await body.read(); !r.done; r = await body.read()) feed(r.value);
  });
}

/**
 * A model from its file's bytes (Uint8Array, ArrayBuffer or another typed array view), or
 * a Promise of one from a URL (fetched) or, under Node, a path.
 */
export function loadFastText(data) {
  if (typeof data === 'string' || data instanceof URL) return readUrl(String(data));
  if (data instanceof Uint8Array) return readSync(data);
  if (data instanceof ArrayBuffer) return readSync(new Uint8Array(data));
  if (ArrayBuffer.isView(data)) return readSync(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  throw new TypeError(`${WHERE}: data must be the file's bytes (Uint8Array or ArrayBuffer), a URL or a path, got ${kindOf(data)}`);
}
