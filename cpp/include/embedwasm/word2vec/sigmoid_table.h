#pragma once
// word2vec.c's precomputed logistic function (EXP_TABLE_SIZE 1000 over (-MAX_EXP, MAX_EXP),
// MAX_EXP 6) and gensim's matching log table for the loss: a load instead of an exp in
// the innermost loop.
#include <cstddef>

namespace embedwasm::word2vec {

class SigmoidTable {
 public:
  static constexpr int kSize = 1000;   // EXP_TABLE_SIZE
  static constexpr float kMaxExp = 6;  // MAX_EXP

  SigmoidTable();

  static bool in_range(float x) { return x > -kMaxExp && x < kMaxExp; }
  // The table entry word2vec.c uses; x must be in_range.
  float sigmoid_in_range(float x) const { return sigmoid_[index(x)]; }
  float log_sigmoid_in_range(float x) const { return log_sigmoid_[index(x)]; }

  // Saturating versions: beyond +-MAX_EXP, sigma is 1 or 0 (word2vec.c's negative
  // sampling) and log sigma(x) follows its asymptotes 0 and x. NaN counts as -inf.
  float sigmoid(float x) const {
    if (x >= kMaxExp) return 1.0f;
    if (!(x > -kMaxExp)) return 0.0f;
    return sigmoid_in_range(x);
  }
  float log_sigmoid(float x) const {
    if (x >= kMaxExp) return 0.0f;
    if (!(x > -kMaxExp)) return x;
    return log_sigmoid_in_range(x);
  }

 private:
  static int index(float x) {
    return static_cast<int>((x + kMaxExp) * (static_cast<float>(kSize) / kMaxExp / 2));
  }
  float sigmoid_[kSize + 1];
  float log_sigmoid_[kSize + 1];
};

}  // namespace embedwasm::word2vec
