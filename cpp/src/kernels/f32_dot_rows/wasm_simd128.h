#pragma once
#include <wasm_simd128.h>

#include <cstddef>

namespace embedwasm::kernels {

// Same contract as f32_dot_rows__scalar, and the same summation order, so the results are
// bit-identical to it (wasm has no fused multiply-add to change the rounding).
// Loads are unaligned v128 loads of whole 4-float groups below d, never past it. Tiles as
// the scalar twin: 2 rows x 4 queries (8 accumulators, 6 loads per 8 multiply-adds), and
// 2 rows at a time for a single query.

namespace detail {

template <size_t R, size_t Q>
inline void f32_dot_tile__wasmsimd(size_t d, const float* x, size_t x_stride, const float* y, size_t y_stride,
                                   float* out, size_t out_stride) {
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

// Rows in steps of R and queries in steps of Q, leftovers one at a time.
template <size_t R, size_t Q>
inline void f32_dot_rows_tiled__wasmsimd(size_t rows, size_t queries, size_t d, const float* x, size_t x_stride,
                                         const float* y, size_t y_stride, float* out, size_t out_stride) {
  size_t r = 0;
  for (; r + R <= rows; r += R) {
    const float* xr = x + r * x_stride;
    size_t b = 0;
    for (; b + Q <= queries; b += Q) {
      f32_dot_tile__wasmsimd<R, Q>(d, xr, x_stride, y + b * y_stride, y_stride, out + b * out_stride + r, out_stride);
    }
    for (; b < queries; ++b) {
      f32_dot_tile__wasmsimd<R, 1>(d, xr, x_stride, y + b * y_stride, y_stride, out + b * out_stride + r, out_stride);
    }
  }
  for (; r < rows; ++r) {
    const float* xr = x + r * x_stride;
    size_t b = 0;
    for (; b + Q <= queries; b += Q) {
      f32_dot_tile__wasmsimd<1, Q>(d, xr, x_stride, y + b * y_stride, y_stride, out + b * out_stride + r, out_stride);
    }
    for (; b < queries; ++b) {
      f32_dot_tile__wasmsimd<1, 1>(d, xr, x_stride, y + b * y_stride, y_stride, out + b * out_stride + r, out_stride);
    }
  }
}

}  // namespace detail

inline void f32_dot_rows__wasmsimd(size_t rows, size_t queries, size_t d, const float* x, size_t x_stride,
                                   const float* y, size_t y_stride, float* out, size_t out_stride) {
  if (queries == 1) {
    detail::f32_dot_rows_tiled__wasmsimd<2, 1>(rows, queries, d, x, x_stride, y, y_stride, out, out_stride);
  } else {
    detail::f32_dot_rows_tiled__wasmsimd<2, 4>(rows, queries, d, x, x_stride, y, y_stride, out, out_stride);
  }
}

}  // namespace embedwasm::kernels
