// optim/adam: Keras' Adam, lr_t = lr sqrt(1 - b2^t) / (1 - b1^t); m = b1 m + (1 - b1) g;
// v = b2 v + (1 - b2) g^2; w -= lr_t m / (sqrt(v) + eps), written here in the textbook
// form. Hyper-parameters are far from the defaults and eps is large, so that PyTorch's
// eps placement (sqrt(v / (1 - b2^t)) + eps) is shown to give different numbers.
#include <catch2/catch.hpp>

#include <cmath>

#include "optim/optim_test_util.h"

using namespace embedwasm;
using namespace embedwasm::optim;
using namespace embedwasm::test;

namespace {

constexpr double kB1 = 0.8, kB2 = 0.95, kEps = 1e-2;

OptimizerSpec Adam(const char* name) { return AdamFamilySpec(name, kB1, kB2, kEps); }

void KerasAdamRef(double& w, double g, RefState& s, int t, double lr) {
  const double lr_t = lr * std::sqrt(1 - std::pow(kB2, t)) / (1 - std::pow(kB1, t));
  s.m = kB1 * s.m + (1 - kB1) * g;
  s.v = kB2 * s.v + (1 - kB2) * g * g;
  w -= lr_t * s.m / (std::sqrt(s.v) + kEps);
}

void TorchAdamRef(double& w, double g, RefState& s, int t, double lr) {
  s.m = kB1 * s.m + (1 - kB1) * g;
  s.v = kB2 * s.v + (1 - kB2) * g * g;
  const double m_hat = s.m / (1 - std::pow(kB1, t));
  const double v_hat = s.v / (1 - std::pow(kB2, t));
  w -= lr * m_hat / (std::sqrt(v_hat) + kEps);
}

const SlotMap kMoments = {{&Optimizer::Slots::m, &RefState::m}, {&Optimizer::Slots::v, &RefState::v}};

}  // namespace

TEST_CASE("adam dense matches Keras' formula", "[optim]") {
  RunDense(Adam("adam"), KerasAdamRef, {}, kMoments);
}

TEST_CASE("the adam test tells Keras' eps placement from PyTorch's", "[optim]") {
  double keras = InitialWeight(0, 0), torch = keras;
  RefState sk, st;
  for (int t = 1; t <= 3; ++t) {
    KerasAdamRef(keras, Gradient(t, 0, 0), sk, t, kLr[t - 1]);
    TorchAdamRef(torch, Gradient(t, 0, 0), st, t, kLr[t - 1]);
  }
  CHECK(std::fabs(keras - torch) > 1e-4 * std::fabs(keras));
}

TEST_CASE("adam weight_decay adds L2 to the gradient (PyTorch Adam)", "[optim]") {
  OptimizerSpec spec = Adam("adam");
  spec.weight_decay = 0.1;
  const RefStep ref = [](double& w, double g, RefState& s, int t, double lr) {
    KerasAdamRef(w, g + 0.1 * w, s, t, lr);
  };
  RunDense(spec, ref, {}, kMoments);
  RunSparse(spec, ref, {}, kMoments);
}

TEST_CASE("sparse_adam on a dense param is adam, bit for bit", "[optim]") {
  auto a = MakeParam(4, kD, false);
  auto b = MakeParam(4, kD, false);
  auto adam = MakeOptimizer(Adam("adam"));
  auto sparse_adam = MakeOptimizer(Adam("sparseAdam"));
  CHECK(sparse_adam->spec().name == "sparse_adam");
  for (int t = 1; t <= 3; ++t) {
    SetDenseGradient(&a->param, t);
    SetDenseGradient(&b->param, t);
    Apply(adam.get(), &a->param, kLr[t - 1]);
    Apply(sparse_adam.get(), &b->param, kLr[t - 1]);
  }
  for (size_t r = 0; r < 4; ++r) CHECK(SameBits(RowCopy(a->value, r), b->value, r));
}
