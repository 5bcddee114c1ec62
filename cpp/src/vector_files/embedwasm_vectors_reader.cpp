#include "embedwasm/vector_files/embedwasm_vectors_reader.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "embedwasm/vector_files/utf8.h"
#include "vector_files/add_file_word.h"
#include "vector_files/little_endian.h"

namespace embedwasm::vector_files {

EmbedwasmVectorsReader::EmbedwasmVectorsReader(const ReaderOptions& options) : options_(options) {
  options_.max_matrix_bytes = std::min(options_.max_matrix_bytes, kMaxMatrixBytes);
}

Status EmbedwasmVectorsReader::error(uint64_t offset, const std::string& message) const {
  return Status::invalid_argument("byte " + std::to_string(offset) + ": " + message);
}

std::string EmbedwasmVectorsReader::word_number() const {
  return "word " + std::to_string(words_.size() + 1) + " of " + std::to_string(rows_expected_);
}

Status EmbedwasmVectorsReader::do_feed(const uint8_t* p, size_t n) {
  size_t i = 0;
  while (i < n) {
    switch (state_) {
      case State::kHeader: {
        const uint8_t b = p[i];
        if (fixed_filled_ < sizeof(kEmbedwasmMagic) &&
            b != static_cast<uint8_t>(kEmbedwasmMagic[fixed_filled_])) {
          return error(offset_, "not an embedwasm vectors file (it does not start with "
                                "\"EWVEC\\0\\0\\0\")");
        }
        fixed_[fixed_filled_++] = b;
        ++i;
        ++offset_;
        if (fixed_filled_ == 12) {
          const uint32_t version = load_u32_le(fixed_ + 8);
          if (version == 0) return error(8, "format version 0 does not exist");
          if (version > kEmbedwasmFormatVersion) {
            return error(8, "format version " + std::to_string(version) +
                                " is newer than this reader, which knows version " +
                                std::to_string(kEmbedwasmFormatVersion) +
                                "; load it with a newer embedwasm");
          }
        }
        if (fixed_filled_ == kEmbedwasmHeaderBytes) EMBEDWASM_RETURN_IF_ERROR(end_header());
        break;
      }
      case State::kWordLength: {
        fixed_[fixed_filled_++] = p[i];
        ++i;
        ++offset_;
        if (fixed_filled_ == 4) {
          word_length_ = load_u32_le(fixed_);
          if (word_length_ == 0) return error(word_offset_, word_number() + " is empty");
          if (word_length_ > kMaxWordBytes) {
            return error(word_offset_, word_number() + " has length " +
                                           std::to_string(word_length_) + ", more than the " +
                                           std::to_string(kMaxWordBytes) + " allowed");
          }
          word_.clear();
          state_ = State::kWordBytes;
        }
        break;
      }
      case State::kWordBytes: {
        const size_t take = std::min<size_t>(word_length_ - word_.size(), n - i);
        word_.append(reinterpret_cast<const char*>(p + i), take);
        i += take;
        offset_ += take;
        if (word_.size() == word_length_) EMBEDWASM_RETURN_IF_ERROR(end_word());
        break;
      }
      case State::kPadding:
        if (p[i] != 0) return error(offset_, "padding byte is not zero");
        ++i;
        ++offset_;
        if (--padding_left_ == 0) EMBEDWASM_RETURN_IF_ERROR(next_row());
        break;
      case State::kVectors: {
        const size_t row_bytes = cols_ * sizeof(float);
        const size_t take = std::min(row_bytes - vector_filled_, n - i);
        std::memcpy(vector_ + vector_filled_, p + i, take);
        vector_filled_ += take;
        i += take;
        offset_ += take;
        if (vector_filled_ == row_bytes) {
          swap_floats_le_host(vector_, cols_);
          if (rows_.rows() == rows_expected_) {
            state_ = State::kDone;
          } else {
            EMBEDWASM_RETURN_IF_ERROR(next_row());
          }
        }
        break;
      }
      case State::kDone:
        return error(offset_, "more data after the vectors");
    }
  }
  return Status::ok();
}

Status EmbedwasmVectorsReader::end_header() {
  const uint32_t v = load_u32_le(fixed_ + 12);
  const uint32_t d = load_u32_le(fixed_ + 16);
  if (v == 0) return error(12, "V (the number of words) is 0");
  if (d == 0) return error(16, "D (the dimension) is 0");
  Status s = rows_.start_fixed(v, d, options_.max_matrix_bytes);
  if (!s.is_ok()) return s.prefixed("byte 12: ");
  rows_expected_ = v;
  cols_ = d;
  words_.reserve(std::min<size_t>(v, size_t{1} << 20));
  fixed_filled_ = 0;
  word_offset_ = offset_;
  state_ = State::kWordLength;
  return Status::ok();
}

Status EmbedwasmVectorsReader::end_word() {
  EMBEDWASM_RETURN_IF_ERROR(add_file_word(&words_, &word_, word_offset_ + 4, word_offset_, word_number()));
  word_.clear();
  if (words_.size() < rows_expected_) {
    fixed_filled_ = 0;
    word_offset_ = offset_;
    state_ = State::kWordLength;
    return Status::ok();
  }
  return after_words();
}

Status EmbedwasmVectorsReader::after_words() {
  padding_left_ = static_cast<size_t>((4 - offset_ % 4) % 4);
  if (padding_left_ > 0) {
    state_ = State::kPadding;
    return Status::ok();
  }
  return next_row();
}

Status EmbedwasmVectorsReader::next_row() {
  float* row = nullptr;
  EMBEDWASM_RETURN_IF_ERROR(rows_.append_row(&row));
  vector_ = reinterpret_cast<uint8_t*>(row);
  vector_filled_ = 0;
  state_ = State::kVectors;
  return Status::ok();
}

Status EmbedwasmVectorsReader::do_finish(WordVectors* out) {
  switch (state_) {
    case State::kHeader:
      if (offset_ == 0) return Status::invalid_argument("empty input: expected an embedwasm vectors file");
      return error(offset_, "the file ends inside the " + std::to_string(kEmbedwasmHeaderBytes) +
                                "-byte header");
    case State::kWordLength:
    case State::kWordBytes:
      return error(offset_, "the file ends inside " + word_number());
    case State::kPadding:
      return error(offset_, "the file ends inside the padding after the words");
    case State::kVectors:
      return error(offset_, "the file ends inside the vector of word " +
                                std::to_string(rows_.rows()) + " of " +
                                std::to_string(rows_expected_) + " (" +
                                quote_word(words_[rows_.rows() - 1]) + ")");
    case State::kDone:
      break;
  }
  out->words = words_.take();
  return rows_.finish(&out->vectors);
}

}  // namespace embedwasm::vector_files
