#pragma once
// Helpers the table-op tests share.
#include <algorithm>
#include <cmath>
#include <cstddef>

namespace embedwasm::test {

// ||x||_p in double, p = inf meaning max |x_j|: the reference max_norm is checked against.
inline double LpNorm(const float* x, size_t d, double p) {
  double acc = 0.0;
  if (std::isinf(p)) {
    for (size_t j = 0; j < d; ++j) acc = std::max(acc, std::fabs(static_cast<double>(x[j])));
    return acc;
  }
  for (size_t j = 0; j < d; ++j) acc += std::pow(std::fabs(static_cast<double>(x[j])), p);
  return std::pow(acc, 1.0 / p);
}

}  // namespace embedwasm::test
