#include "text/eigen_float_mean.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

using embedwasm::text::eigen_float_mean;

TEST_CASE("eigen_float_mean gives the OOV idf weight Keras printed in its TF-IDF guide") {
  // The guide's bigram vocabulary (see text_vectorization_test) has 40 weights: "the"
  // (in 2 of 4 documents) then 39 tokens in one document each. Keras printed 5.461647
  // for 5 OOV tokens, i.e. a mean of 1.0923294 (0x1.17a2e6p+0). Summing in order gives
  // 1.0923296 and the correctly rounded mean is 1.0923295: only TensorFlow's order gives
  // Keras's number.
  std::vector<float> w(40, static_cast<float>(std::log(3.0)));
  w[0] = static_cast<float>(std::log(1.0 + 4.0 / 3.0));
  const float mean = eigen_float_mean(w.data(), w.size());
  CHECK(5.0f * mean == 5.461647f);
  float in_order = 0;
  for (float x : w) in_order += x;
  CHECK(in_order / 40.0f != mean);
}

TEST_CASE("eigen_float_mean is exact where the order cannot matter") {
  // Small integers sum exactly in float32 whatever the order: every branch (fewer than
  // 8 values, whole packets, 32-value blocks, leftovers, the halving above 8192) must
  // then give the exact mean.
  for (size_t n : {1, 3, 8, 13, 32, 45, 64, 100, 8192, 8193, 20001}) {
    std::vector<float> v(n);
    double sum = 0;
    for (size_t i = 0; i < n; ++i) {
      v[i] = static_cast<float>(i % 7);
      sum += v[i];
    }
    INFO("n = " << n);
    CHECK(eigen_float_mean(v.data(), n) == static_cast<float>(sum) / static_cast<float>(n));
  }
  CHECK(std::isnan(eigen_float_mean(nullptr, 0)));
}
