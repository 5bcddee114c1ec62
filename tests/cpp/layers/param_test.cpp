// layers/param: Keras regularizer penalties with their gradient checked by central
// differences, the Keras constraint formulas on hand values (per row, per column and on
// a sparse param's touched rows), and the validation an optimizer step relies on.
#include <catch2/catch.hpp>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "embedwasm/layers/param.h"

using namespace embedwasm;
using namespace embedwasm::layers;

namespace {

struct Owned {
  RowMatrix value;
  Param param;
};

std::unique_ptr<Owned> Make(size_t rows, size_t cols, const std::vector<float>& w, bool sparse = false) {
  auto o = std::make_unique<Owned>();
  REQUIRE(RowMatrix::create(rows, cols, &o->value).is_ok());
  o->value.copy_from_dense(w.data());
  o->param.name = "w";
  o->param.value = &o->value;
  o->param.sparse = sparse;
  if (sparse) {
    o->param.sparse_grad.cols = cols;
  } else {
    REQUIRE(RowMatrix::create(rows, cols, &o->param.grad).is_ok());
  }
  return o;
}

std::vector<float> Values(const RowMatrix& m) {
  std::vector<float> out(m.rows() * m.cols());
  m.copy_to_dense(out.data());
  return out;
}

// Keras' constraint arithmetic in double: w * desired / (1e-7 + norm).
std::vector<double> KerasScaled(const std::vector<double>& w, double desired) {
  double n = 0.0;
  for (double x : w) n += x * x;
  n = std::sqrt(n);
  std::vector<double> out;
  for (double x : w) out.push_back(x * desired / (1e-7 + n));
  return out;
}

void CheckRow(const RowMatrix& m, size_t r, const std::vector<double>& want) {
  for (size_t j = 0; j < want.size(); ++j) {
    INFO("row " << r << " col " << j);
    CHECK(m.row(r)[j] == Approx(want[j]).epsilon(1e-6).margin(1e-7));
  }
}

}  // namespace

TEST_CASE("regularization penalty is l1 sum|w| + l2 sum w^2 over the whole value", "[param]") {
  auto o = Make(2, 2, {1.0f, -2.0f, 0.5f, 0.0f});
  o->param.regularizer.l1 = 0.1;
  o->param.regularizer.l2 = 0.01;
  // 0.1 * 3.5 + 0.01 * 5.25
  CHECK(regularization_penalty(o->param) == Approx(0.4025).epsilon(1e-12));
  o->param.regularizer = RegularizerSpec();
  CHECK(regularization_penalty(o->param) == 0.0);
}

TEST_CASE("regularizer gradient matches central differences of the penalty", "[param]") {
  const std::vector<float> w = {0.7f, -1.3f, 0.25f, -0.4f, 2.0f, -0.05f};
  auto o = Make(2, 3, w);
  o->param.regularizer.l1 = 0.03;
  o->param.regularizer.l2 = 0.2;
  // A gradient already there is added to, not replaced.
  o->param.grad.row(1)[2] = 1.0f;
  const double penalty = apply_regularizer(&o->param);
  CHECK(penalty == Approx(regularization_penalty(o->param)));
  for (size_t r = 0; r < 2; ++r) {
    for (size_t j = 0; j < 3; ++j) {
      float& x = o->value.row(r)[j];
      const float original = x;
      const float h = 1e-3f;
      x = original + h;
      const double plus = regularization_penalty(o->param);
      const float plus_x = x;
      x = original - h;
      const double minus = regularization_penalty(o->param);
      const float minus_x = x;
      x = original;
      const double fd = (plus - minus) / (static_cast<double>(plus_x) - minus_x);
      const double already = (r == 1 && j == 2) ? 1.0 : 0.0;
      INFO("w[" << r << "][" << j << "]");
      CHECK(o->param.grad.row(r)[j] - already == Approx(fd).epsilon(1e-4).margin(1e-6));
    }
  }
}

TEST_CASE("sparse regularizer gradient lands on the touched rows only", "[param]") {
  auto o = Make(3, 2, {1.0f, -2.0f, 3.0f, -4.0f, 5.0f, 6.0f}, /*sparse=*/true);
  o->param.regularizer.l1 = 0.5;
  o->param.regularizer.l2 = 0.25;
  o->param.sparse_grad.rows = {1};
  o->param.sparse_grad.values = {0.0f, 0.0f};
  const double penalty = apply_regularizer(&o->param);
  // The whole value: 0.5 * 21 + 0.25 * 91.
  CHECK(penalty == Approx(0.5 * 21 + 0.25 * 91));
  // Row 1 = (3, -4): 0.5 * sign + 0.5 * w.
  CHECK(o->param.sparse_grad.values[0] == Approx(0.5 + 1.5));
  CHECK(o->param.sparse_grad.values[1] == Approx(-0.5 - 2.0));
  CHECK(o->param.sparse_grad.values.size() == 2);
}

TEST_CASE("constraints follow Keras' formulas", "[param]") {
  // Rows: norm 5 (over), norm 0.5 (under), zero.
  const std::vector<float> w = {3.0f, 4.0f, 0.3f, -0.4f, 0.0f, 0.0f};
  SECTION("maxNorm") {
    auto o = Make(3, 2, w);
    o->param.constraint.kind = ConstraintKind::kMaxNorm;
    o->param.constraint.max_value = 2.0;
    apply_constraint(&o->param);
    CheckRow(o->value, 0, KerasScaled({3, 4}, 2.0));  // (1.2, 1.6)
    CHECK(o->value.row(0)[0] == Approx(1.2).epsilon(1e-6));
    CheckRow(o->value, 1, KerasScaled({0.3, -0.4}, 0.5));
    CheckRow(o->value, 2, {0.0, 0.0});
  }
  SECTION("unitNorm") {
    auto o = Make(3, 2, w);
    o->param.constraint.kind = ConstraintKind::kUnitNorm;
    apply_constraint(&o->param);
    CheckRow(o->value, 0, {0.6, 0.8});
    CheckRow(o->value, 1, {0.6, -0.8});
    CheckRow(o->value, 2, {0.0, 0.0});  // eps keeps a zero row finite
  }
  SECTION("nonNeg") {
    auto o = Make(3, 2, w);
    o->param.constraint.kind = ConstraintKind::kNonNeg;
    apply_constraint(&o->param);
    CHECK(Values(o->value) == std::vector<float>{3.0f, 4.0f, 0.3f, 0.0f, 0.0f, 0.0f});
  }
  SECTION("minMaxNorm with rate 0.5") {
    auto o = Make(3, 2, w);
    o->param.constraint.kind = ConstraintKind::kMinMaxNorm;
    o->param.constraint.min_value = 1.0;
    o->param.constraint.max_value = 2.0;
    o->param.constraint.rate = 0.5;
    apply_constraint(&o->param);
    CheckRow(o->value, 0, KerasScaled({3, 4}, 0.5 * 2.0 + 0.5 * 5.0));       // (2.1, 2.8)
    CheckRow(o->value, 1, KerasScaled({0.3, -0.4}, 0.5 * 1.0 + 0.5 * 0.5));  // norm 0.75
    CHECK(o->value.row(0)[1] == Approx(2.8).epsilon(1e-6));
  }
  SECTION("maxNorm per column") {
    auto o = Make(3, 2, w);
    o->param.constraint.kind = ConstraintKind::kMaxNorm;
    o->param.constraint.max_value = 2.0;
    o->param.constraint.per_row = false;
    apply_constraint(&o->param);
    // Column norms sqrt(9.09) and sqrt(16.16).
    const double c0 = 2.0 / (1e-7 + std::sqrt(9.09)), c1 = 2.0 / (1e-7 + std::sqrt(16.16));
    CheckRow(o->value, 0, {3.0 * c0, 4.0 * c1});
    CheckRow(o->value, 1, {0.3 * c0, -0.4 * c1});
  }
  SECTION("sparse: only the touched rows") {
    auto o = Make(3, 2, {3.0f, 4.0f, 6.0f, 8.0f, 0.0f, 9.0f}, /*sparse=*/true);
    o->param.constraint.kind = ConstraintKind::kMaxNorm;
    o->param.constraint.max_value = 2.0;
    o->param.sparse_grad.rows = {1};
    o->param.sparse_grad.values = {0.0f, 0.0f};
    apply_constraint(&o->param);
    CheckRow(o->value, 1, KerasScaled({6, 8}, 2.0));
    CHECK(o->value.row(0)[0] == 3.0f);
    CHECK(o->value.row(2)[1] == 9.0f);
  }
}

TEST_CASE("regularizer and constraint specs are validated", "[param]") {
  RegularizerSpec reg;
  reg.l1 = -0.1;
  CHECK(validate(reg).code() == StatusCode::kOutOfRange);
  reg.l1 = 0.0;
  reg.l2 = std::nan("");
  CHECK(validate(reg).code() == StatusCode::kOutOfRange);
  reg.l2 = 0.1;
  CHECK(validate(reg).is_ok());

  ConstraintSpec c;
  c.kind = ConstraintKind::kMaxNorm;
  c.max_value = -1.0;
  CHECK(validate(c).code() == StatusCode::kOutOfRange);
  c.kind = ConstraintKind::kMinMaxNorm;
  c.min_value = 3.0;
  c.max_value = 2.0;
  CHECK(validate(c).code() == StatusCode::kOutOfRange);
  c.min_value = 1.0;
  c.rate = 1.5;
  CHECK(validate(c).code() == StatusCode::kOutOfRange);
  c.rate = 0.5;
  CHECK(validate(c).is_ok());
}

TEST_CASE("a sparse param needs per-row norms", "[param]") {
  auto o = Make(2, 2, {1, 2, 3, 4}, /*sparse=*/true);
  o->param.sparse_grad.rows = {0};
  o->param.sparse_grad.values = {0.5f, 0.5f};
  CHECK(validate(o->param).is_ok());
  o->param.constraint.kind = ConstraintKind::kUnitNorm;
  o->param.constraint.per_row = false;
  const Status s = validate(o->param);
  CHECK(s.code() == StatusCode::kInvalidArgument);
  CHECK(s.message().find("per_row") != std::string::npos);
  // An elementwise constraint has no axis to worry about.
  o->param.constraint.kind = ConstraintKind::kNonNeg;
  CHECK(validate(o->param).is_ok());
}

TEST_CASE("a param without a value or with a mis-shaped gradient is invalid", "[param]") {
  Param p;
  CHECK(validate(p).code() == StatusCode::kInvalidArgument);
  auto o = Make(2, 2, {1, 2, 3, 4});
  CHECK(validate(o->param).is_ok());
  REQUIRE(RowMatrix::create(2, 3, &o->param.grad).is_ok());
  CHECK(validate(o->param).code() == StatusCode::kInvalidArgument);
}
