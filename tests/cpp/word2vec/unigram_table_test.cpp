#include "embedwasm/word2vec/unigram_table.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "embedwasm/core/rng.h"

using embedwasm::Rng;
using embedwasm::word2vec::UnigramTable;

TEST_CASE("UnigramTable: gensim's cum_table", "[word2vec]") {
  UnigramTable table;
  REQUIRE(UnigramTable::build({16, 1}, 0.75, &table).is_ok());
  // 16^0.75 = 8 and 1^0.75 = 1: cum = [round(8/9 * (2^31 - 1)), 2^31 - 1].
  CHECK(table.cumulative() == std::vector<uint32_t>{1908874353u, 2147483647u});
  REQUIRE(UnigramTable::build({5, 5, 5, 5}, 1.0, &table).is_ok());
  for (int32_t w = 0; w < 4; ++w) CHECK(table.probability(w) == Approx(0.25).margin(1e-9));
  CHECK_FALSE(UnigramTable::build({}, 0.75, &table).is_ok());
  CHECK_FALSE(UnigramTable::build({3}, NAN, &table).is_ok());
  REQUIRE(UnigramTable::build({9}, 0.75, &table).is_ok());
  CHECK(table.sample(0) == 0);
  CHECK(table.sample(0xFFFFFFFFu) == 0);
}

TEST_CASE("UnigramTable: samples follow count^ns_exponent (chi-square)", "[word2vec]") {
  const std::vector<uint64_t> counts = {1000, 400, 150, 60, 20, 7, 2, 1};
  for (const double exponent : {0.75, 0.0, 1.0, -0.5}) {
    UnigramTable table;
    REQUIRE(UnigramTable::build(counts, exponent, &table).is_ok());
    double total = 0.0;
    for (uint64_t c : counts) total += std::pow(static_cast<double>(c), exponent);
    Rng rng(11);
    const int n = 400000;
    std::vector<int> seen(counts.size(), 0);
    for (int i = 0; i < n; ++i) ++seen[table.sample(rng.next_u32())];
    double chi2 = 0.0;
    for (size_t w = 0; w < counts.size(); ++w) {
      const double p = std::pow(static_cast<double>(counts[w]), exponent) / total;
      CHECK(table.probability(static_cast<int32_t>(w)) == Approx(p).margin(1e-9));
      const double expected = n * p;
      chi2 += (seen[w] - expected) * (seen[w] - expected) / expected;
    }
    // 7 degrees of freedom: P(chi2 > 29) < 1e-4. A wrong exponent gives thousands.
    INFO("ns_exponent " << exponent << ", chi2 " << chi2);
    CHECK(chi2 < 29.0);
  }
}
