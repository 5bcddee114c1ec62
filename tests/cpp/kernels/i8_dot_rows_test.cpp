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

int64_t Reference(size_t n, const int8_t* x, const int8_t* y) {  // exact, element by element
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

void CheckAgainstReference(I8DotRowsFn dot_rows) {
  for (size_t rows : {0, 1, 3, 4, 5, 8, 9, 13}) {
    for (size_t n : Sizes()) {
      for (size_t pad : {0, 3, 16}) {
        INFO("rows=" << rows << " n=" << n << " pad=" << pad);
        const Rows data(rows, n, pad, static_cast<uint32_t>(rows * 1000 + n * 10 + pad));
        std::vector<int32_t> out(rows + 4, 0x5A5A5A5A);  // past `rows` must stay untouched
        dot_rows(rows, n, data.x.data(), data.stride, data.y.data(), out.data());
        for (size_t r = 0; r < rows; ++r) {
          CHECK(int64_t{out[r]} == Reference(n, data.x.data() + r * data.stride, data.y.data()));
        }
        for (size_t r = rows; r < rows + 4; ++r) CHECK(out[r] == 0x5A5A5A5A);
      }
    }
  }
}

// Every row at the extremes, where an i16 pairwise sum would wrap (2 * 128 * 128 > INT16_MAX).
void CheckExtremes(I8DotRowsFn dot_rows) {
  const size_t n = 100, rows = 6;
  std::vector<int8_t> x(rows * n), y(n, -128);
  for (size_t r = 0; r < rows; ++r) {
    for (size_t j = 0; j < n; ++j) x[r * n + j] = r % 2 == 0 ? int8_t{-128} : int8_t{127};
  }
  std::vector<int32_t> out(rows);
  dot_rows(rows, n, x.data(), n, y.data(), out.data());
  for (size_t r = 0; r < rows; ++r) CHECK(out[r] == (r % 2 == 0 ? 16384 : -16256) * static_cast<int32_t>(n));
}

}  // namespace

TEST_CASE("i8_dot_rows__scalar equals an int64 reference row by row", "[kernels]") {
  CheckAgainstReference(&k::i8_dot_rows__scalar);
  CheckExtremes(&k::i8_dot_rows__scalar);
}

TEST_CASE("kernels.h dispatches i8_dot_rows to this build's variant", "[kernels]") {
#if defined(__wasm_simd128__)
  CHECK((k::i8_dot_rows == &k::i8_dot_rows__wasmsimd));
#else
  CHECK((k::i8_dot_rows == &k::i8_dot_rows__scalar));
#endif
}

#if defined(__wasm_simd128__)

TEST_CASE("i8_dot_rows__wasmsimd equals the reference and its scalar twin", "[kernels]") {
  CheckAgainstReference(&k::i8_dot_rows__wasmsimd);
  CheckExtremes(&k::i8_dot_rows__wasmsimd);
  for (size_t rows : {4, 7, 64}) {
    for (size_t n : {16, 100, 112, 300}) {
      INFO("rows=" << rows << " n=" << n);
      const Rows data(rows, n, 12, static_cast<uint32_t>(rows + n));
      std::vector<int32_t> simd(rows), scalar(rows);
      k::i8_dot_rows__wasmsimd(rows, n, data.x.data(), data.stride, data.y.data(), simd.data());
      k::i8_dot_rows__scalar(rows, n, data.x.data(), data.stride, data.y.data(), scalar.data());
      CHECK(simd == scalar);
    }
  }
}

#endif
