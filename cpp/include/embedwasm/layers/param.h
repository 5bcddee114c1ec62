#pragma once
// A trainable weight as the optimizer sees it: its value (owned by the layer), its
// gradient, and the regularizer and constraint attached to it. Every weight is a
// RowMatrix (a bias is 1 × units) so optimizers have one layout to update.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "embedwasm/core/option_schema.h"
#include "embedwasm/core/row_matrix.h"
#include "embedwasm/embedding/sparse_row_gradient.h"
#include "embedwasm/core/status.h"

namespace embedwasm::layers {

struct RegularizerSpec {
  double l1 = 0.0;  // Keras l1(l1): l1 * sum |w|
  double l2 = 0.0;  // Keras l2(l2): l2 * sum w^2 (no 1/2, as Keras)
  bool active() const { return l1 != 0.0 || l2 != 0.0; }
};

enum class ConstraintKind { kNone, kMaxNorm, kUnitNorm, kNonNeg, kMinMaxNorm };
// "none", "maxNorm", "unitNorm", "nonNeg", "minMaxNorm": tfjs' names, as records hold them.
const char* constraint_kind_name(ConstraintKind kind);

struct ConstraintSpec {
  ConstraintKind kind = ConstraintKind::kNone;
  double max_value = 2.0;  // maxNorm, minMaxNorm (Keras defaults)
  double min_value = 0.0;  // minMaxNorm
  double rate = 1.0;       // minMaxNorm
  // Norms are taken over each row (each embedding vector) when true, over each column
  // (Keras axis = 0: each unit's incoming weights of a Dense kernel) when false.
  bool per_row = true;
};

struct Param {
  std::string name;            // "embeddings", "kernel", "bias"
  RowMatrix* value = nullptr;  // owned by the layer
  // Sparse parameters (an Embedding with sparse: true) get their gradient as touched
  // rows and are updated only there; all others get a dense gradient.
  bool sparse = false;
  RowMatrix grad;                   // dense gradient, same shape as value (when !sparse)
  // The rows of a dense gradient that can be nonzero, for a param whose layer knows them:
  // a table's gradient is nonzero only on the rows its batch looked up. A step then zeros
  // and reads only those rows; zeroing a 100,000 x 128 gradient and reading it back in
  // the optimizer took about a quarter of a dense Adam step. With tracks_grad_rows, the
  // layer marks every row it writes (mark_gradient_rows) and grad_rows[r] != 0 marks row
  // r, every unmarked row holding zeros; grad_rows is empty when any row may be nonzero
  // (after a write to every row, such as a regularizer's, until the next clear).
  bool tracks_grad_rows = false;
  std::vector<uint8_t> grad_rows;
  embedding::SparseRowGradient sparse_grad;    // (when sparse)
  RegularizerSpec regularizer;
  ConstraintSpec constraint;
};

// l1, l2: finite, >= 0.
const Schema<RegularizerSpec>& regularizer_schema();
// kind; max_value, min_value finite >= 0; rate in [0, 1]; and min_value <= max_value for
// minMaxNorm (validate). per_row is where the layer puts the constraint, not an option.
const Schema<ConstraintSpec>& constraint_schema();

// Zeros a dense gradient before a step: only its marked rows when it tracks them.
void clear_gradient(Param* param);
// Marks rows[0..n) of a dense gradient as written (rows are checked ids).
void mark_gradient_rows(Param* param, const int32_t* rows, size_t n);
// Row r of the dense gradient as the optimizer reads it: `zeros` (a row of zeros) for a
// row that is not marked, so the zeros need not be read from the gradient.
inline const float* gradient_row(const Param& param, size_t r, const float* zeros) {
  return param.grad_rows.empty() || param.grad_rows[r] != 0 ? param.grad.row(r) : zeros;
}

// Adds the regularizer's gradient to param's gradient (only on the touched rows of a
// sparse param) and returns its penalty (over the whole value, as Keras reports it).
double apply_regularizer(Param* param);
// The penalty alone (for evaluate), without touching any gradient.
double regularization_penalty(const Param& param);
// Projects the value onto the constraint (only the touched rows of a sparse param).
void apply_constraint(Param* param);
Status validate(const RegularizerSpec& spec);
Status validate(const ConstraintSpec& spec);
// A param as an optimizer step needs it: a value, a gradient of its shape (a sparse
// one with sorted unique rows inside the value), valid specs, and per-row norms when
// sparse (a column norm would mix touched and untouched rows).
Status validate(const Param& param);

}  // namespace embedwasm::layers
