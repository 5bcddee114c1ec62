#pragma once
// Lists of byte strings kept in one buffer, so that a batch of strings crosses the
// JS/wasm boundary as two arrays and a list of tokens grows without a heap allocation
// per token.
//
// StringBatch borrows: string i is bytes[offsets[i], offsets[i + 1]) (B + 1 offsets).
// StringList owns and is reused: clear() keeps its capacity.
// Offsets are 32-bit, as wasm32's whole memory is; a list holds less than 4 GiB.
// Strings are bytes: nothing here requires or checks UTF-8.
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "embedwasm/core/status.h"

namespace embedwasm::text {

struct StringBatch {
  const char* bytes = nullptr;
  const uint32_t* offsets = nullptr;  // (size + 1)
  size_t size = 0;

  std::string_view operator[](size_t i) const {
    return {bytes + offsets[i], static_cast<size_t>(offsets[i + 1] - offsets[i])};
  }
};

// A batch handed over from outside (B strings): the offsets must not decrease and must
// stay within num_bytes. Nothing is copied.
Status make_string_batch(const char* bytes, size_t num_bytes, const uint32_t* offsets,
                         size_t count, StringBatch* out);

class StringList {
 public:
  StringList() : offsets_{0} {}

  size_t size() const { return offsets_.size() - 1; }
  bool empty() const { return offsets_.size() == 1; }
  std::string_view operator[](size_t i) const {
    return {bytes_.data() + offsets_[i], static_cast<size_t>(offsets_[i + 1] - offsets_[i])};
  }
  StringBatch view() const { return {bytes_.data(), offsets_.data(), size()}; }
  const std::string& bytes() const { return bytes_; }
  const std::vector<uint32_t>& offsets() const { return offsets_; }

  void push_back(std::string_view s) {
    bytes_.append(s.data(), s.size());
    end_string();
  }
  // A string built in pieces: append(...)* then end_string().
  void append(std::string_view piece) { bytes_.append(piece.data(), piece.size()); }
  void append(char c) { bytes_.push_back(c); }
  void end_string() { offsets_.push_back(static_cast<uint32_t>(bytes_.size())); }
  // Bytes appended since the last end_string().
  size_t pending_bytes() const { return bytes_.size() - offsets_.back(); }

  void clear() {
    bytes_.clear();
    offsets_.resize(1);
  }
  void reserve(size_t strings, size_t bytes) {
    offsets_.reserve(strings + 1);
    bytes_.reserve(bytes);
  }

 private:
  std::string bytes_;
  std::vector<uint32_t> offsets_;
};

inline StringList make_string_list(std::initializer_list<std::string_view> strings) {
  StringList list;
  for (std::string_view s : strings) list.push_back(s);
  return list;
}

}  // namespace embedwasm::text
