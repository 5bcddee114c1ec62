#pragma once
#include <wasm_simd128.h>

#include <cstddef>
#include <cstdint>

namespace embedwasm::kernels {

// Same contract as f32_axpy_rows__scalar, bit-identical to it: each lane adds the same
// products in the same order, and WASM SIMD has no fused multiply-add to round them
// differently. y is summed 16 columns at a time in 4 registers across all ids, so it is
// read and written once per column block rather than once per id.
inline void f32_axpy_rows__wasmsimd(const float* table, size_t stride, const int32_t* ids, size_t n, size_t d,
                                    float a, float* y) {
  const v128_t va = wasm_f32x4_splat(a);
  size_t j = 0;
  for (; j + 16 <= d; j += 16) {
    v128_t y0 = wasm_v128_load(y + j), y1 = wasm_v128_load(y + j + 4);
    v128_t y2 = wasm_v128_load(y + j + 8), y3 = wasm_v128_load(y + j + 12);
    for (size_t i = 0; i < n; ++i) {
      const float* x = table + static_cast<size_t>(ids[i]) * stride + j;
      y0 = wasm_f32x4_add(y0, wasm_f32x4_mul(va, wasm_v128_load(x)));
      y1 = wasm_f32x4_add(y1, wasm_f32x4_mul(va, wasm_v128_load(x + 4)));
      y2 = wasm_f32x4_add(y2, wasm_f32x4_mul(va, wasm_v128_load(x + 8)));
      y3 = wasm_f32x4_add(y3, wasm_f32x4_mul(va, wasm_v128_load(x + 12)));
    }
    wasm_v128_store(y + j, y0);
    wasm_v128_store(y + j + 4, y1);
    wasm_v128_store(y + j + 8, y2);
    wasm_v128_store(y + j + 12, y3);
  }
  for (; j + 4 <= d; j += 4) {
    v128_t acc = wasm_v128_load(y + j);
    for (size_t i = 0; i < n; ++i) {
      acc = wasm_f32x4_add(acc, wasm_f32x4_mul(va, wasm_v128_load(table + static_cast<size_t>(ids[i]) * stride + j)));
    }
    wasm_v128_store(y + j, acc);
  }
  for (; j < d; ++j) {
    float s = y[j];
    for (size_t i = 0; i < n; ++i) s += a * table[static_cast<size_t>(ids[i]) * stride + j];
    y[j] = s;
  }
}

}  // namespace embedwasm::kernels
