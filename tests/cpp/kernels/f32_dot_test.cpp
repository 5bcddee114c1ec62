// kernels/f32_dot: sum_j x[j] y[j].
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

#include "kernels/kernel_test_util.h"
#include "kernels/kernels.h"

namespace k = embedwasm::kernels;
using namespace embedwasm::kernels::test;

namespace {

using DotFn = float (*)(size_t, const float*, const float*);

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

// Within gamma_n sum|x y| of the reference. The SIMD twin sums in 8 lanes, so it matches
// the scalar twin only up to rounding: both are within the bound of the exact value,
// hence within twice it of each other.
void CheckDot(const Variant<DotFn>& v) {
  ForEachVectorCase([&](size_t n, int kind, size_t misalign) {
    const std::vector<float> x0 = Data(kind, n, 600 + n), y0 = Data(kind, n, 700 + n);
    Guarded x(x0, Guard::kPoison, misalign), y(y0, Guard::kPoison, misalign + 2);
    const DotReference ref = Reference(x0.data(), y0.data(), n);
    const float got = v.fn(n, x.data(), y.data());
    CHECK(std::fabs(got - ref.value) <= ref.bound);
    if (v.twin != nullptr) CHECK(std::fabs(static_cast<double>(got) - v.twin(n, x.data(), y.data())) <= 2.0 * ref.bound);
    CHECK(FirstBitMismatch(x.data(), x0.data(), n) == -1);  // inputs are read-only
    CHECK(FirstBitMismatch(y.data(), y0.data(), n) == -1);
    CHECK(x.GuardsIntact());
    CHECK(y.GuardsIntact());
  });
}

// A vector with itself (x == y).
void CheckDotSelf(const Variant<DotFn>& v) {
  for (size_t n : Sizes()) {
    INFO("n=" << n);
    const std::vector<float> x0 = WideRange(n, 800 + n);
    const DotReference ref = Reference(x0.data(), x0.data(), n);
    CHECK(std::fabs(v.fn(n, x0.data(), x0.data()) - ref.value) <= ref.bound);
  }
}

// Exact: see SmallIntegers.
void CheckDotSmallIntegers(const Variant<DotFn>& v) {
  for (size_t n : Sizes()) {
    INFO("n=" << n);
    const std::vector<float> x = SmallIntegers(n, 900 + n), y = SmallIntegers(n, 1000 + n);
    CHECK(v.fn(n, x.data(), y.data()) == Reference(x.data(), y.data(), n).value);
  }
}

// Anything read past n would add 1e30 * 1e30 = inf.
void CheckDotReadsOnlyN(const Variant<DotFn>& v) {
  for (size_t n : {size_t{0}, size_t{1}, size_t{3}, size_t{5}, size_t{7}, size_t{9}, size_t{33}}) {
    INFO("n=" << n);
    std::vector<float> x = Uniform(n, 1100 + n), y = Uniform(n, 1200 + n);
    x.resize(n + 8, 1e30f);
    y.resize(n + 8, 1e30f);
    const DotReference ref = Reference(x.data(), y.data(), n);
    CHECK(std::fabs(v.fn(n, x.data(), y.data()) - ref.value) <= ref.bound);
  }
  const float x = 1.0f;
  CHECK(SameBits(v.fn(0, &x, &x), 0.0f));
}

}  // namespace

KERNEL_TEST(f32_dot, CheckDot, "within gamma_n sum|x y| of a double reference and of the scalar twin")
KERNEL_TEST(f32_dot, CheckDotSelf, "a vector with itself (x == y)")
KERNEL_TEST(f32_dot, CheckDotSmallIntegers, "exact on small integers")
KERNEL_TEST(f32_dot, CheckDotReadsOnlyN, "reads only n elements and returns +0 for n = 0")
KERNEL_DISPATCH_TEST(f32_dot)
