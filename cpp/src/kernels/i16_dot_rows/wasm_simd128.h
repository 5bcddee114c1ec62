#pragma once
#include <wasm_simd128.h>

#include <cstddef>
#include <cstdint>

#include "kernels/i8_dot_rows/wasm_simd128.h"

namespace embedwasm::kernels {

// Same contract and results as i16_dot_rows__scalar. Tiles of 4 rows x 2 queries: per 8
// values the tile loads 4 row vectors and 2 query vectors for 8 i32x4.dot_i16x8 and 8
// adds, holding 8 accumulators, 4 row vectors and one query vector: 13 of the 16 vector
// registers V8 has on x64. The four rows' sums per query are reduced together into one v128.
// Rows and queries left over go one at a time, and j past n rounded down to 8 through a
// scalar loop, so nothing is read past n.
// (Measured in Node on 400k x 100 int8 rows, 32 queries per tile of 256 rows, on a shared
// 2-core Xeon: widening the tile plus this kernel took 2.3-2.6 ms per query, against
// 3.3-3.9 for i8_dot_rows__wasmsimd once per query, which sign-extends every row for every
// query; 2x4, 3x3, 3x4 and 4x3 tiles were no faster, and extending the int8 rows in
// registers for 2 x 4 tiles, without a widened copy, was 1.05-1.25x slower.)
namespace detail {

template <size_t R, size_t Q>
inline void i16_dot_tile__wasmsimd(size_t n, const int16_t* x, size_t x_stride, const int16_t* y, size_t y_stride,
                                   int32_t* out, size_t out_stride) {
  v128_t acc[R][Q];
  for (size_t r = 0; r < R; ++r) {
    for (size_t b = 0; b < Q; ++b) acc[r][b] = wasm_i32x4_splat(0);
  }
  const size_t n8 = n / 8 * 8;
  for (size_t j = 0; j < n8; j += 8) {
    v128_t xv[R];
    for (size_t r = 0; r < R; ++r) xv[r] = wasm_v128_load(x + r * x_stride + j);
    for (size_t b = 0; b < Q; ++b) {
      const v128_t yv = wasm_v128_load(y + b * y_stride + j);
      for (size_t r = 0; r < R; ++r) acc[r][b] = wasm_i32x4_add(acc[r][b], wasm_i32x4_dot_i16x8(xv[r], yv));
    }
  }
  for (size_t b = 0; b < Q; ++b) {
    int32_t* o = out + b * out_stride;
    if constexpr (R == 4) {
      wasm_v128_store(o, i32x4_sum4__wasmsimd(acc[0][b], acc[1][b], acc[2][b], acc[3][b]));
    } else {
      for (size_t r = 0; r < R; ++r) {
        const v128_t a = acc[r][b];
        o[r] = wasm_i32x4_extract_lane(a, 0) + wasm_i32x4_extract_lane(a, 1) + wasm_i32x4_extract_lane(a, 2) +
               wasm_i32x4_extract_lane(a, 3);
      }
    }
    if (n8 < n) {
      for (size_t r = 0; r < R; ++r) {
        for (size_t j = n8; j < n; ++j) o[r] += int32_t{x[r * x_stride + j]} * int32_t{y[b * y_stride + j]};
      }
    }
  }
}

// Queries in steps of Q, the leftover one at a time, for one block of R rows.
template <size_t R>
inline void i16_dot_row_block__wasmsimd(size_t queries, size_t n, const int16_t* x, size_t x_stride, const int16_t* y,
                                        size_t y_stride, int32_t* out, size_t out_stride) {
  size_t b = 0;
  for (; b + 2 <= queries; b += 2) {
    i16_dot_tile__wasmsimd<R, 2>(n, x, x_stride, y + b * y_stride, y_stride, out + b * out_stride, out_stride);
  }
  if (b < queries) i16_dot_tile__wasmsimd<R, 1>(n, x, x_stride, y + b * y_stride, y_stride, out + b * out_stride, out_stride);
}

}  // namespace detail

inline void i16_dot_rows__wasmsimd(size_t rows, size_t queries, size_t n, const int16_t* x, size_t x_stride,
                                   const int16_t* y, size_t y_stride, int32_t* out, size_t out_stride) {
  size_t r = 0;
  for (; r + 4 <= rows; r += 4) {
    detail::i16_dot_row_block__wasmsimd<4>(queries, n, x + r * x_stride, x_stride, y, y_stride, out + r, out_stride);
  }
  for (; r < rows; ++r) {
    detail::i16_dot_row_block__wasmsimd<1>(queries, n, x + r * x_stride, x_stride, y, y_stride, out + r, out_stride);
  }
}

}  // namespace embedwasm::kernels
