// word2vec text, fastText .vec and GloVe import (text_vectors_reader.h).
#include "embedwasm/vector_files/text_vectors_reader.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "vector_files/vector_files_test_util.h"

namespace embedwasm::vector_files {
namespace {

using namespace embedwasm::vector_files::testing;

constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr auto kW2v = WordVectorsFormat::kWord2VecText;
constexpr auto kFastText = WordVectorsFormat::kFastTextVec;
constexpr auto kGlove = WordVectorsFormat::kGloveText;

// CRLF, a trailing space (fastText and the C tool end values with one), a double space and
// a tab between values, hex, inf, nan, a subnormal, -0 and a last line without "\n".
const std::string kWord2VecFixture =
    "3 4\r\n"
    "king 0.1 -2 1e-05 3.5 \r\n"
    "queen 0x1p-2  -0 inf\t-nan\r\n"
    "caf\xC3\xA9 1.5E+2 .5 5. -1e-40";

void CheckWord2VecFixture(const WordVectors& wv) {
  REQUIRE(wv.words == std::vector<std::string>{"king", "queen", "caf\xC3\xA9"});
  REQUIRE(wv.vectors.rows() == 3);
  REQUIRE(wv.vectors.cols() == 4);
  CHECK(Row(wv, 0) == std::vector<float>{0.1f, -2.0f, 1e-05f, 3.5f});
  CHECK(Row(wv, 1)[0] == 0.25f);
  CHECK(Bits(Row(wv, 1)[1]) == Bits(-0.0f));
  CHECK(Row(wv, 1)[2] == kInf);
  CHECK(std::isnan(Row(wv, 1)[3]));
  CHECK(Bits(Row(wv, 2)[0]) == Bits(150.0f));
  CHECK(Row(wv, 2)[1] == 0.5f);
  CHECK(Row(wv, 2)[2] == 5.0f);
  CHECK(Bits(Row(wv, 2)[3]) == Bits(-1e-40f));
}

TEST_CASE("word2vec text: hand-written fixture with CRLF, odd spacing and special values", "[vector_files]") {
  for (auto format : {kW2v, kFastText}) {
    WordVectors wv;
    const Status s = Read(format, kWord2VecFixture, &wv);
    INFO(s.message());
    REQUIRE(s.is_ok());
    CheckWord2VecFixture(wv);
    CheckChunkSizes(format, kWord2VecFixture);
  }
  // The same with "\n" line ends, a final newline, trailing blank lines and a BOM.
  std::string lf = kWord2VecFixture + "\n\n  \r\n";
  for (size_t at; (at = lf.find("\r\n")) != std::string::npos;) lf.erase(at, 1);
  for (const std::string& variant : {lf, "\xEF\xBB\xBF" + kWord2VecFixture}) {
    WordVectors wv;
    const Status s = Read(kW2v, variant, &wv);
    INFO(s.message());
    REQUIRE(s.is_ok());
    CheckWord2VecFixture(wv);
    CheckChunkSizes(kW2v, variant);
  }
}

TEST_CASE("word2vec text: the C tool's and fastText's layouts", "[vector_files]") {
  // word2vec.c: fprintf("%lf ") after every value; fastText: 5 significant digits and a
  // space after every value; both "\n".
  const std::string c_tool = "2 3\n</s> 0.004003 0.004419 -0.003830 \nthe -0.039 0.13271 0.018 \n";
  WordVectors wv;
  REQUIRE(Read(kW2v, c_tool, &wv).is_ok());
  CHECK(wv.words == std::vector<std::string>{"</s>", "the"});
  CHECK(Row(wv, 0) == std::vector<float>{0.004003f, 0.004419f, -0.003830f});
  CHECK(Row(wv, 1) == std::vector<float>{-0.039f, 0.13271f, 0.018f});
  CheckChunkSizes(kW2v, c_tool);
  // The header may have extra whitespace, as gensim splits it on whitespace.
  REQUIRE(Read(kW2v, "  2\t 3 \r\na 1 2 3\nb 4 5 6\n", &wv).is_ok());
  CHECK(Row(wv, 1) == std::vector<float>{4, 5, 6});
  // A word may hold tabs and other bytes up to its first space.
  REQUIRE(Read(kW2v, "2 1\na\tb 1\n\t 2\n", &wv).is_ok());
  CHECK(wv.words == std::vector<std::string>{"a\tb", "\t"});
}

TEST_CASE("GloVe: D from the first line, spaced words as in glove.840B", "[vector_files]") {
  const std::string glove =
      "the 0.1 0.2 0.3\n"
      ". . . 1 2 3\n"
      "at name@domain.com 4 5 6\r\n"
      "na\xC3\xAFve -1 -2 -3";
  WordVectors wv;
  const Status s = Read(kGlove, glove, &wv);
  INFO(s.message());
  REQUIRE(s.is_ok());
  CHECK(wv.words ==
        std::vector<std::string>{"the", ". . .", "at name@domain.com", "na\xC3\xAFve"});
  REQUIRE(wv.vectors.cols() == 3);
  CHECK(Row(wv, 0) == std::vector<float>{0.1f, 0.2f, 0.3f});
  CHECK(Row(wv, 2) == std::vector<float>{4, 5, 6});
  CHECK(Row(wv, 3) == std::vector<float>{-1, -2, -3});
  CheckChunkSizes(kGlove, glove);
  CheckChunkSizes(kGlove, "\xEF\xBB\xBF" + glove);
  // More rows than one growth block.
  std::string many;
  for (int i = 0; i < 2000; ++i) many += "w" + std::to_string(i) + " " + std::to_string(i) + " -1\n";
  REQUIRE(Read(kGlove, many, &wv).is_ok());
  REQUIRE(wv.vectors.rows() == 2000);
  CHECK(Row(wv, 1999) == std::vector<float>{1999, -1});
  CHECK(wv.words[1234] == "w1234");
}

TEST_CASE("word2vec text: every error names its line", "[vector_files]") {
  struct Case {
    std::string input;
    StatusCode code;
    std::string message;
  };
  const auto kInvalid = StatusCode::kInvalidArgument;
  const auto kExhausted = StatusCode::kResourceExhausted;
  const Case cases[] = {
      {"", kInvalid, "empty input: expected a header 'V D'"},
      {"\n", kInvalid, "line 1: expected a header 'V D' (vocabulary size and dimension), found ''"},
      {"abc 3\nx 1 2 3\n", kInvalid, "line 1: expected a header 'V D' of two whole numbers, found 'abc 3'"},
      {"-1 3\n", kInvalid, "line 1: expected a header 'V D' of two whole numbers, found '-1 3'"},
      {"3\n", kInvalid, "line 1: expected a header 'V D' (vocabulary size and dimension), found '3'"},
      {"1 2 3\n", kInvalid, "line 1: expected a header 'V D' (vocabulary size and dimension), found '1 2 3'"},
      {"0 3\n", kInvalid, "line 1: header '0 3': V and D must be at least 1"},
      {"3 0\n", kInvalid, "line 1: header '3 0': V and D must be at least 1"},
      {"99999999999999999999999 3\n", kExhausted,
       "line 1: header '99999999999999999999999 3': a 99999999999999999999999 x 3 float32 matrix "
       "exceeds the limit of 4294901760 bytes"},
      {"300000000 4\n", kExhausted,
       "line 1: header '300000000 4': a 300000000 x 4 float32 matrix exceeds the limit of "
       "4294901760 bytes"},
      {"1 1073741824\n", kExhausted,
       "line 1: header '1 1073741824': a 1 x 1073741824 float32 matrix exceeds the limit of "
       "4294901760 bytes"},
      {"2 3\nking 1 2\nqueen 1 2 3\n", kInvalid, "line 2: expected 3 values after 'king', found 2"},
      {"2 3\nking 1 2 3 4\nqueen 1 2 3\n", kInvalid, "line 2: expected 3 values after 'king', found 4"},
      {"1 2\nking\n", kInvalid, "line 2: expected 2 values after 'king', found 0"},
      {"1 2\nking", kInvalid, "line 2: expected 2 values after 'king', found 0"},
      {"2 3\nking 1 x 3\n", kInvalid, "line 2: 'x' is not a number (value 2 after 'king')"},
      {"2 1\nking 1,5\n", kInvalid, "line 2: '1,5' is not a number (value 1 after 'king')"},
      {"3 1\na 1\nb 2\na 3\n", kInvalid, "line 4: duplicate word 'a' (first on line 2)"},
      {"3 1\na 1\nb 2\n", kInvalid, "line 3: the file ends after 2 words; the header declares 3"},
      {"3 1\na 1\nb 2", kInvalid, "line 3: the file ends after 2 words; the header declares 3"},
      {"3 1\n", kInvalid, "line 1: the file ends after 0 words; the header declares 3"},
      {"3 1", kInvalid, "line 1: the file ends after 0 words; the header declares 3"},
      {"1 1\na 1\nb 2\n", kInvalid, "line 3: more words than the 1 the header declares"},
      {"1 1\nk\xFFng 1\n", kInvalid, "line 2: invalid UTF-8 in word 'k\\xffng' at byte 5"},
      {"\xEF\xBB\xBF" "1 1\nk\xFFng 1\n", kInvalid, "line 2: invalid UTF-8 in word 'k\\xffng' at byte 8"},
      {"2 1\na 1\n\nb 2\n", kInvalid, "line 3: blank line before line 4 (blank lines may only end the file)"},
      {"2 1\na 1\n \t\r\nb 2\n", kInvalid, "line 3: blank line before line 4 (blank lines may only end the file)"},
      {"1 1\n a 1\n", kInvalid, "line 2: the line starts with a space, so its word is empty"},
      {std::string(2000, '1'), kInvalid,
       "line 1: no line end in the first 1024 bytes; expected a header 'V D'"},
      {"1 1\n" + std::string(65537, 'w') + " 1\n", kInvalid, "line 2: word longer than 65536 bytes"},
      {"1 1\nw " + std::string(65537, '1') + "\n", kInvalid,
       "line 2: value 1 after 'w' is longer than 65536 bytes"},
  };
  for (const Case& c : cases) {
    INFO(quote_word(c.input.substr(0, 80)));
    const Status s = ReadStatus(kW2v, c.input);
    CHECK(s.code() == c.code);
    CHECK(s.message() == c.message);
    if (c.input.size() < 200) CheckChunkSizes(kW2v, c.input);
  }
}

TEST_CASE("GloVe: every error names its line", "[vector_files]") {
  struct Case {
    std::string input;
    std::string message;
  };
  const Case cases[] = {
      {"", "empty input: no vectors"},
      {"\n\n", "empty input: no vectors"},
      {"a\n", "line 1: no values after 'a'"},
      {"a 1 2\nb 1\n", "line 2: expected 2 values after 'b', found 1"},
      {"a 1 x\n", "line 1: 'x' is not a number (value 2 after 'a')"},
      {"a 1\nb 2\na 3\n", "line 3: duplicate word 'a' (first on line 1)"},
      {"a 1\n\nb 2\n", "line 2: blank line before line 3 (blank lines may only end the file)"},
      {"400 3\nthe 1 2 3\n",
       "line 2: expected 1 value after 'the', found 3 (line 1 looks like a word2vec header 'V D': "
       "is this word2vec text?)"},
      {"a x\xFF 1\n", "line 1: invalid UTF-8 in word 'a x\\xff' at byte 3"},
  };
  for (const Case& c : cases) {
    INFO(quote_word(c.input));
    const Status s = ReadStatus(kGlove, c.input);
    CHECK(s.code() == StatusCode::kInvalidArgument);
    CHECK(s.message() == c.message);
    CheckChunkSizes(kGlove, c.input);
  }
}

TEST_CASE("Text readers honour max_matrix_bytes", "[vector_files]") {
  ReaderOptions small;
  small.max_matrix_bytes = 64;  // four rows of D <= 4
  Status s = ReadStatus(kW2v, "100 100\n", small);
  CHECK(s.code() == StatusCode::kResourceExhausted);
  CHECK(s.message() == "line 1: header '100 100': a 100 x 100 float32 matrix exceeds the limit of 64 bytes");
  CHECK(ReadStatus(kGlove, "a 1\nb 2\nc 3\nd 4\n", small).is_ok());
  s = ReadStatus(kGlove, "a 1\nb 2\nc 3\nd 4\ne 5\n", small);
  CHECK(s.code() == StatusCode::kResourceExhausted);
  CHECK(s.message() == "line 5: a 5 x 1 float32 matrix exceeds the limit of 64 bytes");
  s = ReadStatus(kGlove, "a 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1\n", small);  // 17 values
  CHECK(s.code() == StatusCode::kResourceExhausted);
  CHECK(s.message() == "line 1: more values than the limit of 64 bytes");
}

TEST_CASE("Reader API: sticky errors, finish once, null data", "[vector_files]") {
  std::unique_ptr<WordVectorsReader> reader;
  REQUIRE(WordVectorsReader::create(kW2v, {}, &reader).is_ok());
  const std::string bad = "x y\n";
  const Status first = reader->feed(U8(bad), bad.size());
  REQUIRE_FALSE(first.is_ok());
  CHECK(reader->feed(U8(kWord2VecFixture), 4).message() == first.message());
  WordVectors wv;
  CHECK(reader->finish(&wv).message() == first.message());

  REQUIRE(WordVectorsReader::create(kGlove, {}, &reader).is_ok());
  CHECK(reader->feed(nullptr, 0).is_ok());
  CHECK(reader->feed(nullptr, 3).message() == "null data with a non-zero size");
  REQUIRE(WordVectorsReader::create(kGlove, {}, &reader).is_ok());
  const std::string ok = "a 1\n";
  REQUIRE(reader->feed(U8(ok), ok.size()).is_ok());
  CHECK(reader->bytes_fed() == 4);
  REQUIRE(reader->finish(&wv).is_ok());
  CHECK(reader->finish(&wv).message() == "finish() was already called");
  CHECK(reader->feed(U8(ok), ok.size()).message() == "feed after finish()");

  CHECK(WordVectorsReader::create(WordVectorsFormat::kProjectorTsvVectors, {}, &reader).code() ==
        StatusCode::kInvalidArgument);
  CHECK(WordVectorsReader::create(static_cast<WordVectorsFormat>(99), {}, &reader).code() ==
        StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace embedwasm::vector_files
