#include "embedwasm/word2vec/tokenizer.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "embedwasm/core/rng.h"

using embedwasm::Rng;
using embedwasm::word2vec::tokenize;
using embedwasm::word2vec::Tokenizer;
using embedwasm::word2vec::TokenizerOptions;
using embedwasm::word2vec::TokenSink;
using Sentences = std::vector<std::vector<std::string>>;

namespace {

class Collect final : public TokenSink {
 public:
  void on_token(std::string_view token) override { current.emplace_back(token); }
  void on_sentence_end() override {
    REQUIRE_FALSE(current.empty());
    sentences.push_back(current);
    current.clear();
  }
  Sentences sentences;
  std::vector<std::string> current;
};

// The text fed in pieces of the given sizes (cycled).
Sentences tokenize_in_chunks(const std::string& text, const std::vector<size_t>& sizes,
                             const TokenizerOptions& options = {}) {
  Tokenizer tokenizer(options);
  Collect out;
  size_t pos = 0, k = 0;
  while (pos < text.size()) {
    const size_t n = std::min(sizes[k++ % sizes.size()], text.size() - pos);
    tokenizer.feed(std::string_view(text).substr(pos, n), &out);
    pos += n;
  }
  tokenizer.finish(&out);
  REQUIRE(out.current.empty());
  return out.sentences;
}

// Every token is well-formed UTF-8 (no surrogates, no overlongs, <= U+10FFFF).
bool valid_utf8(const std::string& s) {
  size_t i = 0;
  while (i < s.size()) {
    const uint8_t b = static_cast<uint8_t>(s[i]);
    size_t n;
    uint32_t cp;
    if (b < 0x80) { n = 1; cp = b; }
    else if ((b & 0xE0) == 0xC0) { n = 2; cp = b & 0x1F; }
    else if ((b & 0xF0) == 0xE0) { n = 3; cp = b & 0x0F; }
    else if ((b & 0xF8) == 0xF0) { n = 4; cp = b & 0x07; }
    else return false;
    if (i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      const uint8_t c = static_cast<uint8_t>(s[i + k]);
      if ((c & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (c & 0x3F);
    }
    const uint32_t min_cp[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min_cp[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n;
  }
  return true;
}

}  // namespace

TEST_CASE("Tokenizer: empty text, blank lines and a single word", "[word2vec]") {
  CHECK(tokenize("").empty());
  CHECK(tokenize("   \n\n\t \r\n ").empty());
  CHECK(tokenize("...!?").empty());
  CHECK(tokenize("hello") == Sentences{{"hello"}});
  CHECK(tokenize("  Hello  ") == Sentences{{"hello"}});
}

TEST_CASE("Tokenizer: lines are sentences; CR, tabs and punctuation separate", "[word2vec]") {
  CHECK(tokenize("The cat sat.\n\nOn the MAT!\r\nend") ==
        Sentences{{"the", "cat", "sat"}, {"on", "the", "mat"}, {"end"}});
  CHECK(tokenize("hello,world...foo;bar(baz)") ==
        Sentences{{"hello", "world", "foo", "bar", "baz"}});
  CHECK(tokenize("well-known 3.14 a+b=c") == Sentences{{"well", "known", "3", "14", "a", "b", "c"}});
  // '_' joins (gensim Phrases' collocations); U+2028 is a space, not a line break.
  CHECK(tokenize("new_york\u2028x") == Sentences{{"new_york", "x"}});
}

TEST_CASE("Tokenizer: Unicode punctuation and spaces separate", "[word2vec]") {
  CHECK(tokenize("Café naïve — résumé") == Sentences{{"café", "naïve", "résumé"}});
  CHECK(tokenize("¿Qué? «bonjour» ‘quoted’ “double” a\u00A0b c\u200Bd e\u3000f") ==
        Sentences{{"qué", "bonjour", "quoted", "double", "a", "b", "c", "d", "e", "f"}});
  CHECK(tokenize("x…y•z‰w 5€ ©2024") == Sentences{{"x", "y", "z", "w", "5", "2024"}});
  // Latin-1 letters and numbers that sit among its punctuation stay in words.
  CHECK(tokenize("nº µm x²") == Sentences{{"nº", "µm", "x²"}});
}

TEST_CASE("Tokenizer: apostrophes inside words are kept and normalised", "[word2vec]") {
  CHECK(tokenize("Don't stop, don’t STOP") == Sentences{{"don't", "stop", "don't", "stop"}});
  CHECK(tokenize("'tis the students' rock 'n' roll") ==
        Sentences{{"tis", "the", "students", "rock", "n", "roll"}});
  CHECK(tokenize("a''b o'-clock") == Sentences{{"a", "b", "o", "clock"}});
}

TEST_CASE("Tokenizer: lowercasing covers Latin, Greek and Cyrillic, and is optional",
          "[word2vec]") {
  CHECK(tokenize("ÀÉÎÕÜ ŁÓDŹ ĲssEL İstanbul Ÿ") ==
        Sentences{{"àéîõü", "łódź", "ĳssel", "istanbul", "ÿ"}});
  CHECK(tokenize("ΑΘΗΝΑ Άρης ΣΟΦΊΑ") == Sentences{{"αθηνα", "άρης", "σοφία"}});
  CHECK(tokenize("ПРИВЕТ МИР Ёж ЇЖАК") == Sentences{{"привет", "мир", "ёж", "їжак"}});
  CHECK(tokenize("Straße ǅ") == Sentences{{"straße", "ǅ"}});  // beyond the tables: unchanged
  TokenizerOptions keep_case;
  keep_case.lowercase = false;
  CHECK(tokenize("Café ΑΘΗΝΑ", keep_case) == Sentences{{"Café", "ΑΘΗΝΑ"}});
}

TEST_CASE("Tokenizer: CJK ideographs are single tokens, kana and Hangul runs are words",
          "[word2vec]") {
  CHECK(tokenize("我爱北京。東京タワー、行きます！") ==
        Sentences{{"我", "爱", "北", "京", "東", "京", "タワー", "行", "きます"}});
  CHECK(tokenize("안녕하세요, 세계") == Sentences{{"안녕하세요", "세계"}});
  CHECK(tokenize("「引用」ＡＢＣ１２３") == Sentences{{"引", "用", "ＡＢＣ１２３"}});
}

TEST_CASE("Tokenizer: emoji are tokens, with their modifiers and ZWJ sequences", "[word2vec]") {
  const std::string heart = "\u2764\uFE0F", statue = "\U0001F5FD", party = "\U0001F389";
  CHECK(tokenize("I " + heart + " NY" + statue + "!") == Sentences{{"i", heart, "ny", statue}});
  CHECK(tokenize("great" + party + party) == Sentences{{"great", party, party}});
  const std::string thumb = "\U0001F44D\U0001F3FD";  // with a skin tone
  CHECK(tokenize(thumb + " ok") == Sentences{{thumb, "ok"}});
  const std::string family = "\U0001F468\u200D\U0001F469\u200D\U0001F467";
  CHECK(tokenize(family + " family") == Sentences{{family, "family"}});
  // A ZWJ not followed by an emoji is dropped.
  CHECK(tokenize(party + "\u200D" + "x") == Sentences{{party, "x"}});
  const std::string fr = "\U0001F1EB\U0001F1F7", de = "\U0001F1E9\U0001F1EA", i = "\U0001F1EE";
  CHECK(tokenize(fr + de + i) == Sentences{{fr, de, i}});
  // A keycap sequence extends its digit; '#' is a separator, so its keycap stands alone.
  CHECK(tokenize("1\uFE0F\u20E3 #\uFE0F\u20E3") == Sentences{{"1\uFE0F\u20E3", "\uFE0F\u20E3"}});
}

TEST_CASE("Tokenizer: invalid UTF-8 becomes U+FFFD as TextDecoder does, never a crash",
          "[word2vec]") {
  const std::string r = "\xEF\xBF\xBD";  // U+FFFD
  CHECK(tokenize("caf\xE9 ok") == Sentences{{"caf" + r, "ok"}});
  CHECK(tokenize("ab\xE2\x82") == Sentences{{"ab" + r}});           // cut short: one U+FFFD
  CHECK(tokenize("\xC0\x80x") == Sentences{{r + r + "x"}});         // overlong: one per byte
  CHECK(tokenize("\xED\xA0\x80") == Sentences{{r + r + r}});        // surrogate
  CHECK(tokenize("\xF4\x90\x80\x80") == Sentences{{r + r + r + r}});  // above U+10FFFF
  CHECK(tokenize("a\xE2\x82 b") == Sentences{{"a" + r, "b"}});      // the space is not eaten
  CHECK(tokenize("\xFF\n\xFE") == Sentences{{r}, {r}});

  Rng rng(5);
  for (int round = 0; round < 200; ++round) {
    std::string bytes(rng.below(64), '\0');
    for (char& c : bytes) {
      // Mostly high bytes and a few ASCII separators, to hit every decoder state.
      const uint64_t pick = rng.below(4);
      c = static_cast<char>(pick == 0 ? " \n'a"[rng.below(4)] : 0x80 + rng.below(128));
    }
    const Sentences whole = tokenize(bytes);
    for (const auto& sentence : whole) {
      for (const auto& token : sentence) REQUIRE(valid_utf8(token));
    }
    REQUIRE(tokenize_in_chunks(bytes, {1}) == whole);
    REQUIRE(tokenize_in_chunks(bytes, {3, 1, 2}) == whole);
  }
}

TEST_CASE("Tokenizer: chunks cut anywhere give the tokens of one chunk", "[word2vec]") {
  const std::string text =
      "Café naïve — résumé\nI \u2764\uFE0F NY\U0001F5FD don’t 我爱北京\r\n"
      "\U0001F468\u200D\U0001F469\u200D\U0001F467 \U0001F1EB\U0001F1F7\U0001F1E9\U0001F1EA "
      "ΑΘΗΝΑ caf\xE9 end";
  const Sentences whole = tokenize(text);
  REQUIRE(whole.size() == 3);
  for (size_t cut = 0; cut <= text.size(); ++cut) {
    Tokenizer tokenizer;
    Collect out;
    tokenizer.feed(std::string_view(text).substr(0, cut), &out);
    tokenizer.feed(std::string_view(text).substr(cut), &out);
    tokenizer.finish(&out);
    REQUIRE(out.sentences == whole);
  }
  CHECK(tokenize_in_chunks(text, {1}) == whole);
  CHECK(tokenize_in_chunks(text, {2, 5, 3}) == whole);
  // finish() readies the tokenizer for a new text: nothing carries over.
  Tokenizer tokenizer;
  Collect out;
  tokenizer.feed("abc \xE2\x82", &out);
  tokenizer.finish(&out);
  tokenizer.feed("\xAC def", &out);
  tokenizer.finish(&out);
  const std::string r = "\xEF\xBF\xBD";
  CHECK(out.sentences == Sentences{{"abc", r}, {r, "def"}});
}

TEST_CASE("Tokenizer: long lines are cut into sentences of max_sentence_length", "[word2vec]") {
  TokenizerOptions options;
  options.max_sentence_length = 10;
  std::string line;
  for (int i = 0; i < 25; ++i) line += "w" + std::to_string(i) + " ";
  const Sentences s = tokenize(line + "\nnext", options);
  REQUIRE(s.size() == 4);
  CHECK(s[0].size() == 10);
  CHECK(s[1].size() == 10);
  CHECK(s[2].size() == 5);
  CHECK(s[1].front() == "w10");
  CHECK(s[3] == std::vector<std::string>{"next"});

  std::string long_line;
  for (int i = 0; i < 10001; ++i) long_line += "x ";
  const Sentences d = tokenize(long_line);  // gensim's default: 10000
  REQUIRE(d.size() == 2);
  CHECK(d[0].size() == 10000);
  CHECK(d[1].size() == 1);
}
