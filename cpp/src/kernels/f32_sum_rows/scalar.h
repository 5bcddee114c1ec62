#pragma once
#include <cstddef>
#include <cstdint>

namespace embedwasm::kernels {

// The sum of N table rows, the input layer of fastText (a line's word, character n-gram
// and word n-gram rows, later scaled by 1/N):
//   out[j] = table[ids[0]][j] + table[ids[1]][j] + ... + table[ids[N-1]][j],  j < d
// table rows are `stride` floats apart; ids are trusted (the caller checked them). Each
// element is summed from +0 in id order, the order fastText adds rows in, so the result
// is bit for bit fastText's. N = 0 writes zeros.
inline void f32_sum_rows__scalar(const float* table, size_t stride, const int32_t* ids, size_t n, size_t d,
                                 float* out) {
  for (size_t j = 0; j < d; ++j) out[j] = 0.0f;
  for (size_t i = 0; i < n; ++i) {
    const float* row = table + static_cast<size_t>(ids[i]) * stride;
    for (size_t j = 0; j < d; ++j) out[j] += row[j];
  }
}

}  // namespace embedwasm::kernels
