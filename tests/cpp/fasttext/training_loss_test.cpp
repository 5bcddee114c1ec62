// fasttext/training_loss.h: one update of each loss, worked out by hand in double from
// the formulas of fastText's Model::update and Loss::forward.
#include "embedwasm/fasttext/training_loss.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

namespace embedwasm::fasttext {
namespace {

// D = 2. Input rows r0 = (0.2, -0.4), r1 = (0.6, 0.1); output rows o0 = (0.5, 1), o1 = (-1, 0.25),
// o2 = (0.3, -0.7).
TrainWeights tiny_weights(size_t outputs) {
  TrainWeights w;
  REQUIRE(RowMatrix::create(2, 2, &w.input).is_ok());
  REQUIRE(RowMatrix::create(outputs, 2, &w.output).is_ok());
  const float in[2][2] = {{0.2f, -0.4f}, {0.6f, 0.1f}};
  const float out[3][2] = {{0.5f, 1.0f}, {-1.0f, 0.25f}, {0.3f, -0.7f}};
  for (size_t r = 0; r < 2; ++r) std::copy(in[r], in[r] + 2, w.input.row(r));
  for (size_t r = 0; r < outputs; ++r) std::copy(out[r], out[r] + 2, w.output.row(r));
  return w;
}

struct Expected {
  double in[2][2];
  double out[3][2];
  double loss = 0.0;
};

// One binary output o with label y, as fastText's binaryLogistic: grad += alpha * o_old,
// o += alpha * h.
void binary_step(Expected* e, const double h[2], double grad[2], int o, bool y, double lr, double sigma) {
  const double alpha = lr * ((y ? 1.0 : 0.0) - sigma);
  for (int j = 0; j < 2; ++j) grad[j] += alpha * e->out[o][j];
  for (int j = 0; j < 2; ++j) e->out[o][j] += alpha * h[j];
  e->loss += -std::log((y ? sigma : 1.0 - sigma) + 1e-5);
}

Expected start(size_t outputs) {
  TrainWeights w = tiny_weights(outputs);
  Expected e{};
  for (int r = 0; r < 2; ++r)
    for (int j = 0; j < 2; ++j) e.in[r][j] = w.input.row(static_cast<size_t>(r))[j];
  for (size_t o = 0; o < outputs; ++o)
    for (int j = 0; j < 2; ++j) e.out[o][j] = w.output.row(o)[j];
  return e;
}

void check_against(const TrainWeights& w, const Expected& e, size_t outputs, float loss) {
  for (int r = 0; r < 2; ++r)
    for (int j = 0; j < 2; ++j) CHECK(w.input.row(static_cast<size_t>(r))[j] == Approx(e.in[r][j]).margin(1e-6));
  for (size_t o = 0; o < outputs; ++o)
    for (int j = 0; j < 2; ++j) CHECK(w.output.row(o)[j] == Approx(e.out[o][j]).margin(1e-6));
  CHECK(loss == Approx(e.loss).margin(1e-5));
}

// hidden = (r0 + r1) / 2 = (0.4, -0.15); lr 0.5; both input rows get grad / 2 (normalized).
constexpr double kLr = 0.5;
const int32_t kInput[2] = {0, 1};

TEST_CASE("train_update: softmax over 3 labels, target 1", "[fasttext][training]") {
  TrainWeights w = tiny_weights(3);
  Expected e = start(3);
  const double h[2] = {0.4, -0.15};
  double s[3], z = 0.0;
  for (int o = 0; o < 3; ++o) s[o] = e.out[o][0] * h[0] + e.out[o][1] * h[1];
  const double m = std::max(s[0], std::max(s[1], s[2]));
  for (int o = 0; o < 3; ++o) z += std::exp(s[o] - m);
  double grad[2] = {0, 0};
  for (int o = 0; o < 3; ++o) {
    const double p = std::exp(s[o] - m) / z;
    const double alpha = kLr * ((o == 1 ? 1.0 : 0.0) - p);
    for (int j = 0; j < 2; ++j) grad[j] += alpha * e.out[o][j];
    for (int j = 0; j < 2; ++j) e.out[o][j] += alpha * h[j];
    if (o == 1) e.loss = -std::log(p + 1e-5);
  }
  for (int r = 0; r < 2; ++r)
    for (int j = 0; j < 2; ++j) e.in[r][j] += grad[j] / 2;

  TrainingLoss loss;
  REQUIRE(TrainingLoss::create(LossKind::kSoftmax, 0, {5, 3, 1}, &loss).is_ok());
  TrainState state(2, 3, 7);
  const int32_t targets[1] = {1};
  const float value = train_update(kInput, 2, targets, 1, 0, static_cast<float>(kLr), true, loss, &w, &state);
  check_against(w, e, 3, value);
  CHECK(state.examples == 1);
  CHECK(state.loss == Approx(e.loss).margin(1e-5));
}

TEST_CASE("train_update: one-vs-all with labels 0 and 2 positive", "[fasttext][training]") {
  TrainWeights w = tiny_weights(3);
  Expected e = start(3);
  const double h[2] = {0.4, -0.15};
  const SigmoidTable sigmoid;
  double grad[2] = {0, 0};
  for (int o = 0; o < 3; ++o) {
    const double sigma = sigmoid(static_cast<float>(e.out[o][0] * h[0] + e.out[o][1] * h[1]));
    binary_step(&e, h, grad, o, o != 1, kLr, sigma);
  }
  for (int r = 0; r < 2; ++r)
    for (int j = 0; j < 2; ++j) e.in[r][j] += grad[j] / 2;
  TrainingLoss loss;
  REQUIRE(TrainingLoss::create(LossKind::kOneVsAll, 0, {5, 3, 1}, &loss).is_ok());
  TrainState state(2, 3, 7);
  const int32_t targets[2] = {0, 2};
  const float value =
      train_update(kInput, 2, targets, 2, TrainingLoss::kAllTargets, static_cast<float>(kLr), true, loss, &w, &state);
  check_against(w, e, 3, value);
}

TEST_CASE("train_update: negative sampling with two targets (the negative is the other one)", "[fasttext][training]") {
  // Unsupervised-style: no gradient normalisation. Target 0 positive, then 2 negatives of
  // target 1 (the only other target), each scored after the previous update.
  TrainWeights w = tiny_weights(2);
  Expected e = start(2);
  const double h[2] = {0.4, -0.15};
  const SigmoidTable sigmoid;
  double grad[2] = {0, 0};
  const int steps[3][2] = {{0, 1}, {1, 0}, {1, 0}};
  for (const auto& step : steps) {
    const int o = step[0];
    const double sigma = sigmoid(static_cast<float>(e.out[o][0] * h[0] + e.out[o][1] * h[1]));
    binary_step(&e, h, grad, o, step[1] == 1, kLr, sigma);
  }
  for (int r = 0; r < 2; ++r)
    for (int j = 0; j < 2; ++j) e.in[r][j] += grad[j];
  TrainingLoss loss;
  REQUIRE(TrainingLoss::create(LossKind::kNegativeSampling, 2, {4, 1}, &loss).is_ok());
  TrainState state(2, 2, 7);
  const int32_t targets[2] = {0, 1};
  const float value = train_update(kInput, 2, targets, 2, 0, static_cast<float>(kLr), false, loss, &w, &state);
  check_against(w, e, 2, value);
}

TEST_CASE("train_update: hierarchical softmax along the Huffman path", "[fasttext][training]") {
  // Counts 3 2 1: node 3 = (leaf 2, leaf 1) owns output row 0; leaf 0 (3) is not strictly
  // below node 3 (3), so root 4 = (node 3, leaf 0) owns row 1. Leaf 1's path: row 0 from
  // the right (code 1), then row 1 from the left (code 0).
  TrainWeights w = tiny_weights(3);
  Expected e = start(3);
  const double h[2] = {0.4, -0.15};
  const SigmoidTable sigmoid;
  double grad[2] = {0, 0};
  const int steps[2][2] = {{0, 1}, {1, 0}};
  for (const auto& step : steps) {
    const int o = step[0];
    const double sigma = sigmoid(static_cast<float>(e.out[o][0] * h[0] + e.out[o][1] * h[1]));
    binary_step(&e, h, grad, o, step[1] == 1, kLr, sigma);
  }
  for (int r = 0; r < 2; ++r)
    for (int j = 0; j < 2; ++j) e.in[r][j] += grad[j] / 2;
  TrainingLoss loss;
  REQUIRE(TrainingLoss::create(LossKind::kHierarchicalSoftmax, 0, {3, 2, 1}, &loss).is_ok());
  TrainState state(2, 3, 7);
  const int32_t targets[1] = {1};
  const float value = train_update(kInput, 2, targets, 1, 0, static_cast<float>(kLr), true, loss, &w, &state);
  check_against(w, e, 3, value);
}

TEST_CASE("train_update: no input rows changes nothing", "[fasttext][training]") {
  TrainWeights w = tiny_weights(3);
  TrainingLoss loss;
  REQUIRE(TrainingLoss::create(LossKind::kSoftmax, 0, {5, 3, 1}, &loss).is_ok());
  TrainState state(2, 3, 7);
  const int32_t targets[1] = {1};
  CHECK(train_update(kInput, 0, targets, 1, 0, 0.5f, true, loss, &w, &state) == 0.0f);
  CHECK(state.examples == 0);
  CHECK(w.input.row(0)[0] == 0.2f);
  CHECK(w.output.row(1)[0] == -1.0f);
}

TEST_CASE("NegativeTable: fastText's slot counts and sampling frequencies", "[fasttext][training]") {
  // Counts 9, 4, 1: square roots 3, 2, 1 of 6, so ceil(10^7 * 3/6) etc. slots.
  NegativeTable t;
  REQUIRE(NegativeTable::build({9, 4, 1}, &t).is_ok());
  CHECK(t.slots_of(0) == 5000000);
  CHECK(t.slots_of(1) == 3333334);
  CHECK(t.slots_of(2) == 1666667);
  Rng rng(3);
  std::vector<int> seen(3, 0);
  const int draws = 60000;
  for (int i = 0; i < draws; ++i) ++seen[static_cast<size_t>(t.sample(&rng))];
  // Binomial standard deviations are below 125 draws; 5 of them is a safe margin.
  CHECK(std::abs(seen[0] - draws / 2) < 600);
  CHECK(std::abs(seen[1] - draws / 3) < 600);
  CHECK(std::abs(seen[2] - draws / 6) < 600);
  CHECK_FALSE(NegativeTable::build({}, &t).is_ok());
  CHECK_FALSE(NegativeTable::build({0, 0}, &t).is_ok());
}

}  // namespace
}  // namespace embedwasm::fasttext
