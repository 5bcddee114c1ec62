#include "embedwasm/text/split.h"

#include <catch2/catch.hpp>

#include <string>

#include "text/text_test_util.h"

using embedwasm::text::split;
using embedwasm::text::Split;
using embedwasm::text::StringList;
using text_test::Strings;
using text_test::strings_of;

namespace {

Strings run(const std::string& text, Split mode) {
  StringList tokens;
  tokens.push_back("before");  // split appends
  split(text, mode, &tokens);
  Strings out = strings_of(tokens);
  REQUIRE(out.front() == "before");
  out.erase(out.begin());
  return out;
}

}  // namespace

TEST_CASE("whitespace split is Python's str.split() on the six ASCII whitespace bytes") {
  // TensorFlow's own test case (StringSplitV2, "EmptySeparator").
  CHECK(run("1 2 3", Split::kWhitespace) == Strings{"1", "2", "3"});
  CHECK(run("  4  5    6  ", Split::kWhitespace) == Strings{"4", "5", "6"});
  CHECK(run("", Split::kWhitespace).empty());
  CHECK(run(" \t\n\v\f\r", Split::kWhitespace).empty());
  CHECK(run("a\tb\nc\vd\fe\rf", Split::kWhitespace) == Strings{"a", "b", "c", "d", "e", "f"});
  // U+00A0 (C2 A0) and U+3000 are not ASCII whitespace: they stay inside the token.
  CHECK(run("a\xC2\xA0" "b c\xE3\x80\x80" "d", Split::kWhitespace) ==
        Strings{"a\xC2\xA0" "b", "c\xE3\x80\x80" "d"});
}

TEST_CASE("character split gives one token per code point, spaces included") {
  CHECK(run("ab c", Split::kCharacter) == Strings{"a", "b", " ", "c"});
  CHECK(run("\xC3\xA9\xE2\x9C\x93\xF0\x9F\x98\x80", Split::kCharacter) ==
        Strings{"\xC3\xA9", "\xE2\x9C\x93", "\xF0\x9F\x98\x80"});  // é ✓ 😀
  CHECK(run("", Split::kCharacter).empty());
}

TEST_CASE("character split turns each maximal invalid subpart into one U+FFFD") {
  const std::string fffd = "\xEF\xBF\xBD";
  // A lone continuation byte, a lead byte cut short by an ASCII byte, an overlong lead
  // (C0), a surrogate (ED A0 80: ED then A0 is out of ED's range, A0 and 80 are lone),
  // and a 4-byte sequence cut at the end of the text.
  CHECK(run("a\x80" "b", Split::kCharacter) == Strings{"a", fffd, "b"});
  CHECK(run("\xE2\x9C" "x", Split::kCharacter) == Strings{fffd, "x"});
  CHECK(run("\xC0\xAF", Split::kCharacter) == Strings{fffd, fffd});
  CHECK(run("\xED\xA0\x80", Split::kCharacter) == Strings{fffd, fffd, fffd});
  CHECK(run("z\xF0\x9F\x98", Split::kCharacter) == Strings{"z", fffd});
  CHECK(run("\xF5", Split::kCharacter) == Strings{fffd});
}

TEST_CASE("no split keeps the whole text as one token, even an empty one") {
  CHECK(run("a b", Split::kNone) == Strings{"a b"});
  CHECK(run("", Split::kNone) == Strings{""});
}
