#include "text/eigen_float_mean.h"

#include <algorithm>

namespace embedwasm::text {
namespace {

constexpr size_t kLanes = 8;
constexpr size_t kLeafPackets = 1024;

struct Packet {
  float lane[kLanes] = {};
  void add(const float* x) {
    for (size_t j = 0; j < kLanes; ++j) lane[j] += x[j];
  }
  void add(const Packet& p) { add(p.lane); }
  float horizontal_sum() const {
    float half[4];
    for (size_t j = 0; j < 4; ++j) half[j] = lane[j] + lane[j + 4];
    return (half[0] + half[2]) + (half[1] + half[3]);
  }
};

float leaf_sum(const float* x, size_t n) {
  Packet p0;
  size_t start = 0;
  if (n >= 4 * kLanes) {
    Packet p1, p2, p3;
    const size_t blocks_end = n / (4 * kLanes) * (4 * kLanes);
    for (size_t j = 0; j < blocks_end; j += 4 * kLanes) {
      p0.add(x + j);
      p1.add(x + j + kLanes);
      p2.add(x + j + 2 * kLanes);
      p3.add(x + j + 3 * kLanes);
    }
    p0.add(p1);
    p0.add(p2);
    p0.add(p3);
    start = blocks_end;
  }
  const size_t packets_end = n / kLanes * kLanes;
  for (size_t j = start; j < packets_end; j += kLanes) p0.add(x + j);
  start = std::max(start, packets_end);
  float rest = 0;
  for (size_t j = start; j < n; ++j) rest += x[j];
  return rest + p0.horizontal_sum();
}

// first is the absolute index of x[0]: the split point is aligned to it.
float tree_sum(const float* values, size_t first, size_t n) {
  if (n <= kLanes * kLeafPackets) return leaf_sum(values + first, n);
  const size_t middle = first + (n + 1) / 2;
  const size_t split = (middle + kLanes - 1) / kLanes * kLanes;
  const size_t left = std::min(split - first, n);
  float sum = 0;
  sum += tree_sum(values, first, left);
  if (left < n) sum += tree_sum(values, split, n - left);
  return sum;
}

}  // namespace

float eigen_float_mean(const float* values, size_t n) {
  return tree_sum(values, 0, n) / static_cast<float>(n);
}

}  // namespace embedwasm::text
