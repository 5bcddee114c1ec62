#pragma once
#include <wasm_simd128.h>

#include <cstddef>
#include <cstdint>

namespace embedwasm::kernels {

// Same contract as u8_pq_dot__scalar, but summed in 4 lanes: lane l takes the products
// of columns 4i + l over the sub-vectors gathered as in u8_pq_add__wasmsimd, then
// (l0 + l1) + (l2 + l3), then the remaining products in order. So it differs from the
// scalar twin by rounding only (bounded by D * eps * sum |x c|).
inline float u8_pq_dot__wasmsimd(size_t nsubq, size_t dsub, size_t last_dsub, const uint8_t* code,
                                 const float* centroids, const float* x) {
  v128_t acc = wasm_f32x4_splat(0.0f);
  const size_t full = last_dsub == dsub ? nsubq : nsubq - 1;
  size_t m = 0;
  if (dsub == 2) {
    for (; m + 2 <= full; m += 2) {
      const float* c0 = centroids + m * 512 + static_cast<size_t>(code[m]) * 2;
      const float* c1 = centroids + (m + 1) * 512 + static_cast<size_t>(code[m + 1]) * 2;
      const v128_t c = wasm_v128_load64_lane(c1, wasm_v128_load64_zero(c0), 1);
      acc = wasm_f32x4_add(acc, wasm_f32x4_mul(wasm_v128_load(x + m * 2), c));
    }
  } else if (dsub % 4 == 0) {
    for (; m < full; ++m) {
      const float* c = centroids + m * 256 * dsub + static_cast<size_t>(code[m]) * dsub;
      const float* xm = x + m * dsub;
      for (size_t t = 0; t < dsub; t += 4) {
        acc = wasm_f32x4_add(acc, wasm_f32x4_mul(wasm_v128_load(xm + t), wasm_v128_load(c + t)));
      }
    }
  }
  float sum = (wasm_f32x4_extract_lane(acc, 0) + wasm_f32x4_extract_lane(acc, 1)) +
              (wasm_f32x4_extract_lane(acc, 2) + wasm_f32x4_extract_lane(acc, 3));
  for (; m < nsubq; ++m) {
    const size_t d = m + 1 == nsubq ? last_dsub : dsub;
    const float* c = centroids + m * 256 * dsub + static_cast<size_t>(code[m]) * d;
    const float* xm = x + m * dsub;
    for (size_t t = 0; t < d; ++t) sum += xm[t] * c[t];
  }
  return sum;
}

}  // namespace embedwasm::kernels
