// kernels/i16_dot_rows: out (B, R) <- int8-range int16 rows x (R, n) dotted with queries y (B, n).
#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <vector>

#include "kernels/kernel_test_util.h"
#include "kernels/kernels.h"

namespace k = embedwasm::kernels;
using namespace embedwasm::kernels::test;

namespace {

using I16DotRowsFn = void (*)(size_t, size_t, size_t, const int16_t*, size_t, const int16_t*, size_t, int32_t*,
                              size_t);

// Exact, element by element. Integer sums are exact in any order, so every twin must
// equal it, and so each other, bit for bit.
int64_t Reference(size_t n, const int16_t* x, const int16_t* y) {
  int64_t s = 0;
  for (size_t j = 0; j < n; ++j) s += int64_t{x[j]} * int64_t{y[j]};
  return s;
}

// `count` rows of n random int8-range values, each followed by `pad` values of 0x7FFF up
// to the stride (and 0x7FFF past the last): a kernel reading past n adds products far
// outside what int8 values give, and wrong sums.
std::vector<int16_t> Table(size_t count, size_t n, size_t stride, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> dist(-128, 127);
  std::vector<int16_t> t(count * stride + 16, 0x7FFF);
  for (size_t r = 0; r < count; ++r) {
    for (size_t j = 0; j < n; ++j) t[r * stride + j] = static_cast<int16_t>(dist(rng));
  }
  return t;
}

// Rows around the SIMD twin's 4-row tile, queries around its 2-query tile, n around its
// 8-value step, padded strides, and an out_stride above rows whose gaps must stay as they were.
void CheckAgainstReference(const Variant<I16DotRowsFn>& v) {
  for (size_t rows : {0, 1, 3, 4, 5, 8, 9}) {
    for (size_t queries : {1, 2, 3, 4, 5}) {
      for (size_t n : Sizes()) {
        const size_t xs = rows % 2 == 0 ? n : n + 5, ys = queries % 2 == 0 ? n : n + 8, os = rows + 3;
        INFO("rows=" << rows << " queries=" << queries << " n=" << n);
        const std::vector<int16_t> x = Table(rows, n, xs, static_cast<uint32_t>(rows * 1000 + n));
        const std::vector<int16_t> y = Table(queries, n, ys, static_cast<uint32_t>(queries * 7000 + n));
        std::vector<int32_t> out(queries * os, 0x5A5A5A5A);
        v.fn(rows, queries, n, x.data(), xs, y.data(), ys, out.data(), os);
        for (size_t b = 0; b < queries; ++b) {
          for (size_t r = 0; r < os; ++r) {
            const int32_t got = out[b * os + r];
            if (r < rows) {
              CHECK(int64_t{got} == Reference(n, x.data() + r * xs, y.data() + b * ys));
            } else {
              CHECK(got == 0x5A5A5A5A);
            }
          }
        }
        if (v.twin != nullptr) {
          std::vector<int32_t> twin_out(queries * os, 0x5A5A5A5A);
          v.twin(rows, queries, n, x.data(), xs, y.data(), ys, twin_out.data(), os);
          CHECK(twin_out == out);
        }
      }
    }
  }
}

// Every value at the int8 extremes, where an i16 pairwise sum would wrap
// (2 * 128 * 128 > INT16_MAX): the contract's worst case.
void CheckExtremes(const Variant<I16DotRowsFn>& v) {
  const size_t n = 100, rows = 6, queries = 3;
  std::vector<int16_t> x(rows * n), y(queries * n, -128);
  for (size_t r = 0; r < rows; ++r) {
    for (size_t j = 0; j < n; ++j) x[r * n + j] = r % 2 == 0 ? int16_t{-128} : int16_t{127};
  }
  std::vector<int32_t> out(queries * rows);
  v.fn(rows, queries, n, x.data(), n, y.data(), n, out.data(), rows);
  for (size_t b = 0; b < queries; ++b) {
    for (size_t r = 0; r < rows; ++r) {
      CHECK(out[b * rows + r] == (r % 2 == 0 ? 16384 : -16256) * static_cast<int32_t>(n));
    }
  }
}

}  // namespace

KERNEL_TEST(i16_dot_rows, CheckAgainstReference, "equals an int64 reference, and the scalar twin")
KERNEL_TEST(i16_dot_rows, CheckExtremes, "at the int8 extremes")
KERNEL_DISPATCH_TEST(i16_dot_rows)
