#pragma once
#include <wasm_simd128.h>

#include <cstddef>

namespace embedwasm::kernels {

// Same contract as f32_axpy__scalar. WASM SIMD has no fused multiply-add, so each
// lane rounds exactly as the scalar twin does (as long as the compiler does not
// contract the scalar loop, which clang does not do for wasm).
inline void f32_axpy__wasmsimd(size_t n, float a, const float* x, float* y) {
  const v128_t va = wasm_f32x4_splat(a);
  size_t j = 0;
  for (; j + 8 <= n; j += 8) {
    v128_t y0 = wasm_f32x4_add(wasm_v128_load(y + j), wasm_f32x4_mul(va, wasm_v128_load(x + j)));
    v128_t y1 = wasm_f32x4_add(wasm_v128_load(y + j + 4), wasm_f32x4_mul(va, wasm_v128_load(x + j + 4)));
    wasm_v128_store(y + j, y0);
    wasm_v128_store(y + j + 4, y1);
  }
  for (; j + 4 <= n; j += 4) {
    wasm_v128_store(y + j, wasm_f32x4_add(wasm_v128_load(y + j), wasm_f32x4_mul(va, wasm_v128_load(x + j))));
  }
  for (; j < n; ++j) y[j] += a * x[j];
}

}  // namespace embedwasm::kernels
