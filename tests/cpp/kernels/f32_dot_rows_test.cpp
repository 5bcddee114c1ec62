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

// Rows around the 4-row tile and queries around the 2-query tile, every D in Sizes(),
// padded strides (the padding holds the sentinel NaN: reading it poisons the sum).
std::vector<Shape> Shapes() {
  std::vector<Shape> shapes;
  for (size_t d : Sizes()) {
    for (size_t rows : {1, 3, 4, 5, 8, 9}) {
      for (size_t queries : {1, 2, 3, 5}) {
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

void CheckAll(DotRowsFn fn, DotRowsFn twin) {
  std::vector<float> got, twin_got;
  for (const Shape& s : Shapes()) {
    for (int kind : {0, 1}) {
      INFO("rows=" << s.rows << " queries=" << s.queries << " d=" << s.d << " x_stride=" << s.x_stride
                   << " y_stride=" << s.y_stride << " out_stride=" << s.out_stride << " kind=" << kind);
      CheckShape(fn, s, kind, &got);
      if (twin != nullptr) {
        CheckShape(twin, s, kind, &twin_got);
        CHECK(FirstBitMismatch(got.data(), twin_got.data(), got.size()) == -1);
      }
    }
  }
}

}  // namespace

TEST_CASE("f32_dot_rows__scalar: within rounding of a double reference, in the documented order", "[kernels]") {
  CheckAll(&k::f32_dot_rows__scalar, nullptr);
}

TEST_CASE("f32_dot_rows is exact on small integers", "[kernels]") {
  // Integer products and sums below 2^24 are exact in any order.
  const size_t d = 37, rows = 7, queries = 3;
  std::vector<float> x = Uniform(rows * d, 1, -8.0f, 9.0f), y = Uniform(queries * d, 2, -8.0f, 9.0f);
  for (float& v : x) v = std::floor(v);
  for (float& v : y) v = std::floor(v);
  std::vector<float> out(queries * rows);
  for (DotRowsFn fn : {static_cast<DotRowsFn>(&k::f32_dot_rows__scalar), static_cast<DotRowsFn>(k::f32_dot_rows)}) {
    fn(rows, queries, d, x.data(), d, y.data(), d, out.data(), rows);
    for (size_t b = 0; b < queries; ++b) {
      for (size_t r = 0; r < rows; ++r) {
        double ref = 0.0;
        for (size_t j = 0; j < d; ++j) ref += static_cast<double>(x[r * d + j]) * y[b * d + j];
        CHECK(out[b * rows + r] == ref);
      }
    }
  }
}

TEST_CASE("f32_dot_rows with no rows or no queries writes nothing", "[kernels]") {
  const std::vector<float> x = Uniform(16, 3);
  for (DotRowsFn fn : {static_cast<DotRowsFn>(&k::f32_dot_rows__scalar), static_cast<DotRowsFn>(k::f32_dot_rows)}) {
    Guarded out(0, Guard::kCanary);
    fn(0, 3, 4, x.data(), 4, x.data(), 4, out.data(), 4);
    fn(3, 0, 4, x.data(), 4, x.data(), 4, out.data(), 4);
    CHECK(out.GuardsIntact());
  }
}

TEST_CASE("f32_dot_rows with d = 0 writes +0", "[kernels]") {
  const float x = 1.0f;
  std::vector<float> out(6, -1.0f);
  k::f32_dot_rows(3, 2, 0, &x, 0, &x, 0, out.data(), 3);
  for (float v : out) CHECK(SameBits(v, 0.0f));
}

TEST_CASE("kernels.h dispatches f32_dot_rows to this build's variant", "[kernels]") {
#if defined(__wasm_simd128__)
  CHECK((k::f32_dot_rows == &k::f32_dot_rows__wasmsimd));
#else
  CHECK((k::f32_dot_rows == &k::f32_dot_rows__scalar));
#endif
}

#if defined(__wasm_simd128__)

TEST_CASE("f32_dot_rows__wasmsimd is bit-identical to the scalar twin", "[kernels]") {
  CheckAll(&k::f32_dot_rows__wasmsimd, &k::f32_dot_rows__scalar);
}

#endif  // __wasm_simd128__
