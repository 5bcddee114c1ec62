#pragma once
#include <cstddef>

namespace embedwasm::kernels {

// sum_j x[j] * y[j], accumulated left to right in float.
inline float f32_dot__scalar(size_t n, const float* x, const float* y) {
  float acc = 0.0f;
  for (size_t j = 0; j < n; ++j) acc += x[j] * y[j];
  return acc;
}

}  // namespace embedwasm::kernels
