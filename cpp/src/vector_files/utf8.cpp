#include "embedwasm/vector_files/utf8.h"

namespace embedwasm::vector_files {
namespace {

// Length of the valid sequence starting at data[i], or 0.
size_t valid_sequence_length(const uint8_t* data, size_t n, size_t i) {
  const uint8_t b0 = data[i];
  if (b0 < 0x80) return 1;
  size_t len;
  uint8_t lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    if (b0 == 0xE0) lo = 0xA0;  // overlong
    if (b0 == 0xED) hi = 0x9F;  // surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    if (b0 == 0xF0) lo = 0x90;  // overlong
    if (b0 == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return 0;  // continuation byte, C0/C1 (overlong) or F5..FF
  }
  if (n - i < len) return 0;
  if (data[i + 1] < lo || data[i + 1] > hi) return 0;
  for (size_t j = 2; j < len; ++j) {
    if (data[i + j] < 0x80 || data[i + j] > 0xBF) return 0;
  }
  return len;
}

}  // namespace

size_t find_invalid_utf8(const uint8_t* data, size_t n) {
  size_t i = 0;
  while (i < n) {
    // ASCII runs are the common case.
    if (data[i] < 0x80) {
      ++i;
      continue;
    }
    const size_t len = valid_sequence_length(data, n, i);
    if (len == 0) return i;
    i += len;
  }
  return n;
}

std::string quote_word(const std::string& bytes) {
  constexpr size_t kShown = 60;
  static const char kHex[] = "0123456789abcdef";
  const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
  const size_t n = bytes.size();
  std::string out = "'";
  size_t i = 0;
  while (i < n && i < kShown) {
    const uint8_t c = data[i];
    if (c >= 0x80) {
      const size_t len = valid_sequence_length(data, n, i);
      if (len > 0) {
        out.append(bytes, i, len);
        i += len;
        continue;
      }
    }
    switch (c) {
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\'': out += "\\'"; break;
      case '\\': out += "\\\\"; break;
      default:
        if (c < 0x20 || c >= 0x7F) {
          out += "\\x";
          out += kHex[c >> 4];
          out += kHex[c & 15];
        } else {
          out += static_cast<char>(c);
        }
    }
    ++i;
  }
  if (i < n) out += "...";
  out += "'";
  return out;
}

}  // namespace embedwasm::vector_files
