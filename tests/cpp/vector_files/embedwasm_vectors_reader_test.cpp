// Our binary format's import (embedwasm_vectors_reader.h).
#include "embedwasm/vector_files/embedwasm_vectors_reader.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "vector_files/vector_files_test_util.h"

namespace embedwasm::vector_files {
namespace {

using namespace embedwasm::vector_files::testing;

constexpr auto kEw = WordVectorsFormat::kEmbedwasmBinary;

std::string Header(uint32_t version, uint32_t v, uint32_t d) {
  return std::string("EWVEC\0\0\0", 8) + U32(version) + U32(v) + U32(d);
}

// Two words of 4 and 6 bytes end at byte 38: two bytes of padding, floats from byte 40.
std::string Fixture() {
  return Header(1, 2, 3) + U32(4) + "king" + U32(6) + "\xE6\x97\xA5\xE6\x9C\xAC" +
         std::string(2, '\0') + F32s({0.1f, -2.0f, 1e-05f}) +
         F32s({0.5f, -0.0f, FromBits(0x7FC00123)});
}

TEST_CASE("embedwasm binary: hand-written fixture, bit-exact, any chunking", "[vector_files]") {
  const std::string file = Fixture();
  REQUIRE(file.size() == 64);
  WordVectors wv;
  const Status s = Read(kEw, file, &wv);
  INFO(s.message());
  REQUIRE(s.is_ok());
  CHECK(wv.words == std::vector<std::string>{"king", "\xE6\x97\xA5\xE6\x9C\xAC"});
  CHECK(Row(wv, 0) == std::vector<float>{0.1f, -2.0f, 1e-05f});
  CHECK(Bits(Row(wv, 1)[1]) == Bits(-0.0f));
  CHECK(Bits(Row(wv, 1)[2]) == 0x7FC00123);  // NaN payload kept
  CheckChunkSizes(kEw, file);
  // No padding when the words end on a multiple of 4.
  const std::string aligned = Header(1, 1, 1) + U32(4) + "four" + F32(7.0f);
  REQUIRE(Read(kEw, aligned, &wv).is_ok());
  CHECK(wv.words == std::vector<std::string>{"four"});
  CHECK(Row(wv, 0) == std::vector<float>{7.0f});
}

TEST_CASE("embedwasm binary: every truncation is an error", "[vector_files]") {
  const std::string file = Fixture();
  for (size_t n = 0; n < file.size(); ++n) {
    INFO("first " << n << " bytes");
    const Status s = ReadStatus(kEw, file.substr(0, n));
    CHECK(s.code() == StatusCode::kInvalidArgument);
  }
}

TEST_CASE("embedwasm binary: every error names its byte offset", "[vector_files]") {
  struct Case {
    std::string input;
    StatusCode code;
    std::string message;
  };
  const auto kInvalid = StatusCode::kInvalidArgument;
  const std::string file = Fixture();
  const Case cases[] = {
      {"", kInvalid, "empty input: expected an embedwasm vectors file"},
      {"EWVEX", kInvalid, "byte 4: not an embedwasm vectors file (it does not start with \"EWVEC\\0\\0\\0\")"},
      {"2 3\nking", kInvalid, "byte 0: not an embedwasm vectors file (it does not start with \"EWVEC\\0\\0\\0\")"},
      {Header(2, 1, 1), kInvalid,
       "byte 8: format version 2 is newer than this reader, which knows version 1; load it with a newer embedwasm"},
      {Header(0, 1, 1), kInvalid, "byte 8: format version 0 does not exist"},
      {Header(1, 0, 1), kInvalid, "byte 12: V (the number of words) is 0"},
      {Header(1, 1, 0), kInvalid, "byte 16: D (the dimension) is 0"},
      {Header(1, 65535, 65535), StatusCode::kResourceExhausted,
       "byte 12: a 65535 x 65535 float32 matrix exceeds the limit of 4294901760 bytes"},
      {file.substr(0, 10), kInvalid, "byte 10: the file ends inside the 20-byte header"},
      {file.substr(0, 22), kInvalid, "byte 22: the file ends inside word 1 of 2"},
      {file.substr(0, 30), kInvalid, "byte 30: the file ends inside word 2 of 2"},
      {file.substr(0, 39), kInvalid, "byte 39: the file ends inside the padding after the words"},
      {file.substr(0, 50), kInvalid, "byte 50: the file ends inside the vector of word 1 of 2 ('king')"},
      {file.substr(0, 63), kInvalid, "byte 63: the file ends inside the vector of word 2 of 2 ('\xE6\x97\xA5\xE6\x9C\xAC')"},
      {file + "x", kInvalid, "byte 64: more data after the vectors"},
      {Header(1, 1, 1) + U32(0), kInvalid, "byte 20: word 1 of 1 is empty"},
      {Header(1, 1, 1) + U32(70000), kInvalid, "byte 20: word 1 of 1 has length 70000, more than the 65536 allowed"},
      {Header(1, 1, 1) + U32(3) + "a\xFF" "b", kInvalid, "byte 25: invalid UTF-8 in word 1 of 1 'a\\xffb'"},
      {Header(1, 2, 1) + U32(1) + "a" + U32(1) + "a", kInvalid, "byte 25: word 2 of 2 'a' repeats word 1"},
      {Header(1, 1, 1) + U32(1) + "a" + std::string("\0\1\0", 3) + F32(1.0f), kInvalid,
       "byte 26: padding byte is not zero"},
  };
  for (const Case& c : cases) {
    INFO(quote_word(c.input));
    const Status s = ReadStatus(kEw, c.input);
    CHECK(s.code() == c.code);
    CHECK(s.message() == c.message);
    CheckChunkSizes(kEw, c.input);
  }
}

}  // namespace
}  // namespace embedwasm::vector_files
