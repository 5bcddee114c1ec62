// kernels/i8_dot_rows: out (R,) <- int8 rows x (R, n) dotted with one int8 query y (n,).
#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <vector>

#include "kernels/kernel_test_util.h"
#include "kernels/kernels.h"

namespace k = embedwasm::kernels;
using namespace embedwasm::kernels::test;

namespace {

using I8DotRowsFn = void (*)(size_t, size_t, const int8_t*, size_t, const int8_t*, int32_t*);

// Exact, element by element. Integer sums are exact in any order, so every twin must
// equal it, and so each other, bit for bit.
int64_t Reference(size_t n, const int8_t* x, const int8_t* y) {
  int64_t s = 0;
  for (size_t j = 0; j < n; ++j) s += int64_t{x[j]} * int64_t{y[j]};
  return s;
}

// R rows of n random bytes (the full int8 range), `pad` bytes of -128 after each row up to
// the stride, and -128 after the query: a kernel reading past n adds (-128)^2 products.
struct Rows {
  size_t stride;
  std::vector<int8_t> x, y;
  Rows(size_t rows, size_t n, size_t pad, uint32_t seed) : stride(n + pad), x(rows * (n + pad) + 32, -128),
                                                           y(n + 32, -128) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> dist(-128, 127);
    for (size_t r = 0; r < rows; ++r) {
      for (size_t j = 0; j < n; ++j) x[r * stride + j] = static_cast<int8_t>(dist(rng));
    }
    for (size_t j = 0; j < n; ++j) y[j] = static_cast<int8_t>(dist(rng));
  }
};

// Rows around the SIMD twin's 4-row tile and n around its 16-byte step.
void CheckAgainstReference(const Variant<I8DotRowsFn>& v) {
  for (size_t rows : {0, 1, 3, 4, 5, 7, 8, 9, 13, 64}) {
    for (size_t n : Sizes()) {
      for (size_t pad : {0, 3, 16}) {
        INFO("rows=" << rows << " n=" << n << " pad=" << pad);
        const Rows data(rows, n, pad, static_cast<uint32_t>(rows * 1000 + n * 10 + pad));
        std::vector<int32_t> out(rows + 4, 0x5A5A5A5A);  // past `rows` must stay untouched
        v.fn(rows, n, data.x.data(), data.stride, data.y.data(), out.data());
        for (size_t r = 0; r < rows; ++r) {
          CHECK(int64_t{out[r]} == Reference(n, data.x.data() + r * data.stride, data.y.data()));
        }
        for (size_t r = rows; r < rows + 4; ++r) CHECK(out[r] == 0x5A5A5A5A);
      }
    }
  }
}

// Every row at the extremes, where an i16 pairwise sum would wrap (2 * 128 * 128 > INT16_MAX).
void CheckExtremes(const Variant<I8DotRowsFn>& v) {
  const size_t n = 100, rows = 6;
  std::vector<int8_t> x(rows * n), y(n, -128);
  for (size_t r = 0; r < rows; ++r) {
    for (size_t j = 0; j < n; ++j) x[r * n + j] = r % 2 == 0 ? int8_t{-128} : int8_t{127};
  }
  std::vector<int32_t> out(rows);
  v.fn(rows, n, x.data(), n, y.data(), out.data());
  for (size_t r = 0; r < rows; ++r) CHECK(out[r] == (r % 2 == 0 ? 16384 : -16256) * static_cast<int32_t>(n));
}

}  // namespace

KERNEL_TEST(i8_dot_rows, CheckAgainstReference, "equals an int64 reference row by row")
KERNEL_TEST(i8_dot_rows, CheckExtremes, "at the int8 extremes")
KERNEL_DISPATCH_TEST(i8_dot_rows)
