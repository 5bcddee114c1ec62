#pragma once
#include <cstddef>
#include <cstdint>

namespace embedwasm::kernels {

// n axpys of table rows into one vector, in id order:
//   y[j] += a * table[ids[i]][j]  for i = 0, 1, ..., n-1;  j < d
// the gradient of an embedding row summed from the positions that name it (each
// position's dy row, scaled by the mean's 1 / T). table rows are `stride` floats apart;
// ids are trusted (the caller checked them). The order of the terms is fixed, so the
// result is bit for bit that of n calls of f32_axpy.
inline void f32_axpy_rows__scalar(const float* table, size_t stride, const int32_t* ids, size_t n, size_t d, float a,
                                  float* y) {
  for (size_t i = 0; i < n; ++i) {
    const float* x = table + static_cast<size_t>(ids[i]) * stride;
    for (size_t j = 0; j < d; ++j) y[j] += a * x[j];
  }
}

}  // namespace embedwasm::kernels
