// optim/optimizer: what apply() does around every algorithm: names and hyper-parameter
// checks, input validation that fails before any weight moves, clipping by the global
// norm across dense and sparse params and then by value, and the constraints.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "optim/optim_test_util.h"

using namespace embedwasm;
using namespace embedwasm::optim;
using namespace embedwasm::layers;
using namespace embedwasm::test;

namespace {

OptimizerSpec Named(const std::string& name) {
  OptimizerSpec spec;
  spec.name = name;
  return spec;
}

double RowNorm(const RowMatrix& m, size_t r) {
  double s = 0.0;
  for (size_t j = 0; j < m.cols(); ++j) s += static_cast<double>(m.row(r)[j]) * m.row(r)[j];
  return std::sqrt(s);
}

std::vector<float> Dense(const RowMatrix& m) {
  std::vector<float> out(m.rows() * m.cols());
  m.copy_to_dense(out.data());
  return out;
}

}  // namespace

TEST_CASE("optimizer names in any case map to one canonical name", "[optim]") {
  const std::pair<const char*, const char*> names[] = {
      {"SGD", "sgd"},         {"Adagrad", "adagrad"}, {"RMSprop", "rmsprop"}, {"Adam", "adam"},
      {"AdamW", "adamw"},     {"Adamax", "adamax"},   {"sparseAdam", "sparse_adam"},
      {"SparseAdam", "sparse_adam"}, {"momentum", "momentum"}};
  for (const auto& [given, canonical] : names) {
    INFO(given);
    CHECK(MakeOptimizer(Named(given))->spec().name == canonical);
  }
  std::unique_ptr<Optimizer> opt;
  const Status s = Optimizer::create(Named("adadelta"), &opt);
  CHECK(s.code() == StatusCode::kInvalidArgument);
  CHECK(s.message().find("adadelta") != std::string::npos);
}

TEST_CASE("optimizer hyper-parameters outside their range are rejected", "[optim]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<OptimizerSpec> bad(9, Named("adam"));
  bad[0].learning_rate = -0.1;
  bad[1].beta1 = 1.0;
  bad[2].beta2 = -0.5;
  bad[3].momentum = 1.5;
  bad[4].epsilon = nan;
  bad[5].rho = 2.0;
  bad[6].clip_norm = -1.0;
  bad[7].weight_decay = -1e-3;
  bad[8].initial_accumulator_value = -0.1;
  for (size_t i = 0; i < bad.size(); ++i) {
    INFO("case " << i);
    std::unique_ptr<Optimizer> opt;
    CHECK(Optimizer::create(bad[i], &opt).code() == StatusCode::kOutOfRange);
  }
}

TEST_CASE("apply rejects bad input before moving any weight", "[optim]") {
  auto dense = MakeParam(3, kD, false);
  auto sparse = MakeParam(5, kD, true);
  auto opt = MakeOptimizer(Named("adam"));
  SetDenseGradient(&dense->param, 1);
  const std::vector<float> dense_before = Dense(dense->value);
  const std::vector<float> sparse_before = Dense(sparse->value);
  auto expect_error = [&](StatusCode code, const char* fragment, double lr = 0.1) {
    const Status s = opt->apply({&dense->param, &sparse->param}, lr);
    INFO(s.message());
    CHECK(s.code() == code);
    CHECK(s.message().find(fragment) != std::string::npos);
    CHECK(Dense(dense->value) == dense_before);
    CHECK(Dense(sparse->value) == sparse_before);
    CHECK(opt->iterations() == 0);
  };

  SetSparseGradient(&sparse->param, {3, 1}, 1);
  expect_error(StatusCode::kInvalidArgument, "sorted and unique");
  SetSparseGradient(&sparse->param, {1, 1}, 1);
  expect_error(StatusCode::kInvalidArgument, "sorted and unique");
  SetSparseGradient(&sparse->param, {1, 5}, 1);
  expect_error(StatusCode::kOutOfRange, "row 5");
  SetSparseGradient(&sparse->param, {-1}, 1);
  expect_error(StatusCode::kOutOfRange, "row -1");
  SetSparseGradient(&sparse->param, {1, 2}, 1);
  sparse->param.sparse_grad.values.pop_back();
  expect_error(StatusCode::kInvalidArgument, "values");

  SetSparseGradient(&sparse->param, {1, 2}, 1);
  sparse->param.constraint.kind = ConstraintKind::kMaxNorm;
  sparse->param.constraint.per_row = false;
  expect_error(StatusCode::kInvalidArgument, "per_row");
  sparse->param.constraint = ConstraintSpec();

  expect_error(StatusCode::kOutOfRange, "learning rate", -1.0);
  expect_error(StatusCode::kOutOfRange, "learning rate", std::numeric_limits<double>::infinity());

  RowMatrix wrong;
  REQUIRE(RowMatrix::create(3, kD + 1, &wrong).is_ok());
  std::swap(wrong, dense->param.grad);
  expect_error(StatusCode::kInvalidArgument, "gradient has shape (3, 4)");
  std::swap(wrong, dense->param.grad);

  const Status dup = opt->apply({&dense->param, &dense->param}, 0.1);
  CHECK(dup.code() == StatusCode::kInvalidArgument);
  CHECK(opt->apply({nullptr}, 0.1).code() == StatusCode::kInvalidArgument);

  // Once the input is fixed the same optimizer steps normally.
  REQUIRE(opt->apply({&dense->param, &sparse->param}, 0.1).is_ok());
  CHECK(opt->iterations() == 1);
}

TEST_CASE("apply refuses a param whose shape changed under its state", "[optim]") {
  auto owned = MakeParam(3, kD, false);
  auto opt = MakeOptimizer(Named("adam"));
  SetDenseGradient(&owned->param, 1);
  Apply(opt.get(), &owned->param, 0.1);
  RowMatrix bigger, bigger_grad;
  REQUIRE(RowMatrix::create(4, kD, &bigger).is_ok());
  REQUIRE(RowMatrix::create(4, kD, &bigger_grad).is_ok());
  owned->param.value = &bigger;
  std::swap(owned->param.grad, bigger_grad);
  const Status s = opt->apply({&owned->param}, 0.1);
  CHECK(s.code() == StatusCode::kInvalidArgument);
  CHECK(s.message().find("optimizer state") != std::string::npos);
  owned->param.value = &owned->value;
}

// SGD with lr 1 makes the step equal to minus the clipped gradient.
TEST_CASE("clip_norm scales all gradients, dense and sparse, by one global norm", "[optim]") {
  for (double clip_norm : {0.5, 100.0}) {
    INFO("clip_norm " << clip_norm);
    auto dense = MakeParam(2, kD, false);
    auto sparse = MakeParam(5, kD, true);
    SetDenseGradient(&dense->param, 1);
    SetSparseGradient(&sparse->param, {0, 3}, 2);
    double sum = 0.0;
    for (size_t r = 0; r < 2; ++r)
      for (size_t j = 0; j < kD; ++j) sum += std::pow(static_cast<double>(Gradient(1, r, j)), 2);
    for (size_t r : {0, 3})
      for (size_t j = 0; j < kD; ++j) sum += std::pow(static_cast<double>(Gradient(2, r, j)), 2);
    const double scale = std::min(1.0, clip_norm / std::sqrt(sum));
    if (clip_norm < 1) REQUIRE(scale < 0.6);  // the small clip really clips

    OptimizerSpec spec = Named("sgd");
    spec.clip_norm = clip_norm;
    auto opt = MakeOptimizer(spec);
    REQUIRE(opt->apply({&dense->param, &sparse->param}, 1.0).is_ok());
    for (size_t r = 0; r < 2; ++r)
      for (size_t j = 0; j < kD; ++j)
        CheckClose(dense->value.row(r)[j], InitialWeight(r, j) - scale * Gradient(1, r, j), Where(1, r, j));
    for (size_t r = 0; r < 5; ++r) {
      for (size_t j = 0; j < kD; ++j) {
        const double g = (r == 0 || r == 3) ? scale * Gradient(2, r, j) : 0.0;
        CheckClose(sparse->value.row(r)[j], InitialWeight(r, j) - g, Where(1, r, j));
      }
    }
  }
}

TEST_CASE("clip_value clips each gradient value, after clip_norm", "[optim]") {
  for (bool with_norm : {false, true}) {
    INFO("with clip_norm " << with_norm);
    auto dense = MakeParam(4, kD, false);
    SetDenseGradient(&dense->param, 3);
    double sum = 0.0;
    for (size_t r = 0; r < 4; ++r)
      for (size_t j = 0; j < kD; ++j) sum += std::pow(static_cast<double>(Gradient(3, r, j)), 2);
    OptimizerSpec spec = Named("sgd");
    spec.clip_value = 0.25;
    spec.clip_norm = with_norm ? 1.0 : 0.0;
    const double scale = with_norm ? std::min(1.0, 1.0 / std::sqrt(sum)) : 1.0;
    REQUIRE((scale < 1.0 || !with_norm));
    auto opt = MakeOptimizer(spec);
    Apply(opt.get(), &dense->param, 1.0);
    int clipped = 0;
    for (size_t r = 0; r < 4; ++r) {
      for (size_t j = 0; j < kD; ++j) {
        const double g = scale * Gradient(3, r, j);
        const double c = std::max(-0.25, std::min(0.25, g));
        clipped += c != g;
        CheckClose(dense->value.row(r)[j], InitialWeight(r, j) - c, Where(3, r, j));
      }
    }
    CHECK(clipped > 0);
  }
}

TEST_CASE("constraints hold after every update", "[optim]") {
  SECTION("maxNorm per row: norms above max are brought to max, others barely move") {
    auto owned = MakeParam(4, kD, false);
    owned->param.constraint.kind = ConstraintKind::kMaxNorm;
    owned->param.constraint.max_value = 1.5;
    auto opt = MakeOptimizer(Named("adam"));
    for (int t = 1; t <= 3; ++t) {
      SetDenseGradient(&owned->param, t);
      Apply(opt.get(), &owned->param, 0.05);
      for (size_t r = 0; r < 4; ++r) CHECK(RowNorm(owned->value, r) <= 1.5 * (1 + 1e-6));
      // Row 3 starts at norm 2.6, far above what one step can take away.
      if (t == 1) CHECK(RowNorm(owned->value, 3) == Approx(1.5).epsilon(1e-6));
    }
    CHECK(RowNorm(owned->value, 0) < 1.4);  // row 0 stayed under the cap
  }
  SECTION("maxNorm per column (Keras axis 0)") {
    auto owned = MakeParam(4, kD, false);
    owned->param.constraint.kind = ConstraintKind::kMaxNorm;
    owned->param.constraint.max_value = 1.5;
    owned->param.constraint.per_row = false;
    auto opt = MakeOptimizer(Named("sgd"));
    SetDenseGradient(&owned->param, 1);
    Apply(opt.get(), &owned->param, 0.1);
    for (size_t j = 0; j < kD; ++j) {
      double s = 0.0;
      for (size_t r = 0; r < 4; ++r) s += std::pow(static_cast<double>(owned->value.row(r)[j]), 2);
      CHECK(std::sqrt(s) <= 1.5 * (1 + 1e-6));
      CHECK(std::sqrt(s) == Approx(1.5).epsilon(1e-6));  // every column starts near 2
    }
  }
  SECTION("unitNorm") {
    auto owned = MakeParam(4, kD, false);
    owned->param.constraint.kind = ConstraintKind::kUnitNorm;
    auto opt = MakeOptimizer(Named("rmsprop"));
    SetDenseGradient(&owned->param, 2);
    Apply(opt.get(), &owned->param, 0.1);
    for (size_t r = 0; r < 4; ++r) CHECK(RowNorm(owned->value, r) == Approx(1.0).epsilon(1e-6));
  }
  SECTION("nonNeg") {
    auto owned = MakeParam(4, kD, false);
    owned->param.constraint.kind = ConstraintKind::kNonNeg;
    auto opt = MakeOptimizer(Named("adagrad"));
    SetDenseGradient(&owned->param, 2);
    Apply(opt.get(), &owned->param, 0.1);
    int zeros = 0;
    for (size_t r = 0; r < 4; ++r) {
      for (size_t j = 0; j < kD; ++j) {
        CHECK(owned->value.row(r)[j] >= 0.0f);
        zeros += owned->value.row(r)[j] == 0.0f;
      }
    }
    CHECK(zeros > 0);  // the negative initial weights were projected
  }
  SECTION("sparse maxNorm constrains only the touched rows") {
    auto owned = MakeParam(6, kD, true);
    owned->param.constraint.kind = ConstraintKind::kMaxNorm;
    owned->param.constraint.max_value = 1.0;
    auto opt = MakeOptimizer(Named("sgd"));
    std::vector<std::vector<float>> before;
    for (size_t r = 0; r < 6; ++r) before.push_back(RowCopy(owned->value, r));
    SetSparseGradient(&owned->param, {2, 5}, 1);
    Apply(opt.get(), &owned->param, 0.1);
    for (size_t r = 0; r < 6; ++r) {
      INFO("row " << r);
      if (r == 2 || r == 5) {
        CHECK(RowNorm(owned->value, r) == Approx(1.0).epsilon(1e-6));
      } else {
        CHECK(RowNorm(owned->value, r) > 1.0);  // over the cap, but untouched
        CHECK(SameBits(before[r], owned->value, r));
      }
    }
  }
}
