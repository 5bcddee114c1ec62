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

// The table's fields (inline), then mask_zero and input_length (>= 0, 0 means any).
const Schema<EmbeddingConfig>& embedding_schema();

class Embedding {
 public:
  using Config = EmbeddingConfig;
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
  // backward_sparse sums them (the same bits), go to take(row, values) as soon as they
  // are summed, and live in a D-float scratch until the next row. In the threads build
  // take is called from several threads at once for different rows: it must touch
  // nothing shared but its own row (the optimizers' RowSteps touch row r of the weights
  // and of their slots only).
  Status backward_sparse_rows(const int32_t* ids, const Shape& shape, const float* dy,
                              const GradientRowFn& take);
  // dy: S + (D). Adds the gradient of W into grad, which must be (V, D).
  Status backward_dense(const int32_t* ids, const Shape& shape, const float* dy, RowMatrix* grad);

  // The lookup followed by a mean over the steps (Keras' Embedding -> GlobalAveragePooling1D
  // without a mask) in one pass, without the (B, T, D) rows in between: ids (B, T) ->
  // out (B, D), summed in step order and then scaled by 1 / T, the bits the two layers
  // give. The backwards take dy (B, D) and give what the two layers' backwards give (each
  // step's gradient is dy / T). scale_grad_by_freq is refused (its scale would round
  // differently); padding rows are averaged in and get no gradient, as in the two layers.
  Status forward_mean(const int32_t* ids, const Shape& shape, float* out);
  Status backward_mean_sparse(const int32_t* ids, const Shape& shape, const float* dy, SparseRowGradient* grad);
  Status backward_mean_sparse_rows(const int32_t* ids, const Shape& shape, const float* dy,
                                   const GradientRowFn& take);
  Status backward_mean_dense(const int32_t* ids, const Shape& shape, const float* dy, RowMatrix* grad);

 private:
  // Position i's gradient row is dy + (i / steps) * D times scale.
  struct PositionRowsArg {
    const float* dy;
    size_t steps;
    float scale;
  };
  Status check_input(const int32_t* ids, const Shape& shape) const;
  Status check_mean_input(const int32_t* ids, const Shape& shape) const;
  Status sparse_from(const int32_t* ids, size_t n, const PositionRowsArg& src, SparseRowGradient* grad);
  Status rows_from(const int32_t* ids, size_t n, const PositionRowsArg& src, const GradientRowFn& take);

  EmbeddingConfig config_;
  EmbeddingTable table_;
};

}  // namespace embedwasm::embedding
