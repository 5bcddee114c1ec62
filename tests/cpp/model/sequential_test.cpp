// model/sequential: the model wires layers, loss, regularizers and optimizer together.
// Checked against a hand-rolled step on a one-layer model, on a separable toy task,
// for determinism, and for its error paths.
#include <catch2/catch.hpp>

#include <cmath>
#include <memory>
#include <vector>

#include "embedwasm/layers/dense.h"
#include "embedwasm/layers/embedding_layer.h"
#include "embedwasm/layers/global_pooling.h"
#include "embedwasm/model/sequential.h"
#include "layers/layer_gradient_check.h"

using namespace embedwasm;
using namespace embedwasm::model;
using namespace embedwasm::layers;
using namespace embedwasm::optim;
using namespace embedwasm::embedding;
using namespace embedwasm::layers_test;

namespace {

std::unique_ptr<Dense> LinearDense(int64_t units, const std::vector<float>& kernel,
                                   const std::vector<float>& bias, RegularizerSpec reg = {}) {
  DenseConfig c;
  c.units = units;
  c.kernel_regularizer = reg;
  std::unique_ptr<Dense> d;
  TL_REQUIRE_OK(Dense::create(c, &d));
  TL_REQUIRE_OK(d->set_weights({kernel, bias}));
  return d;
}

OptimizerSpec Sgd(double lr) {
  OptimizerSpec o;
  o.name = "sgd";
  o.learning_rate = lr;
  return o;
}

// A tiny bag-of-words task: ids 1..4 mean class 0, ids 5..8 class 1, 0 pads.
void ToyData(Tensor* x, Tensor* y) {
  x->resize({8, 3});
  y->resize({8, 1});
  const float rows[8][3] = {{1, 2, 0}, {3, 4, 1}, {2, 0, 0}, {4, 3, 2}, {5, 6, 0}, {7, 8, 5}, {6, 0, 0}, {8, 7, 6}};
  for (size_t i = 0; i < 8; ++i) {
    for (size_t t = 0; t < 3; ++t) x->data[i * 3 + t] = rows[i][t];
    y->data[i] = i < 4 ? 0.0f : 1.0f;
  }
}

std::unique_ptr<Sequential> ToyModel(uint64_t seed) {
  auto model = std::make_unique<Sequential>();
  EmbeddingConfig ec;
  ec.table.input_dim = 9;
  ec.table.output_dim = 4;
  ec.table.seed = seed;
  ec.mask_zero = true;
  std::unique_ptr<EmbeddingLayer> emb;
  TL_REQUIRE_OK(EmbeddingLayer::create(ec, TableLayerOptions(), nullptr, 0, &emb));
  model->add(std::move(emb));
  model->add(std::make_unique<GlobalAveragePooling1D>());
  DenseConfig dc;
  dc.units = 1;
  dc.activation = ActivationKind::kSigmoid;
  dc.seed = seed + 1;
  std::unique_ptr<Dense> dense;
  TL_REQUIRE_OK(Dense::create(dc, &dense));
  model->add(std::move(dense));
  return model;
}

}  // namespace

TEST_CASE("Sequential: one SGD step on a linear model equals the hand-computed step", "[sequential]") {
  // y = x w + b with w = [1, 2], b = 0; MSE against t; L2 0.1 on w.
  Sequential model;
  RegularizerSpec l2;
  l2.l2 = 0.1;
  model.add(LinearDense(1, {1, 2}, {0}, l2));
  TL_REQUIRE_OK(model.build({2}));
  TL_REQUIRE_OK(model.compile(Sgd(0.5), LossSpec{"mean_squared_error", false}, {}));
  const Tensor x = MakeTensor({2, 2}, {1, 0, 0, 1});
  const Tensor t = MakeTensor({2, 1}, {2, 0});
  BatchLogs logs;
  TL_REQUIRE_OK(model.train_on_batch(x, t, nullptr, &logs));
  // pred = [1, 2]; residual = [-1, 2]; MSE = (1 + 4) / 2 = 2.5; penalty 0.1 * 5 = 0.5.
  CHECK(logs.loss == Approx(3.0));
  // dL/dw = x^T (2 r / 2) + 0.2 w = [-1, 2] + [0.2, 0.4]; db = -1 + 2 = 1.
  const std::vector<Param*> p = model.params();
  CHECK(DenseValue(*p[0]->value) == std::vector<float>{1 - 0.5f * -0.8f, 2 - 0.5f * 2.4f});
  CHECK(DenseValue(*p[1]->value)[0] == Approx(-0.5));
  CHECK(model.iterations() == 1);

  // test_on_batch reports loss + penalty without moving anything.
  const std::vector<float> before = DenseValue(*p[0]->value);
  TL_REQUIRE_OK(model.test_on_batch(x, t, nullptr, &logs));
  CHECK(DenseValue(*p[0]->value) == before);
  const double w0 = before[0], w1 = before[1], b = DenseValue(*p[1]->value)[0];
  const double r0 = w0 + b - 2, r1 = w1 + b - 0;
  CHECK(logs.loss == Approx((r0 * r0 + r1 * r1) / 2 + 0.1 * (w0 * w0 + w1 * w1)));
}

TEST_CASE("Sequential: Embedding -> pooling -> Dense learns a separable task, deterministically", "[sequential]") {
  Tensor x, y;
  ToyData(&x, &y);
  auto train = [&](uint64_t seed) {
    auto model = ToyModel(seed);
    TL_REQUIRE_OK(model->build({3}));
    OptimizerSpec adam;
    adam.name = "adam";
    adam.learning_rate = 0.1;
    TL_REQUIRE_OK(model->compile(adam, LossSpec{"binary_crossentropy", false}, {"accuracy"}));
    BatchLogs logs;
    double first_loss = 0;
    for (int step = 0; step < 60; ++step) {
      TL_REQUIRE_OK(model->train_on_batch(x, y, nullptr, &logs));
      if (step == 0) first_loss = logs.loss;
    }
    TL_REQUIRE_OK(model->test_on_batch(x, y, nullptr, &logs));
    CHECK(logs.loss < first_loss * 0.1);
    CHECK(logs.metric_correct[0] == 8.0);
    Tensor out;
    TL_REQUIRE_OK(model->predict(x, &out));
    CHECK(out.shape == Shape{8, 1});
    return out.data;
  };
  const std::vector<float> a = train(3);
  CHECK(train(3) == a);
  CHECK(train(4) != a);
}

TEST_CASE("Sequential: misuse is a Status error, and a failed batch changes nothing", "[sequential]") {
  Sequential empty;
  CHECK(empty.build({3}).code() == StatusCode::kInvalidArgument);

  auto model = ToyModel(1);
  BatchLogs logs;
  Tensor x, y;
  ToyData(&x, &y);
  CHECK(model->compile(Sgd(0.1), LossSpec{"mse", false}, {}).code() == StatusCode::kInvalidArgument);
  TL_REQUIRE_OK(model->build({3}));
  CHECK(model->train_on_batch(x, y, nullptr, &logs).code() == StatusCode::kInvalidArgument);
  CHECK(model->compile(Sgd(0.1), LossSpec{"hinge", false}, {}).code() == StatusCode::kInvalidArgument);
  TL_REQUIRE_OK(model->compile(Sgd(0.1), LossSpec{"binary_crossentropy", false}, {}));

  const std::vector<float> before = DenseValue(*model->params()[0]->value);
  Tensor bad = x;
  bad.data[5] = 9;  // id 9 with V = 9
  const Status s = model->train_on_batch(bad, y, nullptr, &logs);
  CHECK(s.code() == StatusCode::kOutOfRange);
  CHECK_THAT(s.message(), Catch::Contains("Embedding") && Catch::Contains("id 9"));
  Tensor wrong_shape = MakeTensor({2, 4}, std::vector<float>(8, 1));
  CHECK_THAT(model->predict(wrong_shape, &bad).message(), Catch::Contains("(batch, 3)"));
  CHECK(DenseValue(*model->params()[0]->value) == before);
  TL_REQUIRE_OK(model->train_on_batch(x, y, nullptr, &logs));
  CHECK(DenseValue(*model->params()[0]->value) != before);
}

TEST_CASE("Sequential: a batch whose activations exceed the memory limit fails before any step", "[sequential]") {
  // Embedding (V 10, D 1024) on (1024, 1024) ids: the embedding output alone is
  // 2^20 * 1024 floats = 4 GiB, which the 32-bit heap cannot hold.
  auto make = [] {
    auto model = std::make_unique<Sequential>();
    EmbeddingConfig ec;
    ec.table.input_dim = 10;
    ec.table.output_dim = 1024;
    ec.table.seed = 5;
    std::unique_ptr<EmbeddingLayer> emb;
    TL_REQUIRE_OK(EmbeddingLayer::create(ec, TableLayerOptions(), nullptr, 0, &emb));
    model->add(std::move(emb));
    model->add(std::make_unique<GlobalAveragePooling1D>());
    model->add(LinearDense(1, std::vector<float>(1024, 0.01f), {0}));
    TL_REQUIRE_OK(model->build({1024}));
    TL_REQUIRE_OK(model->compile(Sgd(0.1), LossSpec{"mse", false}, {}));
    return model;
  };
  auto model = make();
  Tensor big;
  big.resize({1024, 1024});
  Tensor big_y;
  big_y.resize({1024, 1});
  BatchLogs logs;
  const Status s = model->train_on_batch(big, big_y, nullptr, &logs);
  CHECK(s.code() == StatusCode::kResourceExhausted);
  CHECK(s.message() ==
        "the output of layer 0 (Embedding) of shape (1024, 1024, 1024): 1073741824 values of 4 bytes "
        "exceed the 4 GiB memory limit");
  Tensor out;
  CHECK(model->predict(big, &out).code() == StatusCode::kResourceExhausted);
  CHECK(model->iterations() == 0);

  // Afterwards it trains as a model that never saw the batch.
  auto fresh = make();
  Tensor x = MakeTensor({2, 1024}, std::vector<float>(2048, 3.0f));
  const Tensor y = MakeTensor({2, 1}, {1, 0});
  BatchLogs a, b;
  TL_REQUIRE_OK(model->train_on_batch(x, y, nullptr, &a));
  TL_REQUIRE_OK(fresh->train_on_batch(x, y, nullptr, &b));
  CHECK(a.loss == b.loss);
  CHECK(DenseValue(*model->params()[0]->value) == DenseValue(*fresh->params()[0]->value));
}
