#pragma once
#include <cstddef>
#include <cstdint>

namespace embedwasm::kernels {

// table[ids[i]] += rows[i] for i in order, so duplicate ids sum deterministically.
// rows: (N, D) dense; table rows at table + id * stride. Ids must be validated.
inline void f32_scatter_add_rows__scalar(const float* rows, const int32_t* ids, size_t n,
                                         size_t d, float* table, size_t stride) {
  for (size_t i = 0; i < n; ++i) {
    const float* src = rows + i * d;
    float* dst = table + static_cast<size_t>(ids[i]) * stride;
    for (size_t j = 0; j < d; ++j) dst[j] += src[j];
  }
}

}  // namespace embedwasm::kernels
