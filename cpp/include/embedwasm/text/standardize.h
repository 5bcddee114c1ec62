#pragma once
// TextVectorization's built-in standardizations, byte for byte as Keras runs them:
// - lower: tf.strings.lower without an encoding, which lowercases ASCII A-Z only
//   ("ÉCOLE" -> "École"; Keras passes no encoding).
// - strip_punctuation: tf.strings.regex_replace with Keras's class
//   [!"#$%&()\*\+,-\./:;<=>?@\[\\\]^_`{|}~\'], which is exactly the 32 ASCII
//   punctuation characters (",-\." is the range , - .). Other punctuation ("’", "—",
//   "¿") stays, as in Keras.
// - lower_and_strip_punctuation: both (lowercase first, as Keras; the order does not
//   change the result).
// Both act on ASCII bytes only, which never occur inside a multi-byte UTF-8 sequence,
// so UTF-8 text stays valid UTF-8.
#include <string>
#include <string_view>

namespace embedwasm::text {

enum class Standardize : unsigned char {
  kNone,
  kLowerAndStripPunctuation,
  kLower,
  kStripPunctuation,
};

// Keras's option value: "lower_and_strip_punctuation", ... ; kNone is None.
const char* standardize_name(Standardize mode);

// True for the 32 bytes that strip_punctuation removes.
inline bool is_ascii_punctuation(unsigned char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
         (c >= '{' && c <= '~');
}

// Appends the standardized text to *out.
void standardize(std::string_view text, Standardize mode, std::string* out);

}  // namespace embedwasm::text
