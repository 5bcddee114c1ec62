#pragma once
// The EmbeddingBag layer (PyTorch nn.EmbeddingBag): bags of ids -> one reduced row per
// bag, out (B, D). It is counts(bags, ids) · W for sum and mean, computed without ever
// materialising the (B, D) intermediate of every id. The table, padding_idx, max_norm
// and scale_grad_by_freq live in EmbeddingTable, shared with Embedding.
//
// Bags come in PyTorch's two forms:
//   1-D ids (N,) + offsets (CSR starts). offsets[0] == 0, non-decreasing, each <= N.
//     include_last_offset = false: B = num_offsets, bag b = [offsets[b], offsets[b+1]),
//       the last bag ending at N.
//     include_last_offset = true:  B = num_offsets - 1 and offsets[B] must equal N.
//   2-D ids (B, L), no offsets: B bags of L ids. include_last_offset does not apply
//     (PyTorch issue 167974: a 2-D input is always B bags).
// Ids equal to padding_idx are left out of every reduction and of the mean's count; a
// bag with nothing left (empty, or only padding) gives a row of zeros in every mode.
#include <cstddef>
#include <cstdint>
#include <string>

#include "embedwasm/embedding/embedding_table.h"
#include "embedwasm/core/row_matrix.h"
#include "embedwasm/core/shape.h"
#include "embedwasm/embedding/sparse_row_gradient.h"
#include "embedwasm/core/status.h"

namespace embedwasm::embedding {

enum class EmbeddingBagMode : int { kSum = 0, kMean = 1, kMax = 2 };

// "sum" / "mean" / "max", the names PyTorch and the JS layer use.
const char* embedding_bag_mode_name(EmbeddingBagMode mode);
// The inverse; any other name is kInvalidArgument listing the valid ones.
Status parse_embedding_bag_mode(const std::string& name, EmbeddingBagMode* mode);

struct EmbeddingBagConfig {
  EmbeddingTableConfig table;
  EmbeddingBagMode mode = EmbeddingBagMode::kMean;  // PyTorch's default
  bool include_last_offset = false;
};

// The table's fields (inline), then mode and include_last_offset.
const Schema<EmbeddingBagConfig>& embedding_bag_schema();

// One call's bags. Nothing is owned; every pointer must outlive the call.
struct BagInput {
  const int32_t* ids = nullptr;  // (N,) or (B, L)
  Shape ids_shape;
  // nullptr means "no offsets" (the 2-D form). A present but empty offsets array must
  // still be a non-null pointer with num_offsets = 0: it is the 1-D form with no bags.
  const int32_t* offsets = nullptr;
  size_t num_offsets = 0;
  // nullptr, or N floats laid out like ids (the binding checks the length). mode sum only.
  const float* per_sample_weights = nullptr;
};

class EmbeddingBag {
 public:
  using Config = EmbeddingBagConfig;
  // initial_weights: dense (V, D) or nullptr to draw from the initializer.
  // scale_grad_by_freq with mode max is kInvalidArgument, as in PyTorch.
  static Status create(const EmbeddingBagConfig& config, const float* initial_weights,
                       EmbeddingBag* out);

  const EmbeddingBagConfig& config() const { return config_; }
  EmbeddingTable& table() { return table_; }
  const EmbeddingTable& table() const { return table_; }
  size_t vocab_size() const { return table_.vocab_size(); }  // V
  size_t dim() const { return table_.dim(); }                // D

  // B, so the caller can size out (B, D) before forward. Checks the bag structure and
  // offsets but not the ids (forward checks those).
  Status output_rows(const BagInput& input, size_t* bags) const;

  // Every call below checks the bag structure, the offsets, per_sample_weights and every
  // id before it writes anything (or renormalises), so a failed call leaves the table
  // and the output buffers as they were.

  // out: (B, D) dense. With max_norm it first renormalises the rows of W that the ids
  // name, in place (PyTorch does so for EmbeddingBag too, padding id included).
  Status forward(const BagInput& input, float* out);
  // dy: (B, D). Gradient of W as the touched rows, sorted, padding row left out; each
  // row's values are summed in input order, so the bits equal backward_dense's on a
  // zeroed buffer. max mode sends dy[b][j] to the row that is the arg-max of dim j in
  // bag b under the current W (ties: first occurrence), as the forward picked it.
  Status backward_sparse(const BagInput& input, const float* dy, SparseRowGradient* grad);
  // dy: (B, D). Adds the gradient of W into grad, which must be (V, D).
  Status backward_dense(const BagInput& input, const float* dy, RowMatrix* grad);
  // dy: (B, D); grad_psw: N, laid out like ids. grad_psw[i] = W[ids[i]] · dy[bag(i)],
  // 0 where ids[i] is padding. mode sum only. It does not read per_sample_weights (the
  // gradient does not depend on them), so they may be absent.
  Status backward_per_sample_weights(const BagInput& input, const float* dy, float* grad_psw) const;

 private:
  EmbeddingBagConfig config_;
  EmbeddingTable table_;
};

}  // namespace embedwasm::embedding
