// optim/sgd: Keras' SGD (v = momentum v - lr g; w += v, nesterov w += momentum v - lr g)
// on dense and sparse params, with the lr changing between steps so that PyTorch's
// buf = momentum buf + g; w -= lr buf would not pass.
#include <catch2/catch.hpp>

#include "optim/optim_test_util.h"

using namespace embedwasm;
using namespace embedwasm::optim;
using namespace embedwasm::test;

namespace {

OptimizerSpec Sgd(double momentum, bool nesterov) {
  OptimizerSpec spec;
  spec.name = "sgd";
  spec.momentum = momentum;
  spec.nesterov = nesterov;
  return spec;
}

void PlainRef(double& w, double g, RefState&, int, double lr) { w -= lr * g; }

RefStep MomentumRef(double momentum, bool nesterov) {
  return [=](double& w, double g, RefState& s, int, double lr) {
    s.m = momentum * s.m - lr * g;
    w += nesterov ? momentum * s.m - lr * g : s.m;
  };
}

const SlotMap kVelocity = {{&Optimizer::Slots::m, &RefState::m}};

}  // namespace

TEST_CASE("sgd without momentum steps w -= lr g", "[optim]") {
  RunDense(Sgd(0.0, false), PlainRef);
  RunSparse(Sgd(0.0, false), PlainRef);
}

TEST_CASE("sgd keeps no state without momentum", "[optim]") {
  auto owned = MakeParam(2, 3, false);
  auto opt = MakeOptimizer(Sgd(0.0, false));
  SetDenseGradient(&owned->param, 1);
  Apply(opt.get(), &owned->param, 0.1);
  const Optimizer::Slots* s = opt->find_slots(&owned->param);
  REQUIRE(s != nullptr);
  CHECK(s->m.rows() == 0);
  CHECK(s->v.rows() == 0);
  CHECK(s->u.rows() == 0);
}

TEST_CASE("sgd momentum follows Keras' velocity form", "[optim]") {
  RunDense(Sgd(0.9, false), MomentumRef(0.9, false), {}, kVelocity);
  RunSparse(Sgd(0.9, false), MomentumRef(0.9, false), {}, kVelocity);
}

TEST_CASE("sgd nesterov follows Keras' form", "[optim]") {
  RunDense(Sgd(0.7, true), MomentumRef(0.7, true), {}, kVelocity);
  RunSparse(Sgd(0.7, true), MomentumRef(0.7, true), {}, kVelocity);
}

TEST_CASE("momentum optimizer defaults to momentum 0.9", "[optim]") {
  OptimizerSpec spec;
  spec.name = "momentum";
  auto opt = MakeOptimizer(spec);
  CHECK(opt->spec().momentum == 0.9);
  CHECK(opt->spec().name == "momentum");
  RunDense(spec, MomentumRef(0.9, false), {}, kVelocity);
}

TEST_CASE("sgd weight_decay adds L2 to the gradient, on touched rows only when sparse", "[optim]") {
  OptimizerSpec spec = Sgd(0.5, false);
  spec.weight_decay = 0.2;
  const RefStep ref = [](double& w, double g, RefState& s, int, double lr) {
    const double gd = g + 0.2 * w;
    s.m = 0.5 * s.m - lr * gd;
    w += s.m;
  };
  RunDense(spec, ref, {}, kVelocity);
  RunSparse(spec, ref, {}, kVelocity);
}
