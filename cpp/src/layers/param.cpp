#include "embedwasm/layers/param.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "embedwasm/core/thread_pool.h"
#include "kernels/kernels.h"

namespace embedwasm::layers {

namespace {

// Keras backend.epsilon(): the constraints divide by eps + norm, so a zero row stays zero.
constexpr float kNormEpsilon = 1e-7f;

std::string matrix_shape(size_t rows, size_t cols) {
  return "(" + std::to_string(rows) + ", " + std::to_string(cols) + ")";
}

// d|w|/dw as TensorFlow's Abs gradient takes it: sign(0) = 0.
float sign(float w) { return static_cast<float>((w > 0.0f) - (w < 0.0f)); }

void add_regularizer_gradient(const RegularizerSpec& reg, size_t d, const float* w, float* g) {
  if (reg.l2 != 0.0) kernels::f32_axpy(d, static_cast<float>(2.0 * reg.l2), w, g);
  if (reg.l1 != 0.0) {
    const float l1 = static_cast<float>(reg.l1);
    for (size_t j = 0; j < d; ++j) g[j] += l1 * sign(w[j]);
  }
}

// The factor a row (or column) is scaled by: Keras' desired / (eps + norm). Like Keras,
// it is applied to every row, so one already under max_value shrinks by
// norm / (norm + eps), a relative 1e-7 at norm 1.
float constraint_scale(const ConstraintSpec& c, float norm) {
  float desired = norm;
  switch (c.kind) {
    case ConstraintKind::kMaxNorm:
      desired = std::min(norm, static_cast<float>(c.max_value));
      break;
    case ConstraintKind::kUnitNorm:
      desired = 1.0f;
      break;
    case ConstraintKind::kMinMaxNorm: {
      const float clipped =
          std::min(std::max(norm, static_cast<float>(c.min_value)), static_cast<float>(c.max_value));
      desired = static_cast<float>(c.rate) * clipped + static_cast<float>(1.0 - c.rate) * norm;
      break;
    }
    default:
      return 1.0f;
  }
  return desired / (kNormEpsilon + norm);
}

void constrain_row(const ConstraintSpec& c, size_t d, float* w) {
  if (c.kind == ConstraintKind::kNonNeg) {
    for (size_t j = 0; j < d; ++j) w[j] = w[j] < 0.0f ? 0.0f : w[j];
    return;
  }
  kernels::f32_scale(d, constraint_scale(c, kernels::f32_lp_norm(d, w, 2.0f)), w, w);
}

// Keras axis = 0: one norm per column, i.e. per unit of a Dense kernel.
void constrain_columns(const ConstraintSpec& c, RowMatrix* value) {
  const size_t d = value->cols();
  if (c.kind == ConstraintKind::kNonNeg) {
    for (size_t r = 0; r < value->rows(); ++r) constrain_row(c, d, value->row(r));
    return;
  }
  std::vector<float> scale(d, 0.0f);
  for (size_t r = 0; r < value->rows(); ++r) {
    const float* w = value->row(r);
    for (size_t j = 0; j < d; ++j) scale[j] += w[j] * w[j];
  }
  for (size_t j = 0; j < d; ++j) scale[j] = constraint_scale(c, std::sqrt(scale[j]));
  for (size_t r = 0; r < value->rows(); ++r) {
    float* w = value->row(r);
    for (size_t j = 0; j < d; ++j) w[j] *= scale[j];
  }
}

}  // namespace

void clear_gradient(Param* param) {
  if (param->sparse) return;
  RowMatrix& g = param->grad;
  if (param->tracks_grad_rows && param->grad_rows.size() == g.rows()) {
    // The rows a batch wrote lie all over the table (about 18,000 of 100,000 for an
    // IMDB-sized batch of 65,536 ids): zeroing them on one thread took 3 ms of a 23 ms
    // dense step on two threads. Rows are zeroed by whichever task owns them.
    uint8_t* marks = param->grad_rows.data();
    parallel_for(g.rows(), row_grain(g.rows(), g.cols(), kMinTaskFloats), [&](size_t r0, size_t r1) {
      for (size_t r = r0; r < r1; ++r) {
        if (marks[r] == 0) continue;
        std::fill(g.row(r), g.row(r) + g.cols(), 0.0f);
        marks[r] = 0;
      }
    });
    return;
  }
  g.fill_zero();
  if (param->tracks_grad_rows) param->grad_rows.assign(g.rows(), 0);
}

void mark_gradient_rows(Param* param, const int32_t* rows, size_t n) {
  if (param->grad_rows.empty()) return;  // every row counts as written already
  for (size_t i = 0; i < n; ++i) param->grad_rows[static_cast<size_t>(rows[i])] = 1;
}

double regularization_penalty(const Param& param) {
  const RegularizerSpec& reg = param.regularizer;
  if (!reg.active() || param.value == nullptr) return 0.0;
  const RowMatrix& w = *param.value;
  // Summed in double: the penalty is added to a loss reported to the user, and a
  // float sum over a large table would lose the small rows' contributions.
  double abs_sum = 0.0, square_sum = 0.0;
  for (size_t r = 0; r < w.rows(); ++r) {
    const float* row = w.row(r);
    for (size_t j = 0; j < w.cols(); ++j) {
      const double x = row[j];
      abs_sum += std::fabs(x);
      square_sum += x * x;
    }
  }
  return reg.l1 * abs_sum + reg.l2 * square_sum;
}

double apply_regularizer(Param* param) {
  const RegularizerSpec& reg = param->regularizer;
  if (!reg.active() || param->value == nullptr) return 0.0;
  RowMatrix& w = *param->value;
  const size_t d = w.cols();
  if (param->sparse) {
    embedding::SparseRowGradient& g = param->sparse_grad;
    for (size_t k = 0; k < g.rows.size(); ++k) {
      add_regularizer_gradient(reg, d, w.row(static_cast<size_t>(g.rows[k])), g.row_values(k));
    }
  } else {
    for (size_t r = 0; r < w.rows(); ++r) add_regularizer_gradient(reg, d, w.row(r), param->grad.row(r));
    param->grad_rows.clear();  // every row is written
  }
  return regularization_penalty(*param);
}

void apply_constraint(Param* param) {
  const ConstraintSpec& c = param->constraint;
  if (c.kind == ConstraintKind::kNone || param->value == nullptr) return;
  RowMatrix& w = *param->value;
  if (param->sparse) {
    // Column norms would need untouched rows to move; validate() rejects that case.
    if (!c.per_row && c.kind != ConstraintKind::kNonNeg) return;
    for (int32_t r : param->sparse_grad.rows) constrain_row(c, w.cols(), w.row(static_cast<size_t>(r)));
    return;
  }
  if (!c.per_row) {
    constrain_columns(c, &w);
    return;
  }
  for (size_t r = 0; r < w.rows(); ++r) constrain_row(c, w.cols(), w.row(r));
}

const char* constraint_kind_name(ConstraintKind kind) {
  switch (kind) {
    case ConstraintKind::kNone: return "none";
    case ConstraintKind::kMaxNorm: return "maxNorm";
    case ConstraintKind::kUnitNorm: return "unitNorm";
    case ConstraintKind::kNonNeg: return "nonNeg";
    case ConstraintKind::kMinMaxNorm: return "minMaxNorm";
  }
  return "unknown";
}

const Schema<RegularizerSpec>& regularizer_schema() {
  static const Schema<RegularizerSpec> schema = [] {
    Schema<RegularizerSpec> s("regularizer");
    s.add("l1", &RegularizerSpec::l1).at_least(0);
    s.add("l2", &RegularizerSpec::l2).at_least(0);
    return s;
  }();
  return schema;
}

const Schema<ConstraintSpec>& constraint_schema() {
  static const Schema<ConstraintSpec> schema = [] {
    Schema<ConstraintSpec> s("constraint");
    s.add_enum("kind", &ConstraintSpec::kind,
               {ConstraintKind::kNone, ConstraintKind::kMaxNorm, ConstraintKind::kUnitNorm, ConstraintKind::kNonNeg,
                ConstraintKind::kMinMaxNorm},
               constraint_kind_name);
    s.add("max_value", &ConstraintSpec::max_value).at_least(0);
    s.add("min_value", &ConstraintSpec::min_value).at_least(0);
    s.add("rate", &ConstraintSpec::rate).at_least(0).at_most(1);
    return s;
  }();
  return schema;
}

Status validate(const RegularizerSpec& spec) { return regularizer_schema().validate(spec); }

Status validate(const ConstraintSpec& spec) {
  const int kind = static_cast<int>(spec.kind);
  if (kind < 0 || kind > static_cast<int>(ConstraintKind::kMinMaxNorm)) {
    return Status::invalid_argument("unknown constraint kind " + std::to_string(kind));
  }
  EMBEDWASM_RETURN_IF_ERROR(constraint_schema().validate(spec));
  if (spec.kind == ConstraintKind::kMinMaxNorm && spec.min_value > spec.max_value) {
    return Status::out_of_range("minMaxNorm needs " + option_name("min_value") + " <= " + option_name("max_value") +
                                ", got " + format_number(spec.min_value) + " > " + format_number(spec.max_value));
  }
  return Status::ok();
}

Status validate(const Param& param) {
  const std::string who = "param '" + param.name + "': ";
  if (param.value == nullptr) return Status::invalid_argument(who + "has no value");
  EMBEDWASM_RETURN_IF_ERROR(validate(param.regularizer).prefixed(who));
  EMBEDWASM_RETURN_IF_ERROR(validate(param.constraint).prefixed(who));
  const RowMatrix& w = *param.value;
  if (!param.sparse) {
    if (param.grad.rows() != w.rows() || param.grad.cols() != w.cols()) {
      return Status::invalid_argument(who + "gradient has shape " +
                                      matrix_shape(param.grad.rows(), param.grad.cols()) +
                                      " but the value has shape " + matrix_shape(w.rows(), w.cols()));
    }
    if (!param.grad_rows.empty() && param.grad_rows.size() != w.rows()) {
      return Status::invalid_argument(who + "gradient marks " + std::to_string(param.grad_rows.size()) +
                                      " rows but has " + std::to_string(w.rows()));
    }
    return Status::ok();
  }
  const ConstraintSpec& c = param.constraint;
  if (!c.per_row && c.kind != ConstraintKind::kNone && c.kind != ConstraintKind::kNonNeg) {
    return Status::invalid_argument(who + "a sparse param's constraint must be " + option_name("per_row") + ": a column "
                                          "norm would change rows the gradient did not touch");
  }
  const embedding::SparseRowGradient& g = param.sparse_grad;
  if (g.cols != w.cols()) {
    return Status::invalid_argument(who + "sparse gradient has " + std::to_string(g.cols) +
                                    " columns but the value has " + std::to_string(w.cols()));
  }
  if (g.values.size() != g.rows.size() * g.cols) {
    return Status::invalid_argument(who + "sparse gradient holds " + std::to_string(g.values.size()) +
                                    " values for " + std::to_string(g.rows.size()) + " rows of " +
                                    std::to_string(g.cols));
  }
  for (size_t k = 0; k < g.rows.size(); ++k) {
    const int32_t r = g.rows[k];
    if (r < 0 || static_cast<size_t>(r) >= w.rows()) {
      return Status::out_of_range(who + "sparse gradient row " + std::to_string(r) +
                                  " is outside the value's " + std::to_string(w.rows()) + " rows");
    }
    if (k > 0 && r <= g.rows[k - 1]) {
      return Status::invalid_argument(who + "sparse gradient rows must be sorted and unique, but " +
                                      std::to_string(r) + " follows " + std::to_string(g.rows[k - 1]));
    }
  }
  return Status::ok();
}

}  // namespace embedwasm::layers
