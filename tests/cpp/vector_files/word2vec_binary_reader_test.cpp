// word2vec binary import (word2vec_binary_reader.h).
#include "embedwasm/vector_files/word2vec_binary_reader.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "vector_files/vector_files_test_util.h"

namespace embedwasm::vector_files {
namespace {

using namespace embedwasm::vector_files::testing;

constexpr auto kBin = WordVectorsFormat::kWord2VecBinary;

// gensim 4 layout (nothing after a vector) when newline is "", the C tool's when "\n".
std::string Fixture(const std::string& newline) {
  return "3 2\n" + std::string("ab ") + F32s({1.0f, -2.0f}) + newline +
         "\xE6\x97\xA5\xE6\x9C\xAC " + F32s({0.5f, 1e-40f}) + newline +  // 日本
         "x\ty\rz " + F32s({-0.0f, 3.4028235e38f}) + newline;
}

void CheckFixture(const WordVectors& wv) {
  REQUIRE(wv.words == std::vector<std::string>{"ab", "\xE6\x97\xA5\xE6\x9C\xAC", "x\ty\rz"});
  REQUIRE(wv.vectors.rows() == 3);
  REQUIRE(wv.vectors.cols() == 2);
  CHECK(Row(wv, 0) == std::vector<float>{1.0f, -2.0f});
  CHECK(Bits(Row(wv, 1)[1]) == Bits(1e-40f));
  CHECK(Bits(Row(wv, 2)[0]) == Bits(-0.0f));
  CHECK(Row(wv, 2)[1] == 3.4028235e38f);
}

TEST_CASE("word2vec binary: with and without newlines after the vectors", "[vector_files]") {
  for (const std::string& newline : {std::string(""), std::string("\n"), std::string("\n\n")}) {
    INFO("newline " << quote_word(newline));
    const std::string file = Fixture(newline);
    WordVectors wv;
    const Status s = Read(kBin, file, &wv);
    INFO(s.message());
    REQUIRE(s.is_ok());
    CheckFixture(wv);
    CheckChunkSizes(kBin, file);
  }
  // "\r\n" after the header (a Windows-made header) and newlines before the first word.
  const std::string crlf = "3 2\r\n\n" + Fixture("").substr(4);
  WordVectors wv;
  REQUIRE(Read(kBin, crlf, &wv).is_ok());
  CheckFixture(wv);
}

TEST_CASE("word2vec binary: vectors holding space and newline bytes", "[vector_files]") {
  // 0x20 and 0x0A inside floats must not end a word or be skipped.
  const float tricky = FromBits(0x0A200A20);
  const std::string file = "2 2\na " + F32s({tricky, tricky}) + "b " + F32s({tricky, 1.0f});
  WordVectors wv;
  REQUIRE(Read(kBin, file, &wv).is_ok());
  CHECK(Bits(Row(wv, 0)[0]) == 0x0A200A20);
  CHECK(Bits(Row(wv, 1)[0]) == 0x0A200A20);
  CheckChunkSizes(kBin, file);
}

TEST_CASE("word2vec binary: every truncation is an error, except at a complete file", "[vector_files]") {
  for (const std::string& newline : {std::string(""), std::string("\n")}) {
    const std::string file = Fixture(newline);
    for (size_t n = 0; n < file.size(); ++n) {
      INFO("newline " << quote_word(newline) << ", first " << n << " bytes");
      const Status s = ReadStatus(kBin, file.substr(0, n));
      // With the C tool's layout the file is complete before its last "\n".
      const bool complete = !newline.empty() && n == file.size() - 1;
      CHECK(s.is_ok() == complete);
      if (!complete) CHECK(s.code() == StatusCode::kInvalidArgument);
    }
  }
}

TEST_CASE("word2vec binary: every error names its byte offset", "[vector_files]") {
  struct Case {
    std::string input;
    std::string message;
  };
  const Case cases[] = {
      {"", "empty input: expected a header 'V D'"},
      {"2 3", "byte 3: the file ends inside the header (no line end)"},
      {"x\n", "byte 0: expected a header 'V D' (vocabulary size and dimension), found 'x'"},
      {"1 2\nab", "byte 6: the file ends inside word 1 of 1"},
      {"1 2\nab " + F32(1.0f) + "z", "byte 12: the file ends inside the vector of word 1 of 1 ('ab')"},
      {"2 1\nab " + F32(1.0f) + "\n", "byte 12: the file ends after 1 of the 2 words the header declares"},
      {"2 1\nab " + F32(1.0f) + "\ncd", "byte 14: the file ends inside word 2 of 2"},
      {"1 1\nab " + F32(1.0f) + "x", "byte 11: unexpected data after the last word (the header declares 1)"},
      {"1 1\nab " + F32(1.0f) + "\n\nx", "byte 13: unexpected data after the last word (the header declares 1)"},
      {"1 1\n " + F32(1.0f), "byte 4: word 1 of 1 is empty"},
      {"1 1\n\xC3( " + F32(1.0f), "byte 4: invalid UTF-8 in word 1 of 1 '\\xc3('"},
      {"1 1\nok\xED\xA0\x80 " + F32(1.0f), "byte 6: invalid UTF-8 in word 1 of 1 'ok\\xed\\xa0\\x80'"},
      {"2 1\nab " + F32(1.0f) + "\nab " + F32(2.0f), "byte 12: word 2 of 2 'ab' repeats word 1"},
      {"1 1\n" + std::string(70000, 'w'), "byte 4: word 1 of 1 is longer than 65536 bytes (no space after it)"},
      {std::string(1500, '7'), "byte 1024: no line end in the first 1024 bytes; expected a header 'V D'"},
  };
  for (const Case& c : cases) {
    INFO(quote_word(c.input.substr(0, 60)));
    const Status s = ReadStatus(kBin, c.input);
    CHECK(s.code() == StatusCode::kInvalidArgument);
    CHECK(s.message() == c.message);
    if (c.input.size() < 200) CheckChunkSizes(kBin, c.input);
  }
  const Status s = ReadStatus(kBin, "4000000000 300\n");
  CHECK(s.code() == StatusCode::kResourceExhausted);
  CHECK(s.message() == "byte 0: header '4000000000 300': a 4000000000 x 300 float32 matrix exceeds the limit of 4294901760 bytes");
  ReaderOptions small;
  small.max_matrix_bytes = 1 << 20;
  CHECK(ReadStatus(kBin, "1000 1000\n", small).code() == StatusCode::kResourceExhausted);
}

}  // namespace
}  // namespace embedwasm::vector_files
