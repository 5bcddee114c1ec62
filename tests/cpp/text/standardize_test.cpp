#include "embedwasm/text/standardize.h"

#include <catch2/catch.hpp>

#include <string>

using embedwasm::text::is_ascii_punctuation;
using embedwasm::text::standardize;
using embedwasm::text::Standardize;

namespace {

std::string run(const std::string& text, Standardize mode) {
  std::string out = "kept:";  // standardize appends
  standardize(text, mode, &out);
  REQUIRE(out.rfind("kept:", 0) == 0);
  return out.substr(5);
}

}  // namespace

TEST_CASE("strip_punctuation removes exactly Keras's 32 ASCII punctuation characters") {
  // Keras's class [!"#$%&()\*\+,-\./:;<=>?@\[\\\]^_`{|}~\'] listed out by hand.
  const std::string keras_class = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~'";
  REQUIRE(keras_class.size() == 32);
  int count = 0;
  for (int c = 0; c < 256; ++c) {
    const bool expected = keras_class.find(static_cast<char>(c)) != std::string::npos;
    INFO("byte " << c);
    CHECK(is_ascii_punctuation(static_cast<unsigned char>(c)) == expected);
    count += is_ascii_punctuation(static_cast<unsigned char>(c)) ? 1 : 0;
  }
  CHECK(count == 32);
}

TEST_CASE("standardize modes, as Keras's tf.strings.lower and regex_replace give them") {
  const std::string text = "Hello, World! It's 3.14 -- \"quoted\" [UNK] \xC3\x89""cole\xE2\x80\x99s";
  CHECK(run(text, Standardize::kNone) == text);
  // ASCII only: "É" (C3 89) keeps its case, as tf.strings.lower without an encoding.
  CHECK(run(text, Standardize::kLower) ==
        "hello, world! it's 3.14 -- \"quoted\" [unk] \xC3\x89""cole\xE2\x80\x99s");
  // "’" (E2 80 99) is not ASCII punctuation: it stays.
  CHECK(run(text, Standardize::kStripPunctuation) ==
        "Hello World Its 314  quoted UNK \xC3\x89""cole\xE2\x80\x99s");
  CHECK(run(text, Standardize::kLowerAndStripPunctuation) ==
        "hello world its 314  quoted unk \xC3\x89""cole\xE2\x80\x99s");
  CHECK(run("", Standardize::kLowerAndStripPunctuation).empty());
  CHECK(run("...", Standardize::kLowerAndStripPunctuation).empty());
}
