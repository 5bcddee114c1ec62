// Embedding Projector TSV import (projector_tsv_reader.h, projector_metadata_reader.h).
#include "embedwasm/vector_files/projector_tsv_reader.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "vector_files/vector_files_test_util.h"

namespace embedwasm::vector_files {
namespace {

using namespace embedwasm::vector_files::testing;

const std::string kVectors = "0.1\t0.2\t-3\r\n1e-05\t-0\t4\n 5\t6 \t7\n";

void CheckTsv(const std::string& vectors, const std::string& metadata,
              const std::vector<std::string>& words) {
  WordVectors whole;
  const Status s = ReadTsvChunked(vectors, metadata, 0, &whole);
  INFO(s.message());
  REQUIRE(s.is_ok());
  CHECK(whole.words == words);
  REQUIRE(whole.vectors.rows() == 3);
  REQUIRE(whole.vectors.cols() == 3);
  CHECK(Row(whole, 0) == std::vector<float>{0.1f, 0.2f, -3.0f});
  CHECK(Bits(Row(whole, 1)[1]) == Bits(-0.0f));
  CHECK(Row(whole, 2) == std::vector<float>{5, 6, 7});
  for (size_t chunk = 1; chunk <= 17; ++chunk) {
    INFO("chunk " << chunk);
    WordVectors wv;
    REQUIRE(ReadTsvChunked(vectors, metadata, chunk, &wv).is_ok());
    CHECK(SameWordVectors(whole, wv));
  }
}

TEST_CASE("projector TSV: one-column metadata has no header", "[vector_files]") {
  CheckTsv(kVectors, "king\nqueen\nthe end\n", {"king", "queen", "the end"});
  CheckTsv(kVectors, "king\r\nqueen\r\nthe end", {"king", "queen", "the end"});
  CheckTsv(kVectors, "\xEF\xBB\xBFking\nqueen\nthe end\n\n", {"king", "queen", "the end"});
}

TEST_CASE("projector TSV: several metadata columns, a header, the first column is the word", "[vector_files]") {
  CheckTsv(kVectors, "word\tcount\nking\t5\nqueen\t3\r\nthe end\t1\n",
           {"king", "queen", "the end"});
  // Rows may lack the later columns.
  CheckTsv(kVectors, "word\tcount\nking\nqueen\t3\nthe end", {"king", "queen", "the end"});
  CheckTsv(kVectors, "word\tcount\r\nking\r\t5\r\nqueen\r\nthe end\r\t1", {"king", "queen", "the end"});
}

TEST_CASE("projector TSV: every error names its file and line", "[vector_files]") {
  struct Case {
    std::string vectors, metadata, message;
  };
  const Case cases[] = {
      {"1\t2\n3\n", "a\nb\n", "vectors.tsv line 2: expected 2 values, found 1"},
      {"1\tx\n", "a\n", "vectors.tsv line 1: 'x' is not a number (value 2)"},
      {"1\n\n2\n", "a\nb\n", "vectors.tsv line 2: blank line before line 3 (blank lines may only end the file)"},
      {"", "", "vectors.tsv empty input: no vectors"},
      {"1\n2\n", "a\n", "metadata.tsv has 1 labels but vectors.tsv has 2 rows"},
      {"1\n", "word\tn\n", "metadata.tsv has 0 labels but vectors.tsv has 1 rows"},
      {"1\n2\n3\n", "a\nb\na\n", "metadata.tsv line 3: duplicate label 'a' (first on line 1)"},
      {"1\n2\n3\n", "w\tn\na\t1\nb\t2\na\t3\n", "metadata.tsv line 4: duplicate label 'a' (first on line 2)"},
      {"1\n2\n", "a\nb\tc\n", "metadata.tsv line 2: a tab in a one-column file (line 1 has no tab, so the "
                             "file has neither a header nor other columns)"},
      {"1\n2\n", "w\tn\n\t1\nb\t2\n", "metadata.tsv line 2: empty label in the first column"},
      {"1\n2\n", "a\n\nb\n", "metadata.tsv line 2: blank line before line 3 (blank lines may only end the file)"},
      {"1\n", "\xC3\n", "metadata.tsv line 1: invalid UTF-8 in label '\\xc3' at byte 0"},
      {"1\n2\n", "w\tn\na\t1\n\xC3\t2\n", "metadata.tsv line 3: invalid UTF-8 in label '\\xc3' at byte 8"},
  };
  for (const Case& c : cases) {
    INFO(quote_word(c.vectors) << " " << quote_word(c.metadata));
    WordVectors whole;
    const Status s = ReadTsvChunked(c.vectors, c.metadata, 0, &whole);
    CHECK(s.code() == StatusCode::kInvalidArgument);
    CHECK(s.message() == c.message);
    for (size_t chunk = 1; chunk <= 17; ++chunk) {
      WordVectors wv;
      CHECK(ReadTsvChunked(c.vectors, c.metadata, chunk, &wv).message() == c.message);
    }
  }
}

TEST_CASE("projector TSV: sticky errors and finish once", "[vector_files]") {
  ProjectorTsvReader reader;
  const std::string bad = "x\n";
  REQUIRE_FALSE(reader.feed_vectors(U8(bad), bad.size()).is_ok());
  CHECK(reader.feed_metadata(U8(bad), bad.size()).message() ==
        "vectors.tsv line 1: 'x' is not a number (value 1)");
  WordVectors wv;
  CHECK_FALSE(reader.finish(&wv).is_ok());

  ProjectorTsvReader ok;
  REQUIRE(ok.feed_vectors(U8(kVectors), kVectors.size()).is_ok());
  const std::string meta = "a\nb\nc\n";
  REQUIRE(ok.feed_metadata(U8(meta), meta.size()).is_ok());
  REQUIRE(ok.finish(&wv).is_ok());
  CHECK(ok.finish(&wv).message() == "finish() was already called");
  CHECK(ok.feed_vectors(U8(meta), 1).message() == "feed after finish()");

  WordVectors one_shot;
  REQUIRE(read_projector_tsv(U8(kVectors), kVectors.size(), U8(meta), meta.size(), {}, &one_shot).is_ok());
  CHECK(SameWordVectors(wv, one_shot));
}

}  // namespace
}  // namespace embedwasm::vector_files
