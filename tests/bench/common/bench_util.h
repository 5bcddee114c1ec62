#pragma once
// What every benchmark program in tests/bench shares: the command line, the data stream,
// the clock, statistics and the JSON list of timings.
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <string>
#include <vector>

// The build's name in the records: tests/bench/CMakeLists.txt sets it per build directory.
#ifndef BENCH_BUILD
#ifdef __EMSCRIPTEN__
#define BENCH_BUILD "wasm"
#else
#define BENCH_BUILD "native"
#endif
#endif

namespace bench {

// splitmix64: the same numbers under libstdc++ and libc++, so native and wasm builds (and
// tests/bench/common/data.mjs) draw the same tables and ids, and checksums compare across them.
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

// A "--name=integer" flag of a program's command line and where its value goes.
struct Flag {
  const char* name;  // without the dashes
  long long* value;
};

// The programs' one command-line parser: "--name=integer" for each of `flags`, and bare
// words (variants, a path) appended to `words` in order. Returns "" or what is wrong (an
// unknown flag, a value that is not a whole integer).
inline std::string ParseArgs(int argc, char** argv, std::initializer_list<Flag> flags,
                             std::vector<std::string>* words) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("--", 0) != 0) {
      words->push_back(arg);
      continue;
    }
    const size_t eq = arg.find('=');
    const std::string name = arg.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
    const Flag* flag = std::find_if(flags.begin(), flags.end(), [&](const Flag& f) { return name == f.name; });
    if (flag == flags.end()) {
      std::string known;
      for (const Flag& f : flags) known += (known.empty() ? "--" : ", --") + std::string(f.name) + "=N";
      return "unknown flag '" + arg + "' (" + known + ")";
    }
    const char* text = eq == std::string::npos ? "" : arg.c_str() + eq + 1;
    char* end = nullptr;
    errno = 0;
    const long long value = std::strtoll(text, &end, 10);
    if (*text == '\0' || *end != '\0' || errno != 0) return "'" + arg + "': --" + name + " takes an integer, as --" + name + "=N";
    *flag->value = value;
  }
  return "";
}

}  // namespace bench
