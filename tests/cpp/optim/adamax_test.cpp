// optim/adamax: Keras' Adamax, m = b1 m + (1 - b1) g; u = max(b2 u, |g|);
// w -= lr / (1 - b1^t) m / (u + eps). eps is large so that PyTorch's
// u = max(b2 u, |g| + eps) would not pass.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "optim/optim_test_util.h"

using namespace embedwasm;
using namespace embedwasm::optim;
using namespace embedwasm::test;

namespace {

constexpr double kB1 = 0.8, kB2 = 0.9, kEps = 5e-2;

OptimizerSpec Adamax() { return AdamFamilySpec("adamax", kB1, kB2, kEps); }

void AdamaxRef(double& w, double g, RefState& s, int t, double lr) {
  s.m = kB1 * s.m + (1 - kB1) * g;
  s.u = std::max(kB2 * s.u, std::fabs(g));
  w -= lr / (1 - std::pow(kB1, t)) * s.m / (s.u + kEps);
}

const SlotMap kSlots = {{&Optimizer::Slots::m, &RefState::m}, {&Optimizer::Slots::u, &RefState::u}};

}  // namespace

TEST_CASE("adamax dense matches Keras", "[optim]") { RunDense(Adamax(), AdamaxRef, {}, kSlots); }

TEST_CASE("adamax sparse updates only the touched rows with the global step", "[optim]") {
  RunSparse(Adamax(), AdamaxRef, {}, kSlots);
}
