#include "embedwasm/core/thread_pool.h"

#include <atomic>
#include <vector>

#include <catch2/catch.hpp>

namespace embedwasm {
namespace {

// Restores the process-wide count so tests do not leak their setting into each other.
struct ThreadCountScope {
  explicit ThreadCountScope(int threads) : saved(thread_count()) { set_thread_count(threads); }
  ~ThreadCountScope() { set_thread_count(saved); }
  int saved;
};

TEST_CASE("parallel_for runs every task exactly once, cut by grain alone", "[thread_pool]") {
  for (int threads : {1, 2, 3}) {
    ThreadCountScope scope(threads);
    for (size_t n : {size_t{1}, size_t{7}, size_t{64}, size_t{1000}}) {
      for (size_t grain : {size_t{1}, size_t{3}, size_t{64}, size_t{5000}}) {
        std::vector<std::atomic<int>> hits(n);
        std::vector<std::atomic<size_t>> task_end(n);
        parallel_for(n, grain, [&](size_t begin, size_t end) {
          task_end[begin] = end;
          for (size_t i = begin; i < end; ++i) hits[i].fetch_add(1);
        });
        for (size_t i = 0; i < n; ++i) REQUIRE(hits[i].load() == 1);
        for (size_t begin = 0; begin < n; begin += grain) {
          REQUIRE(task_end[begin].load() == std::min(n, begin + grain));
        }
      }
    }
  }
}

TEST_CASE("parallel_for with n = 0 calls nothing", "[thread_pool]") {
  ThreadCountScope scope(2);
  int calls = 0;
  parallel_for(0, 4, [&](size_t, size_t) { ++calls; });
  REQUIRE(calls == 0);
}

TEST_CASE("a parallel_for inside a task runs inline over the same tasks", "[thread_pool]") {
  ThreadCountScope scope(2);
  std::vector<std::atomic<int>> hits(8 * 8);
  parallel_for(8, 1, [&](size_t outer, size_t) {
    parallel_for(8, 3, [&](size_t begin, size_t end) {
      for (size_t i = begin; i < end; ++i) hits[outer * 8 + i].fetch_add(1);
    });
  });
  for (auto& h : hits) REQUIRE(h.load() == 1);
}

TEST_CASE("the thread count is clamped and is 1 without threads", "[thread_pool]") {
  ThreadCountScope scope(1);
  set_thread_count(0);
  REQUIRE(thread_count() == 1);
  set_thread_count(100000);
  REQUIRE(thread_count() == (threads_supported() ? 256 : 1));
  set_thread_count(2);
  REQUIRE(thread_count() == (threads_supported() ? 2 : 1));
}

TEST_CASE("many short jobs in a row all complete (the pool is reused, not restarted)", "[thread_pool]") {
  ThreadCountScope scope(2);
  std::atomic<long> total{0};
  for (int job = 0; job < 2000; ++job) {
    parallel_for(4, 1, [&](size_t begin, size_t) { total.fetch_add(static_cast<long>(begin) + 1); });
  }
  REQUIRE(total.load() == 2000L * 10);
}

}  // namespace
}  // namespace embedwasm
