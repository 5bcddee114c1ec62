#pragma once
#include <cstddef>
#include <cstdint>

namespace embedwasm::kernels {

// Decodes one product-quantized row and adds it, scaled, to x (fastText's addcode):
//   x[m * dsub + t] += alpha * c_m[t],  c_m = centroid code[m] of sub-quantizer m
// The row has nsubq sub-vectors: all but the last have dsub floats, the last has
// last_dsub (so D = (nsubq - 1) * dsub + last_dsub). Sub-quantizer m's 256 centroids
// are stored one after another from centroids + m * 256 * dsub, each as long as its
// sub-vector. Every element is one multiply and one add, as in fastText.
inline void u8_pq_add__scalar(size_t nsubq, size_t dsub, size_t last_dsub, const uint8_t* code,
                              const float* centroids, float alpha, float* x) {
  for (size_t m = 0; m < nsubq; ++m) {
    const size_t d = m + 1 == nsubq ? last_dsub : dsub;
    const float* c = centroids + m * 256 * dsub + static_cast<size_t>(code[m]) * d;
    float* xm = x + m * dsub;
    for (size_t t = 0; t < d; ++t) xm[t] += alpha * c[t];
  }
}

}  // namespace embedwasm::kernels
