// model/metric: the accuracy metrics counting correct samples, and which one "accuracy"
// means for a given loss and output shape (TF.js' rule plus Keras' shape rule).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "embedwasm/model/metric.h"
#include "core/tensor_test_util.h"

using namespace embedwasm;
using namespace embedwasm::model;

namespace {

Tensor T(const Shape& shape, const std::vector<float>& data) { return test::MakeTensor(shape, data); }

double Correct(const std::string& metric, const LossSpec& loss, const Tensor& pred, const Tensor& target) {
  double correct = -1.0;
  const Status s = compute_metric(metric, loss, pred, target, &correct);
  INFO(s.message());
  REQUIRE(s.is_ok());
  return correct;
}

LossSpec Loss(const std::string& name, bool from_logits = false) {
  LossSpec spec;
  spec.name = name;
  spec.from_logits = from_logits;
  return spec;
}

}  // namespace

TEST_CASE("binary_accuracy thresholds probabilities at 0.5 and logits at 0", "[loss][metric]") {
  const Tensor probs = T({4, 1}, {0.7f, 0.5f, 0.2f, 0.9f});
  const Tensor target = T({4, 1}, {1, 1, 0, 0});
  // 0.5 is not above the threshold: samples 0 and 2 are right.
  CHECK(Correct("binary_accuracy", Loss("binary_crossentropy"), probs, target) == 2.0);
  const Tensor logits = T({4, 1}, {0.3f, -0.1f, 0.0f, 2.0f});
  CHECK(Correct("binaryAccuracy", Loss("binary_crossentropy", true), logits, target) == 2.0);
  // Two outputs per sample: each sample counts the fraction it got right.
  CHECK(Correct("binary_accuracy", Loss("binary_crossentropy"), T({2, 2}, {0.9f, 0.1f, 0.9f, 0.9f}),
                T({2, 2}, {1, 0, 1, 0})) == 1.5);
}

TEST_CASE("categorical accuracies compare argmaxes", "[loss][metric]") {
  const Tensor pred = T({3, 3}, {0.1f, 0.7f, 0.2f, 0.5f, 0.3f, 0.2f, 0.3f, 0.3f, 0.4f});
  CHECK(Correct("sparse_categorical_accuracy", Loss("sparse_categorical_crossentropy"), pred,
                T({3}, {1, 1, 2})) == 2.0);
  CHECK(Correct("sparseCategoricalAccuracy", Loss("mse"), pred, T({3, 1}, {1, 0, 2})) == 3.0);
  CHECK(Correct("categorical_accuracy", Loss("categorical_crossentropy"), pred,
                T({3, 3}, {0, 1, 0, 0, 0, 1, 0, 0, 1})) == 2.0);
  // Ties go to the first maximum, as tf.argmax.
  CHECK(Correct("categorical_accuracy", Loss("categorical_crossentropy"), T({1, 2}, {0.5f, 0.5f}),
                T({1, 2}, {1, 0})) == 1.0);
}

TEST_CASE("accuracy is chosen from the loss and the output shape", "[loss][metric]") {
  const Tensor pred3 = T({2, 3}, {0.1f, 0.7f, 0.2f, 0.5f, 0.3f, 0.2f});
  // Sparse loss: class ids.
  CHECK(Correct("accuracy", Loss("sparse_categorical_crossentropy"), pred3, T({2}, {1, 2})) == 1.0);
  // Categorical loss: one-hot targets.
  CHECK(Correct("acc", Loss("categorical_crossentropy"), pred3, T({2, 3}, {0, 1, 0, 1, 0, 0})) == 2.0);
  // Class ids with another loss are recognised by their shape (Keras).
  CHECK(Correct("accuracy", Loss("mse"), pred3, T({2, 1}, {1, 0})) == 2.0);
  // One output unit means binary whatever the loss.
  CHECK(Correct("accuracy", Loss("mse"), T({2, 1}, {0.8f, 0.6f}), T({2, 1}, {1, 0})) == 1.0);
  // A binary loss means binary even with several outputs.
  CHECK(Correct("accuracy", Loss("binary_crossentropy", true), T({1, 2}, {1.0f, -1.0f}), T({1, 2}, {1, 0})) ==
        1.0);
}

TEST_CASE("metric errors", "[loss][metric]") {
  double correct = 0.0;
  const Tensor pred = T({2, 3}, std::vector<float>(6, 0.1f));
  CHECK(compute_metric("auc", Loss("mse"), pred, pred, &correct).code() == StatusCode::kInvalidArgument);
  CHECK(compute_metric("accuracy", Loss("hinge"), pred, pred, &correct).code() == StatusCode::kInvalidArgument);
  CHECK(compute_metric("categorical_accuracy", Loss("mse"), pred, T({2, 2}, {0, 0, 0, 0}), &correct).code() ==
        StatusCode::kInvalidArgument);
  CHECK(compute_metric("sparse_categorical_accuracy", Loss("mse"), pred, T({3}, {0, 0, 0}), &correct).code() ==
        StatusCode::kInvalidArgument);
}
