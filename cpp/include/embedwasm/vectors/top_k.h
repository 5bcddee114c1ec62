#pragma once
// Bounded top-K selection for nearest-neighbour search: keeps the K best of a stream of
// (index, score) pairs in a heap whose root is the worst kept entry, so a candidate that
// cannot enter costs one comparison. O(N log K) for N candidates, O(K) memory.
//
// The order is total and deterministic: a higher score ranks first; equal scores rank by
// the lower index (gensim's numpy argpartition leaves ties in an unspecified order). NaN
// ranks as -inf, i.e. last, as numpy's argsort puts NaN after every number, and so cannot
// break the heap's ordering.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <vector>

namespace embedwasm::vectors {

struct Neighbor {
  int32_t index = 0;   // row in the vocabulary
  float score = 0.0f;  // cosine similarity (or 3CosMul score), higher is closer
};
// JS reads query results straight from the heap as packed pairs: readNeighbors in
// web/lib/vectors/keyed_vectors.js takes element 2k of an Int32Array view as the index and
// element 2k + 1 of a Float32Array view of the same bytes as the score.
static_assert(std::is_standard_layout_v<Neighbor>, "Neighbor is read from the heap by JS");
static_assert(sizeof(Neighbor) == 8 && alignof(Neighbor) == 4, "Neighbor is read by JS as 8-byte pairs");
static_assert(offsetof(Neighbor, index) == 0 && offsetof(Neighbor, score) == 4,
              "JS reads the index at byte 0 and the score at byte 4 of each Neighbor");

// True if `a` ranks strictly before `b` in the order above.
inline bool ranks_before(const Neighbor& a, const Neighbor& b) {
  constexpr float kNegInf = -std::numeric_limits<float>::infinity();
  const float ka = a.score == a.score ? a.score : kNegInf;
  const float kb = b.score == b.score ? b.score : kNegInf;
  return ka > kb || (ka == kb && a.index < b.index);
}

class TopK {
 public:
  explicit TopK(size_t k = 0) { reset(k); }

  // Empties the selection and sets its size; keeps the allocation for reuse.
  void reset(size_t k) {
    k_ = k;
    heap_.clear();
    heap_.reserve(k);
    worst_ = -std::numeric_limits<float>::infinity();
  }
  size_t k() const { return k_; }
  size_t size() const { return heap_.size(); }

  void push(int32_t index, float score) {
    const Neighbor candidate{index, score};
    if (heap_.size() < k_) {
      heap_.push_back(candidate);
      std::push_heap(heap_.begin(), heap_.end(), ranks_before);
      if (heap_.size() == k_) worst_ = key(heap_.front().score);
      return;
    }
    if (k_ == 0 || !ranks_before(candidate, heap_.front())) return;
    std::pop_heap(heap_.begin(), heap_.end(), ranks_before);
    heap_.back() = candidate;
    std::push_heap(heap_.begin(), heap_.end(), ranks_before);
    worst_ = key(heap_.front().score);
  }

  // The fast path of a scan that pushes indices in increasing order: false if push() with
  // an index above every one pushed so far would change nothing. Such a candidate needs a
  // strictly higher score than the worst kept (an equal one loses on its index), and NaN
  // never qualifies once the selection is full. One compare for most rows of a scan.
  bool admits_next(float score) const { return heap_.size() < k_ || score > worst_; }

  // False if admits_next would be false for every score in scores[0, n): one branch for a
  // block of a scan's rows instead of one per row (the compares vectorise). A block that
  // passes still goes through admits_next row by row, as each push raises the bar.
  bool admits_any(const float* scores, size_t n) const {
    if (heap_.size() < k_) return true;
    bool any = false;
    for (size_t i = 0; i < n; ++i) any |= scores[i] > worst_;
    return any;
  }

  // The kept entries, best first, into *out (replacing its contents); leaves this empty.
  void take_sorted(std::vector<Neighbor>* out) {
    std::sort_heap(heap_.begin(), heap_.end(), ranks_before);
    out->assign(heap_.begin(), heap_.end());
    heap_.clear();
  }

 private:
  static float key(float score) { return score == score ? score : -std::numeric_limits<float>::infinity(); }

  size_t k_ = 0;
  // The key of the front once full.
  float worst_ = -std::numeric_limits<float>::infinity();
  // A max-heap under ranks_before: the front ranks last of the kept entries.
  std::vector<Neighbor> heap_;
};

// The k best of the entries `parts` TopKs kept over disjoint rows (part(p) gives the p-th),
// best first, into *out; empties them. push's order is total (score, then lower index),
// so this keeps the entries one TopK over all the rows would, in the same order: what
// lets a scan split its rows over threads with the bits of one thread.
template <typename PartFn>
void take_merged(size_t parts, size_t k, PartFn part, std::vector<Neighbor>* out) {
  if (parts == 1) {
    part(0).take_sorted(out);
    return;
  }
  TopK merged(k);
  std::vector<Neighbor> sorted;
  for (size_t p = 0; p < parts; ++p) {
    part(p).take_sorted(&sorted);
    for (const Neighbor& nb : sorted) merged.push(nb.index, nb.score);
  }
  merged.take_sorted(out);
}

// The k best of scores[0, n) with indices first_index + i, best first.
inline void top_k(const float* scores, size_t n, size_t k, int32_t first_index, std::vector<Neighbor>* out) {
  TopK top(std::min(k, n));
  for (size_t i = 0; i < n; ++i) {
    if (top.admits_next(scores[i])) top.push(first_index + static_cast<int32_t>(i), scores[i]);
  }
  top.take_sorted(out);
}

}  // namespace embedwasm::vectors
