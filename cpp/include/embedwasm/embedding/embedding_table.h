#pragma once
// What Embedding and EmbeddingBag share: a (V, D) trainable table, how it is
// initialised, and the PyTorch options that act on its rows (padding_idx, max_norm).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "embedwasm/core/initializers.h"
#include "embedwasm/core/option_schema.h"
#include "embedwasm/core/row_matrix.h"
#include "embedwasm/core/shape.h"
#include "embedwasm/core/status.h"

namespace embedwasm::embedding {

struct EmbeddingTableConfig {
  int64_t input_dim = 0;   // V (Keras input_dim, PyTorch num_embeddings)
  int64_t output_dim = 0;  // D (Keras output_dim, PyTorch embedding_dim)
  InitializerSpec embeddings_initializer;  // Keras default: uniform [-0.05, 0.05]
  uint64_t seed = 0;
  // PyTorch: in [-V, V); negative values wrap to V + padding_idx. The padding row is
  // zeroed when the table is drawn from an initializer; given weights are kept as
  // given (as nn.Embedding.from_pretrained does). It never receives gradient.
  std::optional<int64_t> padding_idx;
  // PyTorch: rows looked up are renormalised in place to norm <= max_norm at lookup.
  std::optional<double> max_norm;
  double norm_type = 2.0;
  bool scale_grad_by_freq = false;  // scale each row's gradient by 1 / its count in the batch
  bool sparse = false;              // the optimizer gets a SparseRowGradient
};

// input_dim in [1, 2^31 - 1] (ids are int32), output_dim >= 1, max_norm in (0, inf),
// norm_type in (0, inf]; the initializer's fields sit in the record itself, its name under
// "initializer". padding_idx in [-V, V) is a rule between two fields, checked by create.
const Schema<EmbeddingTableConfig>& table_schema();

class EmbeddingTable {
 public:
  // initial_weights: dense (V, D) or nullptr to draw from the initializer (Keras
  // `weights`, Lasagne `W`). Validates every option first.
  static Status create(const EmbeddingTableConfig& config, const float* initial_weights,
                       EmbeddingTable* out);

  const EmbeddingTableConfig& config() const { return config_; }
  size_t vocab_size() const { return weights_.rows(); }  // V
  size_t dim() const { return weights_.cols(); }         // D
  int32_t padding_row() const { return padding_row_; }   // -1 when none
  RowMatrix& weights() { return weights_; }
  const RowMatrix& weights() const { return weights_; }

  // Every id in [0, V), else kOutOfRange naming the first bad id and its position.
  Status check_ids(const int32_t* ids, const Shape& shape) const;
  // max_norm: rescale the rows named by ids (already checked) as torch.embedding_renorm_.
  void renorm_rows(const int32_t* ids, size_t n);
  // Replaces the table with a dense (rows, cols) matrix, which must be (V, D).
  Status set_weights(const float* dense, size_t rows, size_t cols);

 private:
  EmbeddingTableConfig config_;
  RowMatrix weights_;
  int32_t padding_row_ = -1;
  std::vector<uint8_t> renorm_seen_;  // scratch: rows already renormalised this call
};

}  // namespace embedwasm::embedding
