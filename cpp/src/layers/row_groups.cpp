#include "layers/row_groups.h"

#include <algorithm>

namespace embedwasm {

void group_rows(const int32_t* ids, size_t n, int32_t skip_row, RowGroups* out) {
  out->order.clear();
  out->order.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    if (ids[i] != skip_row) out->order.push_back(static_cast<uint32_t>(i));
  }
  std::stable_sort(out->order.begin(), out->order.end(),
                   [ids](uint32_t a, uint32_t b) { return ids[a] < ids[b]; });
  out->rows.clear();
  out->starts.clear();
  for (size_t k = 0; k < out->order.size(); ++k) {
    const int32_t id = ids[out->order[k]];
    if (out->rows.empty() || out->rows.back() != id) {
      out->rows.push_back(id);
      out->starts.push_back(static_cast<uint32_t>(k));
    }
  }
  out->starts.push_back(static_cast<uint32_t>(out->order.size()));
}

}  // namespace embedwasm
