#pragma once
#include <wasm_simd128.h>

#include <cstddef>
#include <cstdint>

#include "kernels/u8_pq_add/scalar.h"

namespace embedwasm::kernels {

// Same contract as u8_pq_add__scalar and bit-identical to it (the same multiply and add
// per element). fastText quantizes with dsub = 2 by default: two sub-vectors are then
// gathered into one v128 (two 64-bit lane loads); dsub a multiple of 4 loads each
// centroid as v128s; any other dsub, and the last sub-vector when it is shorter, go
// through the scalar loop.
inline void u8_pq_add__wasmsimd(size_t nsubq, size_t dsub, size_t last_dsub, const uint8_t* code,
                                const float* centroids, float alpha, float* x) {
  const v128_t a = wasm_f32x4_splat(alpha);
  // Sub-vectors handled here: all full ones when the last has dsub floats too.
  const size_t full = last_dsub == dsub ? nsubq : nsubq - 1;
  size_t m = 0;
  if (dsub == 2) {
    for (; m + 2 <= full; m += 2) {
      const float* c0 = centroids + m * 512 + static_cast<size_t>(code[m]) * 2;
      const float* c1 = centroids + (m + 1) * 512 + static_cast<size_t>(code[m + 1]) * 2;
      const v128_t c = wasm_v128_load64_lane(c1, wasm_v128_load64_zero(c0), 1);
      float* xm = x + m * 2;
      wasm_v128_store(xm, wasm_f32x4_add(wasm_v128_load(xm), wasm_f32x4_mul(a, c)));
    }
  } else if (dsub % 4 == 0) {
    for (; m < full; ++m) {
      const float* c = centroids + m * 256 * dsub + static_cast<size_t>(code[m]) * dsub;
      float* xm = x + m * dsub;
      for (size_t t = 0; t < dsub; t += 4) {
        wasm_v128_store(xm + t, wasm_f32x4_add(wasm_v128_load(xm + t), wasm_f32x4_mul(a, wasm_v128_load(c + t))));
      }
    }
  }
  if (m < nsubq) {
    // The rest is the scalar kernel on the remaining sub-quantizers.
    u8_pq_add__scalar(nsubq - m, dsub, last_dsub, code + m, centroids + m * 256 * dsub, alpha, x + m * dsub);
  }
}

}  // namespace embedwasm::kernels
