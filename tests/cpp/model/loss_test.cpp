// model/loss: hand-computed values on tiny inputs, gradients against central
// differences (in double) for every loss with and without from_logits, stability at
// extreme logits and at probabilities of exactly 0 and 1, sample weights and the errors.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "embedwasm/model/loss.h"
#include "core/tensor_test_util.h"

using namespace embedwasm;
using namespace embedwasm::model;

namespace {

Tensor T(const Shape& shape, const std::vector<float>& data) { return test::MakeTensor(shape, data); }

LossSpec Spec(const std::string& name, bool from_logits = false) {
  LossSpec spec;
  spec.name = name;
  spec.from_logits = from_logits;
  return spec;
}

double Loss(const LossSpec& spec, const Tensor& pred, const Tensor& target, const float* w = nullptr,
            Tensor* grad_out = nullptr) {
  double loss = 0.0;
  Tensor grad;
  const Status s = compute_loss(spec, pred, target, w, &loss, &grad);
  INFO(s.message());
  REQUIRE(s.is_ok());
  REQUIRE(grad.shape == pred.shape);
  if (grad_out) *grad_out = grad;
  return loss;
}

bool AllFinite(const Tensor& t) {
  for (float x : t.data) {
    if (!std::isfinite(x)) return false;
  }
  return true;
}

// dL/dpred by central differences; each difference is divided by the step the float
// pred actually took. The loss is summed in double from float preds, so a small step
// costs no precision and keeps the O(h^2) truncation error below the tolerance.
void CheckGradient(const LossSpec& spec, Tensor pred, const Tensor& target, const float* w) {
  Tensor grad;
  Loss(spec, pred, target, w, &grad);
  for (size_t i = 0; i < pred.data.size(); ++i) {
    const float original = pred.data[i];
    const float h = 1e-4f;
    pred.data[i] = original + h;
    const double plus = Loss(spec, pred, target, w);
    const double up = pred.data[i];
    pred.data[i] = original - h;
    const double minus = Loss(spec, pred, target, w);
    const double down = pred.data[i];
    pred.data[i] = original;
    const double fd = (plus - minus) / (up - down);
    INFO(spec.name << (spec.from_logits ? " (logits)" : "") << " d/dpred[" << i << "]");
    CHECK(grad.data[i] == Approx(fd).epsilon(1e-4).margin(1e-6));
  }
}

}  // namespace

TEST_CASE("mean squared error: mean over the last axis, then over the batch", "[loss]") {
  const Tensor pred = T({2, 2}, {1, 2, 3, 4});
  const Tensor target = T({2, 2}, {1, 1, 1, 1});
  Tensor grad;
  CHECK(Loss(Spec("mean_squared_error"), pred, target, nullptr, &grad) == Approx(3.5));
  // 2 (p - t) / (K B)
  CHECK(grad.data == std::vector<float>{0.0f, 0.5f, 1.0f, 1.5f});
  const float w[2] = {2.0f, 0.5f};
  // Divided by B, not by the sum of weights: (2 * 0.5 + 0.5 * 6.5) / 2.
  CHECK(Loss(Spec("mse"), pred, target, w) == Approx(2.125));
  CHECK(Loss(Spec("meanSquaredError"), pred, target) == Approx(3.5));
}

TEST_CASE("sparse categorical crossentropy on hand values", "[loss]") {
  // lse(1, 2, 3) - 3 = log(1 + e^-1 + e^-2); lse(0, 0, 0) - 0 = log 3.
  const double a = std::log(1 + std::exp(-1.0) + std::exp(-2.0)), b = std::log(3.0);
  const Tensor logits = T({2, 3}, {1, 2, 3, 0, 0, 0});
  CHECK(Loss(Spec("sparse_categorical_crossentropy", true), logits, T({2}, {2, 0})) == Approx((a + b) / 2));
  CHECK(Loss(Spec("sparseCategoricalCrossentropy", true), logits, T({2, 1}, {2, 0})) ==
        Approx((a + b) / 2));
  Tensor grad;
  Loss(Spec("sparse_categorical_crossentropy", true), T({1, 2}, {0, 0}), T({1}, {1}), nullptr, &grad);
  CHECK(grad.data == std::vector<float>{0.5f, -0.5f});  // softmax - one_hot

  const Tensor probs = T({1, 3}, {0.2f, 0.3f, 0.5f});
  CHECK(Loss(Spec("SparseCategoricalCrossentropy"), probs, T({1}, {1})) == Approx(-std::log(0.3)));
}

TEST_CASE("categorical crossentropy on hand values", "[loss]") {
  CHECK(Loss(Spec("categorical_crossentropy"), T({1, 3}, {0.2f, 0.3f, 0.5f}), T({1, 3}, {0, 1, 0})) ==
        Approx(-std::log(0.3)));
  // Keras scales probabilities to sum to 1 first.
  CHECK(Loss(Spec("categoricalCrossentropy"), T({1, 3}, {0.4f, 0.6f, 1.0f}), T({1, 3}, {0, 1, 0})) ==
        Approx(-std::log(0.3)));
  const double lse = 3 + std::log(1 + std::exp(-1.0) + std::exp(-2.0));
  CHECK(Loss(Spec("categorical_crossentropy", true), T({1, 3}, {1, 2, 3}), T({1, 3}, {0, 0, 1})) ==
        Approx(lse - 3));
  // Soft labels: 0.5 (lse - 1) + 0.5 (lse - 3).
  CHECK(Loss(Spec("categorical_crossentropy", true), T({1, 3}, {1, 2, 3}), T({1, 3}, {0.5f, 0, 0.5f})) ==
        Approx(lse - 2));
}

TEST_CASE("binary crossentropy on hand values", "[loss]") {
  // mean(-log 0.8, -log 0.2)
  CHECK(Loss(Spec("binary_crossentropy"), T({1, 2}, {0.8f, 0.8f}), T({1, 2}, {1, 0})) ==
        Approx((-std::log(0.8) - std::log(0.2)) / 2).epsilon(1e-6));
  CHECK(Loss(Spec("binaryCrossentropy", true), T({1, 1}, {0}), T({1, 1}, {1})) == Approx(std::log(2.0)));
  CHECK(Loss(Spec("binary_crossentropy", true), T({1, 1}, {2}), T({1, 1}, {0})) ==
        Approx(std::log1p(std::exp(2.0))));
  // A (B,) output is (B, 1), and a (B,) target fits a (B, 1) output.
  CHECK(Loss(Spec("binary_crossentropy", true), T({2}, {0, 0}), T({2}, {1, 0})) == Approx(std::log(2.0)));
  CHECK(Loss(Spec("binary_crossentropy", true), T({2, 1}, {0, 0}), T({2}, {1, 0})) == Approx(std::log(2.0)));
}

TEST_CASE("losses over (B, T, K) average over B * T and weight whole samples", "[loss]") {
  const Tensor logits = T({2, 2, 2}, std::vector<float>(8, 0.0f));
  const Tensor ids = T({2, 2}, {0, 1, 1, 0});
  CHECK(Loss(Spec("sparse_categorical_crossentropy", true), logits, ids) == Approx(std::log(2.0)));
  const float w[2] = {1.0f, 0.0f};
  Tensor grad;
  CHECK(Loss(Spec("sparse_categorical_crossentropy", true), logits, ids, w, &grad) ==
        Approx(std::log(2.0) / 2));
  for (size_t i = 4; i < 8; ++i) CHECK(grad.data[i] == 0.0f);  // the zero-weight sample
  CHECK(grad.data[0] == Approx(-0.5 / 4));
}

TEST_CASE("every loss's gradient matches central differences", "[loss]") {
  const float w[3] = {0.5f, 2.0f, 1.25f};
  const std::vector<float> logits = {0.3f, -1.2f, 2.1f, 0.0f, 0.7f, -0.4f, 1.5f, -2.2f, 0.9f, -0.6f, 0.2f, 1.1f};
  const std::vector<float> probs = {0.3f, 0.15f, 0.4f, 0.15f, 0.1f, 0.6f, 0.2f, 0.1f, 0.25f, 0.25f, 0.3f, 0.2f};
  const std::vector<float> unnormalised = {0.6f, 0.3f, 0.9f, 0.2f, 0.1f, 0.6f, 0.2f, 0.1f, 0.5f, 0.5f, 0.3f, 0.7f};
  const std::vector<float> soft = {0.1f, 0.2f, 0.3f, 0.4f, 0, 1, 0, 0, 0.25f, 0.25f, 0.25f, 0.25f};
  const std::vector<float> bits = {1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 1, 0};
  const Tensor ids = T({3}, {2, 1, 3});
  for (const float* weights : {static_cast<const float*>(nullptr), w}) {
    INFO((weights ? "weighted" : "unweighted"));
    CheckGradient(Spec("sparse_categorical_crossentropy", true), T({3, 4}, logits), ids, weights);
    CheckGradient(Spec("sparse_categorical_crossentropy"), T({3, 4}, probs), ids, weights);
    CheckGradient(Spec("sparse_categorical_crossentropy"), T({3, 4}, unnormalised), ids, weights);
    CheckGradient(Spec("categorical_crossentropy", true), T({3, 4}, logits), T({3, 4}, soft), weights);
    CheckGradient(Spec("categorical_crossentropy"), T({3, 4}, probs), T({3, 4}, soft), weights);
    CheckGradient(Spec("categorical_crossentropy"), T({3, 4}, unnormalised), T({3, 4}, soft), weights);
    CheckGradient(Spec("binary_crossentropy", true), T({3, 4}, logits), T({3, 4}, bits), weights);
    CheckGradient(Spec("binary_crossentropy"), T({3, 4}, probs), T({3, 4}, bits), weights);
    CheckGradient(Spec("binary_crossentropy"), T({3, 4}, probs), T({3, 4}, soft), weights);
    CheckGradient(Spec("mean_squared_error"), T({3, 4}, logits), T({3, 4}, soft), weights);
  }
}

TEST_CASE("losses stay finite at extreme logits", "[loss]") {
  for (float big : {1000.0f, 1e4f}) {
    INFO("|logit| " << big);
    Tensor grad;
    const Tensor logits = T({2, 3}, {big, -big, 0.0f, -big, -big, big});
    // Class 1 of row 0 is 2 big below the max: loss 2 big; row 1 is right: loss 0.
    CHECK(Loss(Spec("sparse_categorical_crossentropy", true), logits, T({2}, {1, 2}), nullptr, &grad) ==
          Approx(big));
    CHECK(AllFinite(grad));
    CHECK(grad.data[1] == Approx(-0.5));
    CHECK(Loss(Spec("categorical_crossentropy", true), logits, T({2, 3}, {0, 1, 0, 0, 0, 1}), nullptr, &grad) ==
          Approx(big));
    CHECK(AllFinite(grad));
    const double bce = Loss(Spec("binary_crossentropy", true), T({1, 4}, {big, -big, big, -big}),
                            T({1, 4}, {0, 1, 1, 0}), nullptr, &grad);
    CHECK(bce == Approx(big / 2));
    CHECK(AllFinite(grad));
    CHECK(grad.data == std::vector<float>{0.25f, -0.25f, 0.0f, 0.0f});
  }
}

TEST_CASE("probabilities of exactly 0 and 1 are clipped to finite losses", "[loss]") {
  const double clipped = -std::log(1e-7);
  Tensor grad;
  CHECK(Loss(Spec("sparse_categorical_crossentropy"), T({1, 3}, {0, 1, 0}), T({1}, {0}), nullptr, &grad) ==
        Approx(clipped).epsilon(1e-6));
  CHECK(AllFinite(grad));
  CHECK(Loss(Spec("categorical_crossentropy"), T({1, 3}, {0, 1, 0}), T({1, 3}, {0, 1, 0}), nullptr, &grad) ==
        Approx(0.0).margin(1e-6));
  CHECK(AllFinite(grad));
  // A row of zeros cannot be normalised; it still gives a finite loss.
  CHECK(std::isfinite(Loss(Spec("categorical_crossentropy"), T({1, 2}, {0, 0}), T({1, 2}, {1, 0}), nullptr, &grad)));
  CHECK(AllFinite(grad));
  const double bce = Loss(Spec("binary_crossentropy"), T({1, 4}, {0, 1, 1, 0}), T({1, 4}, {1, 0, 1, 0}),
                          nullptr, &grad);
  CHECK(bce == Approx(clipped / 2).epsilon(1e-5));
  CHECK(AllFinite(grad));
}

TEST_CASE("class ids that are not integers in [0, C) are errors naming the sample", "[loss]") {
  const Tensor pred = T({3, 3}, std::vector<float>(9, 0.0f));
  const LossSpec spec = Spec("sparse_categorical_crossentropy", true);
  struct Case {
    float id;
    StatusCode code;
  };
  const float nan = std::numeric_limits<float>::quiet_NaN();
  for (const Case& c : {Case{3.0f, StatusCode::kOutOfRange}, Case{-1.0f, StatusCode::kOutOfRange},
                        Case{1.5f, StatusCode::kInvalidArgument}, Case{nan, StatusCode::kInvalidArgument}}) {
    double loss = 0.0;
    Tensor grad;
    const Status s = compute_loss(spec, pred, T({3}, {0, c.id, 2}), nullptr, &loss, &grad);
    INFO(s.message());
    CHECK(s.code() == c.code);
    CHECK(s.message().find("sample 1") != std::string::npos);
    CHECK(s.message().find("[0, 3)") != std::string::npos);
  }
}

TEST_CASE("shape and name errors", "[loss]") {
  double loss = 0.0;
  Tensor grad;
  auto code = [&](const LossSpec& spec, const Tensor& pred, const Tensor& target) {
    return compute_loss(spec, pred, target, nullptr, &loss, &grad).code();
  };
  const Tensor pred = T({2, 3}, std::vector<float>(6, 0.5f));
  CHECK(code(Spec("sparse_categorical_crossentropy"), pred, T({3}, {0, 1, 2})) == StatusCode::kInvalidArgument);
  CHECK(code(Spec("sparse_categorical_crossentropy"), T({2}, {0.5f, 0.5f}), T({2}, {0, 0})) ==
        StatusCode::kInvalidArgument);
  CHECK(code(Spec("categorical_crossentropy"), pred, T({2, 2}, {0, 1, 1, 0})) == StatusCode::kInvalidArgument);
  CHECK(code(Spec("mse"), pred, T({3, 2}, std::vector<float>(6, 0))) == StatusCode::kInvalidArgument);
  CHECK(code(Spec("mse"), T({2, 3}, {1, 2}), pred) == StatusCode::kInvalidArgument);  // data vs shape
  CHECK(code(Spec("mse"), T({0, 3}, {}), T({0, 3}, {})) == StatusCode::kInvalidArgument);
  CHECK(code(Spec("hinge"), pred, pred) == StatusCode::kInvalidArgument);
  CHECK(validate(Spec("hinge")).code() == StatusCode::kInvalidArgument);
  CHECK(validate(Spec("CategoricalCrossentropy")).is_ok());
  const Status s = compute_loss(Spec("binary_crossentropy"), pred, T({2, 2}, {0, 1, 1, 0}), nullptr, &loss, &grad);
  CHECK(s.message().find("(2, 2)") != std::string::npos);
  CHECK(s.message().find("(2, 3)") != std::string::npos);
}
