// layers/dense: hand values on a tiny case, the backward of x, kernel and bias by
// finite differences for every activation with and without bias and on 3-D input,
// TF.js weight layout, seeding, and error paths.
#include <catch2/catch.hpp>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "embedwasm/layers/dense.h"
#include "layers/dense_builder.h"
#include "layers/layer_gradient_check.h"

using namespace embedwasm;
using namespace embedwasm::layers;
using namespace embedwasm::layers_test;

namespace {

// x (2, 3), W (3, 2), b (2): by hand,
//   x0 = [1, 2, 3]  -> [1 + 3 + 0.5, 2 - 3 - 0.5] = [4.5, -1.5]
//   x1 = [-1, 0, 1] -> [-1 + 1 + 0.5, -1 - 0.5]  = [0.5, -1.5]
const std::vector<float> kX = {1, 2, 3, -1, 0, 1};
const std::vector<float> kW = {1, 0, 0, 1, 1, -1};
const std::vector<float> kB = {0.5f, -0.5f};

}  // namespace

TEST_CASE("Dense forward and backward match hand values", "[layers]") {
  auto d = MakeDense(2, ActivationKind::kLinear, true);
  TL_REQUIRE_OK(d->set_weights({kW, kB}));  // before build: applied at build
  Shape out;
  TL_REQUIRE_OK(d->build({3}, &out));
  CHECK(out == Shape{2});
  const Tensor x = MakeTensor({2, 3}, kX);
  Tensor y;
  Mask m;
  TL_REQUIRE_OK(d->forward(x, Mask(), false, &y, &m));
  CHECK(y.shape == Shape{2, 2});
  CHECK(y.data == std::vector<float>{4.5f, -1.5f, 0.5f, -1.5f});

  // dy = ones: dW[k][j] = sum_i x[i][k] = [0, 2, 4] in each column, db = [2, 2],
  // dx[i][k] = sum_j W[k][j] = [1, 1, 0] in each row.
  const std::vector<Param*> params = d->params();
  REQUIRE(params.size() == 2);
  for (Param* p : params) p->grad.fill_zero();
  Tensor dx;
  TL_REQUIRE_OK(d->backward(x, Mask(), y, MakeTensor({2, 2}, {1, 1, 1, 1}), &dx));
  CHECK(DenseValue(params[0]->grad) == std::vector<float>{0, 0, 2, 2, 4, 4});
  CHECK(DenseValue(params[1]->grad) == std::vector<float>{2, 2});
  CHECK(dx.data == std::vector<float>{1, 1, 0, 1, 1, 0});

  // Gradients are added, not overwritten: the model zeroes them once per batch.
  TL_REQUIRE_OK(d->backward(x, Mask(), y, MakeTensor({2, 2}, {1, 1, 1, 1}), nullptr));
  CHECK(DenseValue(params[0]->grad) == std::vector<float>{0, 0, 4, 4, 8, 8});
  CHECK(DenseValue(params[1]->grad) == std::vector<float>{4, 4});

  // relu on the same weights.
  auto r = MakeDense(2, ActivationKind::kRelu, true);
  TL_REQUIRE_OK(r->build({3}, &out));
  TL_REQUIRE_OK(r->set_weights({kW, kB}));  // after build: applied now
  TL_REQUIRE_OK(r->forward(x, Mask(), false, &y, &m));
  CHECK(y.data == std::vector<float>{4.5f, 0.0f, 0.5f, 0.0f});
}

TEST_CASE("Dense params: names, order, shapes, TF.js weight layout", "[layers]") {
  auto d = MakeDense(2, ActivationKind::kLinear, true);
  CHECK(d->params().empty());  // nothing before build
  Shape out;
  TL_REQUIRE_OK(d->build({3}, &out));
  const std::vector<Param*> p = d->params();
  REQUIRE(p.size() == 2);
  CHECK(p[0]->name == "kernel");
  CHECK(p[0]->value->rows() == 3);
  CHECK(p[0]->value->cols() == 2);
  CHECK(p[0]->grad.rows() == 3);
  CHECK(p[0]->grad.cols() == 2);
  CHECK_FALSE(p[0]->sparse);
  CHECK_FALSE(p[0]->constraint.per_row);  // Keras axis = 0
  CHECK(p[1]->name == "bias");
  CHECK(p[1]->value->rows() == 1);
  CHECK(p[1]->value->cols() == 2);
  CHECK(p[1]->grad.cols() == 2);
  CHECK(DenseValue(*p[1]->value) == std::vector<float>{0, 0});  // zeros initializer

  TL_REQUIRE_OK(d->set_weights({kW, kB}));
  std::vector<std::vector<float>> w;
  TL_REQUIRE_OK(d->get_weights(&w));
  REQUIRE(w.size() == 2);
  CHECK(w[0] == kW);
  CHECK(w[1] == kB);
  CHECK(DenseValue(*p[0]->value) == kW);

  auto nb = MakeDense(2, ActivationKind::kLinear, false);
  TL_REQUIRE_OK(nb->build({3}, &out));
  REQUIRE(nb->params().size() == 1);
  CHECK(nb->params()[0]->name == "kernel");
  TL_REQUIRE_OK(nb->set_weights({kW}));
  CHECK(nb->set_weights({kW, kB}).code() == StatusCode::kInvalidArgument);
}

TEST_CASE("Dense draws glorot_uniform from its seed", "[layers]") {
  Shape out;
  auto a = MakeDense(5, ActivationKind::kLinear, true, 42);
  auto b = MakeDense(5, ActivationKind::kLinear, true, 42);
  auto c = MakeDense(5, ActivationKind::kLinear, true, 43);
  TL_REQUIRE_OK(a->build({4}, &out));
  TL_REQUIRE_OK(b->build({4}, &out));
  TL_REQUIRE_OK(c->build({4}, &out));
  const std::vector<float> wa = DenseValue(*a->params()[0]->value);
  CHECK(wa == DenseValue(*b->params()[0]->value));
  CHECK(wa != DenseValue(*c->params()[0]->value));
  const float limit = std::sqrt(6.0f / (4 + 5));
  for (float v : wa) {
    CHECK(std::fabs(v) <= limit);
  }
}

TEST_CASE("Dense backward matches finite differences for every activation", "[layers]") {
  const ActivationKind kinds[] = {ActivationKind::kLinear, ActivationKind::kRelu, ActivationKind::kSigmoid,
                                  ActivationKind::kTanh, ActivationKind::kSoftmax};
  // 5 units: a narrow layer (run over kernel columns); 37: run over kernel rows. in 19:
  // the dot products' 8-wide, 4-wide and scalar parts.
  const size_t units = GENERATE(size_t{5}, size_t{37});
  const size_t in = GENERATE(size_t{4}, size_t{19});
  // x (B, in) -> (B, units); and (B, T, in) -> (B, T, units).
  const std::vector<Shape> shapes = {{3, in}, {2, 3, in}};
  for (const Shape& shape : shapes) {
    for (ActivationKind act : kinds) {
      // With 37 units some pre-activation of these draws lies within the step of relu's
      // kink at 0, where a finite difference is no derivative; 5 units test relu.
      if (act == ActivationKind::kRelu && units == 37) continue;
      for (bool use_bias : {true, false}) {
        const std::string what = std::string(activation_name(act)) + (use_bias ? " bias " : " no-bias ") +
                                 shape_to_string(shape) + " units " + std::to_string(units);
        auto d = MakeDense(static_cast<int64_t>(units), act, use_bias, 3);
        Shape out;
        TL_REQUIRE_OK(d->build(Shape(shape.begin() + 1, shape.end()), &out));
        if (use_bias) {
          // A non-zero bias, so that a backward ignoring it would show.
          d->params()[1]->value->copy_from_dense(RandomValues(units, 5).data());
        }
        const size_t n = shape_size(shape);
        const Tensor x = MakeTensor(shape, RandomValues(n, 8, -1.5f, 1.5f));
        std::vector<float> g = RandomValues(n / in * units, 9);
        const std::vector<float> dx = AnalyticBackward(*d, x, Mask(), g);
        // Step 1e-2: float noise in L is ~1e-6, i.e. ~1e-4 after dividing by 2h, and the
        // O(h^2) truncation of these smooth functions is below that.
        CheckGradient(dx, InputGradientFD(*d, x, Mask(), g, 1e-2f), 5e-4, 5e-3, what + " dx");
        for (Param* p : d->params()) {
          CheckGradient(DenseValue(p->grad), ParamGradientFD(*d, p, x, Mask(), g, 1e-2f), 5e-4, 5e-3,
                        what + " d" + p->name);
        }
      }
    }
  }
}

TEST_CASE("Dense applies to the last axis and passes the mask through", "[layers]") {
  auto d = MakeDense(2, ActivationKind::kLinear, true);
  Shape out;
  TL_REQUIRE_OK(d->build({2, 3}, &out));
  CHECK(out == Shape{2, 2});
  TL_REQUIRE_OK(d->set_weights({kW, kB}));
  const Tensor x = MakeTensor({1, 2, 3}, kX);
  Tensor y;
  Mask m;
  const Mask mask = MakeMask({1, 2}, {1, 0});
  TL_REQUIRE_OK(d->forward(x, mask, false, &y, &m));
  CHECK(y.shape == Shape{1, 2, 2});
  CHECK(y.data == std::vector<float>{4.5f, -1.5f, 0.5f, -1.5f});
  CHECK(m.data == mask.data);
}

TEST_CASE("Dense error paths", "[layers]") {
  std::unique_ptr<Dense> d;
  DenseConfig c;
  c.units = 0;
  CHECK(Dense::create(c, &d).code() == StatusCode::kOutOfRange);
  c.units = int64_t{1} << 32;  // would wrap to 0 in wasm32's size_t
  CHECK(Dense::create(c, &d).code() == StatusCode::kOutOfRange);
  c.units = 2;
  c.kernel_initializer.name = "glorot_uniformm";
  const Status init = Dense::create(c, &d);
  CHECK(init.code() == StatusCode::kInvalidArgument);
  CHECK(init.message().find("kernel_initializer") != std::string::npos);
  c.kernel_initializer.name = "glorot_uniform";
  c.kernel_regularizer.l2 = -1.0;
  CHECK_FALSE(Dense::create(c, &d).is_ok());
  c.kernel_regularizer.l2 = 0.0;
  TL_REQUIRE_OK(Dense::create(c, &d));

  Tensor y;
  Mask m;
  CHECK(d->forward(MakeTensor({1, 3}, kX), Mask(), false, &y, &m).code() == StatusCode::kInvalidArgument);

  Shape out;
  const Status rank0 = d->build({}, &out);
  CHECK(rank0.code() == StatusCode::kInvalidArgument);
  CHECK(rank0.message().find("()") != std::string::npos);
  CHECK(d->build({0}, &out).code() == StatusCode::kInvalidArgument);

  // Pending weights of the wrong size fail at build.
  TL_REQUIRE_OK(d->set_weights({std::vector<float>(4), kB}));  // could be in = 2
  CHECK(d->build({3}, &out).code() == StatusCode::kInvalidArgument);
  CHECK(d->set_weights({std::vector<float>(5), kB}).code() == StatusCode::kInvalidArgument);
  CHECK(d->set_weights({kW}).code() == StatusCode::kInvalidArgument);  // bias missing

  auto e = MakeDense(2, ActivationKind::kLinear, true);
  TL_REQUIRE_OK(e->build({3}, &out));
  CHECK(e->build({4}, &out).code() == StatusCode::kInvalidArgument);
  TL_REQUIRE_OK(e->build({3}, &out));  // the same shape again is fine
  const Status wrong = e->forward(MakeTensor({2, 4}, std::vector<float>(8)), Mask(), false, &y, &m);
  CHECK(wrong.code() == StatusCode::kInvalidArgument);
  CHECK(wrong.message().find("(batch, 3)") != std::string::npos);
  CHECK(e->forward(MakeTensor({2, 3}, std::vector<float>(5)), Mask(), false, &y, &m).code() ==
        StatusCode::kInvalidArgument);
  CHECK(e->set_weights({std::vector<float>(6), std::vector<float>(3)}).code() ==
        StatusCode::kInvalidArgument);
  CHECK(e->set_weights({std::vector<float>(8), kB}).code() == StatusCode::kInvalidArgument);

  const Tensor x = MakeTensor({2, 3}, kX);
  TL_REQUIRE_OK(e->forward(x, Mask(), false, &y, &m));
  Tensor dx;
  CHECK(e->backward(x, Mask(), y, MakeTensor({2, 3}, std::vector<float>(6)), &dx).code() ==
        StatusCode::kInvalidArgument);
  CHECK(e->backward(x, Mask(), MakeTensor({1, 2}, {0, 0}), y, &dx).code() == StatusCode::kInvalidArgument);
}
