// vectors/top_k: bounded selection against a full sort.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "embedwasm/vectors/top_k.h"

using namespace embedwasm::vectors;

namespace {

// Scores with many exact ties (a few distinct values), some NaN and infinities.
std::vector<float> TiedScores(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> pick(0, 9);
  std::vector<float> s(n);
  for (float& x : s) {
    const int v = pick(rng);
    x = v == 0   ? std::numeric_limits<float>::quiet_NaN()
        : v == 1 ? -std::numeric_limits<float>::infinity()
        : v == 2 ? std::numeric_limits<float>::infinity()
                 : static_cast<float>(v % 4) * 0.25f - 0.5f;
  }
  return s;
}

std::vector<Neighbor> FullSort(const std::vector<float>& s, size_t k) {
  std::vector<Neighbor> all;
  for (size_t i = 0; i < s.size(); ++i) all.push_back({static_cast<int32_t>(i), s[i]});
  std::sort(all.begin(), all.end(), ranks_before);  // a strict weak order even with NaN
  all.resize(std::min(k, all.size()));
  return all;
}

bool SameSelection(const std::vector<Neighbor>& a, const std::vector<Neighbor>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].index != b[i].index) return false;
    if (!(a[i].score == b[i].score || (std::isnan(a[i].score) && std::isnan(b[i].score)))) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("TopK keeps the k best by score, ties to the lower index, NaN last", "[vectors]") {
  for (size_t n : {0, 1, 5, 64, 300}) {
    for (size_t k : {0, 1, 3, 10, 64, 400}) {
      INFO("n=" << n << " k=" << k);
      const std::vector<float> s = TiedScores(n, static_cast<uint32_t>(n * 31 + k));
      const std::vector<Neighbor> want = FullSort(s, k);
      // Every push, in index order.
      TopK top(k);
      for (size_t i = 0; i < n; ++i) top.push(static_cast<int32_t>(i), s[i]);
      std::vector<Neighbor> got;
      top.take_sorted(&got);
      CHECK(SameSelection(got, want));
      CHECK(top.size() == 0);
      // The scan fast path gives the same selection.
      std::vector<Neighbor> fast;
      top_k(s.data(), n, k, 0, &fast);
      CHECK(SameSelection(fast, want));
      // Screened in blocks of 8 by admits_any, which must agree with admits_next over the
      // block in every state of the scan (full or not, ties, NaN and infinities included).
      top.reset(k);
      for (size_t i0 = 0; i0 < n; i0 += 8) {
        const size_t i1 = std::min(n, i0 + 8);
        bool any_next = false;
        for (size_t i = i0; i < i1; ++i) any_next = any_next || top.admits_next(s[i]);
        REQUIRE(top.admits_any(s.data() + i0, i1 - i0) == any_next);
        if (!any_next) continue;
        for (size_t i = i0; i < i1; ++i) {
          if (top.admits_next(s[i])) top.push(static_cast<int32_t>(i), s[i]);
        }
      }
      top.take_sorted(&got);
      CHECK(SameSelection(got, want));
      // Pushed in reverse order (no fast path), still the same selection.
      top.reset(k);
      for (size_t i = n; i-- > 0;) top.push(static_cast<int32_t>(i), s[i]);
      top.take_sorted(&got);
      CHECK(SameSelection(got, want));
    }
  }
}

TEST_CASE("ranks_before: NaN ranks with -inf, below every number", "[vectors]") {
  const float nan = std::numeric_limits<float>::quiet_NaN(), inf = std::numeric_limits<float>::infinity();
  CHECK(ranks_before({5, -1e30f}, {1, nan}));
  CHECK_FALSE(ranks_before({1, nan}, {5, -1e30f}));
  CHECK(ranks_before({1, nan}, {2, -inf}));  // equal keys: lower index first
  CHECK(ranks_before({1, -inf}, {2, nan}));
  CHECK(ranks_before({9, 0.5f}, {1, 0.25f}));
  CHECK(ranks_before({1, 0.5f}, {9, 0.5f}));
  CHECK_FALSE(ranks_before({1, 0.5f}, {1, 0.5f}));
}

TEST_CASE("take_merged of TopKs over disjoint rows keeps what one TopK over all rows keeps", "[vectors]") {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> coarse(0, 9);  // many ties, so the index order matters
  std::vector<float> scores(1000);
  for (float& s : scores) s = static_cast<float>(coarse(rng));
  scores[17] = std::numeric_limits<float>::quiet_NaN();
  for (size_t parts : {1u, 2u, 3u, 7u}) {
    const size_t k = 25;
    std::vector<TopK> tops(parts, TopK(k));
    for (size_t i = 0; i < scores.size(); ++i) tops[i * parts / scores.size()].push(static_cast<int32_t>(i), scores[i]);
    std::vector<Neighbor> merged;
    take_merged(parts, k, [&](size_t p) -> TopK& { return tops[p]; }, &merged);
    std::vector<Neighbor> whole;
    top_k(scores.data(), scores.size(), k, 0, &whole);
    REQUIRE(merged.size() == whole.size());
    for (size_t i = 0; i < whole.size(); ++i) {
      CHECK(merged[i].index == whole[i].index);
      CHECK(merged[i].score == whole[i].score);
    }
  }
}
