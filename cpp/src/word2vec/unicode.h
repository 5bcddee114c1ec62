#pragma once
// The few Unicode facts the word2vec tokenizer needs, without ICU: a coarse character
// class and a simple lowercase mapping. The tables cover the scripts named in
// tokenizer.h; every other code point is "part of a word, no case".
#include <cstdint>
#include <string>

namespace embedwasm::word2vec::unicode {

enum class CharClass : uint8_t {
  kLetter,     // letters, digits, marks, '_' and anything not listed: part of a word
  kSeparator,  // whitespace, controls, punctuation, symbols that are not emoji
  kNewline,    // U+000A only, as gensim's LineSentence
  kApostrophe, // U+0027, U+2019: kept inside a word, dropped at its edges
  kJoiner,     // U+200C ZWNJ, U+200D ZWJ: kept inside a word or an emoji sequence
  kStandalone, // emoji, CJK ideographs: one token each
  kRegionalIndicator,  // U+1F1E6..1F1FF: a pair is one flag
  kModifier,   // variation selectors, skin tones, keycap, tags: extend the previous token
};

CharClass classify(uint32_t cp);

// Simple (1:1) lowercase for ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic;
// every other code point maps to itself.
uint32_t to_lower(uint32_t cp);

// Appends cp (a Unicode scalar value) as UTF-8.
void append_utf8(uint32_t cp, std::string* out);

}  // namespace embedwasm::word2vec::unicode
