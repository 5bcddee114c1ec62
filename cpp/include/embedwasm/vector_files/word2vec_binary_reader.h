#pragma once
// Streaming reader for word2vec binary files (the C tool's -binary 1, gensim's
// save_word2vec_format(binary=True)): "V D\n", then per word its bytes up to a space and D
// float32 little-endian.
//
// The C tool writes "\n" after each vector; gensim 4 writes nothing. Like both tools'
// readers, newlines before a word are skipped, and newlines after the last vector are
// allowed; any other byte after V words is an error. Words run up to the space, so they
// may hold any other byte, but must be valid UTF-8 (utf8.h). The vector bytes are copied
// straight into the preallocated RowMatrix row. Errors name the byte offset from the start
// of the file.
#include <cstddef>
#include <cstdint>
#include <string>

#include "embedwasm/vector_files/row_accumulator.h"
#include "embedwasm/vector_files/word_list.h"
#include "embedwasm/vector_files/word_vectors_reader.h"

namespace embedwasm::vector_files {

class Word2VecBinaryReader final : public WordVectorsReader {
 public:
  explicit Word2VecBinaryReader(const ReaderOptions& options);

 protected:
  Status do_feed(const uint8_t* data, size_t n) override;
  Status do_finish(WordVectors* out) override;

 private:
  enum class State { kHeader, kBeforeWord, kWord, kVector, kTrailer };
  Status error(uint64_t offset, const std::string& message) const;
  std::string word_number() const;  // "word 3 of 10"
  Status end_header();
  Status end_word(uint64_t space_offset);

  ReaderOptions options_;
  State state_ = State::kHeader;
  uint64_t offset_ = 0;  // of the first byte of the chunk being consumed
  std::string header_;
  size_t rows_expected_ = 0, cols_ = 0;
  std::string word_;
  uint64_t word_offset_ = 0;
  uint8_t* vector_ = nullptr;  // the current row, as bytes
  size_t vector_filled_ = 0;   // bytes of it written
  RowAccumulator rows_;
  WordList words_;
};

}  // namespace embedwasm::vector_files
