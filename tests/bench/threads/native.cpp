// Where splitting work over the thread pool starts to pay (core/thread_pool.h's
// kMinTaskFloats): a gather of N floats (rows of D = 64 from a 100,000-row table) on one
// thread and split in two tasks on two, for N from 2,048 to 1M, plus the round trip of an
// empty two-task job (waking a worker and waiting for it). Built with -pthread (natively,
// and with em++ for the wasm threads build; see tests/bench/CMakeLists.txt). Prints one
// JSON line per size.
// Usage: pool_bench [--reps=200]
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "common/bench_util.h"
#include "embedwasm/core/thread_pool.h"
#include "kernels/kernels.h"

namespace {

using bench::Median;
using bench::NowMs;
using bench::SplitMix64;

int Fail(const std::string& message) {
  std::fprintf(stderr, "pool_bench: %s\n", message.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  long long reps_arg = 200;
  std::vector<std::string> rest;
  const std::string bad = bench::ParseArgs(argc, argv, {{"reps", &reps_arg}}, &rest);
  if (!bad.empty()) return Fail(bad);
  if (!embedwasm::threads_supported()) return Fail("this build has no threads");
  const size_t reps = static_cast<size_t>(std::max(10LL, reps_arg));
  constexpr size_t kV = 100000, kD = 64;
  std::vector<float> table(kV * kD);
  SplitMix64 rng{20240611};
  for (float& x : table) x = static_cast<float>(rng.next() >> 40) * 0x1p-24f;
  std::vector<int32_t> ids(1 << 14);
  for (int32_t& id : ids) id = static_cast<int32_t>(rng.next() % kV);
  std::vector<float> out(ids.size() * kD);

  // Timed one call at a time: V8 optimises a wasm function for its later calls only.
  const auto time = [&](int threads, size_t rows, size_t grain) {
    embedwasm::set_thread_count(threads);
    std::vector<double> ms;
    for (size_t r = 0; r < reps + 10; ++r) {
      const double t0 = NowMs();
      embedwasm::parallel_for(rows, grain, [&](size_t b, size_t e) {
        embedwasm::kernels::f32_gather_rows(table.data(), kD, ids.data() + b, e - b, kD, out.data() + b * kD);
      });
      if (r >= 10) ms.push_back(NowMs() - t0);
    }
    return Median(ms);
  };
  // Wake the workers once: the first job starts them.
  time(2, 2, 1);
  {
    std::vector<double> ms;
    embedwasm::set_thread_count(2);
    for (size_t r = 0; r < reps + 10; ++r) {
      const double t0 = NowMs();
      embedwasm::parallel_for(2, 1, [](size_t, size_t) {});
      if (r >= 10) ms.push_back(NowMs() - t0);
    }
    std::printf("{\"bench\":\"threads\",\"build\":\"%s\",\"variant\":\"empty-job\",\"median_ms\":%.5f}\n", BENCH_BUILD,
                Median(ms));
  }
  for (size_t rows = 32; rows <= ids.size(); rows *= 2) {
    const double one = time(1, rows, rows);
    const double two = time(2, rows, (rows + 1) / 2);
    std::printf(
        "{\"bench\":\"threads\",\"build\":\"%s\",\"variant\":\"gather\",\"floats\":%zu,\"one_ms\":%.5f,"
        "\"two_ms\":%.5f,\"speedup\":%.3f}\n",
        BENCH_BUILD, rows * kD, one, two, one / two);
    std::fflush(stdout);
  }
  return 0;
}
