#pragma once
// fastText's sigmoid lookup (its Loss::sigmoid): 513 values of sigma at x = -8 + 16 i / 512,
// read by truncating (x + 8) * 32. One-vs-all and negative-sampling models report these
// table values as their probabilities, so the table and the index arithmetic are
// fastText's to the float operation: each step rounds to float as there.
#include <cmath>
#include <cstdint>

namespace embedwasm::fasttext {

class SigmoidTable {
 public:
  static constexpr int kSize = 512;
  static constexpr int kMaxX = 8;

  SigmoidTable() {
    for (int i = 0; i <= kSize; ++i) {
      const float x = static_cast<float>(i * 2 * kMaxX) / static_cast<float>(kSize) - static_cast<float>(kMaxX);
      table_[i] = static_cast<float>(1.0 / (1.0 + static_cast<double>(std::exp(-x))));
    }
  }

  // NaN (a model with NaN weights) reads as 0 rather than indexing with it.
  float operator()(float x) const {
    if (!(x >= -static_cast<float>(kMaxX))) return 0.0f;
    if (x > static_cast<float>(kMaxX)) return 1.0f;
    const float at = (x + static_cast<float>(kMaxX)) * static_cast<float>(kSize) / static_cast<float>(kMaxX) / 2.0f;
    return table_[static_cast<int64_t>(at)];
  }

 private:
  float table_[kSize + 1];
};

}  // namespace embedwasm::fasttext
