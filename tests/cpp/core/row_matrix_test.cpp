#include "embedwasm/core/row_matrix.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

namespace embedwasm {
namespace {

std::vector<float> Iota(size_t n, float start) {
  std::vector<float> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = start + static_cast<float>(i);
  return v;
}

// Every float of the padded layout, padding included.
std::vector<float> AllFloats(const RowMatrix& m) {
  const size_t n = m.rows() * m.stride();
  return n == 0 ? std::vector<float>{} : std::vector<float>(m.data(), m.data() + n);
}

bool PaddingIsZero(const RowMatrix& m) {
  for (size_t r = 0; r < m.rows(); ++r) {
    for (size_t j = m.cols(); j < m.stride(); ++j) {
      if (m.row(r)[j] != 0.0f || std::signbit(m.row(r)[j])) return false;
    }
  }
  return true;
}

TEST_CASE("RowMatrix pads rows to 16-byte starts and zero-fills", "[row_matrix]") {
  for (size_t cols = 1; cols <= 13; ++cols) {
    for (size_t rows : {1, 3, 8}) {
      INFO(rows << " x " << cols);
      RowMatrix m;
      REQUIRE(RowMatrix::create(rows, cols, &m).is_ok());
      CHECK(m.rows() == rows);
      CHECK(m.cols() == cols);
      CHECK(m.stride() % 4 == 0);
      CHECK(m.stride() >= cols);
      CHECK(m.stride() < cols + 4);
      for (size_t r = 0; r < rows; ++r) {
        CHECK(reinterpret_cast<std::uintptr_t>(m.row(r)) % 16 == 0);
        CHECK(m.row(r) == m.data() + r * m.stride());
      }
      for (float x : AllFloats(m)) REQUIRE(x == 0.0f);
    }
  }
}

TEST_CASE("RowMatrix dense copies round-trip and keep the padding zero", "[row_matrix]") {
  const size_t rows = 5, cols = 7;
  RowMatrix m;
  REQUIRE(RowMatrix::create(rows, cols, &m).is_ok());
  const std::vector<float> dense = Iota(rows * cols, 1.0f);
  m.copy_from_dense(dense.data());
  for (size_t r = 0; r < rows; ++r) {
    for (size_t j = 0; j < cols; ++j) REQUIRE(m.row(r)[j] == dense[r * cols + j]);
  }
  CHECK(PaddingIsZero(m));

  std::vector<float> back(rows * cols + 1, -7.0f);  // one guard float past the end
  m.copy_to_dense(back.data());
  CHECK(std::vector<float>(back.begin(), back.end() - 1) == dense);
  CHECK(back.back() == -7.0f);

  m.fill_zero();
  for (float x : AllFloats(m)) REQUIRE(x == 0.0f);
}

TEST_CASE("RowMatrix clone is a deep, byte-identical copy", "[row_matrix]") {
  const size_t rows = 4, cols = 6;
  RowMatrix m;
  REQUIRE(RowMatrix::create(rows, cols, &m).is_ok());
  const std::vector<float> dense = Iota(rows * cols, -3.5f);
  m.copy_from_dense(dense.data());

  RowMatrix c;
  REQUIRE(m.clone(&c).is_ok());
  CHECK(c.rows() == rows);
  CHECK(c.cols() == cols);
  CHECK(c.stride() == m.stride());
  CHECK(c.data() != m.data());
  CHECK(AllFloats(c) == AllFloats(m));
  CHECK(PaddingIsZero(c));

  m.row(2)[3] = 1000.0f;
  CHECK(c.row(2)[3] == dense[2 * cols + 3]);

  RowMatrix empty, empty_clone;
  REQUIRE(RowMatrix::create(0, 3, &empty).is_ok());
  REQUIRE(empty.clone(&empty_clone).is_ok());
  CHECK(empty_clone.rows() == 0);
  CHECK(empty_clone.cols() == 3);
}

TEST_CASE("RowMatrix refuses impossible sizes with kResourceExhausted", "[row_matrix]") {
  const size_t max = std::numeric_limits<size_t>::max();
  std::vector<std::pair<size_t, size_t>> sizes = {
      {max, 4},            // rows * stride overflows
      {max / 4, 1},        // rows alone too large
      {size_t{1} << 28, 4},  // exactly 4 GiB: over the cap on every target
      {1, max},            // stride rounding up must not wrap to 0
      {1, max - 2},
      {3, max / 2},
  };
  if (sizeof(size_t) >= 8) sizes.emplace_back(static_cast<size_t>(uint64_t{1} << 40), 4);
  for (const auto& [rows, cols] : sizes) {
    INFO(rows << " x " << cols);
    RowMatrix m;
    REQUIRE(RowMatrix::create(2, 3, &m).is_ok());
    m.row(1)[2] = 5.0f;
    const Status s = RowMatrix::create(rows, cols, &m);
    CHECK(s.code() == StatusCode::kResourceExhausted);
    CHECK_FALSE(s.message().empty());
    // The failed create leaves the target as it was.
    CHECK(m.rows() == 2);
    CHECK(m.cols() == 3);
    CHECK(m.row(1)[2] == 5.0f);
  }
}

TEST_CASE("RowMatrix with zero rows or columns is valid and empty", "[row_matrix]") {
  RowMatrix a, b;
  REQUIRE(RowMatrix::create(0, 5, &a).is_ok());
  CHECK(a.rows() == 0);
  CHECK(a.stride() == 8);
  REQUIRE(RowMatrix::create(4, 0, &b).is_ok());
  CHECK(b.rows() == 4);
  CHECK(b.stride() == 0);
  // No buffer: fill and copies must do nothing (and pass no null pointer to memcpy,
  // which UBSan reports even for 0 bytes).
  b.fill_zero();
  const float none[1] = {0.0f};
  float sink[1] = {-1.0f};
  b.copy_from_dense(none);
  b.copy_to_dense(sink);
  CHECK(sink[0] == -1.0f);
  a.copy_to_dense(sink);
  RowMatrix c;
  REQUIRE(b.clone(&c).is_ok());
  CHECK(c.rows() == 4);
}

}  // namespace
}  // namespace embedwasm
