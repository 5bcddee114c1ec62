// layers/global_pooling: masked average and max over time, hand values, finite
// differences (with masks and an all-masked sample), tie routing and error paths.
#include <catch2/catch.hpp>

#include <algorithm>
#include <limits>
#include <numeric>
#include <random>
#include <vector>

#include "embedwasm/layers/global_pooling.h"
#include "layers/layer_gradient_check.h"

using namespace embedwasm;
using namespace embedwasm::layers;
using namespace embedwasm::layers_test;

namespace {

// (B, T, D) = (3, 4, 2); sample 0 unmasked, sample 1 half masked, sample 2 all masked.
const Shape kShape = {3, 4, 2};
const Mask kMask = MakeMask({3, 4}, {1, 1, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0});

// Each (b, d) column holds distinct values at least 0.1 apart, so a step of 1e-2
// never changes the arg-max; masked steps hold the largest values, so a max that
// looked at them would be caught.
Tensor SeparatedInput() {
  std::mt19937 rng(5);
  Tensor x = MakeTensor(kShape, std::vector<float>(shape_size(kShape)));
  for (size_t b = 0; b < 3; ++b) {
    for (size_t d = 0; d < 2; ++d) {
      std::vector<int> order(4);
      std::iota(order.begin(), order.end(), 0);
      std::shuffle(order.begin(), order.end(), rng);
      for (size_t t = 0; t < 4; ++t) {
        const bool masked = kMask.data[b * 4 + t] == 0;
        const float real = 0.1f * static_cast<float>(order[t]) - 0.2f;
        x.data[(b * 4 + t) * 2 + d] = masked ? 50.0f + static_cast<float>(t) : real;
      }
    }
  }
  return x;
}

}  // namespace

TEST_CASE("GlobalAveragePooling1D hand values with a mask", "[layers]") {
  GlobalAveragePooling1D pool;
  Shape out;
  TL_REQUIRE_OK(pool.build({3, 2}, &out));
  CHECK(out == Shape{2});
  // Sample 0: steps 0 and 1 real, step 2 padding -> ([1, 2] + [3, 4]) / 2 = [2, 3].
  // Sample 1: all padding -> 0 (Keras would give 0 / 0 = NaN).
  const Tensor x = MakeTensor({2, 3, 2}, {1, 2, 3, 4, 100, 100, 7, 7, 7, 7, 7, 7});
  const Mask mask = MakeMask({2, 3}, {1, 1, 0, 0, 0, 0});
  Tensor y;
  Mask m = MakeMask({1}, {1});
  TL_REQUIRE_OK(pool.forward(x, mask, false, &y, &m));
  CHECK(m.empty());
  CHECK(m.shape.empty());
  CHECK(y.shape == Shape{2, 2});
  CHECK(y.data == std::vector<float>{2, 3, 0, 0});
  // Without a mask it is the plain mean over T.
  TL_REQUIRE_OK(pool.forward(x, Mask(), false, &y, &m));
  CHECK(y.data[0] == Approx(104.0 / 3));
  CHECK(y.data[1] == Approx(106.0 / 3));
  CHECK(y.data[2] == 7.0f);

  Tensor dx;
  TL_REQUIRE_OK(pool.backward(x, mask, y, MakeTensor({2, 2}, {2, 4, 6, 8}), &dx));
  CHECK(dx.data == std::vector<float>{1, 2, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0});
}

TEST_CASE("GlobalMaxPooling1D hand values: masked steps excluded, ties to the first", "[layers]") {
  GlobalMaxPooling1D pool;
  Shape out;
  TL_REQUIRE_OK(pool.build({3, 2}, &out));
  const float inf = std::numeric_limits<float>::infinity();
  // Sample 0: feature 0 ties at steps 0 and 1 (5), step 2 is padding holding 100.
  //           feature 1 is -inf everywhere real: the max is -inf, routed to step 0.
  // Sample 1: all padding -> 0, no gradient.
  const Tensor x = MakeTensor({2, 3, 2}, {5, -inf, 5, -inf, 100, 100, 1, 2, 3, 4, 5, 6});
  const Mask mask = MakeMask({2, 3}, {1, 1, 0, 0, 0, 0});
  Tensor y;
  Mask m;
  TL_REQUIRE_OK(pool.forward(x, mask, false, &y, &m));
  CHECK(m.empty());
  CHECK(y.data == std::vector<float>{5, -inf, 0, 0});
  Tensor dx;
  TL_REQUIRE_OK(pool.backward(x, mask, y, MakeTensor({2, 2}, {1, 2, 3, 4}), &dx));
  CHECK(dx.data == std::vector<float>{1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  // Without a mask step 2 wins.
  TL_REQUIRE_OK(pool.forward(x, Mask(), false, &y, &m));
  CHECK(y.data == std::vector<float>{100, 100, 5, 6});
}

TEST_CASE("Global pooling backward matches finite differences with masks", "[layers]") {
  const Tensor x = SeparatedInput();
  const std::vector<float> g = RandomValues(6, 21);
  for (const Mask* mask : {&kMask, static_cast<const Mask*>(nullptr)}) {
    const Mask& mk = mask ? *mask : Mask();
    GlobalAveragePooling1D avg;
    GlobalMaxPooling1D max;
    Shape out;
    TL_REQUIRE_OK(avg.build({4, 2}, &out));
    TL_REQUIRE_OK(max.build({4, 2}, &out));
    CheckGradient(AnalyticBackward(avg, x, mk, g), InputGradientFD(avg, x, mk, g, 1e-2f), 1e-4, 1e-3,
                  mask ? "average, masked" : "average");
    CheckGradient(AnalyticBackward(max, x, mk, g), InputGradientFD(max, x, mk, g, 1e-2f), 1e-4, 1e-3,
                  mask ? "max, masked" : "max");
  }
}

TEST_CASE("Global pooling error paths", "[layers]") {
  GlobalAveragePooling1D avg;
  GlobalMaxPooling1D max;
  Shape out;
  for (Layer* layer : {static_cast<Layer*>(&avg), static_cast<Layer*>(&max)}) {
    const Status s = layer->build({4}, &out);
    CHECK(s.code() == StatusCode::kInvalidArgument);
    CHECK(s.message().find("(4,)") != std::string::npos);
    CHECK(layer->build({2, 3, 4}, &out).code() == StatusCode::kInvalidArgument);
    CHECK(layer->build({0, 3}, &out).code() == StatusCode::kInvalidArgument);
    TL_REQUIRE_OK(layer->build({3, 2}, &out));
    Tensor y;
    Mask m;
    const Tensor x = MakeTensor({2, 3, 2}, std::vector<float>(12));
    const Status bad_mask = layer->forward(x, MakeMask({2, 2}, {1, 1, 1, 1}), false, &y, &m);
    CHECK(bad_mask.code() == StatusCode::kInvalidArgument);
    CHECK(bad_mask.message().find("(2, 3)") != std::string::npos);
    // Shape right but data short: refused, not read past.
    CHECK(layer->forward(x, MakeMask({2, 3}, {1, 1, 1}), false, &y, &m).code() ==
          StatusCode::kInvalidArgument);
    CHECK(layer->forward(MakeTensor({2, 4, 2}, std::vector<float>(16)), Mask(), false, &y, &m).code() ==
          StatusCode::kInvalidArgument);
    TL_REQUIRE_OK(layer->forward(x, Mask(), false, &y, &m));
    Tensor dx;
    CHECK(layer->backward(x, Mask(), y, MakeTensor({2, 3}, std::vector<float>(6)), &dx).code() ==
          StatusCode::kInvalidArgument);
  }
}
