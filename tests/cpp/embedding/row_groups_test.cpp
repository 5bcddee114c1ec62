#include "embedding/row_groups.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <random>
#include <vector>

#include "embedwasm/core/thread_pool.h"

namespace embedwasm::embedding {
namespace {

TEST_CASE("group_rows: sorted unique rows, positions in input order", "[row_groups]") {
  //                          0  1  2  3  4  5  6  7
  const std::vector<int32_t> ids{5, 3, 5, 0, 3, 3, 7, 0};
  RowGroups g;
  group_rows(ids.data(), ids.size(), -1, &g);
  CHECK(g.rows == std::vector<int32_t>{0, 3, 5, 7});
  CHECK(g.starts == std::vector<uint32_t>{0, 2, 5, 7, 8});
  CHECK(g.order == std::vector<uint32_t>{3, 7, 1, 4, 5, 0, 2, 6});
  CHECK(g.count(0) == 2);
  CHECK(g.count(1) == 3);
  CHECK(g.count(3) == 1);

  SECTION("the skip row is left out entirely") {
    group_rows(ids.data(), ids.size(), 3, &g);  // reuses g: old contents must go
    CHECK(g.rows == std::vector<int32_t>{0, 5, 7});
    CHECK(g.starts == std::vector<uint32_t>{0, 2, 4, 5});
    CHECK(g.order == std::vector<uint32_t>{3, 7, 0, 2, 6});
  }
  SECTION("skip row 0 and a skip row that never occurs") {
    group_rows(ids.data(), ids.size(), 0, &g);
    CHECK(g.rows == std::vector<int32_t>{3, 5, 7});
    group_rows(ids.data(), ids.size(), 4, &g);
    CHECK(g.rows == std::vector<int32_t>{0, 3, 5, 7});
    CHECK(g.order.size() == ids.size());
  }
}

TEST_CASE("group_rows on no ids, or only skipped ids, gives no groups", "[row_groups]") {
  RowGroups g;
  group_rows(nullptr, 0, -1, &g);
  CHECK(g.rows.empty());
  CHECK(g.order.empty());
  CHECK(g.starts == std::vector<uint32_t>{0});

  const std::vector<int32_t> pads{2, 2, 2};
  group_rows(pads.data(), pads.size(), 2, &g);
  CHECK(g.rows.empty());
  CHECK(g.starts == std::vector<uint32_t>{0});
}

TEST_CASE("group_rows matches a map-of-positions reference on random ids", "[row_groups]") {
  std::mt19937 rng(1234);
  for (int trial = 0; trial < 20; ++trial) {
    const size_t n = 1 + rng() % 300;
    const int32_t v = 1 + static_cast<int32_t>(rng() % 40);
    const int32_t skip = trial % 3 == 0 ? -1 : static_cast<int32_t>(rng() % v);
    std::vector<int32_t> ids(n);
    for (int32_t& id : ids) id = static_cast<int32_t>(rng() % v);

    std::map<int32_t, std::vector<uint32_t>> expected;  // ordered by id; positions ascending
    for (size_t i = 0; i < n; ++i) {
      if (ids[i] != skip) expected[ids[i]].push_back(static_cast<uint32_t>(i));
    }

    RowGroups g;
    group_rows(ids.data(), n, skip, &g);
    INFO("trial " << trial);
    REQUIRE(g.rows.size() == expected.size());
    REQUIRE(g.starts.size() == expected.size() + 1);
    size_t k = 0;
    for (const auto& [id, positions] : expected) {
      REQUIRE(g.rows[k] == id);
      REQUIRE(g.count(k) == positions.size());
      const std::vector<uint32_t> got(g.order.begin() + g.starts[k], g.order.begin() + g.starts[k + 1]);
      REQUIRE(got == positions);
      ++k;
    }
    CHECK(g.starts.back() == g.order.size());
  }
}

TEST_CASE("group_rows splits a large batch over the pool with the same groups as the reference", "[row_groups]") {
  // 200,000 ids make one chunk per thread on 2 and 3 threads (chunks are at least 65,536
  // ids), so the counts of one chunk place the keys of the next; a skew towards small ids
  // makes groups span chunk borders. Ids up to 2^23 take three passes.
  std::mt19937 rng(4321);
  for (const uint32_t vocab : {100000u, 1u << 23}) {
    std::vector<int32_t> ids(200000);
    for (int32_t& id : ids) {
      const uint32_t a = rng() % vocab, b = rng() % vocab;
      id = static_cast<int32_t>(std::min(a, b) % (1 + rng() % vocab));
    }
    const int32_t skip = ids[17];
    std::map<int32_t, std::vector<uint32_t>> expected;
    for (size_t i = 0; i < ids.size(); ++i) {
      if (ids[i] != skip) expected[ids[i]].push_back(static_cast<uint32_t>(i));
    }
    for (const int threads : {1, 2, 3}) {
      INFO("vocabulary " << vocab << ", " << threads << " threads");
      const int saved = thread_count();
      set_thread_count(threads);
      const size_t jobs_before = pool_jobs_run();
      RowGroups g;
      group_rows(ids.data(), ids.size(), skip, &g);
      const bool pooled = pool_jobs_run() > jobs_before;
      set_thread_count(saved);
      CHECK(pooled == (threads > 1 && threads_supported()));
      REQUIRE(g.rows.size() == expected.size());
      REQUIRE(g.starts.size() == expected.size() + 1);
      size_t k = 0;
      bool same = true;
      for (const auto& [id, positions] : expected) {
        same = same && g.rows[k] == id && g.count(k) == positions.size() &&
               std::equal(positions.begin(), positions.end(), g.order.begin() + g.starts[k]);
        ++k;
      }
      CHECK(same);
      CHECK(g.starts.back() == g.order.size());
    }
  }
}

}  // namespace
TEST_CASE("group_rows over ids spanning all 31 bits keeps rows sorted and positions in order", "[row_groups]") {
  // The sort goes 11 bits at a time: ids differing only in high bits, or in bits that
  // straddle two passes, must still come out in order, equal ids in input order.
  const std::vector<int32_t> pool = {2147483647, 0, 1 << 11, (1 << 11) - 1, 1 << 22, (1 << 22) + 1, 123456789, 2047};
  std::mt19937 rng(99);
  std::vector<int32_t> ids(5000);
  for (int32_t& id : ids) id = pool[rng() % pool.size()];
  std::map<int32_t, std::vector<uint32_t>> expected;
  for (size_t i = 0; i < ids.size(); ++i) expected[ids[i]].push_back(static_cast<uint32_t>(i));
  RowGroups g;
  group_rows(ids.data(), ids.size(), -1, &g);
  REQUIRE(g.rows.size() == expected.size());
  size_t k = 0;
  for (const auto& [id, positions] : expected) {
    REQUIRE(g.rows[k] == id);
    const std::vector<uint32_t> got(g.order.begin() + g.starts[k], g.order.begin() + g.starts[k + 1]);
    REQUIRE(got == positions);
    ++k;
  }
}

}  // namespace embedwasm::embedding
