#include "embedwasm/word2vec/subsampling.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "embedwasm/word2vec/sigmoid_table.h"

using namespace embedwasm::word2vec;

TEST_CASE("Subsampling: gensim's keep probability", "[word2vec]") {
  // p = (sqrt(c / t) + 1) * t / c with t = sample * total.
  const uint64_t total = 1000000;
  const double sample = 1e-3;  // t = 1000
  CHECK(subsample_keep_probability(100000, sample, total) == Approx((std::sqrt(100.0) + 1) / 100));
  CHECK(subsample_keep_probability(4000, sample, total) == Approx(0.75));  // (2 + 1) / 4
  CHECK(subsample_keep_probability(1000, sample, total) == 1.0);  // (1 + 1) * 1 capped
  CHECK(subsample_keep_probability(10, sample, total) == 1.0);
  CHECK(subsample_keep_probability(100000, 0.0, total) == 1.0);   // off
  // sample >= 1 is a count: t = int(sample * (3 + sqrt 5) / 2) = int(2 * 2.618) = 5.
  CHECK(subsample_threshold_count(2.0, total) == 5.0);
  CHECK(subsample_keep_probability(500, 2.0, total) == Approx(0.11));  // (10 + 1) * 5 / 500

  const std::vector<uint32_t> t = subsample_thresholds({100000, 4000, 10}, sample, total);
  CHECK(t[0] == static_cast<uint32_t>(0.11 * 4294967295.0));
  CHECK(t[1] == static_cast<uint32_t>(0.75 * 4294967295.0));
  CHECK(t[2] == 0xFFFFFFFFu);  // kept whatever the random bits
}

TEST_CASE("SigmoidTable: word2vec.c's table and its saturation", "[word2vec]") {
  const SigmoidTable table;
  for (float x = -5.99f; x < 5.99f; x += 0.37f) {
    // Bucket width 12/1000: the entry is sigma at the bucket's left edge.
    CHECK(table.sigmoid(x) == Approx(1 / (1 + std::exp(-x))).margin(0.0031));
    CHECK(table.log_sigmoid(x) == Approx(-std::log1p(std::exp(-x))).margin(0.013));
  }
  CHECK(table.sigmoid_in_range(0.0f) == Approx(0.5f).margin(1e-6));
  CHECK(table.sigmoid(6.0f) == 1.0f);
  CHECK(table.sigmoid(-6.0f) == 0.0f);
  CHECK(table.sigmoid(NAN) == 0.0f);
  CHECK(table.log_sigmoid(9.0f) == 0.0f);
  CHECK(table.log_sigmoid(-9.0f) == -9.0f);
  CHECK_FALSE(SigmoidTable::in_range(6.0f));
  CHECK(SigmoidTable::in_range(5.999f));
}
