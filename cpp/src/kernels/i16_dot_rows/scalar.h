#pragma once
#include <cstddef>
#include <cstdint>

namespace embedwasm::kernels {

// Dot products of R rows with B queries, both int8 values held as int16, the inner loop
// of batched int8 search:
//   out[b * out_stride + r] = sum_j x[r * x_stride + j] * y[b * y_stride + j]
// x: (R, n) rows, y: (B, n) queries, out: (B, R) in int32; r < rows, b < queries, j < n.
// Every value must lie in the int8 range [-128, 127] and n <= kI8DotMaxN (i8_dot), so
// that no product or sum overflows: the int32 sums are exact in any order, and every
// variant returns the same values as i8_dot on the int8 originals.
//
// Why int16: a batch reuses each row for many queries, and widened once per row block
// the rows cost the SIMD twin no sign-extension per query; the int8 kernels
// (i8_dot_rows) read half the bytes and suit a single query, which memory bounds.
inline void i16_dot_rows__scalar(size_t rows, size_t queries, size_t n, const int16_t* x, size_t x_stride,
                                 const int16_t* y, size_t y_stride, int32_t* out, size_t out_stride) {
  for (size_t b = 0; b < queries; ++b) {
    for (size_t r = 0; r < rows; ++r) {
      int32_t acc = 0;
      for (size_t j = 0; j < n; ++j) acc += int32_t{x[r * x_stride + j]} * int32_t{y[b * y_stride + j]};
      out[b * out_stride + r] = acc;
    }
  }
}

}  // namespace embedwasm::kernels
