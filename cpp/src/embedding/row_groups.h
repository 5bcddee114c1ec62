#pragma once
// Groups the positions of a batch of ids by the row they name: the shared first step
// of every sparse backward and of scale_grad_by_freq. Sorting is stable, so within a
// row the positions stay in input order and sums over them are deterministic.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace embedwasm::embedding {

struct RowGroups {
  std::vector<int32_t> rows;       // (U,) sorted unique ids
  std::vector<uint32_t> starts;    // (U + 1,) group k is order[starts[k] .. starts[k+1])
  std::vector<uint32_t> order;     // positions sorted by (id, position)

  size_t count(size_t k) const { return starts[k + 1] - starts[k]; }
};

// skip_row >= 0 leaves that row out (the padding row). Ids must be validated (>= 0).
void group_rows(const int32_t* ids, size_t n, int32_t skip_row, RowGroups* out);

}  // namespace embedwasm::embedding
