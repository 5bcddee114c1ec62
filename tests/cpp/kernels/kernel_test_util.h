#pragma once
// The kernel tests' shared harness: the twins of each op as this build has them,
// fixed-seed data, guard-banded buffers and the rounding constants every tolerance is
// derived from. Random data only has to be reproducible within one build, so
// std::uniform_real_distribution is fine here.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

namespace embedwasm::kernels::test {

// One twin of an op. Each op's test is written once, as a check of one Variant (its
// `fn`, and the `twin` to compare it with), and KERNEL_TEST runs it on every variant:
// the scalar twin is held to the independent reference alone (twin is null), the WASM
// SIMD twin to the same reference and to the scalar twin on the same input. So no test
// body is copied per twin, and the SIMD twin meets everything the scalar one does.
template <typename Fn>
struct Variant {
  const char* name;  // "scalar", "wasmsimd"
  Fn fn;
  Fn twin;
};

// The variants of `op` in this build: the scalar twin always, the SIMD twin under
// -msimd128 (only the wasm build of the tests has it; build/wasm's ctest runs them).
#define EMBEDWASM_SCALAR_VARIANT(op) {"scalar", &::embedwasm::kernels::op##__scalar, nullptr}
#if defined(__wasm_simd128__)
#define KERNEL_VARIANTS(op)                                                                  \
  (std::vector<::embedwasm::kernels::test::Variant<decltype(&::embedwasm::kernels::op##__scalar)>>{ \
      EMBEDWASM_SCALAR_VARIANT(op),                                                          \
      {"wasmsimd", &::embedwasm::kernels::op##__wasmsimd, &::embedwasm::kernels::op##__scalar}})
#else
#define KERNEL_VARIANTS(op)                                                                  \
  (std::vector<::embedwasm::kernels::test::Variant<decltype(&::embedwasm::kernels::op##__scalar)>>{ \
      EMBEDWASM_SCALAR_VARIANT(op)})
#endif

// check(variant) for every variant, the variant's name in any failure message.
template <typename Fn, typename Check>
void ForEachVariant(const std::vector<Variant<Fn>>& variants, Check check) {
  for (const Variant<Fn>& v : variants) {
    INFO("variant " << v.name);
    check(v);
  }
}

// kernels.h picks the last variant this build has: SIMD in wasm, scalar natively.
template <typename Fn>
bool DispatchesToLast(Fn dispatched, const std::vector<Variant<Fn>>& variants) {
  return dispatched == variants.back().fn;
}

// A test case running check(const Variant<Fn>&) on every variant of `op`.
#define KERNEL_TEST(op, check, description)                                        \
  TEST_CASE(#op ": " description, "[kernels]") {                                   \
    ::embedwasm::kernels::test::ForEachVariant(KERNEL_VARIANTS(op), check);        \
  }

// The test case that kernels.h dispatches `op` to this build's last variant.
#define KERNEL_DISPATCH_TEST(op)                                                                \
  TEST_CASE(#op ": kernels.h dispatches to this build's variant", "[kernels]") {                \
    CHECK(::embedwasm::kernels::test::DispatchesToLast(::embedwasm::kernels::op, KERNEL_VARIANTS(op))); \
  }

// n around the SIMD tiles: the kernels step by 8 and 4 floats, and gather switches to
// memcpy at 32, so every n up to 33, then multiples of the tile and sizes with tails.
inline const std::vector<size_t>& Sizes() {
  static const std::vector<size_t> sizes = [] {
    std::vector<size_t> s;
    for (size_t n = 1; n <= 33; ++n) s.push_back(n);
    for (size_t n : {64, 100, 128, 300}) s.push_back(n);
    return s;
  }();
  return sizes;
}

// The cases of a kernel over vectors: each n in Sizes(), both Data kinds, and the payload
// 0 and 1 floats past a 16-byte boundary. f(n, kind, misalign).
template <typename F>
void ForEachVectorCase(F f) {
  for (size_t n : Sizes()) {
    for (int kind : {0, 1}) {
      for (size_t misalign : {0, 1}) {
        INFO("n=" << n << " kind=" << kind << " misalign=" << misalign);
        f(n, kind, misalign);
      }
    }
  }
}

// The cases of a kernel run in place (its input is its output): each n in Sizes(), the
// buffer 0 and 3 floats past a 16-byte boundary. f(n, misalign).
template <typename F>
void ForEachInPlaceCase(F f) {
  for (size_t n : Sizes()) {
    for (size_t misalign : {0, 3}) {
      INFO("n=" << n << " misalign=" << misalign);
      f(n, misalign);
    }
  }
}

// Unit roundoff of float under round-to-nearest: every float op is exact * (1 + d), |d| <= kU.
constexpr double kU = 0x1p-24;

// Higham's gamma_n = n u / (1 - n u): bound on the relative error of a product of n
// factors (1 + d_i). A sum of n terms in any order has at most n-1 roundings per term,
// and a dot product n (one more for the multiply), so gamma_n covers both.
inline double Gamma(size_t n) { return static_cast<double>(n) * kU / (1.0 - static_cast<double>(n) * kU); }

// References and bounds are computed in double, whose own rounding is at most about
// n 2^-53 on the same scale as the float bound (n u on it): a 2^-29 fraction of it for
// n <= 300. This slack covers exactly that and nothing of the float rounding under test.
constexpr double kBoundSlack = 1.0 + 1e-6;

// A quiet NaN with a payload no float op on finite inputs produces: used for input
// guard bands and table padding, and compared by bits.
inline float Sentinel() {
  constexpr uint32_t kBits = 0x7fc0dead;
  float f;
  std::memcpy(&f, &kBits, sizeof f);
  return f;
}

inline bool SameBits(float a, float b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// Index of the first element whose bits differ, or -1 if all n are identical.
inline long FirstBitMismatch(const float* a, const float* b, size_t n) {
  if (n == 0 || std::memcmp(a, b, n * sizeof(float)) == 0) return -1;
  for (size_t j = 0; j < n; ++j) {
    if (!SameBits(a[j], b[j])) return static_cast<long>(j);
  }
  return -1;
}

inline long FirstNaN(const float* a, size_t n) {
  for (size_t j = 0; j < n; ++j) {
    if (std::isnan(a[j])) return static_cast<long>(j);
  }
  return -1;
}

// Uniform in [lo, hi).
inline std::vector<float> Uniform(size_t n, uint32_t seed, float lo = -1.0f, float hi = 1.0f) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(lo, hi);
  std::vector<float> v(n);
  for (float& x : v) x = dist(rng);
  return v;
}

// Random sign, magnitude 2^e * m with e in [-20, 20], m in [1, 2): mixed exponents make
// sums round at many different positions, which stresses the error bounds.
inline std::vector<float> WideRange(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> mant(1.0f, 2.0f);
  std::uniform_int_distribution<int> expo(-20, 20);
  std::bernoulli_distribution neg(0.5);
  std::vector<float> v(n);
  for (float& x : v) x = std::ldexp(mant(rng), expo(rng)) * (neg(rng) ? -1.0f : 1.0f);
  return v;
}

// kind 0: Uniform, kind 1: WideRange; tests run both.
inline std::vector<float> Data(int kind, size_t n, uint32_t seed) {
  return kind == 0 ? Uniform(n, seed) : WideRange(n, seed);
}

// Integers in [-8, 8]: products and partial sums of a few hundred of them stay integers
// below 2^24, so any summation order is exact and results can be compared exactly.
// Catches a dropped or doubled tail element independently of any tolerance.
inline std::vector<float> SmallIntegers(size_t n, uint32_t seed) {
  std::vector<float> v = Uniform(n, seed, -8.0f, 9.0f);
  for (float& x : v) x = std::floor(x);
  return v;
}

// What surrounds a Guarded payload. Inputs get kPoison, the sentinel NaN: a kernel that
// reads it turns a sum into NaN. Outputs (and in-place buffers) get kCanary, a finite
// value: a stray write replaces it with something else. A NaN guard on an output would
// not do, since a * NaN or NaN + NaN propagates the same payload and the bits survive.
enum class Guard { kPoison, kCanary };

inline float GuardValue(Guard g) { return g == Guard::kPoison ? Sentinel() : -0x1.abcdeep+77f; }

// n payload floats with kGuard guard floats on each side. The payload starts
// `misalign` floats past a 16-byte boundary, so v128 loads and stores also run on
// addresses that are not 16-byte aligned (wasm allows it; the kernels must not care).
class Guarded {
 public:
  static constexpr size_t kGuard = 8;

  Guarded(size_t n, Guard guard, size_t misalign = 0)
      : buf_(n + 2 * kGuard + 4 + misalign, GuardValue(guard)), n_(n), guard_(GuardValue(guard)) {
    const auto addr = reinterpret_cast<std::uintptr_t>(buf_.data());
    const size_t to_aligned = ((16 - addr % 16) % 16) / sizeof(float);
    begin_ = to_aligned + kGuard + misalign;
  }
  Guarded(const std::vector<float>& values, Guard guard, size_t misalign = 0)
      : Guarded(values.size(), guard, misalign) {
    if (!values.empty()) std::memcpy(data(), values.data(), values.size() * sizeof(float));
  }

  float* data() { return buf_.data() + begin_; }
  const float* data() const { return buf_.data() + begin_; }
  size_t size() const { return n_; }
  std::vector<float> payload() const { return std::vector<float>(data(), data() + n_); }

  // True if no float outside [data(), data() + size()) has changed: the kernel under
  // test never wrote out of bounds (within kGuard floats, which covers a stray v128).
  bool GuardsIntact() const {
    for (size_t j = 0; j < buf_.size(); ++j) {
      if (j >= begin_ && j < begin_ + n_) continue;
      if (!SameBits(buf_[j], guard_)) return false;
    }
    return true;
  }

 private:
  std::vector<float> buf_;
  size_t n_;
  float guard_;
  size_t begin_ = 0;
};

// Rows padded to a multiple of 4 floats, the RowMatrix layout (16-byte row starts).
inline size_t RoundUp4(size_t d) { return (d + 3) / 4 * 4; }

// A (V, stride) table whose first d floats per row are random and whose padding is
// the sentinel NaN.
inline std::vector<float> PaddedTable(size_t v, size_t d, size_t stride, uint32_t seed) {
  std::vector<float> table(v * stride, Sentinel());
  const std::vector<float> values = Uniform(v * d, seed);
  for (size_t r = 0; r < v; ++r) {
    for (size_t j = 0; j < d; ++j) table[r * stride + j] = values[r * d + j];
  }
  return table;
}

// Strides to try for row width d: dense, padded to 4, and padded by a further 4 (so a
// row with padding is exercised even when d is already a multiple of 4).
inline std::vector<size_t> StridesFor(size_t d) {
  std::vector<size_t> strides{d};
  if (RoundUp4(d) != d) strides.push_back(RoundUp4(d));
  strides.push_back(RoundUp4(d) + 4);
  return strides;
}

// N ids into V rows: the first and last row recur, every fifth id repeats the one before
// it, the rest are random, so gathers copy one row many times and scatters add into one
// row repeatedly (both adjacent and far-apart duplicates).
inline std::vector<int32_t> IdsWithRepeats(size_t count, size_t v, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int32_t> pick(0, static_cast<int32_t>(v) - 1);
  std::vector<int32_t> ids;
  ids.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    switch (i % 5) {
      case 0: ids.push_back(0); break;
      case 1: ids.push_back(static_cast<int32_t>(v) - 1); break;
      case 2: ids.push_back(ids.back()); break;  // immediate repeat
      default: ids.push_back(pick(rng)); break;
    }
  }
  return ids;
}

// The cases of a row kernel (gather, scatter-add) over a (kTableRows, stride) table: each
// D in Sizes(), each stride in StridesFor(D), the table's padding holding the sentinel
// NaN, and N = 0..kMaxIds ids with repeats and the first and last row (37 runs below, at
// and above multiples of 8 and 32). f(d, stride, table0, ids).
constexpr size_t kTableRows = 13;  // V
constexpr size_t kMaxIds = 37;

template <typename F>
void ForEachTableCase(F f) {
  for (size_t d : Sizes()) {
    for (size_t stride : StridesFor(d)) {
      const std::vector<float> table0 = PaddedTable(kTableRows, d, stride, static_cast<uint32_t>(d * 1000 + stride));
      for (size_t n = 0; n <= kMaxIds; ++n) {
        INFO("D=" << d << " stride=" << stride << " N=" << n);
        f(d, stride, table0, IdsWithRepeats(n, kTableRows, static_cast<uint32_t>(n * 7 + d)));
      }
    }
  }
}

// y = f(n, a, x, y) kernels (f32_axpy, f32_scale) with n = 0 must leave y as it was.
using AxpyLikeFn = void (*)(size_t, float, const float*, float*);

inline void CheckAxpyLikeEmpty(const Variant<AxpyLikeFn>& v) {
  Guarded x(Uniform(8, 1), Guard::kPoison), y(Uniform(8, 2), Guard::kCanary);
  const std::vector<float> y0 = y.payload();
  v.fn(0, 2.0f, x.data(), y.data());
  CHECK(FirstBitMismatch(y.data(), y0.data(), 8) == -1);
  CHECK(y.GuardsIntact());
}

}  // namespace embedwasm::kernels::test
