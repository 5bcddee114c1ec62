#pragma once
#include <cmath>
#include <cstddef>

namespace embedwasm::kernels {

// ||x||_2, the sum of squares accumulated in float as PyTorch does for float32.
inline float f32_l2_norm__scalar(size_t n, const float* x) {
  float acc = 0.0f;
  for (size_t j = 0; j < n; ++j) acc += x[j] * x[j];
  return std::sqrt(acc);
}

// max(a, b) that returns NaN when either is NaN, as a sum would: std::fmax drops NaN,
// which would hide a NaN row from the max-norm that PyTorch reports as NaN.
inline float f32_max_keep_nan(float a, float b) { return (b > a || std::isnan(b)) && !std::isnan(a) ? b : a; }

// ||x||_p for p > 0, with p = +inf meaning max |x_j| (PyTorch's norm_type accepts inf).
// p = 1 and p = 2 avoid pow() so they are exact sums like the L2 kernel.
inline float f32_lp_norm__scalar(size_t n, const float* x, float p) {
  if (p == 2.0f) return f32_l2_norm__scalar(n, x);
  float acc = 0.0f;
  if (std::isinf(p)) {
    for (size_t j = 0; j < n; ++j) acc = f32_max_keep_nan(acc, std::fabs(x[j]));
    return acc;
  }
  if (p == 1.0f) {
    for (size_t j = 0; j < n; ++j) acc += std::fabs(x[j]);
    return acc;
  }
  for (size_t j = 0; j < n; ++j) acc += std::pow(std::fabs(x[j]), p);
  return std::pow(acc, 1.0f / p);
}

}  // namespace embedwasm::kernels
