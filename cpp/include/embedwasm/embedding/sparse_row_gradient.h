#pragma once
// The gradient of a (V, D) table as only the rows a batch touched: PyTorch's
// sparse=True gradient, coalesced. Rows are sorted and unique, and each row's values
// are summed in the order the ids appeared, so the result is deterministic.
#include <cstddef>
#include <cstdint>
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

}  // namespace embedwasm::embedding
