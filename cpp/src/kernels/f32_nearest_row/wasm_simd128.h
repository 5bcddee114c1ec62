#pragma once
#include <wasm_simd128.h>

#include <cstddef>
#include <cstdint>

#include "kernels/f32_nearest_row/scalar.h"

namespace embedwasm::kernels {

// Same contract and the same results, bit for bit, as f32_nearest_row__scalar. The
// product quantizer's sub-vectors are short (fastText's default dsub is 2, norms 1), so
// lanes run over rows, not elements: four rows' distances at once, each still summed
// from +0 in element order, so every distance is the scalar twin's. Their comparison
// keeps the scalar order (first row wins ties) by scanning the four lanes in order.
inline uint32_t f32_nearest_row__wasmsimd(const float* rows, size_t k, size_t d, const float* x, float* distance) {
  if (d > 8 || k < 4) return f32_nearest_row__scalar(rows, k, d, x, distance);
  uint32_t best = 0;
  float best_distance = 0.0f;
  size_t r = 0;
  for (; r + 4 <= k; r += 4) {
    v128_t dist = wasm_f32x4_splat(0.0f);
    const float* c = rows + r * d;
    for (size_t j = 0; j < d; ++j) {
      const v128_t cj = wasm_f32x4_make(c[j], c[d + j], c[2 * d + j], c[3 * d + j]);
      const v128_t diff = wasm_f32x4_sub(wasm_f32x4_splat(x[j]), cj);
      dist = wasm_f32x4_add(dist, wasm_f32x4_mul(diff, diff));
    }
    const float lanes[4] = {wasm_f32x4_extract_lane(dist, 0), wasm_f32x4_extract_lane(dist, 1),
                            wasm_f32x4_extract_lane(dist, 2), wasm_f32x4_extract_lane(dist, 3)};
    for (size_t l = 0; l < 4; ++l) {
      if ((r == 0 && l == 0) || lanes[l] < best_distance) {
        best = static_cast<uint32_t>(r + l);
        best_distance = lanes[l];
      }
    }
  }
  if (r < k) {
    float tail = 0.0f;
    const uint32_t t = f32_nearest_row__scalar(rows + r * d, k - r, d, x, &tail);
    if (tail < best_distance) {
      best = static_cast<uint32_t>(r) + t;
      best_distance = tail;
    }
  }
  if (distance != nullptr) *distance = best_distance;
  return best;
}

}  // namespace embedwasm::kernels
