#pragma once
// The bounded heap fastText keeps its k best predictions and neighbours in: a min-heap
// on the score alone (the root is the worst kept), a candidate enters unless the heap
// is full and it scores strictly below the root, and the result is heap-sorted, best
// first.
//
// Equal scores are frequent (one-vs-all probabilities come from a 512-entry sigmoid
// table, and saturate at 1), and their order is whatever the heap algorithms leave. To
// give the order fastText 0.9.2 as built by g++ gives, on every platform (libc++, which
// Emscripten uses, moves elements differently), these are the classic sift-up and
// hole-to-leaf sift-down that libstdc++'s push_heap, pop_heap and sort_heap run,
// written out.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace embedwasm::fasttext {

struct ScoredId {
  float score = 0.0f;  // fastText: log-probability (predictions) or cosine (neighbours)
  int32_t id = 0;
};

class ScoreHeap {
 public:
  void reset(size_t k) {
    k_ = k;
    heap_.clear();
  }
  size_t size() const { return heap_.size(); }
  bool full() const { return heap_.size() == k_; }
  float worst() const { return heap_.front().score; }

  // fastText's test before pushing: a full heap refuses a strictly worse candidate.
  bool refuses(float score) const { return full() && score < worst(); }

  // Pushes, then drops the worst if there are k + 1.
  void push(float score, int32_t id) {
    heap_.push_back({score, id});
    sift_up(heap_.size() - 1, 0, heap_.back());
    if (heap_.size() > k_) {
      pop_to_back(heap_.size());
      heap_.pop_back();
    }
  }

  // Sorts best first and moves the result out; the heap is empty afterwards.
  void take_sorted(std::vector<ScoredId>* out) {
    for (size_t n = heap_.size(); n > 1; --n) pop_to_back(n);
    out->swap(heap_);
    heap_.clear();
  }

 private:
  // The heap's "less": fastText's comparator ranks a higher score lower, so the root
  // holds the lowest.
  static bool before(const ScoredId& a, const ScoredId& b) { return a.score > b.score; }

  void sift_up(size_t hole, size_t top, ScoredId value) {
    size_t parent = hole == 0 ? 0 : (hole - 1) / 2;
    while (hole > top && before(heap_[parent], value)) {
      heap_[hole] = heap_[parent];
      hole = parent;
      parent = (hole - 1) / 2;
    }
    heap_[hole] = value;
  }

  // Moves the root of heap_[0, n) to position n - 1 and restores the heap on [0, n - 1).
  void pop_to_back(size_t n) {
    const ScoredId value = heap_[n - 1];
    heap_[n - 1] = heap_[0];
    const size_t len = n - 1;
    size_t hole = 0, child = 0;
    while (len >= 2 && child < (len - 1) / 2) {
      child = 2 * (child + 1);
      if (before(heap_[child], heap_[child - 1])) --child;
      heap_[hole] = heap_[child];
      hole = child;
    }
    if ((len & 1) == 0 && len >= 2 && child == (len - 2) / 2) {
      child = 2 * (child + 1);
      heap_[hole] = heap_[child - 1];
      hole = child - 1;
    }
    sift_up(hole, 0, value);
  }

  size_t k_ = 0;
  std::vector<ScoredId> heap_;
};

}  // namespace embedwasm::fasttext
