#pragma once
// The blocking both f32_dot_rows twins share. A twin supplies only its tile kernel, a
// type with
//   template <size_t R, size_t Q> static void run(size_t d, const float* x, size_t x_stride,
//                                                 const float* y, size_t y_stride,
//                                                 float* out, size_t out_stride);
// computing out[b * out_stride + r] for r < R rows and b < Q queries in the summation
// order scalar.h documents. The tile shape changes no result, only speed.
#include <cstddef>

namespace embedwasm::kernels::detail {

// Rows in steps of R and queries in steps of Q, leftovers one at a time.
template <typename Tile, size_t R, size_t Q>
inline void f32_dot_rows_tiled(size_t rows, size_t queries, size_t d, const float* x, size_t x_stride, const float* y,
                               size_t y_stride, float* out, size_t out_stride) {
  size_t r = 0;
  for (; r + R <= rows; r += R) {
    const float* xr = x + r * x_stride;
    size_t b = 0;
    for (; b + Q <= queries; b += Q) {
      Tile::template run<R, Q>(d, xr, x_stride, y + b * y_stride, y_stride, out + b * out_stride + r, out_stride);
    }
    for (; b < queries; ++b) {
      Tile::template run<R, 1>(d, xr, x_stride, y + b * y_stride, y_stride, out + b * out_stride + r, out_stride);
    }
  }
  for (; r < rows; ++r) {
    const float* xr = x + r * x_stride;
    size_t b = 0;
    for (; b + Q <= queries; b += Q) {
      Tile::template run<1, Q>(d, xr, x_stride, y + b * y_stride, y_stride, out + b * out_stride + r, out_stride);
    }
    for (; b < queries; ++b) {
      Tile::template run<1, 1>(d, xr, x_stride, y + b * y_stride, y_stride, out + b * out_stride + r, out_stride);
    }
  }
}

// A batch is taken 2 rows x 4 queries at a time, so each row vector loaded serves four
// queries and each query vector two rows, and a row is read from memory once per call
// whatever the number of queries; a single query goes 2 rows at a time. (Measured on
// 400k x 100, Zen 4, in wasm: 2x4 3.0 ms per query in a batch of 32, against 3.2 for 4x2,
// 3.3 for 1x8 and 4.5 for 4x4; single queries 7 ms with 2 rows, 12 with 4.)
template <typename Tile>
inline void f32_dot_rows_blocked(size_t rows, size_t queries, size_t d, const float* x, size_t x_stride,
                                 const float* y, size_t y_stride, float* out, size_t out_stride) {
  if (queries == 1) {
    f32_dot_rows_tiled<Tile, 2, 1>(rows, queries, d, x, x_stride, y, y_stride, out, out_stride);
  } else {
    f32_dot_rows_tiled<Tile, 2, 4>(rows, queries, d, x, x_stride, y, y_stride, out, out_stride);
  }
}

}  // namespace embedwasm::kernels::detail
