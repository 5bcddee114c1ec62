// optim/adamw: decoupled weight decay (w -= lr wd w before the step, as Keras AdamW and
// PyTorch's w *= 1 - lr wd) followed by Keras' Adam; sparse params decay only on the
// touched rows.
#include <catch2/catch.hpp>

#include <cmath>

#include "optim/optim_test_util.h"

using namespace embedwasm;
using namespace embedwasm::optim;
using namespace embedwasm::test;

namespace {

constexpr double kB1 = 0.85, kB2 = 0.9, kEps = 1e-3, kWd = 0.5;

OptimizerSpec AdamW() {
  OptimizerSpec spec = AdamFamilySpec("AdamW", kB1, kB2, kEps);
  spec.weight_decay = kWd;
  return spec;
}

void AdamWRef(double& w, double g, RefState& s, int t, double lr) {
  w *= 1 - lr * kWd;
  const double lr_t = lr * std::sqrt(1 - std::pow(kB2, t)) / (1 - std::pow(kB1, t));
  s.m = kB1 * s.m + (1 - kB1) * g;
  s.v = kB2 * s.v + (1 - kB2) * g * g;
  w -= lr_t * s.m / (std::sqrt(s.v) + kEps);
}

const SlotMap kMoments = {{&Optimizer::Slots::m, &RefState::m}, {&Optimizer::Slots::v, &RefState::v}};

}  // namespace

TEST_CASE("adamw dense decays the weights, not the gradient", "[optim]") {
  CHECK(MakeOptimizer(AdamW())->spec().name == "adamw");
  RunDense(AdamW(), AdamWRef, {}, kMoments);
}

TEST_CASE("adamw sparse decays and steps only the touched rows", "[optim]") {
  RunSparse(AdamW(), AdamWRef, {}, kMoments);
}

TEST_CASE("adamw moves a zero-gradient weight by the decay alone", "[optim]") {
  auto owned = MakeParam(1, kD, false);
  auto opt = MakeOptimizer(AdamW());
  owned->param.grad.fill_zero();
  const float w0 = owned->value.row(0)[0];
  Apply(opt.get(), &owned->param, 0.1);
  CHECK(owned->value.row(0)[0] == Approx(w0 * (1 - 0.1 * kWd)).epsilon(1e-6));
}
