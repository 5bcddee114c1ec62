#pragma once
// What every benchmark program in tests/bench shares: the data stream, the clock,
// statistics and the JSON list of timings.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

// The build's name in the records: scripts/bench.sh sets it per build directory.
#ifndef BENCH_BUILD
#ifdef __EMSCRIPTEN__
#define BENCH_BUILD "wasm"
#else
#define BENCH_BUILD "native"
#endif
#endif

namespace bench {

// splitmix64: the same numbers under libstdc++ and libc++, so native and wasm builds (and
// scripts/bench_data.mjs) draw the same tables and ids, and checksums compare across them.
struct SplitMix64 {
  uint64_t s;
  uint64_t next() {
    uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // A value in [-0.5, 0.5) with 24 random bits: exact in float, identical in every build.
  float value() { return static_cast<float>(next() >> 40) * 0x1p-24f - 0.5f; }
};

inline double NowMs() {
  using clock = std::chrono::steady_clock;
  return std::chrono::duration<double, std::milli>(clock::now().time_since_epoch()).count();
}

// Linear interpolation between order statistics; v non-empty.
inline double Quantile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  const double pos = q * static_cast<double>(v.size() - 1);
  const size_t lo = static_cast<size_t>(pos);
  const size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (v[hi] - v[lo]) * (pos - static_cast<double>(lo));
}

inline double Median(const std::vector<double>& v) { return Quantile(v, 0.5); }

// Every timing, in call order, as the inside of a JSON array.
inline std::string JoinMs(const std::vector<double>& ms, const char* format = "%.4f") {
  std::string s;
  char buf[32];
  for (double m : ms) {
    if (!s.empty()) s += ',';
    std::snprintf(buf, sizeof(buf), format, m);
    s += buf;
  }
  return s;
}

// If `arg` is `prefix` followed by a number ("--reps=30"), stores the number and returns true.
inline bool IntFlag(const std::string& arg, const char* prefix, long long* out) {
  const std::string p(prefix);
  if (arg.compare(0, p.size(), p) != 0) return false;
  *out = std::atoll(arg.c_str() + p.size());
  return true;
}

}  // namespace bench
