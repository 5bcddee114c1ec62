#pragma once
#include <wasm_simd128.h>

#include <cstddef>
#include <cstdint>

namespace embedwasm::kernels {

// Same contract as f32_sum_rows__scalar, bit-identical to it: each lane adds the same
// rows in the same order. Rows of up to 16 floats (lid.176 has 16) stay in 4 registers
// across all ids; wider rows are summed 16 columns at a time, so out is read and written
// once per column block rather than once per id.
inline void f32_sum_rows__wasmsimd(const float* table, size_t stride, const int32_t* ids, size_t n, size_t d,
                                   float* out) {
  size_t j = 0;
  for (; j + 16 <= d; j += 16) {
    v128_t a0 = wasm_f32x4_splat(0.0f), a1 = a0, a2 = a0, a3 = a0;
    for (size_t i = 0; i < n; ++i) {
      const float* row = table + static_cast<size_t>(ids[i]) * stride + j;
      a0 = wasm_f32x4_add(a0, wasm_v128_load(row));
      a1 = wasm_f32x4_add(a1, wasm_v128_load(row + 4));
      a2 = wasm_f32x4_add(a2, wasm_v128_load(row + 8));
      a3 = wasm_f32x4_add(a3, wasm_v128_load(row + 12));
    }
    wasm_v128_store(out + j, a0);
    wasm_v128_store(out + j + 4, a1);
    wasm_v128_store(out + j + 8, a2);
    wasm_v128_store(out + j + 12, a3);
  }
  for (; j + 4 <= d; j += 4) {
    v128_t a = wasm_f32x4_splat(0.0f);
    for (size_t i = 0; i < n; ++i) a = wasm_f32x4_add(a, wasm_v128_load(table + static_cast<size_t>(ids[i]) * stride + j));
    wasm_v128_store(out + j, a);
  }
  for (; j < d; ++j) {
    float s = 0.0f;
    for (size_t i = 0; i < n; ++i) s += table[static_cast<size_t>(ids[i]) * stride + j];
    out[j] = s;
  }
}

}  // namespace embedwasm::kernels
