#include "embedwasm/vector_files/text_vectors_reader.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <utility>

#include "embedwasm/vector_files/float_text.h"
#include "embedwasm/vector_files/utf8.h"
#include "embedwasm/vector_files/word2vec_header.h"

namespace embedwasm::vector_files {
namespace {

constexpr size_t kMaxHeaderBytes = 1024;

bool is_separator(uint8_t c) { return c == ' ' || c == '\t' || c == '\r'; }

bool all_blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return is_separator(static_cast<uint8_t>(c)); });
}

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string count_of(size_t n, const char* noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

}  // namespace

TextVectorsReader::TextVectorsReader(Layout layout, const ReaderOptions& options,
                                     std::string message_prefix)
    : layout_(layout), options_(options), prefix_(std::move(message_prefix)) {
  options_.max_matrix_bytes = std::min(options_.max_matrix_bytes, kMaxMatrixBytes);
}

Status TextVectorsReader::error(uint64_t line, const std::string& message) const {
  return Status::invalid_argument(prefix_ + "line " + std::to_string(line) + ": " + message);
}

std::string TextVectorsReader::after_word() const {
  return has_word() ? " after " + quote_word(word_) : "";
}

void TextVectorsReader::note_blank_line() {
  if (first_blank_line_ == 0) first_blank_line_ = line_;
}

Status TextVectorsReader::do_feed(const uint8_t* data, size_t n) {
  if (state_ != State::kBom) return consume(data, n);
  static constexpr uint8_t kBom[3] = {0xEF, 0xBB, 0xBF};
  size_t i = 0;
  while (i < n && bom_size_ < 3 && data[i] == kBom[bom_size_]) bom_[bom_size_++] = data[i++];
  if (bom_size_ < 3 && i == n) return Status::ok();  // undecided yet
  state_ = initial_state();
  if (bom_size_ == 3) {
    offset_ += 3;
  } else {
    EMBEDWASM_RETURN_IF_ERROR(consume(bom_, bom_size_));
  }
  bom_size_ = 0;
  return consume(data + i, n - i);
}

Status TextVectorsReader::consume(const uint8_t* p, size_t n) {
  size_t i = 0;
  while (i < n) {
    switch (state_) {
      case State::kBom:  // handled by do_feed
      case State::kHeader: {
        const void* nl = std::memchr(p + i, '\n', n - i);
        const size_t end = nl ? static_cast<size_t>(static_cast<const uint8_t*>(nl) - p) : n;
        if (header_.size() + (end - i) > kMaxHeaderBytes) {
          return error(1, "no line end in the first " + std::to_string(kMaxHeaderBytes) +
                              " bytes; expected a header 'V D'");
        }
        header_.append(reinterpret_cast<const char*>(p + i), end - i);
        i = end;
        if (nl) {
          ++i;
          EMBEDWASM_RETURN_IF_ERROR(end_header());
          ++line_;
          state_ = State::kLineStart;
        }
        break;
      }
      case State::kLineStart: {
        const uint8_t c = p[i];
        if (c == '\n') {
          note_blank_line();
          ++line_;
          ++i;
        } else if (!has_word()) {
          state_ = State::kSpace;
        } else if (c == ' ') {
          state_ = State::kLeadingSpace;
          ++i;
        } else {
          word_.clear();
          word_offset_ = offset_ + i;
          state_ = State::kWord;
        }
        break;
      }
      case State::kLeadingSpace: {
        const uint8_t c = p[i];
        if (c == '\n') {
          note_blank_line();
          ++line_;
          state_ = State::kLineStart;
        } else if (!is_separator(c)) {
          return error(line_, "the line starts with a space, so its word is empty");
        }
        ++i;
        break;
      }
      case State::kWord: {
        size_t j = i;
        while (j < n && p[j] != ' ' && p[j] != '\n') ++j;
        if (word_.size() + (j - i) > kMaxWordBytes) {
          return error(line_, "word longer than " + std::to_string(kMaxWordBytes) + " bytes");
        }
        word_.append(reinterpret_cast<const char*>(p + i), j - i);
        i = j;
        if (j == n) break;
        ++i;
        if (p[j] == ' ') {
          EMBEDWASM_RETURN_IF_ERROR(end_word());
          state_ = State::kSpace;
        } else {
          if (!word_.empty() && word_.back() == '\r') word_.pop_back();
          if (all_blank(word_)) {
            note_blank_line();
          } else {
            EMBEDWASM_RETURN_IF_ERROR(end_word());
            EMBEDWASM_RETURN_IF_ERROR(end_line());
          }
          ++line_;
          state_ = State::kLineStart;
        }
        break;
      }
      case State::kSpace: {
        const uint8_t c = p[i];
        if (is_separator(c)) {
          ++i;
        } else if (c == '\n') {
          ++i;
          if (entry_open_) {
            EMBEDWASM_RETURN_IF_ERROR(end_line());
          } else {
            note_blank_line();
          }
          ++line_;
          state_ = State::kLineStart;
        } else {
          if (!entry_open_) EMBEDWASM_RETURN_IF_ERROR(begin_entry());
          token_.clear();
          token_offset_ = offset_ + i;
          state_ = State::kValue;
        }
        break;
      }
      case State::kValue: {
        size_t j = i;
        while (j < n && !is_separator(p[j]) && p[j] != '\n') ++j;
        if (token_.size() + (j - i) > kMaxWordBytes) {
          return error(line_, "value " + std::to_string(col_ + 1) + after_word() +
                                  " is longer than " + std::to_string(kMaxWordBytes) + " bytes");
        }
        token_.append(reinterpret_cast<const char*>(p + i), j - i);
        i = j;
        if (j == n) break;
        EMBEDWASM_RETURN_IF_ERROR(end_value());
        state_ = State::kSpace;  // the separator is consumed there
        break;
      }
    }
  }
  offset_ += n;
  return Status::ok();
}

Status TextVectorsReader::end_header() {
  Status s = parse_word2vec_header(header_, options_.max_matrix_bytes, &header_rows_, &cols_);
  if (!s.is_ok()) return s.prefixed(prefix_ + "line 1: ");
  s = rows_.start_fixed(header_rows_, cols_, options_.max_matrix_bytes);
  if (!s.is_ok()) return s.prefixed(prefix_ + "line 1: ");
  words_.reserve(std::min<size_t>(header_rows_, size_t{1} << 20));
  header_done_ = true;
  first_data_line_ = 2;
  return Status::ok();
}

Status TextVectorsReader::end_word() {
  const size_t bad = find_invalid_utf8(word_);
  if (bad != word_.size()) {
    return error(line_, "invalid UTF-8 in word " + quote_word(word_) + " at byte " +
                            std::to_string(word_offset_ + bad));
  }
  return begin_entry();
}

Status TextVectorsReader::begin_entry() {
  if (first_blank_line_ != 0) {
    return error(first_blank_line_, "blank line before line " + std::to_string(line_) +
                                        " (blank lines may only end the file)");
  }
  if (header_done_ && entries_ == header_rows_) {
    return error(line_, "more words than the " + std::to_string(header_rows_) +
                            " the header declares");
  }
  if (cols_ != 0) {
    Status s = rows_.append_row(&row_);
    if (!s.is_ok()) return s.prefixed(prefix_ + "line " + std::to_string(line_) + ": ");
  }
  entry_open_ = true;
  col_ = 0;
  return Status::ok();
}

Status TextVectorsReader::end_value() {
  float v;
  if (parse_float(token_.data(), token_.data() + token_.size(), &v)) {
    if (cols_ != 0) {
      if (col_ < cols_) row_[col_] = v;
    } else {
      if ((first_values_.size() + 1) * sizeof(float) > options_.max_matrix_bytes) {
        return Status::resource_exhausted(prefix_ + "line " + std::to_string(line_) +
                                          ": more values than the limit of " +
                                          std::to_string(options_.max_matrix_bytes) + " bytes");
      }
      first_values_.push_back(v);
    }
    ++col_;
    return Status::ok();
  }
  if (layout_ == Layout::kGlove && col_ == 0) {
    const size_t bad = find_invalid_utf8(token_);
    if (bad != token_.size()) {
      return error(line_, "invalid UTF-8 in word " + quote_word(word_ + " " + token_) +
                              " at byte " + std::to_string(token_offset_ + bad));
    }
    if (word_.size() + 1 + token_.size() > kMaxWordBytes) {
      return error(line_, "word longer than " + std::to_string(kMaxWordBytes) + " bytes");
    }
    word_ += ' ';
    word_ += token_;
    return Status::ok();
  }
  return error(line_, quote_word(token_) + " is not a number (value " + std::to_string(col_ + 1) +
                          after_word() + ")");
}

Status TextVectorsReader::end_line() {
  if (cols_ == 0) {
    // The first line of a GloVe or TSV file sets D.
    if (col_ == 0) return error(line_, "no values" + after_word());
    cols_ = col_;
    Status s = rows_.start_growing(cols_, options_.max_matrix_bytes);
    if (s.is_ok()) s = rows_.append_row(&row_);
    if (!s.is_ok()) return s.prefixed(prefix_ + "line " + std::to_string(line_) + ": ");
    std::memcpy(row_, first_values_.data(), cols_ * sizeof(float));
    line1_like_header_ = layout_ == Layout::kGlove && line_ == 1 && cols_ == 1 &&
                         all_digits(word_) && std::floor(first_values_[0]) == first_values_[0] &&
                         first_values_[0] >= 1.0f;
    std::vector<float>().swap(first_values_);
  } else if (col_ != cols_) {
    std::string message = "expected " + count_of(cols_, "value") + after_word() + ", found " +
                          std::to_string(col_);
    if (line1_like_header_) {
      message += " (line 1 looks like a word2vec header 'V D': is this word2vec text?)";
    }
    return error(line_, message);
  }
  if (has_word()) {
    const int64_t first = words_.add(std::move(word_));
    if (first >= 0) {
      return error(line_, "duplicate word " + quote_word(words_[static_cast<size_t>(first)]) +
                              " (first on line " +
                              std::to_string(first_data_line_ + static_cast<uint64_t>(first)) +
                              ")");
    }
    word_.clear();
  }
  ++entries_;
  entry_open_ = false;
  col_ = 0;
  row_ = nullptr;
  return Status::ok();
}

Status TextVectorsReader::do_finish(WordVectors* out) {
  if (state_ == State::kBom) {
    state_ = initial_state();
    EMBEDWASM_RETURN_IF_ERROR(consume(bom_, bom_size_));
  }
  const bool mid_line = state_ != State::kLineStart;
  switch (state_) {
    case State::kBom:
    case State::kLineStart:
    case State::kLeadingSpace:
      break;
    case State::kHeader:
      if (all_blank(header_)) {
        return Status::invalid_argument(prefix_ + "empty input: expected a header 'V D'");
      }
      EMBEDWASM_RETURN_IF_ERROR(end_header());
      break;
    case State::kWord:
      if (!word_.empty() && word_.back() == '\r') word_.pop_back();
      if (!all_blank(word_)) {
        EMBEDWASM_RETURN_IF_ERROR(end_word());
        EMBEDWASM_RETURN_IF_ERROR(end_line());
      }
      break;
    case State::kSpace:
      if (entry_open_) EMBEDWASM_RETURN_IF_ERROR(end_line());
      break;
    case State::kValue:
      EMBEDWASM_RETURN_IF_ERROR(end_value());
      EMBEDWASM_RETURN_IF_ERROR(end_line());
      break;
  }
  if (layout_ == Layout::kWord2Vec && entries_ < header_rows_) {
    const uint64_t last = mid_line ? line_ : line_ - 1;
    return error(last, "the file ends after " + count_of(entries_, "word") + "; the header declares " +
                           std::to_string(header_rows_));
  }
  if (entries_ == 0) return Status::invalid_argument(prefix_ + "empty input: no vectors");
  out->words = words_.take();
  return rows_.finish(&out->vectors);
}

}  // namespace embedwasm::vector_files
