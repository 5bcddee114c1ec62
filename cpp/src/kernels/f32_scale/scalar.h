#pragma once
#include <cstddef>

namespace embedwasm::kernels {

// y[0..n) = a * x[0..n). In place (x == y) is allowed.
inline void f32_scale__scalar(size_t n, float a, const float* x, float* y) {
  for (size_t j = 0; j < n; ++j) y[j] = a * x[j];
}

}  // namespace embedwasm::kernels
