// layers/dropout: inverted dropout only in training, seeded masks, the dropped
// fraction, backward by finite differences under a fixed mask, and error paths.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <memory>
#include <vector>

#include "embedwasm/layers/dropout.h"
#include "layers/layer_gradient_check.h"

using namespace embedwasm;
using namespace embedwasm::layers;
using namespace embedwasm::layers_test;

namespace {

std::unique_ptr<Dropout> MakeDropout(double rate, uint64_t seed, const Shape& in) {
  std::unique_ptr<Dropout> d;
  TL_REQUIRE_OK(Dropout::create({rate, seed}, &d));
  Shape out;
  TL_REQUIRE_OK(d->build(in, &out));
  CHECK(out == in);
  return d;
}

}  // namespace

TEST_CASE("Dropout: the same seed gives the same masks, another seed others", "[layers]") {
  const Tensor x = MakeTensor({4, 50}, RandomValues(200, 1, 0.5f, 1.5f));
  auto a = MakeDropout(0.5, 99, {50});
  auto b = MakeDropout(0.5, 99, {50});
  auto c = MakeDropout(0.5, 100, {50});
  const std::vector<float> ya1 = ForwardValues(*a, x, Mask(), true);
  const std::vector<float> ya2 = ForwardValues(*a, x, Mask(), true);
  CHECK(ya1 == ForwardValues(*b, x, Mask(), true));
  CHECK(ya2 == ForwardValues(*b, x, Mask(), true));  // the sequence, not just the first mask
  CHECK(ya1 != ya2);                                  // a new mask per call
  CHECK(ya1 != ForwardValues(*c, x, Mask(), true));
}

TEST_CASE("Dropout scales kept values by 1 / (1 - rate) and zeroes the rest", "[layers]") {
  const double rate = 0.3;
  const size_t n = 100000;
  const Tensor x = MakeTensor({n / 100, 100}, std::vector<float>(n, 2.0f));
  auto d = MakeDropout(rate, 7, {100});
  const std::vector<float> y = ForwardValues(*d, x, Mask(), true);
  const float kept = static_cast<float>(2.0 / (1.0 - rate));
  size_t dropped = 0;
  bool only_two_values = true;
  for (float v : y) {
    if (v == 0.0f) {
      ++dropped;
    } else if (v != kept) {
      only_two_values = false;
    }
  }
  CHECK(only_two_values);
  // Binomial(1e5, 0.3): standard deviation 0.0014 in the fraction; 0.01 is 7 of them.
  CHECK(std::fabs(static_cast<double>(dropped) / n - rate) < 0.01);
  CHECK(d->keep().size() == n);
}

TEST_CASE("Dropout is the identity at inference and at rate 0", "[layers]") {
  const Tensor x = MakeTensor({3, 4}, RandomValues(12, 2));
  auto d = MakeDropout(0.5, 1, {4});
  const Mask mask = MakeMask({3, 4}, {1, 1, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0});
  Mask m;
  CHECK(ForwardValues(*d, x, mask, false, &m) == x.data);
  CHECK(m.data == mask.data);  // the sequence mask passes through
  CHECK(d->keep().empty());
  // After an identity forward, backward is the identity too.
  const std::vector<float> g = RandomValues(12, 3);
  CHECK(AnalyticBackward(*d, x, Mask(), g, /*training=*/false) == g);

  auto zero = MakeDropout(0.0, 1, {4});
  CHECK(ForwardValues(*zero, x, Mask(), true) == x.data);
  CHECK(AnalyticBackward(*zero, x, Mask(), g, /*training=*/true) == g);
}

TEST_CASE("Dropout backward matches finite differences under a fixed mask", "[layers]") {
  // A fresh layer with the same seed per evaluation draws the same mask every time.
  const Tensor x = MakeTensor({3, 5}, RandomValues(15, 4));
  const std::vector<float> g = RandomValues(15, 5);
  const InputForward forward = [](const Tensor& moved) {
    auto fresh = MakeDropout(0.4, 123, {5});
    return ForwardValues(*fresh, moved, Mask(), true);
  };
  auto d = MakeDropout(0.4, 123, {5});
  const std::vector<float> dx = AnalyticBackward(*d, x, Mask(), g, /*training=*/true);
  size_t zeros = 0;
  for (float v : dx) zeros += v == 0.0f;
  CHECK(zeros > 0);   // the case does drop something
  CHECK(zeros < 15);  // and keeps something
  CheckGradient(dx, InputGradientFD(forward, x, g, 1e-2f), 1e-4, 1e-3, "dropout dx");
}

TEST_CASE("Dropout error paths", "[layers]") {
  std::unique_ptr<Dropout> d;
  CHECK(Dropout::create({1.0, 0}, &d).code() == StatusCode::kOutOfRange);
  CHECK(Dropout::create({-0.1, 0}, &d).code() == StatusCode::kOutOfRange);
  CHECK(Dropout::create({std::numeric_limits<double>::quiet_NaN(), 0}, &d).code() == StatusCode::kOutOfRange);
  TL_REQUIRE_OK(Dropout::create({0.5, 0}, &d));
  Tensor y, dx;
  Mask m;
  const Tensor x = MakeTensor({2, 3}, std::vector<float>(6, 1.0f));
  CHECK(d->forward(x, Mask(), true, &y, &m).code() == StatusCode::kInvalidArgument);  // not built
  Shape out;
  TL_REQUIRE_OK(d->build({3}, &out));
  CHECK(d->backward(x, Mask(), x, x, &dx).code() == StatusCode::kInvalidArgument);  // no forward yet
  CHECK(d->forward(MakeTensor({2, 4}, std::vector<float>(8)), Mask(), true, &y, &m).code() ==
        StatusCode::kInvalidArgument);
  TL_REQUIRE_OK(d->forward(x, Mask(), true, &y, &m));
  const Tensor other = MakeTensor({3, 3}, std::vector<float>(9));
  CHECK(d->backward(other, Mask(), other, other, &dx).code() == StatusCode::kInvalidArgument);
  CHECK(d->backward(x, Mask(), y, MakeTensor({2, 3}, std::vector<float>(5)), &dx).code() ==
        StatusCode::kInvalidArgument);
}
