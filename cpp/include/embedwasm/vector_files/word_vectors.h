#pragma once
// Word vectors as the common file formats hold them, and the rules every reader and
// writer in embedwasm/vector_files follows.
//
// A WordVectors is V words and their (V, D) float32 vectors: row r of `vectors` belongs
// to words[r]. It is a plain container: KeyedVectors is built from it elsewhere, so the
// parsers do not depend on vectors/.
//
// Formats (all readers stream: word_vectors_reader.h; all writers too: word_vectors_writer.h)
//   kWord2VecText     "V D\n" then V lines "word f1 ... fD\n" (the C tool, gensim
//                     save_word2vec_format(binary=False)).
//   kFastTextVec      the same format under fastText's name (.vec).
//   kWord2VecBinary   "V D\n" then V records: the word's bytes, a space, D float32 LE,
//                     then (C tool) a newline or (gensim 4) nothing. The reader skips
//                     newlines before each word, as both tools' readers do.
//   kGloveText        no header; "word f1 ... fD" per line; D comes from the first line.
//   kProjectorTsv*    TensorFlow Embedding Projector: vectors.tsv (D tab-separated
//                     floats per line, no header) and metadata.tsv (one label per line;
//                     when the first line has a tab the file has several columns and that
//                     line is a header; the first column is the word).
//   kEmbedwasmBinary  ours, versioned, for exact and fast reloads (all integers LE):
//                       bytes 0..8   magic "EWVEC\0\0\0"
//                       bytes 8..12  uint32 format version (1)
//                       bytes 12..16 uint32 V
//                       bytes 16..20 uint32 D
//                       then V words, each a uint32 byte length and that many UTF-8 bytes,
//                       then zero bytes up to the next multiple of 4 (once, after all words,
//                       so the floats can be viewed as a Float32Array in place),
//                       then V * D float32, row after row.
//
// Rules common to all formats, checked on import and on export:
// - V >= 1 and D >= 1; V * D * 4 bytes must fit the RowMatrix limit (4 GiB - 64 KiB) and
//   the reader's max_matrix_bytes, else kResourceExhausted.
// - Words are non-empty, at most kMaxWordBytes long, valid UTF-8 (strict, as Python's
//   decoder: no overlong forms, no surrogates; gensim's default unicode_errors='strict'),
//   and unique (gensim keeps the first of two equal words and logs a warning; a silent
//   drop would misalign rows with what the user expects, so it is an error here).
// - NaN and infinities are accepted and written, as gensim does ("nan", "inf", "-inf" in
//   text; a NaN's sign and payload survive only the binary formats).
// - Malformed input is kInvalidArgument with a message that names the line (text) or
//   the byte offset (binary), e.g. "line 17: expected 100 values after 'king', found 99".
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "embedwasm/core/row_matrix.h"
#include "embedwasm/core/status.h"

namespace embedwasm::vector_files {

struct WordVectors {
  std::vector<std::string> words;  // (V,) UTF-8
  RowMatrix vectors;               // (V, D)
};

enum class WordVectorsFormat : int {
  kWord2VecText = 0,
  kWord2VecBinary = 1,
  kGloveText = 2,
  kFastTextVec = 3,
  kEmbedwasmBinary = 4,
  kProjectorTsvVectors = 5,   // vectors.tsv (export; import with ProjectorTsvReader)
  kProjectorTsvMetadata = 6,  // metadata.tsv (export; import with ProjectorTsvReader)
};

// "word2vec", "word2vec-binary", "glove", "fasttext", "embedwasm", "tsv-vectors",
// "tsv-metadata": the names the JS layer passes.
const char* format_name(WordVectorsFormat format);
Status parse_format_name(const std::string& name, WordVectorsFormat* out);

// Longer words are rejected: this bounds what a reader buffers when a file has no
// separator where one is due (a text file read as binary, say).
constexpr size_t kMaxWordBytes = 65536;

// RowMatrix's own cap, so that a file loads in wasm32 exactly when it loads natively.
constexpr uint64_t kMaxMatrixBytes = (uint64_t{1} << 32) - 65536;

// kEmbedwasmBinary layout constants.
constexpr char kEmbedwasmMagic[8] = {'E', 'W', 'V', 'E', 'C', '\0', '\0', '\0'};
constexpr uint32_t kEmbedwasmFormatVersion = 1;
constexpr size_t kEmbedwasmHeaderBytes = 20;

}  // namespace embedwasm::vector_files
