#pragma once
// Streaming export: the file comes out in chunks, so JS can pipe a 1.2 GB text export to
// a download or a WritableStream holding one chunk at a time.
//
//   WordVectorsWriter writer;
//   EMBEDWASM_RETURN_IF_ERROR(WordVectorsWriter::create(format, &words, &vectors, {}, &writer));
//   const uint8_t* data; size_t size;
//   while (writer.next_chunk(&data, &size)) sink(data, size);
//
// create() checks everything up front (shapes, and that every word can be written in the
// format and read back as the same word), so a started export cannot fail halfway:
// - all formats: V >= 1, D >= 1, rows == words, words non-empty, valid UTF-8, unique, at
//   most kMaxWordBytes;
// - word2vec text, fastText: no space or newline in a word (gensim writes them and then
//   cannot read its own file);
// - word2vec binary: no space, no leading newline (readers skip those);
// - GloVe: no newline; spaces only as the reader takes them back (text_vectors_reader.h:
//   every space-separated piece after the first non-empty, not a number, no tab or CR);
// - metadata.tsv: no tab or newline, no trailing CR.
// GloVe and metadata.tsv files start with a byte order mark when their first word starts
// with U+FEFF, since readers drop one at the start of these headerless files.
// The projector pair is two writers over the same words and vectors: kProjectorTsvVectors
// (vectors.tsv) and kProjectorTsvMetadata (metadata.tsv, one column, no header).
//
// Text values are float_text.h's shortest round-trip form (numpy's repr, as gensim writes
// them), so text export -> import gives back the same floats bit for bit, NaN payloads
// and signs aside. Binary formats are bit-exact.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "embedwasm/vector_files/word_vectors.h"
#include "embedwasm/core/row_matrix.h"
#include "embedwasm/core/status.h"

namespace embedwasm::vector_files {

struct WriterOptions {
  // Each chunk holds whole records and is at least this long (except the last), and
  // longer only by less than one record.
  size_t chunk_bytes = size_t{1} << 20;
  // word2vec binary: a "\n" after each vector, as the C tool writes (gensim 4 writes
  // none; every reader accepts both). false gives gensim's bytes exactly.
  bool word2vec_binary_newline = true;
};

class WordVectorsWriter {
 public:
  WordVectorsWriter() = default;
  WordVectorsWriter(WordVectorsWriter&&) = default;
  WordVectorsWriter& operator=(WordVectorsWriter&&) = default;

  // words (V,) and vectors (V, D) are borrowed: they must outlive the writer and not
  // change while it runs.
  static Status create(WordVectorsFormat format, const std::vector<std::string>* words,
                       const RowMatrix* vectors, const WriterOptions& options,
                       WordVectorsWriter* out);
  static Status create(WordVectorsFormat format, const WordVectors* word_vectors,
                       const WriterOptions& options, WordVectorsWriter* out) {
    return create(format, &word_vectors->words, &word_vectors->vectors, options, out);
  }

  // The next piece of the file, valid until the next call; false once all was given.
  bool next_chunk(const uint8_t** data, size_t* size);
  bool done() const { return item_ == items_; }
  uint64_t bytes_written() const { return bytes_written_; }

 private:
  void append_item(size_t item);
  void append_values(size_t row, char separator);
  void append_floats_le(size_t row);

  WordVectorsFormat format_ = WordVectorsFormat::kWord2VecText;
  const std::vector<std::string>* words_ = nullptr;
  const RowMatrix* vectors_ = nullptr;
  WriterOptions options_;
  size_t header_items_ = 0;
  size_t item_ = 0, items_ = 0;
  uint64_t bytes_written_ = 0;
  uint64_t position_ = 0;  // bytes appended so far (the file offset of the buffer's end)
  std::string buffer_;
};

// Whether `words` can be written in `format` (the checks of create()).
Status check_words_writable(WordVectorsFormat format, const std::vector<std::string>& words);

// One-shot export into a string.
Status write_word_vectors(WordVectorsFormat format, const WordVectors& word_vectors,
                          const WriterOptions& options, std::string* out);

}  // namespace embedwasm::vector_files
