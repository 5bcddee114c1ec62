// FastText.load: a .bin / .ftz file fed in pieces (core/file_bytes.js) to the core's
// streamed reader (cpp/include/embedwasm/fasttext/model_file_reader.h). A URL's body is
// fed as it arrives.
import { bytesOf, FEED_WINDOW, feedAll, feedThrough } from '../core/file_bytes.js';
import { engine } from '../core/init.js';
import { kindOf } from '../core/options.js';
import { openResource } from '../core/resources.js';
import { throwIfWordsError } from '../vectors/errors.js';
import { FastText } from './fasttext.js';  // circular: used at call time only

const WHERE = 'FastText.load';

// Runs feedFile(m, feed) - at once, or as a Promise - with a reader, then builds the model from
// what it read; frees the reader, and the model on any error.
function readModel(feedFile) {
  const m = engine();
  const reader = new m.FastTextReader();
  const model = new m.FastTextModel();
  const feed = (p, n) => throwIfWordsError(reader.feed(p, n), WHERE);
  const finish = () => {
    throwIfWordsError(reader.finish(model), WHERE);
    return FastText._wrap(model);
  };
  const fail = (error) => {
    model.delete();
    throw error;
  };
  let pending;
  try {
    pending = feedFile(m, feed);
    if (pending === undefined) return finish();
  } catch (error) {
    fail(error);
  } finally {
    if (pending === undefined) reader.delete();
  }
  return pending.then(finish).catch(fail).finally(() => reader.delete());
}

const readBytes = (bytes) => readModel((m, feed) => { feedAll(m, bytes, feed); });

// A fetched body is fed as it arrives, through one heap buffer kept for the whole read.
function readBody(body) {
  return readModel(async (m, feed) => {
    const p = m._malloc(FEED_WINDOW) >>> 0;
    if (p === 0) throw new RangeError(`${WHERE}: out of wasm memory for the ${FEED_WINDOW}-byte read buffer`);
    try {
      const chunks = body.getReader();
      for (let r = await chunks.read(); !r.done; r = await chunks.read()) feedThrough(m, p, r.value, feed);
    } finally {
      m._free(p);
    }
  });
}

async function readUrl(url) {
  const { bytes, response } = await openResource(WHERE, url, 'model file');
  if (bytes) return readBytes(bytes);
  return response.body ? readBody(response.body) : readBytes(new Uint8Array(await response.arrayBuffer()));
}

/**
 * A model from its file's bytes (Uint8Array, ArrayBuffer or another typed array view), or
 * a Promise of one from a URL (fetched) or, under Node, a path.
 */
export function loadFastText(data) {
  if (typeof data === 'string' || data instanceof URL) return readUrl(String(data));
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return readBytes(bytesOf(data, WHERE, 'data'));
  throw new TypeError(`${WHERE}: data must be the file's bytes (Uint8Array or ArrayBuffer), a URL or a path, got ${kindOf(data)}`);
}
