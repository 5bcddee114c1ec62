#pragma once
// The gradient of a (V, D) table as only the rows a batch touched: PyTorch's
// sparse=True gradient, coalesced. Rows are sorted and unique, and each row's values
// are summed in the order the ids appeared, so the result is deterministic.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <type_traits>
#include <vector>

#include "embedwasm/core/row_matrix.h"
#include "embedwasm/core/status.h"

namespace embedwasm::embedding {

struct SparseRowGradient {
  size_t cols = 0;                // D
  std::vector<int32_t> rows;      // (U,) sorted unique row ids
  std::vector<float> values;      // (U, D) dense

  float* row_values(size_t k) { return values.data() + k * cols; }
  const float* row_values(size_t k) const { return values.data() + k * cols; }

  // dense[rows[k]] += values[k]; dense must be (V, D) with every row id < V.
  Status add_to(RowMatrix* dense) const;
};
// Takes one coalesced gradient row: row id, then its D values, valid during the call only.
// The fused sparse step hands each row straight to the optimizer with this instead of
// writing a SparseRowGradient.
using GradientRowFn = std::function<void(size_t row, const float* grad)>;

// JS copies both arrays straight from the heap (web/lib/layers/table_layer.js, the sparse
// gradient of Embedding and EmbeddingBag): rows as an Int32Array, values as a
// Float32Array of U * D, so the element types are part of the contract.
static_assert(std::is_same_v<decltype(SparseRowGradient::rows)::value_type, int32_t>,
              "JS reads SparseRowGradient::rows as int32");
static_assert(std::is_same_v<decltype(SparseRowGradient::values)::value_type, float> && sizeof(float) == 4,
              "JS reads SparseRowGradient::values as float32");

}  // namespace embedwasm::embedding
