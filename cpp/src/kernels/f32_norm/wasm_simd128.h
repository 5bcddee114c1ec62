#pragma once
#include <wasm_simd128.h>

#include <cmath>
#include <cstddef>

#include "kernels/f32_norm/scalar.h"

namespace embedwasm::kernels {

namespace detail {
inline float f32x4_horizontal_sum(v128_t v) {
  return (wasm_f32x4_extract_lane(v, 0) + wasm_f32x4_extract_lane(v, 1)) +
         (wasm_f32x4_extract_lane(v, 2) + wasm_f32x4_extract_lane(v, 3));
}
}  // namespace detail

// Same contract as f32_l2_norm__scalar; partial sums differ from it by rounding only.
inline float f32_l2_norm__wasmsimd(size_t n, const float* x) {
  v128_t acc0 = wasm_f32x4_splat(0.0f), acc1 = wasm_f32x4_splat(0.0f);
  size_t j = 0;
  for (; j + 8 <= n; j += 8) {
    v128_t a = wasm_v128_load(x + j), b = wasm_v128_load(x + j + 4);
    acc0 = wasm_f32x4_add(acc0, wasm_f32x4_mul(a, a));
    acc1 = wasm_f32x4_add(acc1, wasm_f32x4_mul(b, b));
  }
  for (; j + 4 <= n; j += 4) {
    v128_t a = wasm_v128_load(x + j);
    acc0 = wasm_f32x4_add(acc0, wasm_f32x4_mul(a, a));
  }
  float sum = detail::f32x4_horizontal_sum(wasm_f32x4_add(acc0, acc1));
  for (; j < n; ++j) sum += x[j] * x[j];
  return std::sqrt(sum);
}

// Same contract as f32_lp_norm__scalar. p = 1, 2 and inf are vectorised; other p need
// a pow per element, which WASM SIMD lacks, so they share the scalar loop.
inline float f32_lp_norm__wasmsimd(size_t n, const float* x, float p) {
  if (p == 2.0f) return f32_l2_norm__wasmsimd(n, x);
  const bool is_max = std::isinf(p);
  if (!is_max && p != 1.0f) return f32_lp_norm__scalar(n, x, p);
  v128_t acc = wasm_f32x4_splat(0.0f);
  size_t j = 0;
  for (; j + 4 <= n; j += 4) {
    v128_t a = wasm_f32x4_abs(wasm_v128_load(x + j));
    // f32x4.max (not pmax) propagates NaN like the scalar twin.
    acc = is_max ? wasm_f32x4_max(acc, a) : wasm_f32x4_add(acc, a);
  }
  float result;
  if (is_max) {
    result = f32_max_keep_nan(f32_max_keep_nan(wasm_f32x4_extract_lane(acc, 0), wasm_f32x4_extract_lane(acc, 1)),
                              f32_max_keep_nan(wasm_f32x4_extract_lane(acc, 2), wasm_f32x4_extract_lane(acc, 3)));
    for (; j < n; ++j) result = f32_max_keep_nan(result, std::fabs(x[j]));
  } else {
    result = detail::f32x4_horizontal_sum(acc);
    for (; j < n; ++j) result += std::fabs(x[j]);
  }
  return result;
}

}  // namespace embedwasm::kernels
