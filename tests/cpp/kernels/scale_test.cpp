// kernels/scale: y[0..n) = a * x[0..n), x may equal y.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "kernels/kernel_test_util.h"
#include "kernels/kernels.h"

namespace k = embedwasm::kernels;
using namespace embedwasm::kernels::test;

namespace {

// Generic, exact negation, zero (negative x must give -0), a power of two and a value
// whose products with WideRange data round at many positions.
const float kAlphas[] = {0.37f, -1.0f, 0.0f, 0x1p-10f, 1.0f / 3.0f};

// The product of two floats is exact in double (24 + 24 significant bits <= 53), so
// rounding it once to float is the correctly rounded a x: the reference is exact and the
// comparison is bit for bit, sign of zero included.
std::vector<float> Reference(float a, const std::vector<float>& x) {
  std::vector<float> y(x.size());
  for (size_t j = 0; j < x.size(); ++j) y[j] = static_cast<float>(static_cast<double>(a) * x[j]);
  return y;
}

std::vector<float> Data(int kind, size_t n, uint32_t seed) {
  return kind == 0 ? Uniform(n, seed) : WideRange(n, seed);
}

}  // namespace

TEST_CASE("f32_scale__scalar equals the correctly rounded product", "[kernels]") {
  for (size_t n : Sizes()) {
    for (int kind : {0, 1}) {
      for (size_t misalign : {0, 1}) {
        for (float a : kAlphas) {
          INFO("n=" << n << " kind=" << kind << " misalign=" << misalign << " a=" << a);
          const std::vector<float> x0 = Data(kind, n, 400 + n);
          const std::vector<float> ref = Reference(a, x0);
          Guarded x(x0, Guard::kPoison, misalign), y(n, Guard::kCanary, misalign + 2);
          k::f32_scale__scalar(n, a, x.data(), y.data());
          CHECK(FirstBitMismatch(y.data(), ref.data(), n) == -1);
          CHECK(y.GuardsIntact());
          CHECK(FirstBitMismatch(x.data(), x0.data(), n) == -1);  // x is read-only
          CHECK(x.GuardsIntact());
        }
      }
    }
  }
}

TEST_CASE("f32_scale__scalar in place (x == y)", "[kernels]") {
  for (size_t n : Sizes()) {
    for (float a : kAlphas) {
      INFO("n=" << n << " a=" << a);
      const std::vector<float> x0 = WideRange(n, 500 + n);
      const std::vector<float> ref = Reference(a, x0);
      Guarded y(x0, Guard::kCanary);
      k::f32_scale__scalar(n, a, y.data(), y.data());
      CHECK(FirstBitMismatch(y.data(), ref.data(), n) == -1);
      CHECK(y.GuardsIntact());
    }
  }
}

TEST_CASE("f32_scale with n = 0 writes nothing", "[kernels]") {
  Guarded x(Uniform(8, 3), Guard::kPoison), y(Uniform(8, 4), Guard::kCanary);
  const std::vector<float> y0 = y.payload();
  k::f32_scale__scalar(0, 2.0f, x.data(), y.data());
  CHECK(FirstBitMismatch(y.data(), y0.data(), 8) == -1);
  k::f32_scale(0, 2.0f, x.data(), y.data());
  CHECK(FirstBitMismatch(y.data(), y0.data(), 8) == -1);
  CHECK(y.GuardsIntact());
}

TEST_CASE("kernels.h dispatches f32_scale to this build's variant", "[kernels]") {
#if defined(__wasm_simd128__)
  CHECK((k::f32_scale == &k::f32_scale__wasmsimd));
#else
  CHECK((k::f32_scale == &k::f32_scale__scalar));
#endif
}

#if defined(__wasm_simd128__)

TEST_CASE("f32_scale__wasmsimd is bit-identical to the scalar twin", "[kernels]") {
  for (size_t n : Sizes()) {
    for (int kind : {0, 1}) {
      for (size_t misalign : {0, 1}) {
        for (float a : kAlphas) {
          INFO("n=" << n << " kind=" << kind << " misalign=" << misalign << " a=" << a);
          const std::vector<float> x0 = Data(kind, n, 400 + n);
          Guarded x(x0, Guard::kPoison, misalign), y_simd(n, Guard::kCanary, misalign + 1), y_scalar(n, Guard::kCanary);
          k::f32_scale__wasmsimd(n, a, x.data(), y_simd.data());
          k::f32_scale__scalar(n, a, x.data(), y_scalar.data());
          CHECK(FirstBitMismatch(y_simd.data(), y_scalar.data(), n) == -1);
          CHECK(y_simd.GuardsIntact());
          CHECK(FirstBitMismatch(x.data(), x0.data(), n) == -1);
          CHECK(x.GuardsIntact());
        }
      }
    }
  }
}

TEST_CASE("f32_scale__wasmsimd in place (x == y) is bit-identical to the scalar twin", "[kernels]") {
  for (size_t n : Sizes()) {
    for (size_t misalign : {0, 3}) {
      for (float a : kAlphas) {
        INFO("n=" << n << " misalign=" << misalign << " a=" << a);
        const std::vector<float> x0 = WideRange(n, 500 + n);
        Guarded y_simd(x0, Guard::kCanary, misalign), y_scalar(x0, Guard::kCanary);
        k::f32_scale__wasmsimd(n, a, y_simd.data(), y_simd.data());
        k::f32_scale__scalar(n, a, y_scalar.data(), y_scalar.data());
        CHECK(FirstBitMismatch(y_simd.data(), y_scalar.data(), n) == -1);
        CHECK(y_simd.GuardsIntact());
      }
    }
  }
}

TEST_CASE("f32_scale__wasmsimd with n = 0 writes nothing", "[kernels]") {
  Guarded x(Uniform(8, 3), Guard::kPoison), y(Uniform(8, 4), Guard::kCanary);
  const std::vector<float> y0 = y.payload();
  k::f32_scale__wasmsimd(0, 2.0f, x.data(), y.data());
  CHECK(FirstBitMismatch(y.data(), y0.data(), 8) == -1);
  CHECK(y.GuardsIntact());
}

#endif  // __wasm_simd128__
