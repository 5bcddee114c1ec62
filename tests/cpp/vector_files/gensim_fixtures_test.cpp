// Files written by gensim 4.2 (tests/python/make_gensim_fixtures.py): we read them to
// gensim's exact floats, and our writers reproduce them byte for byte.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "vector_files/vector_files_test_util.h"

namespace embedwasm::vector_files {
namespace {

using namespace embedwasm::vector_files::testing;

#include "vector_files/fixtures/gensim_fixtures.inc"

WordVectors GensimExpected() {
  std::vector<std::string> words(kGensimWords, kGensimWords + kGensimRows);
  std::vector<std::vector<float>> rows(kGensimRows);
  for (size_t r = 0; r < kGensimRows; ++r) {
    for (size_t j = 0; j < kGensimCols; ++j) rows[r].push_back(FromBits(kGensimBits[r * kGensimCols + j]));
  }
  return MakeWordVectors(words, rows);
}

const std::string kText(kGensimText, sizeof(kGensimText) - 1);
const std::string kBinary(kGensimBinary, sizeof(kGensimBinary) - 1);

TEST_CASE("gensim's save_word2vec_format files read back to gensim's floats", "[vector_files][gensim]") {
  const WordVectors expected = GensimExpected();
  WordVectors wv;
  REQUIRE(Read(WordVectorsFormat::kWord2VecBinary, kBinary, &wv).is_ok());
  CHECK(SameWordVectors(expected, wv));  // NaN bits included
  CheckChunkSizes(WordVectorsFormat::kWord2VecBinary, kBinary);
  const Status s = Read(WordVectorsFormat::kWord2VecText, kText, &wv);
  INFO(s.message());
  REQUIRE(s.is_ok());
  CHECK(SameWordVectors(expected, wv, /*nan_as_equal=*/true));
  CheckChunkSizes(WordVectorsFormat::kWord2VecText, kText);
}

TEST_CASE("Our writers reproduce gensim's files byte for byte", "[vector_files][gensim]") {
  const WordVectors expected = GensimExpected();
  WriterOptions gensim_layout;
  gensim_layout.word2vec_binary_newline = false;  // gensim 4 writes no "\n" after a vector
  CHECK(Write(WordVectorsFormat::kWord2VecBinary, expected, gensim_layout) == kBinary);
  // numpy's repr of each float32, which gensim writes, is what format_float writes.
  CHECK(Write(WordVectorsFormat::kWord2VecText, expected) == kText);
}

TEST_CASE("gensim's binary file: every truncation is an error", "[vector_files][gensim]") {
  for (size_t n = 0; n < kBinary.size(); ++n) {
    INFO("first " << n << " bytes");
    CHECK(ReadStatus(WordVectorsFormat::kWord2VecBinary, kBinary.substr(0, n)).code() ==
          StatusCode::kInvalidArgument);
  }
}

}  // namespace
}  // namespace embedwasm::vector_files
