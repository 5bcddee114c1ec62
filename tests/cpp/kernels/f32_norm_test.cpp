// kernels/f32_norm: ||x||_2 and ||x||_p for p in {1, 2, 3, 0.5, +inf}.
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

using L2NormFn = float (*)(size_t, const float*);
using LpNormFn = float (*)(size_t, const float*, float);

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

// Past n: anything read would make every norm at least 1e15 (p = 0.5) or inf.
std::vector<float> WithPoisonTail(size_t n, uint32_t seed) {
  std::vector<float> v = Uniform(n, seed);
  v.resize(n + 8, 1e30f);
  return v;
}

const size_t kTailSizes[] = {0, 1, 3, 4, 5, 7, 8, 9, 33};


// Within rounding of the reference. The SIMD twin sums in lanes, so it matches the scalar
// twin up to rounding only: both are within the reference's bound of the exact value,
// hence within twice it of each other.
void CheckL2(const Variant<L2NormFn>& v) {
  ForEachVectorCase([&](size_t n, int kind, size_t misalign) {
    const std::vector<float> x0 = Data(kind, n, 1300 + n);
    Guarded x(x0, Guard::kPoison, misalign);
    const NormReference ref = L2Reference(x0.data(), n);
    const float got = v.fn(n, x.data());
    CHECK(Within(got, ref));
    if (v.twin != nullptr) CHECK(std::fabs(static_cast<double>(got) - v.twin(n, x.data())) <= 2.0 * ref.bound);
    CHECK(FirstBitMismatch(x.data(), x0.data(), n) == -1);  // x is read-only
    CHECK(x.GuardsIntact());
  });
}

// As CheckL2; a max is order-independent, so for p = inf the twins match bit for bit.
void CheckLp(const Variant<LpNormFn>& v) {
  ForEachVectorCase([&](size_t n, int kind, size_t misalign) {
    for (float p : kPs) {
      INFO("p=" << p);
      const std::vector<float> x0 = Data(kind, n, 1400 + n);
      Guarded x(x0, Guard::kPoison, misalign);
      const NormReference ref = LpReference(x0.data(), n, p);
      const float got = v.fn(n, x.data(), p);
      CHECK(Within(got, ref));
      if (v.twin != nullptr) {
        const float other = v.twin(n, x.data(), p);
        if (std::isinf(p)) {
          CHECK(SameBits(got, other));
        } else {
          CHECK(std::fabs(static_cast<double>(got) - other) <= 2.0 * ref.bound);
        }
      }
      CHECK(FirstBitMismatch(x.data(), x0.data(), n) == -1);
      CHECK(x.GuardsIntact());
    }
  });
}

// Sums of |x| and x^2 of small integers are exact, so L1, L2 and max must be too (double
// rounding of sqrt is harmless since 53 >= 2 * 24 + 2).
void CheckExactOnSmallIntegers(L2NormFn l2, LpNormFn lp) {
  for (size_t n : Sizes()) {
    INFO("n=" << n);
    const std::vector<float> x = SmallIntegers(n, 1600 + n);
    CHECK(l2(n, x.data()) == static_cast<float>(L2Reference(x.data(), n).value));
    for (float p : {1.0f, 2.0f, kInf}) {
      INFO("p=" << p);
      CHECK(lp(n, x.data(), p) == static_cast<float>(LpReference(x.data(), n, p).value));
    }
  }
}

// Past n: anything read would make every norm at least 1e15 (p = 0.5) or inf.
void CheckReadsOnlyN(L2NormFn l2, LpNormFn lp) {
  for (size_t n : kTailSizes) {
    INFO("n=" << n);
    const std::vector<float> x = WithPoisonTail(n, 1700 + n);
    CHECK(Within(l2(n, x.data()), L2Reference(x.data(), n)));
    for (float p : kPs) {
      INFO("p=" << p);
      CHECK(Within(lp(n, x.data(), p), LpReference(x.data(), n, p)));
    }
  }
  const float x = 1.0f;
  CHECK(SameBits(l2(0, &x), 0.0f));
  for (float p : kPs) {
    INFO("p=" << p);
    CHECK(SameBits(lp(0, &x, p), 0.0f));
  }
}

// PyTorch's norm of a row holding NaN is NaN for every p, inf included; a max built on
// fmax would skip the NaN and report a finite norm, so max_norm would leave the row be.
void CheckNaNPropagates(L2NormFn l2, LpNormFn lp) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  for (size_t n : Sizes()) {
    for (size_t at : {size_t{0}, n / 2, n - 1}) {
      INFO("n=" << n << " NaN at " << at);
      std::vector<float> x = SmallIntegers(n, 1800 + n);
      x[at] = nan;
      CHECK(std::isnan(l2(n, x.data())));
      for (float p : kPs) {
        INFO("p=" << p);
        CHECK(std::isnan(lp(n, x.data(), p)));
      }
    }
  }
}

// The L2 and Lp twins of one variant, paired: lp(p = 2) must be l2 itself.
struct NormPair {
  const char* name;
  L2NormFn l2;
  LpNormFn lp;
};

std::vector<NormPair> NormPairs() {
  const auto l2 = KERNEL_VARIANTS(f32_l2_norm);
  const auto lp = KERNEL_VARIANTS(f32_lp_norm);
  std::vector<NormPair> pairs;
  for (size_t i = 0; i < l2.size(); ++i) pairs.push_back({l2[i].name, l2[i].fn, lp[i].fn});
  return pairs;
}

}  // namespace

KERNEL_TEST(f32_l2_norm, CheckL2, "within rounding of a double reference and of the scalar twin")
KERNEL_TEST(f32_lp_norm, CheckLp, "within rounding of a double reference and of the scalar twin")

TEST_CASE("f32 norms: lp with p = 2 is l2; exact on small integers; read only n; NaN in, NaN out",
          "[kernels]") {
  for (const NormPair& v : NormPairs()) {
    INFO("variant " << v.name);
    for (size_t n : Sizes()) {
      INFO("n=" << n);
      const std::vector<float> x = WideRange(n, 1500 + n);
      CHECK(SameBits(v.lp(n, x.data(), 2.0f), v.l2(n, x.data())));
    }
    CheckExactOnSmallIntegers(v.l2, v.lp);
    CheckReadsOnlyN(v.l2, v.lp);
    CheckNaNPropagates(v.l2, v.lp);
  }
}

KERNEL_DISPATCH_TEST(f32_l2_norm)
KERNEL_DISPATCH_TEST(f32_lp_norm)
