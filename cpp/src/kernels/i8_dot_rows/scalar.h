#pragma once
#include <cstddef>
#include <cstdint>

#include "kernels/i8_dot/scalar.h"

namespace embedwasm::kernels {

// Dot products of R int8 rows with one int8 query, the inner loop of int8 search:
//   out[r] = sum_j x[r * x_stride + j] * y[j]   for r < rows, j < n <= kI8DotMaxN.
// Integer sums are exact in any order, so every variant returns the same values; the
// variants differ only in how many rows share one load of the query.
inline void i8_dot_rows__scalar(size_t rows, size_t n, const int8_t* x, size_t x_stride, const int8_t* y,
                                int32_t* out) {
  for (size_t r = 0; r < rows; ++r) out[r] = i8_dot__scalar(n, x + r * x_stride, y);
}

}  // namespace embedwasm::kernels
