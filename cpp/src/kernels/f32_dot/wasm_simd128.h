#pragma once
#include <wasm_simd128.h>

#include <cstddef>

namespace embedwasm::kernels {

// Same contract as f32_dot__scalar, but summed in 8 interleaved partial sums, so it
// differs from the scalar twin by rounding only (bounded by n * eps * sum |x y|).
inline float f32_dot__wasmsimd(size_t n, const float* x, const float* y) {
  v128_t acc0 = wasm_f32x4_splat(0.0f), acc1 = wasm_f32x4_splat(0.0f);
  size_t j = 0;
  for (; j + 8 <= n; j += 8) {
    acc0 = wasm_f32x4_add(acc0, wasm_f32x4_mul(wasm_v128_load(x + j), wasm_v128_load(y + j)));
    acc1 = wasm_f32x4_add(acc1, wasm_f32x4_mul(wasm_v128_load(x + j + 4), wasm_v128_load(y + j + 4)));
  }
  for (; j + 4 <= n; j += 4) {
    acc0 = wasm_f32x4_add(acc0, wasm_f32x4_mul(wasm_v128_load(x + j), wasm_v128_load(y + j)));
  }
  v128_t acc = wasm_f32x4_add(acc0, acc1);
  float sum = (wasm_f32x4_extract_lane(acc, 0) + wasm_f32x4_extract_lane(acc, 1)) +
              (wasm_f32x4_extract_lane(acc, 2) + wasm_f32x4_extract_lane(acc, 3));
  for (; j < n; ++j) sum += x[j] * y[j];
  return sum;
}

}  // namespace embedwasm::kernels
