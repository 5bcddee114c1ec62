// kernels/norm: ||x||_2 and ||x||_p for p in {1, 2, 3, 0.5, +inf}.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "kernels/kernel_test_util.h"
#include "kernels/kernels.h"

namespace k = embedwasm::kernels;
using namespace embedwasm::kernels::test;

namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();
const float kPs[] = {1.0f, 2.0f, 3.0f, 0.5f, kInf};

struct NormReference {
  double value;  // ||x||_p in double
  double bound;  // admissible |float result - value|; 0 means the result must be exact
};

// L2: the float sum of squares has relative error theta, |theta| <= gamma_n (one multiply
// and at most n - 1 adds per term, any order), plus up to 2^-150 per square under gradual
// underflow. sqrt halves the relative error and rounds once more.
NormReference L2Reference(const float* x, size_t n) {
  double s = 0.0;
  for (size_t j = 0; j < n; ++j) s += static_cast<double>(x[j]) * x[j];
  const double value = std::sqrt(s), g = Gamma(n);
  const double rel = std::max(std::sqrt(1.0 + g) * (1.0 + kU) - 1.0, 1.0 - std::sqrt(1.0 - g) * (1.0 - kU));
  return {value, (rel * value + std::sqrt(static_cast<double>(n) * 0x1p-150)) * kBoundSlack};
}

// powf is assumed accurate to 1 ulp (glibc and musl document < 0.82 ulp), i.e. relative
// error <= 2u. For p not in {1, 2, inf}: each |x|^p has relative error <= 2u, the sum
// adds gamma_n, raising to q = 1/p scales relative error by q, q itself is rounded to
// float (1/3 is not exact) which perturbs the result by a factor exp(q u |ln S|), and
// the final powf rounds once more.
NormReference LpReference(const float* x, size_t n, float p) {
  if (p == 2.0f) return L2Reference(x, n);
  double s = 0.0;
  if (std::isinf(p)) {
    for (size_t j = 0; j < n; ++j) s = std::max(s, std::fabs(static_cast<double>(x[j])));
    return {s, 0.0};  // a max is exact in any order
  }
  if (p == 1.0f) {
    for (size_t j = 0; j < n; ++j) s += std::fabs(static_cast<double>(x[j]));
    return {s, Gamma(n) * s * kBoundSlack};  // abs is exact; at most n - 1 adds
  }
  for (size_t j = 0; j < n; ++j) s += std::pow(std::fabs(static_cast<double>(x[j])), static_cast<double>(p));
  const double q = 1.0 / p, value = std::pow(s, q);
  const double theta = (1.0 + 2.0 * kU) * (1.0 + Gamma(n)) - 1.0;
  const double e = s > 0.0 ? q * kU * std::fabs(std::log(s)) : 0.0;
  const double hi = std::pow(1.0 + theta, q) * std::exp(e) * (1.0 + 2.0 * kU) - 1.0;
  const double lo = 1.0 - std::pow(1.0 - theta, q) * std::exp(-e) * (1.0 - 2.0 * kU);
  return {value, std::max(hi, lo) * value * kBoundSlack};
}

bool Within(float got, const NormReference& ref) {
  return ref.bound == 0.0 ? got == ref.value : std::fabs(got - ref.value) <= ref.bound;
}

std::vector<float> Data(int kind, size_t n, uint32_t seed) {
  return kind == 0 ? Uniform(n, seed) : WideRange(n, seed);
}

// Integers in [-8, 8]: sums of |x| and x^2 stay exact integers below 2^24, so L1, L2 and
// max have exact references (double rounding of sqrt is harmless since 53 >= 2 * 24 + 2).
std::vector<float> SmallIntegers(size_t n, uint32_t seed) {
  std::vector<float> v = Uniform(n, seed, -8.0f, 9.0f);
  for (float& x : v) x = std::floor(x);
  return v;
}

// Past n: anything read would make every norm at least 1e15 (p = 0.5) or inf.
std::vector<float> WithPoisonTail(size_t n, uint32_t seed) {
  std::vector<float> v = Uniform(n, seed);
  v.resize(n + 8, 1e30f);
  return v;
}

const size_t kTailSizes[] = {0, 1, 3, 4, 5, 7, 8, 9, 33};

}  // namespace

TEST_CASE("f32_l2_norm__scalar is within rounding of a double reference", "[kernels]") {
  for (size_t n : Sizes()) {
    for (int kind : {0, 1}) {
      for (size_t misalign : {0, 1}) {
        INFO("n=" << n << " kind=" << kind << " misalign=" << misalign);
        const std::vector<float> x0 = Data(kind, n, 1300 + n);
        Guarded x(x0, Guard::kPoison, misalign);
        CHECK(Within(k::f32_l2_norm__scalar(n, x.data()), L2Reference(x0.data(), n)));
        CHECK(FirstBitMismatch(x.data(), x0.data(), n) == -1);  // x is read-only
        CHECK(x.GuardsIntact());
      }
    }
  }
}

TEST_CASE("f32_lp_norm__scalar is within rounding of a double reference", "[kernels]") {
  for (size_t n : Sizes()) {
    for (int kind : {0, 1}) {
      for (float p : kPs) {
        INFO("n=" << n << " kind=" << kind << " p=" << p);
        const std::vector<float> x0 = Data(kind, n, 1400 + n);
        Guarded x(x0, Guard::kPoison, n % 4);
        CHECK(Within(k::f32_lp_norm__scalar(n, x.data(), p), LpReference(x0.data(), n, p)));
        CHECK(FirstBitMismatch(x.data(), x0.data(), n) == -1);
        CHECK(x.GuardsIntact());
      }
    }
  }
}

TEST_CASE("f32_lp_norm__scalar with p = 2 is f32_l2_norm__scalar", "[kernels]") {
  for (size_t n : Sizes()) {
    INFO("n=" << n);
    const std::vector<float> x = WideRange(n, 1500 + n);
    CHECK(SameBits(k::f32_lp_norm__scalar(n, x.data(), 2.0f), k::f32_l2_norm__scalar(n, x.data())));
  }
}

TEST_CASE("f32 norms (scalar) are exact on small integers for p = 1, 2, inf", "[kernels]") {
  for (size_t n : Sizes()) {
    INFO("n=" << n);
    const std::vector<float> x = SmallIntegers(n, 1600 + n);
    CHECK(k::f32_l2_norm__scalar(n, x.data()) == static_cast<float>(L2Reference(x.data(), n).value));
    for (float p : {1.0f, 2.0f, kInf}) {
      INFO("p=" << p);
      CHECK(k::f32_lp_norm__scalar(n, x.data(), p) == static_cast<float>(LpReference(x.data(), n, p).value));
    }
  }
}

TEST_CASE("f32 norms (scalar and dispatched) read only n elements; n = 0 gives +0", "[kernels]") {
  for (size_t n : kTailSizes) {
    INFO("n=" << n);
    const std::vector<float> x = WithPoisonTail(n, 1700 + n);
    CHECK(Within(k::f32_l2_norm__scalar(n, x.data()), L2Reference(x.data(), n)));
    CHECK(Within(k::f32_l2_norm(n, x.data()), L2Reference(x.data(), n)));
    for (float p : kPs) {
      INFO("p=" << p);
      CHECK(Within(k::f32_lp_norm__scalar(n, x.data(), p), LpReference(x.data(), n, p)));
      CHECK(Within(k::f32_lp_norm(n, x.data(), p), LpReference(x.data(), n, p)));
    }
  }
  const float x = 1.0f;
  CHECK(SameBits(k::f32_l2_norm__scalar(0, &x), 0.0f));
  for (float p : kPs) {
    INFO("p=" << p);
    CHECK(SameBits(k::f32_lp_norm__scalar(0, &x, p), 0.0f));
    CHECK(SameBits(k::f32_lp_norm(0, &x, p), 0.0f));
  }
}

TEST_CASE("kernels.h dispatches f32 norms to this build's variant", "[kernels]") {
#if defined(__wasm_simd128__)
  CHECK((k::f32_l2_norm == &k::f32_l2_norm__wasmsimd));
  CHECK((k::f32_lp_norm == &k::f32_lp_norm__wasmsimd));
#else
  CHECK((k::f32_l2_norm == &k::f32_l2_norm__scalar));
  CHECK((k::f32_lp_norm == &k::f32_lp_norm__scalar));
#endif
}

#if defined(__wasm_simd128__)

// The SIMD sums run in lanes, so they match the scalar twin up to rounding only: both are
// within the reference's bound of the exact value, hence within twice it of each other.
// A max is order-independent, so p = inf must match bit for bit.
TEST_CASE("f32_l2_norm__wasmsimd is within rounding of the reference and the scalar twin", "[kernels]") {
  for (size_t n : Sizes()) {
    for (int kind : {0, 1}) {
      for (size_t misalign : {0, 1}) {
        INFO("n=" << n << " kind=" << kind << " misalign=" << misalign);
        const std::vector<float> x0 = Data(kind, n, 1300 + n);
        Guarded x(x0, Guard::kPoison, misalign);
        const NormReference ref = L2Reference(x0.data(), n);
        const float simd = k::f32_l2_norm__wasmsimd(n, x.data());
        CHECK(Within(simd, ref));
        CHECK(std::fabs(static_cast<double>(simd) - k::f32_l2_norm__scalar(n, x.data())) <= 2.0 * ref.bound);
        CHECK(FirstBitMismatch(x.data(), x0.data(), n) == -1);
        CHECK(x.GuardsIntact());
      }
    }
  }
}

TEST_CASE("f32_lp_norm__wasmsimd is within rounding of the reference and the scalar twin", "[kernels]") {
  for (size_t n : Sizes()) {
    for (int kind : {0, 1}) {
      for (float p : kPs) {
        INFO("n=" << n << " kind=" << kind << " p=" << p);
        const std::vector<float> x0 = Data(kind, n, 1400 + n);
        Guarded x(x0, Guard::kPoison, n % 4);
        const NormReference ref = LpReference(x0.data(), n, p);
        const float simd = k::f32_lp_norm__wasmsimd(n, x.data(), p);
        const float scalar = k::f32_lp_norm__scalar(n, x.data(), p);
        CHECK(Within(simd, ref));
        if (std::isinf(p)) {
          CHECK(SameBits(simd, scalar));
        } else {
          CHECK(std::fabs(static_cast<double>(simd) - scalar) <= 2.0 * ref.bound);
        }
        CHECK(FirstBitMismatch(x.data(), x0.data(), n) == -1);
        CHECK(x.GuardsIntact());
      }
    }
  }
}

TEST_CASE("f32_lp_norm__wasmsimd with p = 2 is f32_l2_norm__wasmsimd", "[kernels]") {
  for (size_t n : Sizes()) {
    INFO("n=" << n);
    const std::vector<float> x = WideRange(n, 1500 + n);
    CHECK(SameBits(k::f32_lp_norm__wasmsimd(n, x.data(), 2.0f), k::f32_l2_norm__wasmsimd(n, x.data())));
  }
}

TEST_CASE("f32 norms (wasmsimd) are exact on small integers for p = 1, 2, inf", "[kernels]") {
  for (size_t n : Sizes()) {
    INFO("n=" << n);
    const std::vector<float> x = SmallIntegers(n, 1600 + n);
    CHECK(k::f32_l2_norm__wasmsimd(n, x.data()) == static_cast<float>(L2Reference(x.data(), n).value));
    for (float p : {1.0f, 2.0f, kInf}) {
      INFO("p=" << p);
      CHECK(k::f32_lp_norm__wasmsimd(n, x.data(), p) == static_cast<float>(LpReference(x.data(), n, p).value));
    }
  }
}

TEST_CASE("f32 norms (wasmsimd) read only n elements; n = 0 gives +0", "[kernels]") {
  for (size_t n : kTailSizes) {
    INFO("n=" << n);
    const std::vector<float> x = WithPoisonTail(n, 1700 + n);
    CHECK(Within(k::f32_l2_norm__wasmsimd(n, x.data()), L2Reference(x.data(), n)));
    for (float p : kPs) {
      INFO("p=" << p);
      CHECK(Within(k::f32_lp_norm__wasmsimd(n, x.data(), p), LpReference(x.data(), n, p)));
    }
  }
  const float x = 1.0f;
  CHECK(SameBits(k::f32_l2_norm__wasmsimd(0, &x), 0.0f));
  for (float p : kPs) {
    INFO("p=" << p);
    CHECK(SameBits(k::f32_lp_norm__wasmsimd(0, &x, p), 0.0f));
  }
}

#endif  // __wasm_simd128__

// PyTorch's norm of a row holding NaN is NaN for every p, inf included; a max built on
// fmax would skip the NaN and report a finite norm, so max_norm would leave the row be.
TEST_CASE("f32 norms (every variant) are NaN when any element is NaN", "[kernels]") {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  for (size_t n : Sizes()) {
    for (size_t at : {size_t{0}, n / 2, n - 1}) {
      INFO("n=" << n << " NaN at " << at);
      std::vector<float> x = SmallIntegers(n, 1800 + n);
      x[at] = nan;
      for (float p : kPs) {
        INFO("p=" << p);
        CHECK(std::isnan(k::f32_lp_norm__scalar(n, x.data(), p)));
        CHECK(std::isnan(k::f32_lp_norm(n, x.data(), p)));
#if defined(__wasm_simd128__)
        CHECK(std::isnan(k::f32_lp_norm__wasmsimd(n, x.data(), p)));
#endif
      }
      CHECK(std::isnan(k::f32_l2_norm__scalar(n, x.data())));
      CHECK(std::isnan(k::f32_l2_norm(n, x.data())));
    }
  }
}
