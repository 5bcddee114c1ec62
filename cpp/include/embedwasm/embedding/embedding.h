#pragma once
// The Embedding layer: ids of any shape S -> rows of W, shape S + (D). It is
// one-hot(ids) · W computed as a row gather. Keras options (mask_zero, input_length)
// sit here; the table and the PyTorch row options sit in EmbeddingTable.
#include <cstddef>
#include <cstdint>

#include "embedwasm/embedding/embedding_table.h"
#include "embedwasm/core/shape.h"
#include "embedwasm/embedding/sparse_row_gradient.h"
#include "embedwasm/core/status.h"

namespace embedwasm::embedding {

struct EmbeddingConfig {
  EmbeddingTableConfig table;
  bool mask_zero = false;    // Keras: compute_mask(ids) = ids != 0
  int64_t input_length = 0;  // Keras: when > 0, the last axis of ids must have this length
};

class Embedding {
 public:
  static Status create(const EmbeddingConfig& config, const float* initial_weights, Embedding* out);

  const EmbeddingConfig& config() const { return config_; }
  EmbeddingTable& table() { return table_; }
  const EmbeddingTable& table() const { return table_; }
  size_t vocab_size() const { return table_.vocab_size(); }
  size_t dim() const { return table_.dim(); }

  // out: S + (D) dense. Checks shape and every id before writing anything; with
  // max_norm it renormalises the looked-up rows of W in place first (PyTorch).
  Status forward(const int32_t* ids, const Shape& shape, float* out);
  // mask: S, 1 where id != 0. kInvalidArgument unless mask_zero.
  Status compute_mask(const int32_t* ids, const Shape& shape, uint8_t* mask) const;
  // dy: S + (D). Gradient of W as touched rows (padding row left out).
  Status backward_sparse(const int32_t* ids, const Shape& shape, const float* dy,
                         SparseRowGradient* grad);
  // backward_sparse without the gradient buffer: each row's values, summed exactly as
  // backward_sparse sums them (the same bits), go to take(row, values) in row order as
  // soon as they are summed, and live in a D-float scratch until the next row.
  Status backward_sparse_rows(const int32_t* ids, const Shape& shape, const float* dy,
                              const GradientRowFn& take);
  // dy: S + (D). Adds the gradient of W into grad, which must be (V, D).
  Status backward_dense(const int32_t* ids, const Shape& shape, const float* dy, RowMatrix* grad);

 private:
  Status check_input(const int32_t* ids, const Shape& shape) const;

  EmbeddingConfig config_;
  EmbeddingTable table_;
};

}  // namespace embedwasm::embedding
