// Gather throughput: out (N, D) <- table (V, stride) rows ids[0..N), N = B T.
// One source, built by CMake (tests/bench/CMakeLists.txt) natively and with em++ (-O3
// -msimd128 -mbulk-memory, run under Node, or in a page as gather_bench_web). Prints one
// JSON line per variant; report.mjs turns the lines of every build into one table.
//
// Usage: gather_bench [--V=100000] [--D=128] [--reps=30] [--warmup=10] [variant...]
//        (no variant: all in this build)
//
// Each timed repetition is one call of the variant: V8 has no on-stack replacement for
// wasm, so only later calls of a function run its optimized code, and warming up means
// calling it, not looping inside one call. Buffers are allocated and touched once, before
// any timing: a fresh output of tens of MB per call would add page faults to every call.
#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "common/bench_util.h"
#include "kernels/f32_gather_rows/scalar.h"
#ifdef __wasm_simd128__
#include "kernels/f32_gather_rows/wasm_simd128.h"
#endif

namespace {

using bench::JoinMs;
using bench::NowMs;
using bench::Quantile;
using bench::SplitMix64;

namespace k = embedwasm::kernels;

constexpr size_t kB = 1024;    // ids: (B, T)
constexpr size_t kT = 64;
constexpr size_t kN = kB * kT;
constexpr size_t kAlignFloats = 4;  // rows start on 16-byte boundaries, as in RowMatrix
constexpr uint64_t kSeed = 20240611;

template <typename T>
T* Aligned(size_t count) {  // 16-byte aligned, as RowMatrix allocates
  const size_t bytes = (count * sizeof(T) + 15) / 16 * 16;
  auto* p = static_cast<T*>(std::aligned_alloc(16, bytes));
  if (p == nullptr) {
    std::fprintf(stderr, "gather_bench: cannot allocate %zu bytes\n", bytes);
    std::exit(1);
  }
  return p;
}

// FNV-1a over 32-bit words: order-sensitive, so a row in the wrong place changes it.
uint64_t Checksum(const float* p, size_t count) {
  uint64_t h = 0xCBF29CE484222325ull;
  for (size_t i = 0; i < count; ++i) {
    uint32_t w;
    std::memcpy(&w, p + i, sizeof(w));
    h = (h ^ w) * 0x100000001B3ull;
  }
  return h;
}

struct Data {
  size_t V;         // table rows
  size_t D;         // row width
  size_t stride;    // floats between row starts: D rounded up to 16 bytes, as in RowMatrix
  float* table;     // (V, stride), padding floats zero
  int32_t* ids;     // (B, T)
  float* out;       // (N, D), written by every variant
  float* expected;  // (N, D), element-by-element reference; also the memcpy source
  float* evict;     // (kEvictFloats), written and read to push everything else out of cache
};

constexpr size_t kEvictFloats = size_t{128} << 20 >> 2;  // 128 MiB: four times the L3

// Returns a value that depends on every line of `evict`, so the pass cannot be dropped.
__attribute__((noinline)) float EvictCaches(const Data& d) {
  float acc = 0;
  for (size_t i = 0; i < kEvictFloats; i += 16) {
    d.evict[i] += 1.0f;
    acc += d.evict[i];
  }
  return acc;
}

// The variants. noinline and called through a pointer: each repetition is one real call
// of one wasm function, which is what V8 tiers up.
using Variant = void (*)(const Data&);

__attribute__((noinline)) void RunScalar(const Data& d) {
  k::f32_gather_rows__scalar(d.table, d.stride, d.ids, kN, d.D, d.out);
}
#ifdef __wasm_simd128__
__attribute__((noinline)) void RunWasmSimd(const Data& d) {
  k::f32_gather_rows__wasmsimd(d.table, d.stride, d.ids, kN, d.D, d.out);
}
#endif
// Copying the output bytes themselves: the ceiling a gather of them could reach.
__attribute__((noinline)) void RunMemcpy(const Data& d) {
  std::memcpy(d.out, d.expected, kN * d.D * sizeof(float));
}
#ifndef __EMSCRIPTEN__
// The wasm SIMD kernel's algorithm for D >= 32 (a memcpy per row), natively.
__attribute__((noinline)) void RunMemcpyRows(const Data& d) {
  for (size_t i = 0; i < kN; ++i) {
    std::memcpy(d.out + i * d.D, d.table + static_cast<size_t>(d.ids[i]) * d.stride, d.D * sizeof(float));
  }
}
#endif

struct VariantInfo {
  const char* name;
  const char* what;
  Variant run;
  bool evict_first = false;  // evict the caches before every call (outside the timing)
};

const std::vector<VariantInfo>& Variants() {
  static const std::vector<VariantInfo> v = {
#ifdef __wasm_simd128__
      {"wasmsimd", "f32_gather_rows__wasmsimd", RunWasmSimd},
#endif
      {"scalar", "f32_gather_rows__scalar", RunScalar},
      {"memcpy", "memcpy of the output bytes", RunMemcpy},
#ifndef __EMSCRIPTEN__
      {"memcpy_rows", "memcpy per row (the wasmsimd kernel's algorithm)", RunMemcpyRows},
      // Between warm calls the L3 (32 MiB here) can keep part of the 33.5 MB source: this
      // row shows how much of the warm copy's speed that is.
      {"memcpy_cold", "memcpy of the output bytes, caches evicted before each call", RunMemcpy, true},
#endif
  };
  return v;
}

// Times one variant and checks its output bit for bit. Returns false on a mismatch.
bool Measure(const VariantInfo& v, const Data& data, int warmup, int reps, uint64_t expected_sum) {
  const size_t out_floats = kN * data.D;
  const double bytes = static_cast<double>(out_floats * sizeof(float));
  // Poison the output so that a variant which writes nothing cannot pass the check.
  std::memset(data.out, 0xFF, out_floats * sizeof(float));
  Variant volatile run = v.run;  // keep the compiler from specialising the calls away

  volatile float sink = 0;
  double first_ms = 0;
  for (int i = 0; i < warmup; ++i) {
    if (v.evict_first) sink = sink + EvictCaches(data);
    const double t0 = NowMs();
    run(data);
    if (i == 0) first_ms = NowMs() - t0;
  }
  std::vector<double> ms(static_cast<size_t>(reps));
  for (double& m : ms) {
    if (v.evict_first) sink = sink + EvictCaches(data);
    const double t0 = NowMs();
    run(data);
    m = NowMs() - t0;
  }
  const uint64_t sum = Checksum(data.out, out_floats);
  const bool ok = sum == expected_sum && std::memcmp(data.out, data.expected, out_floats * sizeof(float)) == 0;

  const double median = Quantile(ms, 0.5);
  std::printf(
      "{\"bench\":\"gather\",\"build\":\"%s\",\"variant\":\"%s\",\"what\":\"%s\","
      "\"V\":%zu,\"D\":%zu,\"stride\":%zu,\"N\":%zu,\"bytes\":%zu,\"seed\":%" PRIu64 ","
      "\"warmup\":%d,\"reps\":%d,\"first_ms\":%.4f,\"median_ms\":%.4f,\"q1_ms\":%.4f,\"q3_ms\":%.4f,"
      "\"min_ms\":%.4f,\"max_ms\":%.4f,\"gbps\":%.4f,\"checksum\":\"%016" PRIx64 "\",\"ok\":%s,\"ms\":[%s]}\n",
      BENCH_BUILD, v.name, v.what, data.V, data.D, data.stride, kN, out_floats * sizeof(float), kSeed, warmup,
      reps, first_ms, median, Quantile(ms, 0.25), Quantile(ms, 0.75), *std::min_element(ms.begin(), ms.end()),
      *std::max_element(ms.begin(), ms.end()), bytes / (median * 1e6), sum, ok ? "true" : "false",
      JoinMs(ms).c_str());
  std::fflush(stdout);
  if (!ok) {
    std::fprintf(stderr,
                 "gather_bench: %s/%s output differs from the reference gather "
                 "(checksum %016" PRIx64 ", expected %016" PRIx64 ")\n",
                 BENCH_BUILD, v.name, sum, expected_sum);
  }
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  long long warmup_arg = 10, reps_arg = 30, v_arg = 100000, d_arg = 128;
  std::vector<std::string> wanted;
  const std::string bad =
      bench::ParseArgs(argc, argv, {{"V", &v_arg}, {"D", &d_arg}, {"reps", &reps_arg}, {"warmup", &warmup_arg}}, &wanted);
  if (!bad.empty()) {
    std::fprintf(stderr, "gather_bench: %s\n", bad.c_str());
    return 2;
  }
  if (reps_arg < 1 || warmup_arg < 1 || reps_arg > 100000 || warmup_arg > 100000) {
    std::fprintf(stderr, "gather_bench: --reps and --warmup must be in [1, 100000]\n");
    return 2;
  }
  const int reps = static_cast<int>(reps_arg), warmup = static_cast<int>(warmup_arg);
  if (v_arg < 1 || v_arg > INT32_MAX || d_arg < 1 || d_arg > 65536) {
    std::fprintf(stderr, "gather_bench: --V must be in [1, 2^31) and --D in [1, 65536]\n");
    return 2;
  }
  const size_t V = static_cast<size_t>(v_arg), D = static_cast<size_t>(d_arg);
  std::vector<const VariantInfo*> chosen;
  for (const VariantInfo& v : Variants()) {
    if (wanted.empty() || std::find(wanted.begin(), wanted.end(), v.name) != wanted.end()) chosen.push_back(&v);
  }
  for (const std::string& w : wanted) {
    if (std::none_of(chosen.begin(), chosen.end(), [&](const VariantInfo* v) { return w == v->name; })) {
      std::fprintf(stderr, "gather_bench: no variant '%s' in the %s build\n", w.c_str(), BENCH_BUILD);
      return 2;
    }
  }

  const size_t stride = (D + kAlignFloats - 1) / kAlignFloats * kAlignFloats;
  Data data{V, D, stride, Aligned<float>(V * stride), Aligned<int32_t>(kN), Aligned<float>(kN * D),
            Aligned<float>(kN * D), nullptr};
  SplitMix64 rng{kSeed};
  for (size_t r = 0; r < V; ++r) {
    float* row = data.table + r * stride;
    for (size_t j = 0; j < D; ++j) row[j] = rng.value();
    for (size_t j = D; j < stride; ++j) row[j] = 0.0f;
  }
  // Uniform rows; the modulo bias (V / 2^64) is far below anything measurable.
  for (size_t i = 0; i < kN; ++i) data.ids[i] = static_cast<int32_t>(rng.next() % V);
  for (size_t i = 0; i < kN; ++i) {
    for (size_t j = 0; j < D; ++j) {
      data.expected[i * D + j] = data.table[static_cast<size_t>(data.ids[i]) * stride + j];
    }
  }
  const uint64_t expected_sum = Checksum(data.expected, kN * D);
  if (std::any_of(chosen.begin(), chosen.end(), [](const VariantInfo* v) { return v->evict_first; })) {
    data.evict = Aligned<float>(kEvictFloats);
    std::memset(data.evict, 0, kEvictFloats * sizeof(float));
  }

  bool ok = true;
  for (const VariantInfo* v : chosen) ok = Measure(*v, data, warmup, reps, expected_sum) && ok;

  std::free(data.table);
  std::free(data.ids);
  std::free(data.out);
  std::free(data.expected);
  std::free(data.evict);
  return ok ? 0 : 1;
}
