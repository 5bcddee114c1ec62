#pragma once
#include <cstddef>
#include <cstdint>

namespace embedwasm::kernels {

// out: (N, D) dense <- table rows ids[0..N) (row r at table + r * stride).
// Ids must already be validated; kernels never check.
inline void f32_gather_rows__scalar(const float* table, size_t stride, const int32_t* ids,
                                    size_t n, size_t d, float* out) {
  for (size_t i = 0; i < n; ++i) {
    const float* src = table + static_cast<size_t>(ids[i]) * stride;
    float* dst = out + i * d;
    for (size_t j = 0; j < d; ++j) dst[j] = src[j];
  }
}

}  // namespace embedwasm::kernels
