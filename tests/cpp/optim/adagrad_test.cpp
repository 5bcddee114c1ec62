// optim/adagrad: Keras' Adagrad (acc += g^2; w -= lr g / (sqrt(acc) + eps)) dense, and
// PyTorch's sparse Adagrad path (the same on touched rows). eps is large enough that
// TF.js' sqrt(acc + eps) would fail the tolerance.
#include <catch2/catch.hpp>

#include <cmath>

#include "optim/optim_test_util.h"

using namespace embedwasm;
using namespace embedwasm::optim;
using namespace embedwasm::test;

namespace {

OptimizerSpec Adagrad(double initial, double eps) {
  OptimizerSpec spec;
  spec.name = "adagrad";
  spec.initial_accumulator_value = initial;
  spec.epsilon = eps;
  return spec;
}

RefStep AdagradRef(double eps) {
  return [=](double& w, double g, RefState& s, int, double lr) {
    s.v += g * g;
    w -= lr * g / (std::sqrt(s.v) + eps);
  };
}

const SlotMap kAccumulator = {{&Optimizer::Slots::v, &RefState::v}};

}  // namespace

TEST_CASE("adagrad dense matches Keras", "[optim]") {
  RefState initial;
  initial.v = 0.25;
  RunDense(Adagrad(0.25, 1e-2), AdagradRef(1e-2), initial, kAccumulator);
}

TEST_CASE("adagrad sparse matches PyTorch's sparse path and leaves other rows alone", "[optim]") {
  RefState initial;
  initial.v = 0.25;
  RunSparse(Adagrad(0.25, 1e-2), AdagradRef(1e-2), initial, kAccumulator);
}

TEST_CASE("adagrad with PyTorch's defaults (accumulator 0, eps 1e-10)", "[optim]") {
  // The zero gradients of the first step meet a zero accumulator: 0 / (0 + eps) = 0.
  RunDense(Adagrad(0.0, 1e-10), AdagradRef(1e-10), {}, kAccumulator);
  RunSparse(Adagrad(0.0, 1e-10), AdagradRef(1e-10), {}, kAccumulator);
}
