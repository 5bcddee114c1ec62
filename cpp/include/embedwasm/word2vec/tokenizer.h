#pragma once
// Splits UTF-8 text into sentences of word tokens for word2vec. Each line is a
// sentence (as gensim's LineSentence), cut into pieces of at most max_sentence_length
// tokens (gensim's 10000). Text may arrive in chunks cut anywhere, even inside a word
// or a UTF-8 sequence: the tokenizer carries the partial state to the next chunk.
//
// What a token is (gensim itself only splits on whitespace; this also splits off
// punctuation so that "end." and "end" are one word):
// - Separators: whitespace, controls, ASCII punctuation except '_' (kept for gensim's
//   Phrases, which joins collocations with it: "new_york"), Latin-1 punctuation and
//   symbols, General Punctuation U+2000-206F (its spaces and zero-width spaces too), CJK
//   punctuation (U+3000-303F, fullwidth and halfwidth forms), arrows, math operators,
//   currency signs, box drawing, and the common sentence marks of Greek, Armenian,
//   Hebrew, Arabic, Devanagari and Thai. Not the full Unicode P* tables: punctuation of
//   other scripts stays inside words. So "well-known" -> well, known and "3.14" -> 3, 14.
// - Apostrophes (U+0027 and U+2019) between two letters stay in the word and are stored
//   as U+0027, so "don't" and "don’t" are one token; at a word's edge they are quotes
//   and are dropped ("'tis" -> tis, "students'" -> students).
// - Emoji are tokens of their own, with their variation selectors, skin tones and ZWJ
//   sequences ("👨‍👩‍👧" is one token), and a pair of regional indicators is one flag.
// - Each CJK ideograph is a token of its own (as BERT's basic tokenizer does): there is
//   no word segmenter, and one ideograph is a far better unit than a whole unspaced
//   clause. Kana and Hangul runs stay whole words (Korean puts spaces between words).
// - Invalid UTF-8 never fails: each maximal invalid subpart becomes U+FFFD (what JS's
//   TextDecoder does), which counts as a letter, so "caf\xE9" -> "caf\uFFFD".
// - lowercase maps ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic by the simple
//   (one code point to one) Unicode mapping. Other scripts keep their case; final sigma
//   is not special-cased; "ß" stays "ß". No normalisation: NFC "é" and NFD "e"+U+0301
//   are different tokens (call String.prototype.normalize("NFC") in JS first).
// - Only U+000A ends a sentence (CR is whitespace, so CRLF works; U+2028 is a space).
//   Lines with no tokens give no sentence.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "embedwasm/word2vec/utf8_decoder.h"

namespace embedwasm::word2vec {

struct TokenizerOptions {
  bool lowercase = true;
  // Longer lines become several sentences (gensim's LineSentence max_sentence_length).
  // 0 means no limit.
  size_t max_sentence_length = 10000;
};

// Receives the tokenizer's output as it is found.
class TokenSink {
 public:
  virtual ~TokenSink() = default;
  // The view is valid only during the call.
  virtual void on_token(std::string_view token) = 0;
  // Called only after at least one token.
  virtual void on_sentence_end() = 0;
};

class Tokenizer {
 public:
  explicit Tokenizer(const TokenizerOptions& options = {});

  // Any bytes; a chunk may end anywhere.
  void feed(std::string_view bytes, TokenSink* sink);
  // End of the text: flushes a partial sequence, word and sentence. The tokenizer is
  // then ready for a new text.
  void finish(TokenSink* sink);

  const TokenizerOptions& options() const { return options_; }

 private:
  enum class State : uint8_t { kBetween, kWord, kSymbol };
  void on_code_point(uint32_t cp, TokenSink* sink);
  void append(uint32_t cp);
  void end_token(TokenSink* sink);
  void end_sentence(TokenSink* sink);

  TokenizerOptions options_;
  Utf8Decoder decoder_;

  State state_ = State::kBetween;
  std::string token_;             // UTF-8, already lowercased
  uint32_t pending_joiner_ = 0;   // an apostrophe or ZWJ kept only if the token goes on
  bool flag_open_ = false;        // the token is one regional indicator: a second may join
  size_t sentence_tokens_ = 0;
};

// Whole text at once: its sentences, each a list of tokens.
std::vector<std::vector<std::string>> tokenize(std::string_view text,
                                               const TokenizerOptions& options = {});

}  // namespace embedwasm::word2vec
