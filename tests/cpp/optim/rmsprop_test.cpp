// optim/rmsprop: tf.keras 2.x RMSprop in its two forms: without momentum eps outside the
// root (w -= lr g / (sqrt(ms) + eps)), with momentum the ApplyRMSProp kernel
// (mom = momentum mom + lr g / sqrt(ms + eps)); each plain and centered. eps = 1e-2 makes
// the placement matter.
#include <catch2/catch.hpp>

#include <cmath>

#include "optim/optim_test_util.h"

using namespace embedwasm;
using namespace embedwasm::optim;
using namespace embedwasm::test;

namespace {

constexpr double kRho = 0.8, kEps = 1e-2;

OptimizerSpec RmsProp(double momentum, bool centered) {
  OptimizerSpec spec;
  spec.name = "rmsprop";
  spec.rho = kRho;
  spec.epsilon = kEps;
  spec.momentum = momentum;
  spec.centered = centered;
  return spec;
}

// v: mean square, m: mean gradient, u: momentum.
RefStep RmsPropRef(double momentum, bool centered) {
  return [=](double& w, double g, RefState& s, int, double lr) {
    s.v = kRho * s.v + (1 - kRho) * g * g;
    double denom = s.v;
    if (centered) {
      s.m = kRho * s.m + (1 - kRho) * g;
      denom = s.v - s.m * s.m;
    }
    if (momentum == 0.0) {
      w -= lr * g / (std::sqrt(denom) + kEps);
    } else {
      s.u = momentum * s.u + lr * g / std::sqrt(denom + kEps);
      w -= s.u;
    }
  };
}

SlotMap Slots(double momentum, bool centered) {
  SlotMap map = {{&Optimizer::Slots::v, &RefState::v}};
  if (centered) map.push_back({&Optimizer::Slots::m, &RefState::m});
  if (momentum > 0.0) map.push_back({&Optimizer::Slots::u, &RefState::u});
  return map;
}

}  // namespace

TEST_CASE("rmsprop dense matches tf.keras in all four forms", "[optim]") {
  for (double momentum : {0.0, 0.5}) {
    for (bool centered : {false, true}) {
      INFO("momentum " << momentum << " centered " << centered);
      RunDense(RmsProp(momentum, centered), RmsPropRef(momentum, centered), {}, Slots(momentum, centered));
    }
  }
}

TEST_CASE("rmsprop sparse updates only the touched rows and their state", "[optim]") {
  for (double momentum : {0.0, 0.5}) {
    for (bool centered : {false, true}) {
      INFO("momentum " << momentum << " centered " << centered);
      RunSparse(RmsProp(momentum, centered), RmsPropRef(momentum, centered), {}, Slots(momentum, centered));
    }
  }
}
