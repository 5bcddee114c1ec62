#pragma once
#include <wasm_simd128.h>

#include <cstddef>

#include "kernels/f32_dot_rows/tiling.h"

namespace embedwasm::kernels {

// Same contract as f32_dot_rows__scalar, and the same summation order, so the results are
// bit-identical to it (wasm has no fused multiply-add to change the rounding). Loads are
// unaligned v128 loads of whole 4-float groups below d, never past it. The blocking is
// the scalar twin's (tiling.h); a 2 x 4 tile keeps 8 accumulators and makes 6 loads per
// 8 multiply-adds.

namespace detail {

struct f32_dot_tile__wasmsimd {
  template <size_t R, size_t Q>
  static void run(size_t d, const float* x, size_t x_stride, const float* y, size_t y_stride, float* out,
                  size_t out_stride) {
    v128_t acc[R][Q];
    for (size_t r = 0; r < R; ++r) {
      for (size_t b = 0; b < Q; ++b) acc[r][b] = wasm_f32x4_splat(0.0f);
    }
    size_t j = 0;
    for (; j + 4 <= d; j += 4) {
      v128_t yv[Q];
      for (size_t b = 0; b < Q; ++b) yv[b] = wasm_v128_load(y + b * y_stride + j);
      for (size_t r = 0; r < R; ++r) {
        const v128_t xv = wasm_v128_load(x + r * x_stride + j);
        for (size_t b = 0; b < Q; ++b) acc[r][b] = wasm_f32x4_add(acc[r][b], wasm_f32x4_mul(xv, yv[b]));
      }
    }
    for (size_t r = 0; r < R; ++r) {
      for (size_t b = 0; b < Q; ++b) {
        const v128_t a = acc[r][b];
        float sum = (wasm_f32x4_extract_lane(a, 0) + wasm_f32x4_extract_lane(a, 1)) +
                    (wasm_f32x4_extract_lane(a, 2) + wasm_f32x4_extract_lane(a, 3));
        for (size_t t = j; t < d; ++t) sum += x[r * x_stride + t] * y[b * y_stride + t];
        out[b * out_stride + r] = sum;
      }
    }
  }
};

}  // namespace detail

inline void f32_dot_rows__wasmsimd(size_t rows, size_t queries, size_t d, const float* x, size_t x_stride,
                                   const float* y, size_t y_stride, float* out, size_t out_stride) {
  detail::f32_dot_rows_blocked<detail::f32_dot_tile__wasmsimd>(rows, queries, d, x, x_stride, y, y_stride, out,
                                                               out_stride);
}

}  // namespace embedwasm::kernels
