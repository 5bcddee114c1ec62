// kernels/axpy: y[0..n) += a * x[0..n), x may equal y.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

#include "kernels/kernel_test_util.h"
#include "kernels/kernels.h"

namespace k = embedwasm::kernels;
using namespace embedwasm::kernels::test;

namespace {

// a values: generic, exact negation, zero (y must come back unchanged up to the sign of
// zero) and a large one so a x dominates y.
const float kAlphas[] = {0.37f, -1.0f, 0.0f, 3.0e4f};

// Index of the first out[j] outside the rounding bound of y0[j] + a x[j], or -1.
// fl(fl(a x) + y) = (a x (1 + d1) + y)(1 + d2), |d1|, |d2| <= u, so
// |err| <= u (2 + u) |a x| + u |y|. No underflow term: the data stays far above 2^-126.
long FirstOutsideBound(float a, const std::vector<float>& x, const std::vector<float>& y0, const float* out) {
  for (size_t j = 0; j < x.size(); ++j) {
    const double ax = static_cast<double>(a) * x[j];  // exact: 24 + 24 bits fit in 53
    const double ref = ax + static_cast<double>(y0[j]);
    const double bound = (kU * (2.0 + kU) * std::fabs(ax) + kU * std::fabs(y0[j])) * kBoundSlack;
    if (!(std::fabs(out[j] - ref) <= bound)) return static_cast<long>(j);
  }
  return -1;
}

std::vector<float> Data(int kind, size_t n, uint32_t seed) {
  return kind == 0 ? Uniform(n, seed) : WideRange(n, seed);
}

}  // namespace

TEST_CASE("f32_axpy__scalar is within one rounding per op of a double reference", "[kernels]") {
  for (size_t n : Sizes()) {
    for (int kind : {0, 1}) {
      for (size_t misalign : {0, 1}) {
        for (float a : kAlphas) {
          INFO("n=" << n << " kind=" << kind << " misalign=" << misalign << " a=" << a);
          const std::vector<float> x0 = Data(kind, n, 100 + n), y0 = Data(kind, n, 200 + n);
          Guarded x(x0, Guard::kPoison, misalign), y(y0, Guard::kCanary, misalign + 2);
          k::f32_axpy__scalar(n, a, x.data(), y.data());
          CHECK(FirstOutsideBound(a, x0, y0, y.data()) == -1);
          CHECK(y.GuardsIntact());
          CHECK(FirstBitMismatch(x.data(), x0.data(), n) == -1);  // x is read-only
          CHECK(x.GuardsIntact());
        }
      }
    }
  }
}

TEST_CASE("f32_axpy__scalar in place (x == y) computes y + a y", "[kernels]") {
  for (size_t n : Sizes()) {
    for (float a : kAlphas) {
      INFO("n=" << n << " a=" << a);
      const std::vector<float> y0 = WideRange(n, 300 + n);
      Guarded y(y0, Guard::kCanary);
      k::f32_axpy__scalar(n, a, y.data(), y.data());
      CHECK(FirstOutsideBound(a, y0, y0, y.data()) == -1);
      CHECK(y.GuardsIntact());
    }
  }
}

TEST_CASE("f32_axpy with n = 0 writes nothing", "[kernels]") {
  Guarded x(Uniform(8, 1), Guard::kPoison), y(Uniform(8, 2), Guard::kCanary);
  const std::vector<float> y0 = y.payload();
  k::f32_axpy__scalar(0, 2.0f, x.data(), y.data());
  CHECK(FirstBitMismatch(y.data(), y0.data(), 8) == -1);
  k::f32_axpy(0, 2.0f, x.data(), y.data());
  CHECK(FirstBitMismatch(y.data(), y0.data(), 8) == -1);
  CHECK(y.GuardsIntact());
}

TEST_CASE("kernels.h dispatches f32_axpy to this build's variant", "[kernels]") {
#if defined(__wasm_simd128__)
  CHECK((k::f32_axpy == &k::f32_axpy__wasmsimd));
#else
  CHECK((k::f32_axpy == &k::f32_axpy__scalar));
#endif
}

#if defined(__wasm_simd128__)

// No FMA in WASM SIMD and clang does not contract the scalar loop for wasm, so every
// lane rounds a x and then the sum exactly as the scalar twin does: bits must match.
TEST_CASE("f32_axpy__wasmsimd is bit-identical to the scalar twin", "[kernels]") {
  for (size_t n : Sizes()) {
    for (int kind : {0, 1}) {
      for (size_t misalign : {0, 1}) {
        for (float a : kAlphas) {
          INFO("n=" << n << " kind=" << kind << " misalign=" << misalign << " a=" << a);
          const std::vector<float> x0 = Data(kind, n, 100 + n), y0 = Data(kind, n, 200 + n);
          Guarded x(x0, Guard::kPoison, misalign), y_simd(y0, Guard::kCanary, misalign + 1), y_scalar(y0, Guard::kCanary);
          k::f32_axpy__wasmsimd(n, a, x.data(), y_simd.data());
          k::f32_axpy__scalar(n, a, x.data(), y_scalar.data());
          CHECK(FirstBitMismatch(y_simd.data(), y_scalar.data(), n) == -1);
          CHECK(y_simd.GuardsIntact());
          CHECK(FirstBitMismatch(x.data(), x0.data(), n) == -1);
          CHECK(x.GuardsIntact());
        }
      }
    }
  }
}

TEST_CASE("f32_axpy__wasmsimd in place (x == y) is bit-identical to the scalar twin", "[kernels]") {
  for (size_t n : Sizes()) {
    for (size_t misalign : {0, 3}) {
      for (float a : kAlphas) {
        INFO("n=" << n << " misalign=" << misalign << " a=" << a);
        const std::vector<float> y0 = WideRange(n, 300 + n);
        Guarded y_simd(y0, Guard::kCanary, misalign), y_scalar(y0, Guard::kCanary);
        k::f32_axpy__wasmsimd(n, a, y_simd.data(), y_simd.data());
        k::f32_axpy__scalar(n, a, y_scalar.data(), y_scalar.data());
        CHECK(FirstBitMismatch(y_simd.data(), y_scalar.data(), n) == -1);
        CHECK(y_simd.GuardsIntact());
      }
    }
  }
}

TEST_CASE("f32_axpy__wasmsimd with n = 0 writes nothing", "[kernels]") {
  Guarded x(Uniform(8, 1), Guard::kPoison), y(Uniform(8, 2), Guard::kCanary);
  const std::vector<float> y0 = y.payload();
  k::f32_axpy__wasmsimd(0, 2.0f, x.data(), y.data());
  CHECK(FirstBitMismatch(y.data(), y0.data(), 8) == -1);
  CHECK(y.GuardsIntact());
}

#endif  // __wasm_simd128__
