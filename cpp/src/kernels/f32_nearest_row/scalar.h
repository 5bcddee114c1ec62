#pragma once
#include <cstddef>
#include <cstdint>

namespace embedwasm::kernels {

// The nearest of k contiguous rows of d floats to x, by squared L2 distance: k-means'
// assignment step (fastText's ProductQuantizer::assign_centroid). Each distance is
// summed from +0 in element order, the first row wins ties, and *distance (if given) gets
// the winner's distance. k >= 1.
//   rows: (k, d), x: (d,)
inline uint32_t f32_nearest_row__scalar(const float* rows, size_t k, size_t d, const float* x, float* distance) {
  uint32_t best = 0;
  float best_distance = 0.0f;
  for (size_t r = 0; r < k; ++r) {
    const float* c = rows + r * d;
    float dist = 0.0f;
    for (size_t j = 0; j < d; ++j) {
      const float diff = x[j] - c[j];
      dist += diff * diff;
    }
    if (r == 0 || dist < best_distance) {
      best = static_cast<uint32_t>(r);
      best_distance = dist;
    }
  }
  if (distance != nullptr) *distance = best_distance;
  return best;
}

}  // namespace embedwasm::kernels
