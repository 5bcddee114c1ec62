// layers/activation: the five Keras activations, their backward (softmax through
// its Jacobian-vector product) by finite differences, and the standalone layer.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include "embedwasm/layers/activation.h"
#include "layers/layer_gradient_check.h"

using namespace embedwasm;
using namespace embedwasm::layers;
using namespace embedwasm::layers_test;

namespace {
constexpr ActivationKind kKinds[] = {ActivationKind::kLinear, ActivationKind::kRelu,
                                     ActivationKind::kSigmoid, ActivationKind::kTanh,
                                     ActivationKind::kSoftmax};
}

TEST_CASE("parse_activation accepts the Keras names and round-trips", "[layers]") {
  for (ActivationKind k : kKinds) {
    ActivationKind parsed = ActivationKind::kLinear;
    TL_REQUIRE_OK(parse_activation(activation_name(k), &parsed));
    CHECK(parsed == k);
  }
  ActivationKind parsed = ActivationKind::kTanh;
  const Status s = parse_activation("gelu", &parsed);
  CHECK(s.code() == StatusCode::kInvalidArgument);
  CHECK(s.message().find("'gelu'") != std::string::npos);
  CHECK(s.message().find("softmax") != std::string::npos);
  CHECK(parsed == ActivationKind::kTanh);  // untouched on failure
  CHECK_FALSE(parse_activation("Relu", &parsed).is_ok());
}

TEST_CASE("activation_forward matches hand values", "[layers]") {
  const std::vector<float> x = {-2.0f, 0.0f, 1.5f};
  std::vector<float> y(3);
  activation_forward(ActivationKind::kLinear, 1, 3, x.data(), y.data());
  CHECK(y == x);
  activation_forward(ActivationKind::kRelu, 1, 3, x.data(), y.data());
  CHECK(y == std::vector<float>{0.0f, 0.0f, 1.5f});
  activation_forward(ActivationKind::kSigmoid, 1, 3, x.data(), y.data());
  CHECK(y[0] == Approx(0.11920292).epsilon(1e-6));
  CHECK(y[1] == 0.5f);
  CHECK(y[2] == Approx(0.81757448).epsilon(1e-6));
  activation_forward(ActivationKind::kTanh, 1, 3, x.data(), y.data());
  CHECK(y[0] == Approx(-0.96402758).epsilon(1e-6));
  CHECK(y[2] == Approx(0.90514825).epsilon(1e-6));

  // softmax per row of the last axis: rows [1, 2, 3] and [0, 0, 0].
  const std::vector<float> xs = {1.0f, 2.0f, 3.0f, 0.0f, 0.0f, 0.0f};
  std::vector<float> ys(6);
  activation_forward(ActivationKind::kSoftmax, 2, 3, xs.data(), ys.data());
  CHECK(ys[0] == Approx(0.09003057).epsilon(1e-6));
  CHECK(ys[1] == Approx(0.24472847).epsilon(1e-6));
  CHECK(ys[2] == Approx(0.66524096).epsilon(1e-6));
  for (int j = 3; j < 6; ++j) CHECK(ys[j] == Approx(1.0 / 3.0).epsilon(1e-6));
}

TEST_CASE("softmax and sigmoid stay finite on extreme inputs", "[layers]") {
  // Without the max subtraction exp(1000) is inf and the row becomes NaN.
  const std::vector<float> x = {1000.0f, 999.0f, -1000.0f};
  std::vector<float> y(3);
  activation_forward(ActivationKind::kSoftmax, 1, 3, x.data(), y.data());
  CHECK(y[0] == Approx(0.73105858).epsilon(1e-6));
  CHECK(y[1] == Approx(0.26894142).epsilon(1e-6));
  CHECK(y[2] == 0.0f);
  const std::vector<float> xs = {-100.0f, 100.0f};
  std::vector<float> s(2);
  activation_forward(ActivationKind::kSigmoid, 1, 2, xs.data(), s.data());
  CHECK(std::isfinite(s[0]));
  CHECK(s[0] > 0.0f);
  CHECK(s[0] < 1e-40f);
  CHECK(s[1] == 1.0f);
}

TEST_CASE("relu backward takes derivative 0 at 0", "[layers]") {
  const std::vector<float> y = {0.0f, 2.0f}, dy = {5.0f, 7.0f};
  std::vector<float> dx(2);
  activation_backward(ActivationKind::kRelu, 1, 2, y.data(), dy.data(), dx.data());
  CHECK(dx == std::vector<float>{0.0f, 7.0f});
}

TEST_CASE("Activation layer backward matches finite differences for every kind", "[layers]") {
  // (B, T, C) = (2, 3, 4): softmax over C; values kept away from relu's kink at 0.
  const Shape shape = {2, 3, 4};
  std::vector<float> xv = RandomValues(24, 11, -2.0f, 2.0f);
  for (float& v : xv) v = v >= 0 ? v + 0.1f : v - 0.1f;
  const Tensor x = MakeTensor(shape, xv);
  const std::vector<float> g = RandomValues(24, 12);
  for (ActivationKind k : kKinds) {
    Activation layer(k);
    Shape out;
    TL_REQUIRE_OK(layer.build({3, 4}, &out));
    CHECK(out == Shape{3, 4});
    const std::vector<float> dx = AnalyticBackward(layer, x, Mask(), g);
    const std::vector<double> fd = InputGradientFD(layer, x, Mask(), g, 1e-2f);
    CheckGradient(dx, fd, 2e-4, 2e-3, activation_name(k));
  }
}

TEST_CASE("Activation layer passes the mask through and checks shapes", "[layers]") {
  Activation layer(ActivationKind::kTanh);
  Tensor y;
  Mask m;
  const Tensor x = MakeTensor({1, 2, 2}, {1, 2, 3, 4});
  CHECK(layer.forward(x, Mask(), false, &y, &m).code() == StatusCode::kInvalidArgument);  // not built
  Shape out;
  TL_REQUIRE_OK(layer.build({2, 2}, &out));
  const Mask mask = MakeMask({1, 2}, {1, 0});
  TL_REQUIRE_OK(layer.forward(x, mask, false, &y, &m));
  CHECK(m.shape == mask.shape);
  CHECK(m.data == mask.data);

  const Status bad = layer.forward(MakeTensor({1, 2, 3}, std::vector<float>(6)), Mask(), false, &y, &m);
  CHECK(bad.code() == StatusCode::kInvalidArgument);
  CHECK(bad.message().find("(batch, 2, 2)") != std::string::npos);
  CHECK(bad.message().find("(1, 2, 3)") != std::string::npos);
  // A shape that does not match its data is refused, not read past.
  Tensor short_x = MakeTensor({2, 2, 2}, std::vector<float>(5));
  CHECK(layer.forward(short_x, Mask(), false, &y, &m).code() == StatusCode::kInvalidArgument);

  Activation softmax(ActivationKind::kSoftmax);
  const Status s = softmax.build({}, &out);
  CHECK(s.code() == StatusCode::kInvalidArgument);
  CHECK(s.message().find("()") != std::string::npos);
  Activation relu(ActivationKind::kRelu);
  TL_REQUIRE_OK(relu.build({}, &out));  // elementwise kinds take (B,)
}
