#pragma once
#include <cstddef>
#include <cstdint>

namespace embedwasm::kernels {

// The dot product of x with one product-quantized row (fastText's mulcode before its
// final scaling): sum over m, t of x[m * dsub + t] * c_m[t], with the row layout of
// u8_pq_add__scalar. Accumulated left to right in float, fastText's order, so the result
// is bit for bit fastText's.
inline float u8_pq_dot__scalar(size_t nsubq, size_t dsub, size_t last_dsub, const uint8_t* code,
                               const float* centroids, const float* x) {
  float acc = 0.0f;
  for (size_t m = 0; m < nsubq; ++m) {
    const size_t d = m + 1 == nsubq ? last_dsub : dsub;
    const float* c = centroids + m * 256 * dsub + static_cast<size_t>(code[m]) * d;
    const float* xm = x + m * dsub;
    for (size_t t = 0; t < d; ++t) acc += xm[t] * c[t];
  }
  return acc;
}

}  // namespace embedwasm::kernels
