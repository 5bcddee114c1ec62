#pragma once
#include <cstddef>

#include "kernels/f32_dot_rows/tiling.h"

namespace embedwasm::kernels {

// Dot products of R rows with B queries, the inner loop of nearest-neighbour search:
//   out[b * out_stride + r] = sum_j x[r * x_stride + j] * y[b * y_stride + j]
// x: (R, D) rows, y: (B, D) queries, out: (B, R); r < rows, b < queries, j < d.
//
// Summation order, shared bit for bit by every variant: each dot accumulates in 4 lanes
// (lane l takes the products j = l, l + 4, ... below d rounded down to a multiple of 4), then
// (lane0 + lane1) + (lane2 + lane3), then the tail products in order. One fixed order makes
// scores, and so rankings and ties, identical natively and in wasm, and a batch of queries
// scores exactly like the same queries one at a time.
//
// The blocking into tiles is shared with the SIMD twin (tiling.h); this file holds only
// the scalar tile.

namespace detail {

// g++ -O3 vectorises the j loop below across iterations and reshuffles lanes, which ran
// 3-5x slower than leaving the 4 lanes to its SLP vectoriser; clang has no such problem.
#if defined(__GNUC__) && !defined(__clang__)
#define EMBEDWASM_SLP_ONLY __attribute__((optimize("no-tree-loop-vectorize")))
#else
#define EMBEDWASM_SLP_ONLY
#endif

struct f32_dot_tile__scalar {
  template <size_t R, size_t Q>
  EMBEDWASM_SLP_ONLY static void run(size_t d, const float* x, size_t x_stride, const float* y, size_t y_stride,
                                     float* out, size_t out_stride) {
    float acc[R][Q][4] = {};
    size_t j = 0;
    for (; j + 4 <= d; j += 4) {
      for (size_t r = 0; r < R; ++r) {
        for (size_t b = 0; b < Q; ++b) {
          for (size_t l = 0; l < 4; ++l) acc[r][b][l] += x[r * x_stride + j + l] * y[b * y_stride + j + l];
        }
      }
    }
    for (size_t r = 0; r < R; ++r) {
      for (size_t b = 0; b < Q; ++b) {
        float sum = (acc[r][b][0] + acc[r][b][1]) + (acc[r][b][2] + acc[r][b][3]);
        for (size_t t = j; t < d; ++t) sum += x[r * x_stride + t] * y[b * y_stride + t];
        out[b * out_stride + r] = sum;
      }
    }
  }
};

#undef EMBEDWASM_SLP_ONLY

}  // namespace detail

inline void f32_dot_rows__scalar(size_t rows, size_t queries, size_t d, const float* x, size_t x_stride, const float* y,
                                 size_t y_stride, float* out, size_t out_stride) {
  detail::f32_dot_rows_blocked<detail::f32_dot_tile__scalar>(rows, queries, d, x, x_stride, y, y_stride, out,
                                                             out_stride);
}

}  // namespace embedwasm::kernels
