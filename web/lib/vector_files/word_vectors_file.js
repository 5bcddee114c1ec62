// KeyedVectors.load / save: the formats of cpp/include/embedwasm/vector_files/word_vectors.h.
// Files are fed to the streaming reader in pieces (core/file_bytes.js).
import { engine } from '../core/init.js';
import { bytesOf, feedAll } from '../core/file_bytes.js';
import { heapU8 } from '../core/heap.js';
import { checkOptionNames, booleanOption } from '../core/options.js';
import { throwIfWordsError } from '../vectors/errors.js';
import { KeyedVectors } from '../vectors/keyed_vectors.js';  // circular: used at call time only

export const FORMATS = ['word2vec', 'word2vec-binary', 'glove', 'fasttext', 'embedwasm', 'tsv'];
const decoder = new TextDecoder();

function formatOf(where, options, fallback) {
  const format = options.format ?? fallback;
  if (!FORMATS.includes(format)) {
    throw new TypeError(`${where}: ${format === undefined ? 'option \'format\' is required' : `unknown format '${format}'`} (valid formats: ${FORMATS.join(', ')})`);
  }
  return format;
}

/**
 * Reads word vectors. data: the file's bytes (or text); for format 'tsv', an object
 * {vectors, metadata} holding the Embedding Projector's two files.
 */
export function loadKeyedVectors(data, options = {}) {
  const where = 'KeyedVectors.load';
  checkOptionNames(where, options, ['format']);
  const format = formatOf(where, options);
  const m = engine();
  const kv = new m.KeyedVectors();
  let reader = null;
  try {
    if (format === 'tsv') {
      if (data === null || typeof data !== 'object' || !('vectors' in data) || !('metadata' in data)) {
        throw new TypeError(`${where}: format 'tsv' takes {vectors, metadata} (the two Projector files)`);
      }
      reader = new m.ProjectorTsvReader();
      feedAll(m, bytesOf(data.vectors, where, 'vectors'), (p, n) => throwIfWordsError(reader.feedVectors(p, n), where));
      feedAll(m, bytesOf(data.metadata, where, 'metadata'), (p, n) => throwIfWordsError(reader.feedMetadata(p, n), where));
    } else {
      reader = new m.WordVectorsReader();
      throwIfWordsError(reader.create(format), where);
      feedAll(m, bytesOf(data, where, 'data'), (p, n) => throwIfWordsError(reader.feed(p, n), where));
    }
    throwIfWordsError(reader.finish(kv), where);
  } catch (error) {
    kv.delete();
    throw error;
  } finally {
    reader?.delete();
  }
  return KeyedVectors._wrap(kv);
}

function writeAll(m, handle, format, binaryNewline, where) {
  const writer = new m.WordVectorsWriter();
  try {
    throwIfWordsError(writer.create(handle, format, binaryNewline), where);
    const chunks = [];
    let total = 0;
    while (writer.next()) {
      const chunk = heapU8(m, writer.chunkPtr(), writer.chunkSize()).slice();
      chunks.push(chunk);
      total += chunk.length;
    }
    const out = new Uint8Array(total);
    let offset = 0;
    for (const chunk of chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  } finally {
    writer.delete();
  }
}

/**
 * Writes word vectors: a Uint8Array of the file, or for 'tsv' {vectors, metadata} strings.
 * binaryNewline (word2vec-binary): a newline after each vector as the C tool writes
 * (default true); false gives gensim 4's bytes exactly.
 */
export function saveKeyedVectors(kv, options = {}) {
  const where = 'KeyedVectors.save';
  checkOptionNames(where, options, ['format', 'binaryNewline']);
  const format = formatOf(where, options, 'embedwasm');
  const binaryNewline = booleanOption(where, options, 'binaryNewline', true);
  const m = engine();
  const handle = kv._syncedHandle();
  if (format === 'tsv') {
    return {
      vectors: decoder.decode(writeAll(m, handle, 'tsv-vectors', binaryNewline, where)),
      metadata: decoder.decode(writeAll(m, handle, 'tsv-metadata', binaryNewline, where)),
    };
  }
  return writeAll(m, handle, format, binaryNewline, where);
}
