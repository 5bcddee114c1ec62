#include "embedwasm/vector_files/projector_metadata_reader.h"

#include <cstring>
#include <utility>

#include "embedwasm/vector_files/utf8.h"
#include "embedwasm/vector_files/word_vectors.h"

namespace embedwasm::vector_files {

Status ProjectorMetadataReader::error(uint64_t line, const std::string& message) const {
  return Status::invalid_argument(prefix_ + "line " + std::to_string(line) + ": " + message);
}

Status ProjectorMetadataReader::feed(const uint8_t* p, size_t n) {
  size_t i = 0;
  while (i < n) {
    if (state_ == State::kRestOfLine) {
      const void* nl = std::memchr(p + i, '\n', n - i);
      if (!nl) break;
      i = static_cast<size_t>(static_cast<const uint8_t*>(nl) - p) + 1;
      ++line_;
      line_has_tab_ = false;
      label_.clear();
      label_offset_ = offset_ + i;
      state_ = State::kLabel;
      continue;
    }
    size_t j = i;
    while (j < n && p[j] != '\t' && p[j] != '\n') ++j;
    if (label_.size() + (j - i) > kMaxWordBytes) {
      return error(line_, "label longer than " + std::to_string(kMaxWordBytes) + " bytes");
    }
    label_.append(reinterpret_cast<const char*>(p + i), j - i);
    i = j;
    if (j == n) break;
    ++i;
    if (p[j] == '\t') {
      line_has_tab_ = true;
      if (columns_ == Columns::kUnknown) {
        columns_ = Columns::kSeveral;  // line 1 is the header
      } else if (columns_ == Columns::kOne) {
        return error(line_, "a tab in a one-column file (line 1 has no tab, so the file has "
                            "neither a header nor other columns)");
      } else {
        EMBEDWASM_RETURN_IF_ERROR(end_label());
      }
      state_ = State::kRestOfLine;
    } else {
      if (columns_ == Columns::kUnknown) columns_ = Columns::kOne;
      if (!(columns_ == Columns::kSeveral && line_ == 1)) EMBEDWASM_RETURN_IF_ERROR(end_label());
      ++line_;
      line_has_tab_ = false;
      label_.clear();
      label_offset_ = offset_ + i;
    }
  }
  offset_ += n;
  return Status::ok();
}

Status ProjectorMetadataReader::end_label() {
  // CRs end "\r\n" lines; they are dropped before a tab too, so no label ends with one.
  while (!label_.empty() && label_.back() == '\r') label_.pop_back();
  if (line_ == 1 && label_.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    label_.erase(0, 3);  // a byte order mark, as Windows tools write
    label_offset_ += 3;
  }
  if (label_.empty() && !line_has_tab_) {
    if (first_blank_line_ == 0) first_blank_line_ = line_;
    return Status::ok();
  }
  if (first_blank_line_ != 0) {
    return error(first_blank_line_, "blank line before line " + std::to_string(line_) +
                                        " (blank lines may only end the file)");
  }
  if (label_.empty()) return error(line_, "empty label in the first column");
  const size_t bad = find_invalid_utf8(label_);
  if (bad != label_.size()) {
    return error(line_, "invalid UTF-8 in label " + quote_word(label_) + " at byte " +
                            std::to_string(label_offset_ + bad));
  }
  const int64_t first = words_.add(std::move(label_));
  label_.clear();
  if (first >= 0) {
    const uint64_t first_line =
        static_cast<uint64_t>(first) + (columns_ == Columns::kSeveral ? 2 : 1);
    return error(line_, "duplicate label " + quote_word(words_[static_cast<size_t>(first)]) +
                            " (first on line " + std::to_string(first_line) + ")");
  }
  return Status::ok();
}

Status ProjectorMetadataReader::finish(std::vector<std::string>* words) {
  if (state_ == State::kLabel && !label_.empty()) {
    if (columns_ == Columns::kUnknown) columns_ = Columns::kOne;
    EMBEDWASM_RETURN_IF_ERROR(end_label());
  }
  *words = words_.take();
  return Status::ok();
}

}  // namespace embedwasm::vector_files
