#include "embedwasm/text/split.h"

#include <cstddef>
#include <cstdint>

namespace embedwasm::text {
namespace {

constexpr std::string_view kReplacementUtf8 = "\xEF\xBF\xBD";  // U+FFFD

void split_whitespace(std::string_view text, StringList* tokens) {
  const size_t n = text.size();
  size_t i = 0;
  while (true) {
    while (i < n && is_ascii_whitespace(static_cast<unsigned char>(text[i]))) ++i;
    if (i == n) return;
    const size_t start = i;
    while (i < n && !is_ascii_whitespace(static_cast<unsigned char>(text[i]))) ++i;
    tokens->push_back(text.substr(start, i - start));
  }
}

// Length of the UTF-8 sequence at text[i], or the negated length of its maximal invalid
// subpart: the lead byte fixes the length and the range of the second byte (no
// overlongs, no surrogates, nothing above U+10FFFF); later bytes must be 80..BF.
ptrdiff_t sequence_at(std::string_view text, size_t i) {
  const auto lead = static_cast<uint8_t>(text[i]);
  if (lead < 0x80) return 1;
  size_t need;
  uint8_t lower = 0x80, upper = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    need = 1;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    need = 2;
    if (lead == 0xE0) lower = 0xA0;
    if (lead == 0xED) upper = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    need = 3;
    if (lead == 0xF0) lower = 0x90;
    if (lead == 0xF4) upper = 0x8F;
  } else {
    return -1;
  }
  for (size_t k = 1; k <= need; ++k) {
    if (i + k >= text.size()) return -static_cast<ptrdiff_t>(k);
    const auto b = static_cast<uint8_t>(text[i + k]);
    if (b < lower || b > upper) return -static_cast<ptrdiff_t>(k);
    lower = 0x80;
    upper = 0xBF;
  }
  return static_cast<ptrdiff_t>(need + 1);
}

void split_characters(std::string_view text, StringList* tokens) {
  size_t i = 0;
  while (i < text.size()) {
    const ptrdiff_t len = sequence_at(text, i);
    if (len > 0) {
      tokens->push_back(text.substr(i, static_cast<size_t>(len)));
      i += static_cast<size_t>(len);
    } else {
      tokens->push_back(kReplacementUtf8);
      i += static_cast<size_t>(-len);
    }
  }
}

}  // namespace

const char* split_name(Split mode) {
  switch (mode) {
    case Split::kNone: return "None";
    case Split::kWhitespace: return "whitespace";
    case Split::kCharacter: return "character";
  }
  return "?";
}

void split(std::string_view text, Split mode, StringList* tokens) {
  switch (mode) {
    case Split::kNone: tokens->push_back(text); return;
    case Split::kWhitespace: split_whitespace(text, tokens); return;
    case Split::kCharacter: split_characters(text, tokens); return;
  }
}

}  // namespace embedwasm::text
