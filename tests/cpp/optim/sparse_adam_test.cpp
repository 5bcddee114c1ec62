// optim/sparse_adam: PyTorch's SparseAdam, transcribed from torch/optim/_functional.py
// sparse_adam (the update values computed as it computes them), for both "adam" and
// "sparse_adam" on a sparse param; rows outside the gradient keep weights and moments.
#include <catch2/catch.hpp>

#include <cmath>

#include "optim/optim_test_util.h"

using namespace embedwasm;
using namespace embedwasm::optim;
using namespace embedwasm::test;

namespace {

constexpr double kB1 = 0.8, kB2 = 0.95, kEps = 1e-2;

OptimizerSpec Spec(const char* name) { return AdamFamilySpec(name, kB1, kB2, kEps); }

// exp_avg = s.m, exp_avg_sq = s.v; step = the global step t.
void TorchSparseAdamRef(double& param, double grad, RefState& s, int step, double lr) {
  const double old_exp_avg = s.m;
  const double exp_avg_update = (grad - old_exp_avg) * (1 - kB1);
  s.m += exp_avg_update;
  const double old_exp_avg_sq = s.v;
  const double exp_avg_sq_update = (grad * grad - old_exp_avg_sq) * (1 - kB2);
  s.v += exp_avg_sq_update;
  const double numer = exp_avg_update + old_exp_avg;
  const double denom = std::sqrt(exp_avg_sq_update + old_exp_avg_sq) + kEps;
  const double bias_correction1 = 1 - std::pow(kB1, step);
  const double bias_correction2 = 1 - std::pow(kB2, step);
  const double step_size = lr * std::sqrt(bias_correction2) / bias_correction1;
  param += -step_size * (numer / denom);
}

const SlotMap kMoments = {{&Optimizer::Slots::m, &RefState::m}, {&Optimizer::Slots::v, &RefState::v}};

}  // namespace

TEST_CASE("sparse_adam on a sparse param is PyTorch's SparseAdam", "[optim]") {
  RunSparse(Spec("sparse_adam"), TorchSparseAdamRef, {}, kMoments);
}

TEST_CASE("adam on a sparse param is PyTorch's SparseAdam", "[optim]") {
  RunSparse(Spec("adam"), TorchSparseAdamRef, {}, kMoments);
}

TEST_CASE("sparse adam skips an empty gradient but still counts the step", "[optim]") {
  auto owned = MakeParam(3, kD, true);
  auto opt = MakeOptimizer(Spec("sparse_adam"));
  const std::vector<float> before = RowCopy(owned->value, 0);
  SetSparseGradient(&owned->param, {}, 1);
  Apply(opt.get(), &owned->param, 0.1);
  CHECK(SameBits(before, owned->value, 0));
  CHECK(opt->iterations() == 1);
}
