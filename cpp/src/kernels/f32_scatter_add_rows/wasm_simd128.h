#pragma once
#include <wasm_simd128.h>

#include <cstddef>
#include <cstdint>

namespace embedwasm::kernels {

// Same contract as f32_scatter_add_rows__scalar; each lane adds in the same order as
// the scalar twin, so results are bit-identical to it.
inline void f32_scatter_add_rows__wasmsimd(const float* rows, const int32_t* ids, size_t n,
                                           size_t d, float* table, size_t stride) {
  for (size_t i = 0; i < n; ++i) {
    const float* src = rows + i * d;
    float* dst = table + static_cast<size_t>(ids[i]) * stride;
    size_t j = 0;
    for (; j + 8 <= d; j += 8) {
      v128_t a0 = wasm_f32x4_add(wasm_v128_load(dst + j), wasm_v128_load(src + j));
      v128_t a1 = wasm_f32x4_add(wasm_v128_load(dst + j + 4), wasm_v128_load(src + j + 4));
      wasm_v128_store(dst + j, a0);
      wasm_v128_store(dst + j + 4, a1);
    }
    for (; j + 4 <= d; j += 4) {
      wasm_v128_store(dst + j, wasm_f32x4_add(wasm_v128_load(dst + j), wasm_v128_load(src + j)));
    }
    for (; j < d; ++j) dst[j] += src[j];
  }
}

}  // namespace embedwasm::kernels
