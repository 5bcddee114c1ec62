// layers/flatten: the reshape, its backward by finite differences, the dropped
// mask and error paths.
#include <catch2/catch.hpp>

#include <vector>

#include "embedwasm/layers/flatten.h"
#include "layers/layer_gradient_check.h"

using namespace embedwasm;
using namespace embedwasm::layers;
using namespace embedwasm::layers_test;

TEST_CASE("Flatten reshapes (B, ...) to (B, prod) and drops the mask", "[layers]") {
  Flatten f;
  Shape out;
  TL_REQUIRE_OK(f.build({2, 3, 2}, &out));
  CHECK(out == Shape{12});
  const Tensor x = MakeTensor({2, 2, 3, 2}, RandomValues(24, 1));
  Tensor y;
  Mask m;
  TL_REQUIRE_OK(f.forward(x, MakeMask({2, 2}, {1, 0, 1, 1}), false, &y, &m));
  CHECK(y.shape == Shape{2, 12});
  CHECK(y.data == x.data);
  CHECK(m.empty());
  CHECK(m.shape.empty());

  const std::vector<float> g = RandomValues(24, 2);
  CheckGradient(AnalyticBackward(f, x, Mask(), g), InputGradientFD(f, x, Mask(), g, 1e-2f), 1e-5, 1e-4,
                "flatten dx");

  Flatten scalar;
  TL_REQUIRE_OK(scalar.build({}, &out));
  CHECK(out == Shape{1});  // Keras: (B,) -> (B, 1)
  TL_REQUIRE_OK(scalar.forward(MakeTensor({3}, {1, 2, 3}), Mask(), false, &y, &m));
  CHECK(y.shape == Shape{3, 1});
}

TEST_CASE("Flatten error paths", "[layers]") {
  Flatten f;
  Tensor y, dx;
  Mask m;
  CHECK(f.forward(MakeTensor({1, 2}, {1, 2}), Mask(), false, &y, &m).code() == StatusCode::kInvalidArgument);
  Shape out;
  TL_REQUIRE_OK(f.build({2, 2}, &out));
  const Status s = f.forward(MakeTensor({1, 4}, {1, 2, 3, 4}), Mask(), false, &y, &m);
  CHECK(s.code() == StatusCode::kInvalidArgument);
  CHECK(s.message().find("(batch, 2, 2)") != std::string::npos);
  const Tensor x = MakeTensor({1, 2, 2}, {1, 2, 3, 4});
  TL_REQUIRE_OK(f.forward(x, Mask(), false, &y, &m));
  CHECK(f.backward(x, Mask(), y, MakeTensor({1, 3}, {1, 2, 3}), &dx).code() == StatusCode::kInvalidArgument);
}
