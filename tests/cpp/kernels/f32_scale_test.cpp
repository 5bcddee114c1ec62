// kernels/f32_scale: y[0..n) = a * x[0..n), x may equal y.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "kernels/kernel_test_util.h"
#include "kernels/kernels.h"

namespace k = embedwasm::kernels;
using namespace embedwasm::kernels::test;

namespace {

using ScaleFn = AxpyLikeFn;

// Generic, exact negation, zero (negative x must give -0), a power of two and a value
// whose products with WideRange data round at many positions.
const float kAlphas[] = {0.37f, -1.0f, 0.0f, 0x1p-10f, 1.0f / 3.0f};

// The product of two floats is exact in double (24 + 24 significant bits <= 53), so
// rounding it once to float is the correctly rounded a x: the reference is exact and the
// comparison is bit for bit, sign of zero included. Every twin must equal it, and so
// each other.
std::vector<float> Reference(float a, const std::vector<float>& x) {
  std::vector<float> y(x.size());
  for (size_t j = 0; j < x.size(); ++j) y[j] = static_cast<float>(static_cast<double>(a) * x[j]);
  return y;
}

void CheckScale(const Variant<ScaleFn>& v) {
  ForEachVectorCase([&](size_t n, int kind, size_t misalign) {
    for (float a : kAlphas) {
      INFO("a=" << a);
      const std::vector<float> x0 = Data(kind, n, 400 + n);
      const std::vector<float> ref = Reference(a, x0);
      Guarded x(x0, Guard::kPoison, misalign), y(n, Guard::kCanary, misalign + 2);
      v.fn(n, a, x.data(), y.data());
      CHECK(FirstBitMismatch(y.data(), ref.data(), n) == -1);
      CHECK(y.GuardsIntact());
      CHECK(FirstBitMismatch(x.data(), x0.data(), n) == -1);  // x is read-only
      CHECK(x.GuardsIntact());
    }
  });
}

void CheckScaleInPlace(const Variant<ScaleFn>& v) {
  ForEachInPlaceCase([&](size_t n, size_t misalign) {
    for (float a : kAlphas) {
      INFO("a=" << a);
      const std::vector<float> x0 = WideRange(n, 500 + n);
      const std::vector<float> ref = Reference(a, x0);
      Guarded y(x0, Guard::kCanary, misalign);
      v.fn(n, a, y.data(), y.data());
      CHECK(FirstBitMismatch(y.data(), ref.data(), n) == -1);
      CHECK(y.GuardsIntact());
    }
  });
}

}  // namespace

// The reference is exact, so matching it bit for bit also makes the twins bit-identical.
KERNEL_TEST(f32_scale, CheckScale, "equals the correctly rounded product")
KERNEL_TEST(f32_scale, CheckScaleInPlace, "in place (x == y)")
KERNEL_TEST(f32_scale, CheckAxpyLikeEmpty, "n = 0 writes nothing")
KERNEL_DISPATCH_TEST(f32_scale)
