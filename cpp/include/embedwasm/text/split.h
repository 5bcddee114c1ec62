#pragma once
// TextVectorization's built-in splits:
// - whitespace: tf.strings.split with no separator, i.e. Python's str.split() on the
//   six ASCII whitespace bytes (space, \t, \n, \v, \f, \r): runs of them separate
//   tokens and no token is empty. Other spaces (U+00A0, U+3000, ...) stay inside tokens,
//   as in TensorFlow.
// - character: tf.strings.unicode_split(text, "UTF-8"): one token per code point,
//   spaces included. A byte sequence that is not UTF-8 becomes one U+FFFD token per
//   maximal invalid subpart (TensorFlow's errors="replace", which is also what JS's
//   TextDecoder does).
// - none: the whole text is one token, even when it is empty.
#include <string_view>

#include "embedwasm/text/string_list.h"

namespace embedwasm::text {

enum class Split : unsigned char { kNone, kWhitespace, kCharacter };

// Keras's option value: "whitespace", "character"; kNone is None.
const char* split_name(Split mode);

inline bool is_ascii_whitespace(unsigned char c) {
  return c == ' ' || (c >= '\t' && c <= '\r');
}

// Appends the tokens of text to *tokens, one string each.
void split(std::string_view text, Split mode, StringList* tokens);

}  // namespace embedwasm::text
