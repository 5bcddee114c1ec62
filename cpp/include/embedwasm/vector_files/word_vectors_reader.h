#pragma once
// Streaming import: feed a file in chunks of any size, then finish().
//
//   std::unique_ptr<WordVectorsReader> reader;
//   EMBEDWASM_RETURN_IF_ERROR(WordVectorsReader::create(WordVectorsFormat::kWord2VecBinary, {}, &reader));
//   while (more) EMBEDWASM_RETURN_IF_ERROR(reader->feed(chunk, chunk_size));
//   WordVectors wv;
//   EMBEDWASM_RETURN_IF_ERROR(reader->finish(&wv));
//
// Memory: the (V, D) matrix (preallocated from the header when the format has one, see
// row_accumulator.h), the words, and what is left of one unfinished line, word or vector
// from the previous chunk; a chunk is never copied whole, so a 1.2 GB text file loads
// through a 1 MiB window. Results do not depend on where chunks split.
//
// Errors are sticky: after a failed feed every later feed and finish returns the same
// status. feed after finish is kInvalidArgument. Projector TSV has two inputs and its own
// class (projector_tsv_reader.h).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "embedwasm/vector_files/word_vectors.h"
#include "embedwasm/core/status.h"

namespace embedwasm::vector_files {

struct ReaderOptions {
  // Largest (V, D) matrix accepted, in bytes of the padded RowMatrix; also capped at
  // kMaxMatrixBytes. A header is trusted to size the preallocation only up to this, so a
  // 12-byte file cannot make the reader allocate 4 GiB when the caller says less.
  uint64_t max_matrix_bytes = kMaxMatrixBytes;
};

class WordVectorsReader {
 public:
  virtual ~WordVectorsReader() = default;

  // Any format but the two projector TSV halves.
  static Status create(WordVectorsFormat format, const ReaderOptions& options,
                       std::unique_ptr<WordVectorsReader>* out);

  // The next n bytes of the file (data may be null when n is 0).
  Status feed(const uint8_t* data, size_t n);
  // End of file: checks that the file is complete and moves the result out.
  Status finish(WordVectors* out);

  // Bytes fed so far.
  uint64_t bytes_fed() const { return bytes_fed_; }

 protected:
  virtual Status do_feed(const uint8_t* data, size_t n) = 0;
  virtual Status do_finish(WordVectors* out) = 0;

 private:
  Status status_;
  bool finished_ = false;
  uint64_t bytes_fed_ = 0;
};

// One-shot import of a whole file held in memory.
Status read_word_vectors(WordVectorsFormat format, const uint8_t* data, size_t n,
                         const ReaderOptions& options, WordVectors* out);

}  // namespace embedwasm::vector_files
