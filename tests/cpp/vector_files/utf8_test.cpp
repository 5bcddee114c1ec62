#include "embedwasm/vector_files/utf8.h"

#include <catch2/catch.hpp>

#include <string>

namespace embedwasm::vector_files {
namespace {

TEST_CASE("find_invalid_utf8 accepts what Python's strict decoder accepts", "[vector_files]") {
  for (const std::string& s : {std::string(""), std::string("king"), std::string("caf\xC3\xA9"),
                              std::string("\xE6\x97\xA5\xE6\x9C\xAC"), std::string("\xF0\x9F\x99\x82"),
                              std::string("\xEF\xBF\xBF"), std::string("\xF4\x8F\xBF\xBF"),
                              std::string("\xED\x9F\xBF"), std::string("a\0b", 3)}) {
    INFO(quote_word(s));
    CHECK(find_invalid_utf8(s) == s.size());
  }
}

TEST_CASE("find_invalid_utf8 gives the offset of the first bad sequence", "[vector_files]") {
  struct Case {
    std::string bytes;
    size_t offset;
  };
  const Case cases[] = {
      {"\x80", 0},                  // lone continuation byte
      {"ab\xC0\x80", 2},            // overlong NUL
      {"\xC1\xBF", 0},              // overlong
      {"\xE0\x80\x80", 0},          // overlong 3-byte
      {"\xE0\x9F\xBF", 0},          // overlong 3-byte
      {"x\xED\xA0\x80", 1},         // surrogate U+D800
      {"\xED\xBF\xBF", 0},          // surrogate U+DFFF
      {"\xF0\x8F\xBF\xBF", 0},      // overlong 4-byte
      {"\xF4\x90\x80\x80", 0},      // above U+10FFFF
      {"\xF5\x80\x80\x80", 0},      // never valid
      {"\xFF", 0},
      {"caf\xC3", 3},               // truncated
      {"\xE6\x97", 0},              // truncated
      {"\xE6\x97\x41", 0},          // bad continuation
      {"ok\xF0\x9F\x99", 2},        // truncated 4-byte
      {"\xC3\xA9\xC3(", 2},
  };
  for (const Case& c : cases) {
    INFO(quote_word(c.bytes));
    CHECK(find_invalid_utf8(c.bytes) == c.offset);
  }
}

TEST_CASE("quote_word escapes what a message cannot show and stays valid UTF-8", "[vector_files]") {
  CHECK(quote_word("king") == "'king'");
  CHECK(quote_word("caf\xC3\xA9") == "'caf\xC3\xA9'");
  CHECK(quote_word("a\tb\nc\rd") == "'a\\tb\\nc\\rd'");
  CHECK(quote_word("it's \\") == "'it\\'s \\\\'");
  CHECK(quote_word("k\xFFng\xC3") == "'k\\xffng\\xc3'");
  CHECK(quote_word(std::string("\0\x7F", 2)) == "'\\x00\\x7f'");
  const std::string longer(100, 'a');
  CHECK(quote_word(longer) == "'" + std::string(60, 'a') + "...'");
  const std::string q = quote_word("\xED\xA0\x80\xF0\x9F\x99\x82");
  CHECK(find_invalid_utf8(q) == q.size());
}

}  // namespace
}  // namespace embedwasm::vector_files
