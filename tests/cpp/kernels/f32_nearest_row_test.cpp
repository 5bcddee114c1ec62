// kernels/f32_nearest_row: the nearest of k rows by squared L2 distance, first wins ties.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "kernels/kernel_test_util.h"
#include "kernels/kernels.h"

using namespace embedwasm::kernels::test;

namespace {

using NearestFn = uint32_t (*)(const float*, size_t, size_t, const float*, float*);

// Each distance in double (exact for these small integers' differences); the nearest by
// a plain scan. Rows are integer-valued, so every float distance is exact too.
uint32_t Reference(const std::vector<float>& rows, size_t k, size_t d, const std::vector<float>& x, double* best) {
  uint32_t arg = 0;
  for (size_t r = 0; r < k; ++r) {
    double s = 0;
    for (size_t j = 0; j < d; ++j) s += (double(x[j]) - rows[r * d + j]) * (double(x[j]) - rows[r * d + j]);
    if (r == 0 || s < *best) {
      *best = s;
      arg = static_cast<uint32_t>(r);
    }
  }
  return arg;
}

void CheckNearest(const Variant<NearestFn>& v) {
  for (size_t d : {1, 2, 3, 4, 7, 8, 9, 16}) {
    for (size_t k : {1, 2, 3, 4, 5, 8, 13, 256}) {
      INFO("d=" << d << " k=" << k);
      std::vector<float> rows(k * d), x(d);
      for (size_t i = 0; i < rows.size(); ++i) rows[i] = static_cast<float>(int((i * 37 + d * 11) % 19) - 9);
      for (size_t j = 0; j < d; ++j) x[j] = static_cast<float>(int((j * 5 + k) % 7) - 3);
      double best = 0;
      const uint32_t want = Reference(rows, k, d, x, &best);
      float got_distance = -1;
      CHECK(v.fn(rows.data(), k, d, x.data(), &got_distance) == want);
      CHECK(got_distance == static_cast<float>(best));
      if (v.twin != nullptr) CHECK(v.twin(rows.data(), k, d, x.data(), nullptr) == want);
    }
  }
}

// All rows equal: the first one wins, including across the SIMD twin's 4-row groups.
void CheckTies(const Variant<NearestFn>& v) {
  for (size_t k : {1, 4, 5, 9}) {
    const std::vector<float> rows(k * 2, 1.5f), x = {0.5f, 0.5f};
    CHECK(v.fn(rows.data(), k, 2, x.data(), nullptr) == 0);
  }
  // A later exact tie with an earlier best keeps the earlier one.
  const std::vector<float> rows = {5, 5, 1, 1, 9, 9, 1, 1, 1, 1, 0, 0}, x = {1, 1};
  CHECK(v.fn(rows.data(), 6, 2, x.data(), nullptr) == 1);
}

}  // namespace

KERNEL_TEST(f32_nearest_row, CheckNearest, "matches a double-precision scan")
KERNEL_TEST(f32_nearest_row, CheckTies, "the first of equal distances wins")
KERNEL_DISPATCH_TEST(f32_nearest_row)
