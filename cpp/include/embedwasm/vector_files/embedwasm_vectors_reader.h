#pragma once
// Streaming reader for our own binary format (layout in word_vectors.h: "EWVEC\0\0\0",
// version, V, D, length-prefixed words, zero padding to 4, V * D float32 LE).
//
// Checked as the bytes arrive: the magic byte by byte (so a wrong file fails at once), the
// version (a newer one is refused with a message saying so: its layout may differ in ways
// this reader cannot know), V and D (>= 1, matrix within the limit), each word (length
// <= kMaxWordBytes, non-empty, UTF-8, unique), the padding (zero), and nothing after the
// floats. Errors name the byte offset.
#include <cstddef>
#include <cstdint>
#include <string>

#include "embedwasm/vector_files/row_accumulator.h"
#include "embedwasm/vector_files/word_list.h"
#include "embedwasm/vector_files/word_vectors_reader.h"

namespace embedwasm::vector_files {

class EmbedwasmVectorsReader final : public WordVectorsReader {
 public:
  explicit EmbedwasmVectorsReader(const ReaderOptions& options);

 protected:
  Status do_feed(const uint8_t* data, size_t n) override;
  Status do_finish(WordVectors* out) override;

 private:
  enum class State { kHeader, kWordLength, kWordBytes, kPadding, kVectors, kDone };
  Status error(uint64_t offset, const std::string& message) const;
  std::string word_number() const;  // the word being read, "word 3 of 10"
  Status end_header();
  Status end_word();
  Status after_words();  // to kPadding or kVectors
  Status next_row();

  ReaderOptions options_;
  State state_ = State::kHeader;
  uint64_t offset_ = 0;  // absolute offset of the next byte
  uint8_t fixed_[kEmbedwasmHeaderBytes] = {};
  size_t fixed_filled_ = 0;
  size_t rows_expected_ = 0, cols_ = 0;
  uint32_t word_length_ = 0;
  uint64_t word_offset_ = 0;
  std::string word_;
  size_t padding_left_ = 0;
  uint8_t* vector_ = nullptr;
  size_t vector_filled_ = 0;
  RowAccumulator rows_;
  WordList words_;
};

}  // namespace embedwasm::vector_files
