#include "embedwasm/vector_files/row_accumulator.h"

#include <catch2/catch.hpp>

#include <cstring>
#include <string>

#include "embedwasm/vector_files/word_list.h"
#include "embedwasm/vector_files/word_vectors.h"

namespace embedwasm::vector_files {
namespace {

TEST_CASE("RowAccumulator fills a preallocated matrix in place", "[vector_files]") {
  RowAccumulator acc;
  REQUIRE(acc.start_fixed(3, 5, kMaxMatrixBytes).is_ok());
  for (int r = 0; r < 3; ++r) {
    float* row = nullptr;
    REQUIRE(acc.append_row(&row).is_ok());
    for (int j = 0; j < 5; ++j) row[j] = static_cast<float>(10 * r + j);
  }
  float* extra = nullptr;
  CHECK(acc.append_row(&extra).code() == StatusCode::kOutOfRange);
  RowMatrix m;
  REQUIRE(acc.finish(&m).is_ok());
  REQUIRE(m.rows() == 3);
  REQUIRE(m.cols() == 5);
  for (int r = 0; r < 3; ++r) {
    for (int j = 0; j < 5; ++j) CHECK(m.row(r)[j] == static_cast<float>(10 * r + j));
    for (size_t j = 5; j < m.stride(); ++j) CHECK(m.row(r)[j] == 0.0f);
  }
}

TEST_CASE("RowAccumulator refuses an incomplete fixed matrix", "[vector_files]") {
  RowAccumulator acc;
  REQUIRE(acc.start_fixed(2, 1, kMaxMatrixBytes).is_ok());
  float* row = nullptr;
  REQUIRE(acc.append_row(&row).is_ok());
  RowMatrix m;
  CHECK(acc.finish(&m).code() == StatusCode::kOutOfRange);
}

TEST_CASE("RowAccumulator grows across blocks and copies them in order", "[vector_files]") {
  for (size_t cols : {1, 3, 300, 70000}) {
    INFO("cols " << cols);
    RowAccumulator acc;
    REQUIRE(acc.start_growing(cols, kMaxMatrixBytes).is_ok());
    const size_t rows = cols == 1 ? 300000 : cols > 1000 ? 20 : 1000;  // several blocks
    for (size_t r = 0; r < rows; ++r) {
      float* row = nullptr;
      REQUIRE(acc.append_row(&row).is_ok());
      row[0] = static_cast<float>(r);
      row[cols - 1] = -static_cast<float>(r);
    }
    RowMatrix m;
    REQUIRE(acc.finish(&m).is_ok());
    REQUIRE(m.rows() == rows);
    bool ok = true;
    for (size_t r = 0; r < rows; ++r) {
      ok &= m.row(r)[0] == (cols == 1 ? -static_cast<float>(r) : static_cast<float>(r));
      ok &= m.row(r)[cols - 1] == -static_cast<float>(r);
    }
    CHECK(ok);
  }
}

TEST_CASE("RowAccumulator enforces the byte limit", "[vector_files]") {
  RowAccumulator acc;
  CHECK(acc.start_fixed(1000, 1000, 1000).code() == StatusCode::kResourceExhausted);
  CHECK(acc.start_fixed(1, size_t{1} << 30, kMaxMatrixBytes).code() ==
        StatusCode::kResourceExhausted);
  REQUIRE(acc.start_growing(4, 64).is_ok());  // 16 bytes a row: 4 rows
  float* row = nullptr;
  for (int r = 0; r < 4; ++r) REQUIRE(acc.append_row(&row).is_ok());
  const Status s = acc.append_row(&row);
  CHECK(s.code() == StatusCode::kResourceExhausted);
  CHECK(s.message() == "a 5 x 4 float32 matrix exceeds the limit of 64 bytes");
}

TEST_CASE("WordList keeps file order and finds the first of two equal words", "[vector_files]") {
  WordList list;
  CHECK(list.add("b") == -1);
  CHECK(list.add("a") == -1);
  CHECK(list.add("a very long word that does not fit in a short string") == -1);
  CHECK(list.add("a") == 1);
  CHECK(list.add("a very long word that does not fit in a short string") == 2);
  for (int i = 0; i < 1000; ++i) REQUIRE(list.add("w" + std::to_string(i)) == -1);
  CHECK(list.add("b") == 0);
  CHECK(list.add("w999") == 1002);
  WordList moved = std::move(list);
  CHECK(moved.add("w5") == 8);
  CHECK(moved.add(std::string("a\0b", 3)) == -1);
  CHECK(moved.add("a") == 1);
  const auto words = moved.take();
  REQUIRE(words.size() == 1004);
  CHECK(words[0] == "b");
  CHECK(words[3] == "w0");
}

}  // namespace
}  // namespace embedwasm::vector_files
