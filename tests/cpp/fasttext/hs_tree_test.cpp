// fasttext/hs_tree.h and fasttext/score_heap.h.
#include "embedwasm/fasttext/hs_tree.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <utility>
#include <vector>

#include "embedwasm/fasttext/score_heap.h"

namespace embedwasm::fasttext {
namespace {

TEST_CASE("HsTree: fastText's merge order on counts 5 3 2 1", "[fasttext]") {
  // By hand: node 4 = (leaf 3, leaf 2), count 3; then leaf 1 (3) is not strictly below
  // node 4 (3), so node 5 = (node 4, leaf 1), count 6; node 6 = (leaf 0, node 5).
  HsTree t;
  REQUIRE(HsTree::build({5, 3, 2, 1}, &t).is_ok());
  CHECK(t.root() == 6);
  CHECK(t.left(4) == 3);
  CHECK(t.right(4) == 2);
  CHECK(t.left(5) == 4);
  CHECK(t.right(5) == 1);
  CHECK(t.left(6) == 0);
  CHECK(t.right(6) == 5);
  std::vector<int32_t> rows;
  std::vector<uint8_t> codes;
  t.path(3, &rows, &codes);  // leaf 3 -> node 4 (left) -> node 5 (left) -> root (right)
  CHECK(rows == std::vector<int32_t>{0, 1, 2});
  CHECK(codes == std::vector<uint8_t>{0, 0, 1});
  HsTree one;
  REQUIRE(HsTree::build({7}, &one).is_ok());
  CHECK(one.root() == 0);
  CHECK(one.is_leaf(0));
  CHECK_FALSE(HsTree::build({}, &one).is_ok());
  CHECK_FALSE(HsTree::build({1, -1}, &one).is_ok());
  CHECK_FALSE(HsTree::build({1000000000000000, 1}, &one).is_ok());
}

TEST_CASE("ScoreHeap: the k best, best first, ties in libstdc++'s heap order", "[fasttext]") {
  ScoreHeap heap;
  heap.reset(3);
  // The orders libstdc++'s push_heap / pop_heap / sort_heap leave these ties in (what
  // fastText built with g++ prints), found by running them.
  for (int32_t i = 0; i < 5; ++i) {
    if (!heap.refuses(1.0f)) heap.push(1.0f, i);
  }
  std::vector<ScoredId> out;
  heap.take_sorted(&out);
  REQUIRE(out.size() == 3);
  std::vector<int32_t> ids;
  for (const ScoredId& s : out) ids.push_back(s.id);
  CHECK(ids == std::vector<int32_t>{4, 1, 3});
  heap.reset(2);
  for (int32_t i = 0; i < 6; ++i) {
    const float score = static_cast<float>(i % 3);
    if (!heap.refuses(score)) heap.push(score, i);
  }
  heap.take_sorted(&out);
  REQUIRE(out.size() == 2);
  CHECK(out[0].score == 2.0f);
  CHECK(out[0].id == 5);
  CHECK(out[1].id == 2);
}

#if defined(__GLIBCXX__)
// Natively the standard library is libstdc++ itself: random scores with many ties give
// the same selection and order as its heap algorithms driven the way fastText drives them.
TEST_CASE("ScoreHeap matches libstdc++'s heap algorithms on random ties", "[fasttext]") {
  uint32_t state = 12345;
  auto next = [&] { return state = state * 1664525u + 1013904223u; };
  auto cmp = [](const std::pair<float, int32_t>& l, const std::pair<float, int32_t>& r) { return l.first > r.first; };
  for (int trial = 0; trial < 300; ++trial) {
    const size_t k = 1 + next() % 9, n = next() % 60;
    ScoreHeap heap;
    heap.reset(k);
    std::vector<std::pair<float, int32_t>> ref;
    for (int32_t i = 0; i < static_cast<int32_t>(n); ++i) {
      const float score = static_cast<float>(next() % 4);
      if (!heap.refuses(score)) heap.push(score, i);
      if (ref.size() == k && score < ref.front().first) continue;
      ref.push_back({score, i});
      std::push_heap(ref.begin(), ref.end(), cmp);
      if (ref.size() > k) {
        std::pop_heap(ref.begin(), ref.end(), cmp);
        ref.pop_back();
      }
    }
    std::sort_heap(ref.begin(), ref.end(), cmp);
    std::vector<ScoredId> out;
    heap.take_sorted(&out);
    REQUIRE(out.size() == ref.size());
    for (size_t i = 0; i < out.size(); ++i) {
      CHECK(out[i].id == ref[i].second);
      CHECK(out[i].score == ref[i].first);
    }
  }
}
#endif

}  // namespace
}  // namespace embedwasm::fasttext
