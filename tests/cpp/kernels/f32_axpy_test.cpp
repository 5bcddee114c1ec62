// kernels/f32_axpy: y[0..n) += a * x[0..n), x may equal y.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

#include "kernels/kernel_test_util.h"
#include "kernels/kernels.h"

namespace k = embedwasm::kernels;
using namespace embedwasm::kernels::test;

namespace {

using AxpyFn = AxpyLikeFn;

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

// Within one rounding per op of the double reference; with a twin, bit-identical to it:
// WASM SIMD has no FMA and clang does not contract the scalar loop for wasm, so every
// lane rounds a x and then the sum exactly as the scalar twin does.
void CheckAxpy(const Variant<AxpyFn>& v) {
  ForEachVectorCase([&](size_t n, int kind, size_t misalign) {
    for (float a : kAlphas) {
      INFO("a=" << a);
      const std::vector<float> x0 = Data(kind, n, 100 + n), y0 = Data(kind, n, 200 + n);
      Guarded x(x0, Guard::kPoison, misalign), y(y0, Guard::kCanary, misalign + 2);
      v.fn(n, a, x.data(), y.data());
      CHECK(FirstOutsideBound(a, x0, y0, y.data()) == -1);
      CHECK(y.GuardsIntact());
      CHECK(FirstBitMismatch(x.data(), x0.data(), n) == -1);  // x is read-only
      CHECK(x.GuardsIntact());
      if (v.twin != nullptr) {
        Guarded y_twin(y0, Guard::kCanary);
        v.twin(n, a, x.data(), y_twin.data());
        CHECK(FirstBitMismatch(y.data(), y_twin.data(), n) == -1);
      }
    }
  });
}

// In place (x == y): y + a y.
void CheckAxpyInPlace(const Variant<AxpyFn>& v) {
  ForEachInPlaceCase([&](size_t n, size_t misalign) {
    for (float a : kAlphas) {
      INFO("a=" << a);
      const std::vector<float> y0 = WideRange(n, 300 + n);
      Guarded y(y0, Guard::kCanary, misalign);
      v.fn(n, a, y.data(), y.data());
      CHECK(FirstOutsideBound(a, y0, y0, y.data()) == -1);
      CHECK(y.GuardsIntact());
      if (v.twin != nullptr) {
        Guarded y_twin(y0, Guard::kCanary);
        v.twin(n, a, y_twin.data(), y_twin.data());
        CHECK(FirstBitMismatch(y.data(), y_twin.data(), n) == -1);
      }
    }
  });
}

}  // namespace

KERNEL_TEST(f32_axpy, CheckAxpy, "within one rounding per op of a double reference, twins bit-identical")
KERNEL_TEST(f32_axpy, CheckAxpyInPlace, "in place (x == y) computes y + a y")
KERNEL_TEST(f32_axpy, CheckAxpyLikeEmpty, "n = 0 writes nothing")
KERNEL_DISPATCH_TEST(f32_axpy)
