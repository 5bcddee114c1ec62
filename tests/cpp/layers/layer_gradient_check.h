#pragma once
// Finite-difference checks for model layers, on top of the table-level helpers in
// embedding/table_gradient_check.h: L = sum(g * y) for a fixed random g, its central differences
// (in double, over the float forward) with respect to the layer input and to each
// parameter, against the layer's own backward with dy = g.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstddef>
#include <functional>
#include <limits>
#include <utility>
#include <string>
#include <vector>

#include "embedwasm/core/status.h"
#include "embedwasm/layers/layer.h"
#include "core/tensor_test_util.h"
#include "embedding/table_gradient_check.h"

#define TL_REQUIRE_OK(expr)                        \
  do {                                             \
    const ::embedwasm::Status tl_status_ = (expr); \
    INFO(tl_status_.message());                    \
    REQUIRE(tl_status_.is_ok());                   \
  } while (0)

namespace embedwasm::layers_test {

using test::MakeMask;
using test::MakeTensor;

// Values in [lo, hi), fixed seed.
inline std::vector<float> RandomValues(size_t n, uint32_t seed, float lo = -1.0f, float hi = 1.0f) {
  std::vector<float> v = test::RandomUpstream(n, seed);
  for (float& x : v) x = lo + (x + 1.0f) * 0.5f * (hi - lo);
  return v;
}

// The model reuses its activation and gradient Tensors across batches, so a layer must
// write every value of y and dx: these start out as stale NaNs of a plausible size.
inline Tensor StaleTensor(const Shape& shape) {
  return MakeTensor(shape, std::vector<float>(shape_size(shape), std::numeric_limits<float>::quiet_NaN()));
}

inline std::vector<float> ForwardValues(layers::Layer& layer, const Tensor& x, const Mask& mask, bool training,
                                        Mask* mask_out = nullptr) {
  Tensor y = StaleTensor(x.shape);
  Mask m;
  TL_REQUIRE_OK(layer.forward(x, mask, training, &y, &m));
  if (mask_out != nullptr) *mask_out = m;
  return y.data;
}

// Zeroes the dense grads, runs forward then backward with dy = g; returns dx.
inline std::vector<float> AnalyticBackward(layers::Layer& layer, const Tensor& x, const Mask& mask,
                                           const std::vector<float>& g, bool training = false) {
  for (layers::Param* p : layer.params()) {
    if (!p->sparse) p->grad.fill_zero();
  }
  Tensor y = StaleTensor(x.shape);
  Mask m;
  TL_REQUIRE_OK(layer.forward(x, mask, training, &y, &m));
  REQUIRE(g.size() == y.data.size());
  Tensor dy = MakeTensor(y.shape, g);
  Tensor dx = StaleTensor(x.shape);
  TL_REQUIRE_OK(layer.backward(x, mask, y, dy, &dx));
  REQUIRE(dx.shape == x.shape);
  return dx.data;
}

// dL/dx by central differences; `forward` maps an input to y (a fresh layer per call is
// fine, for layers whose forward draws random numbers).
using InputForward = std::function<std::vector<float>(const Tensor& x)>;

inline std::vector<double> InputGradientFD(const InputForward& forward, const Tensor& x,
                                           const std::vector<float>& g, float step) {
  const test::TableForward f = [&](const std::vector<float>& values, std::vector<float>* out) {
    Tensor moved = MakeTensor(x.shape, values);
    *out = forward(moved);
  };
  return test::FiniteDifferenceGradient(x.data, g, f, step);
}

inline std::vector<double> InputGradientFD(layers::Layer& layer, const Tensor& x, const Mask& mask,
                                           const std::vector<float>& g, float step, bool training = false) {
  return InputGradientFD([&](const Tensor& moved) { return ForwardValues(layer, moved, mask, training); },
                         x, g, step);
}

inline std::vector<float> DenseValue(const RowMatrix& m) {
  std::vector<float> v(m.rows() * m.cols());
  m.copy_to_dense(v.data());
  return v;
}

// dL/d(param value) by central differences; the value is restored afterwards.
inline std::vector<double> ParamGradientFD(layers::Layer& layer, layers::Param* param, const Tensor& x, const Mask& mask,
                                           const std::vector<float>& g, float step, bool training = false) {
  const std::vector<float> original = DenseValue(*param->value);
  const test::TableForward f = [&](const std::vector<float>& values, std::vector<float>* out) {
    param->value->copy_from_dense(values.data());
    *out = ForwardValues(layer, x, mask, training);
  };
  std::vector<double> grad = test::FiniteDifferenceGradient(original, g, f, step);
  param->value->copy_from_dense(original.data());
  return grad;
}

// |actual - expected| <= atol + rtol |expected| everywhere, reporting the first miss.
inline void CheckGradient(const std::vector<float>& actual, const std::vector<double>& expected, double atol,
                          double rtol, const std::string& what) {
  REQUIRE(actual.size() == expected.size());
  const long bad = test::FirstGradientMismatch(actual.data(), expected, atol, rtol);
  INFO(what << ": entry " << bad << " analytic " << (bad >= 0 ? actual[bad] : 0.0f) << " numeric "
            << (bad >= 0 ? expected[bad] : 0.0));
  CHECK(bad == -1);
}

}  // namespace embedwasm::layers_test
