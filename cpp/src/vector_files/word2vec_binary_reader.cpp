#include "embedwasm/vector_files/word2vec_binary_reader.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "embedwasm/vector_files/utf8.h"
#include "embedwasm/vector_files/word2vec_header.h"
#include "vector_files/add_file_word.h"
#include "vector_files/little_endian.h"

namespace embedwasm::vector_files {
namespace {

constexpr size_t kMaxHeaderBytes = 1024;

}  // namespace

Word2VecBinaryReader::Word2VecBinaryReader(const ReaderOptions& options) : options_(options) {
  options_.max_matrix_bytes = std::min(options_.max_matrix_bytes, kMaxMatrixBytes);
}

Status Word2VecBinaryReader::error(uint64_t offset, const std::string& message) const {
  return Status::invalid_argument("byte " + std::to_string(offset) + ": " + message);
}

std::string Word2VecBinaryReader::word_number() const {
  return "word " + std::to_string(rows_.rows() + (state_ == State::kVector ? 0 : 1)) + " of " +
         std::to_string(rows_expected_);
}

Status Word2VecBinaryReader::do_feed(const uint8_t* p, size_t n) {
  size_t i = 0;
  while (i < n) {
    switch (state_) {
      case State::kHeader: {
        const void* nl = std::memchr(p + i, '\n', n - i);
        const size_t end = nl ? static_cast<size_t>(static_cast<const uint8_t*>(nl) - p) : n;
        if (header_.size() + (end - i) > kMaxHeaderBytes) {
          return error(kMaxHeaderBytes, "no line end in the first " +
                                            std::to_string(kMaxHeaderBytes) +
                                            " bytes; expected a header 'V D'");
        }
        header_.append(reinterpret_cast<const char*>(p + i), end - i);
        i = end;
        if (nl) {
          ++i;
          EMBEDWASM_RETURN_IF_ERROR(end_header());
          state_ = State::kBeforeWord;
        }
        break;
      }
      case State::kBeforeWord:
        if (p[i] == '\n') {
          ++i;
        } else if (rows_.rows() == rows_expected_) {
          state_ = State::kTrailer;
        } else {
          word_.clear();
          word_offset_ = offset_ + i;
          state_ = State::kWord;
        }
        break;
      case State::kWord: {
        const void* sp = std::memchr(p + i, ' ', n - i);
        const size_t end = sp ? static_cast<size_t>(static_cast<const uint8_t*>(sp) - p) : n;
        if (word_.size() + (end - i) > kMaxWordBytes) {
          return error(word_offset_, word_number() + " is longer than " +
                                         std::to_string(kMaxWordBytes) +
                                         " bytes (no space after it)");
        }
        word_.append(reinterpret_cast<const char*>(p + i), end - i);
        i = end;
        if (sp) {
          EMBEDWASM_RETURN_IF_ERROR(end_word(offset_ + i));
          ++i;
          state_ = State::kVector;
        }
        break;
      }
      case State::kVector: {
        const size_t want = cols_ * sizeof(float) - vector_filled_;
        const size_t take = std::min(want, n - i);
        std::memcpy(vector_ + vector_filled_, p + i, take);
        vector_filled_ += take;
        i += take;
        if (vector_filled_ == cols_ * sizeof(float)) {
          swap_floats_le_host(vector_, cols_);
          state_ = State::kBeforeWord;
        }
        break;
      }
      case State::kTrailer:
        if (p[i] != '\n') {
          return error(offset_ + i, "unexpected data after the last word (the header declares " +
                                        std::to_string(rows_expected_) + ")");
        }
        ++i;
        break;
    }
  }
  offset_ += n;
  return Status::ok();
}

Status Word2VecBinaryReader::end_header() {
  Status s = parse_word2vec_header(header_, options_.max_matrix_bytes, &rows_expected_, &cols_);
  if (s.is_ok()) s = rows_.start_fixed(rows_expected_, cols_, options_.max_matrix_bytes);
  if (!s.is_ok()) return s.prefixed("byte 0: ");
  words_.reserve(std::min<size_t>(rows_expected_, size_t{1} << 20));
  return Status::ok();
}

Status Word2VecBinaryReader::end_word(uint64_t space_offset) {
  if (word_.empty()) return error(space_offset, word_number() + " is empty");
  EMBEDWASM_RETURN_IF_ERROR(add_file_word(&words_, &word_, word_offset_, word_offset_, word_number()));
  word_.clear();
  float* row = nullptr;
  EMBEDWASM_RETURN_IF_ERROR(rows_.append_row(&row));
  vector_ = reinterpret_cast<uint8_t*>(row);
  vector_filled_ = 0;
  return Status::ok();
}

Status Word2VecBinaryReader::do_finish(WordVectors* out) {
  switch (state_) {
    case State::kHeader:
      if (offset_ == 0) return Status::invalid_argument("empty input: expected a header 'V D'");
      return error(offset_, "the file ends inside the header (no line end)");
    case State::kWord:
      return error(offset_, "the file ends inside " + word_number());
    case State::kVector:
      return error(offset_, "the file ends inside the vector of " + word_number() + " (" +
                                quote_word(words_[words_.size() - 1]) + ")");
    case State::kBeforeWord:
    case State::kTrailer:
      break;
  }
  if (rows_.rows() < rows_expected_) {
    return error(offset_, "the file ends after " + std::to_string(rows_.rows()) + " of the " +
                              std::to_string(rows_expected_) + " words the header declares");
  }
  out->words = words_.take();
  return rows_.finish(&out->vectors);
}

}  // namespace embedwasm::vector_files
