#include "embedding/row_groups.h"

#include <algorithm>
#include <array>

namespace embedwasm::embedding {

namespace {

// Positions sorted by id with an LSD radix sort, 11 bits per pass: stable by construction
// (equal ids keep their input order) and O(n) per pass, two passes for ids below 2^22.
// std::stable_sort of the same 65,536 positions took most of a sparse backward.
void sort_by_id(const int32_t* ids, std::vector<uint32_t>* order) {
  constexpr int kBits = 11;
  constexpr uint32_t kMask = (1u << kBits) - 1;
  uint32_t max_id = 0;
  for (uint32_t p : *order) max_id = std::max(max_id, static_cast<uint32_t>(ids[p]));
  std::vector<uint32_t> sorted(order->size());
  for (int shift = 0; shift < 32 && (max_id >> shift) != 0; shift += kBits) {
    std::array<uint32_t, kMask + 2> next{};
    for (uint32_t p : *order) ++next[((static_cast<uint32_t>(ids[p]) >> shift) & kMask) + 1];
    for (size_t b = 1; b < next.size(); ++b) next[b] += next[b - 1];
    for (uint32_t p : *order) sorted[next[(static_cast<uint32_t>(ids[p]) >> shift) & kMask]++] = p;
    order->swap(sorted);
  }
}

}  // namespace

void group_rows(const int32_t* ids, size_t n, int32_t skip_row, RowGroups* out) {
  out->order.clear();
  out->order.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    if (ids[i] != skip_row) out->order.push_back(static_cast<uint32_t>(i));
  }
  sort_by_id(ids, &out->order);
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

}  // namespace embedwasm::embedding
