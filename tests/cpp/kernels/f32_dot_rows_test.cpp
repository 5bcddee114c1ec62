// kernels/f32_dot_rows: out (B, R) <- rows x (R, D) dotted with queries y (B, D).
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

#include "kernels/kernel_test_util.h"
#include "kernels/kernels.h"

namespace k = embedwasm::kernels;
using namespace embedwasm::kernels::test;

namespace {

using DotRowsFn = void (*)(size_t, size_t, size_t, const float*, size_t, const float*, size_t, float*, size_t);

// The documented summation order, written the plain way: 4 lanes, (l0 + l1) + (l2 + l3),
// then the tail in order.
float LaneOrderDot(size_t d, const float* x, const float* y) {
  float lane[4] = {0.0f, 0.0f, 0.0f, 0.0f};
  size_t j = 0;
  for (; j + 4 <= d; j += 4) {
    for (size_t l = 0; l < 4; ++l) lane[l] += x[j + l] * y[j + l];
  }
  float sum = (lane[0] + lane[1]) + (lane[2] + lane[3]);
  for (; j < d; ++j) sum += x[j] * y[j];
  return sum;
}

struct Shape {
  size_t rows, queries, d, x_stride, y_stride, out_stride;
};

// Rows around the 2-row tile, queries around the 4-query tile (1 takes the single-query
// path), every D in Sizes(), padded strides (the padding holds the sentinel NaN: reading
// it poisons the sum).
std::vector<Shape> Shapes() {
  std::vector<Shape> shapes;
  for (size_t d : Sizes()) {
    for (size_t rows : {1, 2, 3, 4, 5, 8, 9}) {
      for (size_t queries : {1, 2, 3, 4, 5, 8, 9}) {
        const size_t xs = (rows + queries + d) % 2 == 0 ? d : RoundUp4(d) + 4;
        const size_t ys = queries % 2 == 0 ? d : d + 3;
        shapes.push_back({rows, queries, d, xs, ys, rows + (d % 3)});
      }
    }
  }
  return shapes;
}

void CheckShape(DotRowsFn fn, const Shape& s, int kind, std::vector<float>* result) {
  const std::vector<float> x0 = PaddedTable(s.rows, s.d, s.x_stride, static_cast<uint32_t>(s.d * 31 + s.rows));
  const std::vector<float> y0 = PaddedTable(s.queries, s.d, s.y_stride, static_cast<uint32_t>(s.d * 37 + s.queries));
  std::vector<float> xv = x0, yv = y0;
  if (kind == 1) {  // mixed exponents
    const std::vector<float> wx = WideRange(xv.size(), 9), wy = WideRange(yv.size(), 10);
    for (size_t i = 0; i < xv.size(); ++i) xv[i] = std::isnan(xv[i]) ? xv[i] : wx[i];
    for (size_t i = 0; i < yv.size(); ++i) yv[i] = std::isnan(yv[i]) ? yv[i] : wy[i];
  }
  const Guarded x(xv, Guard::kPoison, 0), y(yv, Guard::kPoison, 1);
  const size_t out_n = (s.queries - 1) * s.out_stride + s.rows;
  Guarded out(out_n, Guard::kCanary, s.rows % 4);
  std::vector<float> before = out.payload();
  fn(s.rows, s.queries, s.d, x.data(), s.x_stride, y.data(), s.y_stride, out.data(), s.out_stride);
  result->assign(out.data(), out.data() + out_n);
  for (size_t b = 0; b < s.queries; ++b) {
    for (size_t r = 0; r < s.rows; ++r) {
      const float* xr = xv.data() + r * s.x_stride;
      const float* yb = yv.data() + b * s.y_stride;
      double ref = 0.0, abs_sum = 0.0;
      for (size_t j = 0; j < s.d; ++j) {
        ref += static_cast<double>(xr[j]) * yb[j];
        abs_sum += std::fabs(static_cast<double>(xr[j]) * yb[j]);
      }
      const float got = out.data()[b * s.out_stride + r];
      const double bound = (Gamma(s.d) * abs_sum + static_cast<double>(s.d) * 0x1p-150) * kBoundSlack;
      CHECK(std::fabs(got - ref) <= bound);
      CHECK(SameBits(got, LaneOrderDot(s.d, xr, yb)));
    }
    // Between one query's rows and the next query's, out is not written.
    for (size_t r = s.rows; r < s.out_stride && b + 1 < s.queries; ++r) {
      CHECK(SameBits(out.data()[b * s.out_stride + r], before[b * s.out_stride + r]));
    }
  }
  CHECK(out.GuardsIntact());
  CHECK(x.GuardsIntact());
  CHECK(FirstBitMismatch(x.data(), xv.data(), xv.size()) == -1);
  CHECK(FirstBitMismatch(y.data(), yv.data(), yv.size()) == -1);
}

// The documented order is fixed for every variant, so the twins are bit-identical.
void CheckAll(const Variant<DotRowsFn>& v) {
  std::vector<float> got, twin_got;
  for (const Shape& s : Shapes()) {
    for (int kind : {0, 1}) {
      INFO("rows=" << s.rows << " queries=" << s.queries << " d=" << s.d << " x_stride=" << s.x_stride
                   << " y_stride=" << s.y_stride << " out_stride=" << s.out_stride << " kind=" << kind);
      CheckShape(v.fn, s, kind, &got);
      if (v.twin != nullptr) {
        CheckShape(v.twin, s, kind, &twin_got);
        CHECK(FirstBitMismatch(got.data(), twin_got.data(), got.size()) == -1);
      }
    }
  }
}

// Integer products and sums below 2^24 are exact in any order.
void CheckSmallIntegers(const Variant<DotRowsFn>& v) {
  const size_t d = 37, rows = 7, queries = 3;
  const std::vector<float> x = SmallIntegers(rows * d, 1), y = SmallIntegers(queries * d, 2);
  std::vector<float> out(queries * rows);
  v.fn(rows, queries, d, x.data(), d, y.data(), d, out.data(), rows);
  for (size_t b = 0; b < queries; ++b) {
    for (size_t r = 0; r < rows; ++r) {
      double ref = 0.0;
      for (size_t j = 0; j < d; ++j) ref += static_cast<double>(x[r * d + j]) * y[b * d + j];
      CHECK(out[b * rows + r] == ref);
    }
  }
}

void CheckEmpty(const Variant<DotRowsFn>& v) {
  const std::vector<float> x = Uniform(16, 3);
  Guarded out(0, Guard::kCanary);
  v.fn(0, 3, 4, x.data(), 4, x.data(), 4, out.data(), 4);
  v.fn(3, 0, 4, x.data(), 4, x.data(), 4, out.data(), 4);
  CHECK(out.GuardsIntact());
  // d = 0: every dot product is the empty sum, +0.
  const float one = 1.0f;
  std::vector<float> zeros(6, -1.0f);
  v.fn(3, 2, 0, &one, 0, &one, 0, zeros.data(), 3);
  for (float z : zeros) CHECK(SameBits(z, 0.0f));
}

}  // namespace

KERNEL_TEST(f32_dot_rows, CheckAll, "within rounding of a double reference, in the documented order")
KERNEL_TEST(f32_dot_rows, CheckSmallIntegers, "exact on small integers")
KERNEL_TEST(f32_dot_rows, CheckEmpty, "no rows or no queries writes nothing; d = 0 writes +0")
KERNEL_DISPATCH_TEST(f32_dot_rows)
