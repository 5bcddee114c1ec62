// kernels/dot: sum_j x[j] y[j].
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

#include "kernels/kernel_test_util.h"
#include "kernels/kernels.h"

namespace k = embedwasm::kernels;
using namespace embedwasm::kernels::test;

namespace {

struct DotReference {
  double value;  // sum x y in double: within n 2^-53 of exact, negligible here
  double bound;  // admissible |float result - value|
};

// Any float summation order of n products has at most n roundings on each term's path
// (one multiply, at most n - 1 adds), so |err| <= gamma_n sum |x y|. Under gradual
// underflow each multiply may also lose up to 2^-150 absolutely (adds are exact there).
DotReference Reference(const float* x, const float* y, size_t n) {
  double sum = 0.0, abs_sum = 0.0;
  for (size_t j = 0; j < n; ++j) {
    const double p = static_cast<double>(x[j]) * y[j];  // exact in double
    sum += p;
    abs_sum += std::fabs(p);
  }
  const double bound = (Gamma(n) * abs_sum + static_cast<double>(n) * 0x1p-150) * kBoundSlack;
  return {sum, bound};
}

std::vector<float> Data(int kind, size_t n, uint32_t seed) {
  return kind == 0 ? Uniform(n, seed) : WideRange(n, seed);
}

// Small integers: every product and partial sum is an integer below 2^24, so any
// summation order is exact and the result must equal the reference exactly. Catches a
// dropped or doubled tail element independently of any tolerance.
std::vector<float> SmallIntegers(size_t n, uint32_t seed) {
  std::vector<float> v = Uniform(n, seed, -8.0f, 9.0f);
  for (float& x : v) x = std::floor(x);
  return v;
}

}  // namespace

TEST_CASE("f32_dot__scalar is within gamma_n sum|x y| of a double reference", "[kernels]") {
  for (size_t n : Sizes()) {
    for (int kind : {0, 1}) {
      for (size_t misalign : {0, 1}) {
        INFO("n=" << n << " kind=" << kind << " misalign=" << misalign);
        const std::vector<float> x0 = Data(kind, n, 600 + n), y0 = Data(kind, n, 700 + n);
        Guarded x(x0, Guard::kPoison, misalign), y(y0, Guard::kPoison, misalign + 2);
        const DotReference ref = Reference(x0.data(), y0.data(), n);
        const float got = k::f32_dot__scalar(n, x.data(), y.data());
        CHECK(std::fabs(got - ref.value) <= ref.bound);
        CHECK(FirstBitMismatch(x.data(), x0.data(), n) == -1);  // inputs are read-only
        CHECK(FirstBitMismatch(y.data(), y0.data(), n) == -1);
        CHECK(x.GuardsIntact());
        CHECK(y.GuardsIntact());
      }
    }
  }
}

TEST_CASE("f32_dot__scalar of a vector with itself (x == y)", "[kernels]") {
  for (size_t n : Sizes()) {
    INFO("n=" << n);
    const std::vector<float> x0 = WideRange(n, 800 + n);
    const DotReference ref = Reference(x0.data(), x0.data(), n);
    CHECK(std::fabs(k::f32_dot__scalar(n, x0.data(), x0.data()) - ref.value) <= ref.bound);
  }
}

TEST_CASE("f32_dot__scalar is exact on small integers", "[kernels]") {
  for (size_t n : Sizes()) {
    INFO("n=" << n);
    const std::vector<float> x = SmallIntegers(n, 900 + n), y = SmallIntegers(n, 1000 + n);
    CHECK(k::f32_dot__scalar(n, x.data(), y.data()) == Reference(x.data(), y.data(), n).value);
  }
}

TEST_CASE("f32_dot reads only n elements and returns +0 for n = 0", "[kernels]") {
  // Anything read past n would add 1e30 * 1e30 = inf.
  for (size_t n : {size_t{0}, size_t{1}, size_t{3}, size_t{5}, size_t{7}, size_t{9}, size_t{33}}) {
    INFO("n=" << n);
    std::vector<float> x = Uniform(n, 1100 + n), y = Uniform(n, 1200 + n);
    x.resize(n + 8, 1e30f);
    y.resize(n + 8, 1e30f);
    const DotReference ref = Reference(x.data(), y.data(), n);
    CHECK(std::fabs(k::f32_dot__scalar(n, x.data(), y.data()) - ref.value) <= ref.bound);
    CHECK(std::fabs(k::f32_dot(n, x.data(), y.data()) - ref.value) <= ref.bound);
  }
  const float x = 1.0f;
  CHECK(SameBits(k::f32_dot__scalar(0, &x, &x), 0.0f));
  CHECK(SameBits(k::f32_dot(0, &x, &x), 0.0f));
}

TEST_CASE("kernels.h dispatches f32_dot to this build's variant", "[kernels]") {
#if defined(__wasm_simd128__)
  CHECK((k::f32_dot == &k::f32_dot__wasmsimd));
#else
  CHECK((k::f32_dot == &k::f32_dot__scalar));
#endif
}

#if defined(__wasm_simd128__)

// The SIMD version sums in 8 lanes, so it matches the scalar twin only up to rounding:
// both are within gamma_n sum|x y| of the exact value, hence within twice that of each other.
TEST_CASE("f32_dot__wasmsimd is within rounding of the reference and of the scalar twin", "[kernels]") {
  for (size_t n : Sizes()) {
    for (int kind : {0, 1}) {
      for (size_t misalign : {0, 1}) {
        INFO("n=" << n << " kind=" << kind << " misalign=" << misalign);
        const std::vector<float> x0 = Data(kind, n, 600 + n), y0 = Data(kind, n, 700 + n);
        Guarded x(x0, Guard::kPoison, misalign), y(y0, Guard::kPoison, misalign + 2);
        const DotReference ref = Reference(x0.data(), y0.data(), n);
        const float simd = k::f32_dot__wasmsimd(n, x.data(), y.data());
        const float scalar = k::f32_dot__scalar(n, x.data(), y.data());
        CHECK(std::fabs(simd - ref.value) <= ref.bound);
        CHECK(std::fabs(static_cast<double>(simd) - scalar) <= 2.0 * ref.bound);
        CHECK(FirstBitMismatch(x.data(), x0.data(), n) == -1);
        CHECK(FirstBitMismatch(y.data(), y0.data(), n) == -1);
        CHECK(x.GuardsIntact());
        CHECK(y.GuardsIntact());
      }
    }
  }
}

TEST_CASE("f32_dot__wasmsimd of a vector with itself (x == y)", "[kernels]") {
  for (size_t n : Sizes()) {
    INFO("n=" << n);
    const std::vector<float> x0 = WideRange(n, 800 + n);
    const DotReference ref = Reference(x0.data(), x0.data(), n);
    CHECK(std::fabs(k::f32_dot__wasmsimd(n, x0.data(), x0.data()) - ref.value) <= ref.bound);
  }
}

TEST_CASE("f32_dot__wasmsimd is exact on small integers", "[kernels]") {
  for (size_t n : Sizes()) {
    INFO("n=" << n);
    const std::vector<float> x = SmallIntegers(n, 900 + n), y = SmallIntegers(n, 1000 + n);
    CHECK(k::f32_dot__wasmsimd(n, x.data(), y.data()) == Reference(x.data(), y.data(), n).value);
  }
}

TEST_CASE("f32_dot__wasmsimd reads only n elements and returns +0 for n = 0", "[kernels]") {
  for (size_t n : {size_t{0}, size_t{1}, size_t{3}, size_t{5}, size_t{7}, size_t{9}, size_t{33}}) {
    INFO("n=" << n);
    std::vector<float> x = Uniform(n, 1100 + n), y = Uniform(n, 1200 + n);
    x.resize(n + 8, 1e30f);
    y.resize(n + 8, 1e30f);
    const DotReference ref = Reference(x.data(), y.data(), n);
    CHECK(std::fabs(k::f32_dot__wasmsimd(n, x.data(), y.data()) - ref.value) <= ref.bound);
  }
  const float x = 1.0f;
  CHECK(SameBits(k::f32_dot__wasmsimd(0, &x, &x), 0.0f));
}

#endif  // __wasm_simd128__
