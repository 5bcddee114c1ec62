#include "embedwasm/text/standardize.h"

namespace embedwasm::text {

const char* standardize_name(Standardize mode) {
  switch (mode) {
    case Standardize::kNone: return "None";
    case Standardize::kLowerAndStripPunctuation: return "lower_and_strip_punctuation";
    case Standardize::kLower: return "lower";
    case Standardize::kStripPunctuation: return "strip_punctuation";
  }
  return "?";
}

void standardize(std::string_view text, Standardize mode, std::string* out) {
  const bool lower = mode == Standardize::kLower || mode == Standardize::kLowerAndStripPunctuation;
  const bool strip =
      mode == Standardize::kStripPunctuation || mode == Standardize::kLowerAndStripPunctuation;
  if (!lower && !strip) {
    out->append(text.data(), text.size());
    return;
  }
  const size_t start = out->size();
  out->resize(start + text.size());
  char* w = out->data() + start;
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (strip && is_ascii_punctuation(c)) continue;
    *w++ = lower && c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : ch;
  }
  out->resize(static_cast<size_t>(w - out->data()));
}

}  // namespace embedwasm::text
