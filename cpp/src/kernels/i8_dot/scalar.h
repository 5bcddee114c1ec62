#pragma once
#include <cstddef>
#include <cstdint>

namespace embedwasm::kernels {

// Largest n for which an int8 dot product cannot overflow int32: every product is at most
// (-128)^2 = 2^14 in magnitude, so |sum| <= n 2^14 < 2^31 for n <= 2^17 - 1.
constexpr size_t kI8DotMaxN = (size_t{1} << 17) - 1;

// sum_j x[j] * y[j] in int32, for n <= kI8DotMaxN. Integer sums are exact in any order,
// so every variant returns the same value.
inline int32_t i8_dot__scalar(size_t n, const int8_t* x, const int8_t* y) {
  int32_t acc = 0;
  for (size_t j = 0; j < n; ++j) acc += int32_t{x[j]} * int32_t{y[j]};
  return acc;
}

}  // namespace embedwasm::kernels
