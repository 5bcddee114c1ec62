#include "embedwasm/core/rng.h"

#include <cmath>
#include <cstdint>
#include <cstring>

// The promise in rng.h (one seed, the same numbers natively and in wasm) needs more than
// a portable generator: glibc (native) and musl (em++) disagree in the last bit of log,
// sin and cos for about 6% of Box-Muller inputs. So normal() uses only +, -, *, / and
// sqrt, which IEEE 754 rounds identically everywhere, through the fdlibm polynomials
// below. That also relies on the compiler not fusing a*b+c into an FMA: g++ in ISO mode
// (-std=c++17) and wasm (no scalar FMA) never do; clang on FMA hardware would, hence:
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

namespace embedwasm {
namespace {

uint64_t splitmix64(uint64_t* x) {
  uint64_t z = (*x += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

// log(x) for finite x > 0, fdlibm e_log.c: x = 2^k (1 + f) with 1 + f in [sqrt(2)/2,
// sqrt(2)), log(1 + f) = 2 atanh(s), s = f / (2 + f), by a minimax polynomial in s^2.
// Error < 1 ulp. Box-Muller only passes (0, 1], so subnormals, 0 and inf are not handled.
double portable_log(double x) {
  constexpr double kLn2Hi = 6.93147180369123816490e-01;  // upper bits: k * kLn2Hi is exact
  constexpr double kLn2Lo = 1.90821492927058770002e-10;
  constexpr double kLg1 = 6.666666666666735130e-01, kLg2 = 3.999999999940941908e-01,
                   kLg3 = 2.857142874366239149e-01, kLg4 = 2.222219843214978396e-01,
                   kLg5 = 1.818357216161805012e-01, kLg6 = 1.531383769920937332e-01,
                   kLg7 = 1.479819860511658591e-01;
  uint64_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  int k = static_cast<int>((bits >> 52) & 0x7ff) - 1023;
  uint64_t mantissa = bits & 0x000fffffffffffffull;
  // Pick the binade that puts 1 + f in [sqrt(2)/2, sqrt(2)): 0x6a09e is sqrt(2)'s top bits.
  if (mantissa >= 0x6a09e667f3bcdull) {
    ++k;
    bits = mantissa | (uint64_t{1022} << 52);  // m / 2 in [sqrt(2)/2, 1)
  } else {
    bits = mantissa | (uint64_t{1023} << 52);  // m in [1, sqrt(2))
  }
  double m;
  std::memcpy(&m, &bits, sizeof m);
  const double f = m - 1.0;  // exact (Sterbenz)
  const double s = f / (2.0 + f);
  const double z = s * s;
  const double w = z * z;
  const double t1 = w * (kLg2 + w * (kLg4 + w * kLg6));
  const double t2 = z * (kLg1 + w * (kLg3 + w * (kLg5 + w * kLg7)));
  const double r = t2 + t1;
  const double hfsq = 0.5 * f * f;
  const double dk = static_cast<double>(k);
  return dk * kLn2Hi - ((hfsq - (s * (hfsq + r) + dk * kLn2Lo)) - f);
}

// sin and cos on [-pi/4, pi/4], fdlibm k_sin.c / k_cos.c (musl's form of the latter).
double kernel_sin(double x) {
  constexpr double kS1 = -1.66666666666666324348e-01, kS2 = 8.33333333332248946124e-03,
                   kS3 = -1.98412698298579493134e-04, kS4 = 2.75573137070700676789e-06,
                   kS5 = -2.50507602534068634195e-08, kS6 = 1.58969099521155010221e-10;
  const double z = x * x;
  const double r = kS2 + z * (kS3 + z * (kS4 + z * (kS5 + z * kS6)));
  return x + z * x * (kS1 + z * r);
}

double kernel_cos(double x) {
  constexpr double kC1 = 4.16666666666666019037e-02, kC2 = -1.38888888888741095749e-03,
                   kC3 = 2.48015872894767294178e-05, kC4 = -2.75573143513906633035e-07,
                   kC5 = 2.08757232129817482790e-09, kC6 = -1.13596475577881948265e-11;
  const double z = x * x;
  const double z2 = z * z;
  const double r = z * (kC1 + z * (kC2 + z * kC3)) + z2 * z2 * (kC4 + z * (kC5 + z * kC6));
  const double hz = 0.5 * z;
  const double w = 1.0 - hz;  // with the correction below, 1 - z/2 to nearly 2x precision
  return w + (((1.0 - w) - hz) + z * r);
}

// sin and cos of 2 pi u for u in [0, 1). Reducing u instead of the angle is exact: 4u
// only shifts the exponent, and the quadrant and octant splits below subtract numbers
// within a factor of two of each other, so the only rounding is in (pi/2) t.
void sincos_2pi(double u, double* sin_out, double* cos_out) {
  constexpr double kHalfPi = 1.57079632679489661923;
  const double q4 = 4.0 * u;
  const int quadrant = q4 < 1.0 ? 0 : q4 < 2.0 ? 1 : q4 < 3.0 ? 2 : 3;
  const double t = q4 - quadrant;  // in [0, 1): the angle (pi/2) t within the quadrant
  double s, c;                     // sin and cos of (pi/2) t
  if (t <= 0.5) {
    s = kernel_sin(kHalfPi * t);
    c = kernel_cos(kHalfPi * t);
  } else {  // reflect into [0, pi/4] so the kernels stay in range
    const double t2 = 1.0 - t;
    s = kernel_cos(kHalfPi * t2);
    c = kernel_sin(kHalfPi * t2);
  }
  switch (quadrant) {
    case 0: *sin_out = s; *cos_out = c; break;
    case 1: *sin_out = c; *cos_out = -s; break;
    case 2: *sin_out = -s; *cos_out = -c; break;
    default: *sin_out = -c; *cos_out = s; break;
  }
}

}  // namespace

Rng::Rng(uint64_t seed) {
  // splitmix64 spreads any seed, including 0 and small consecutive ones, over all 256
  // bits; xoshiro's state must never be all zero, which splitmix64 cannot produce.
  uint64_t x = seed;
  for (uint64_t& word : s_) word = splitmix64(&x);
}

uint64_t Rng::next_u64() {
  const uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

double Rng::uniform01() {
  // The top bits of xoshiro256** are its strongest; 53 of them fill a double exactly.
  return static_cast<double>(next_u64() >> 11) * 0x1.0p-53;
}

double Rng::uniform(double lo, double hi) {
  if (!(lo < hi)) return lo;
  const double u = uniform01();
  const double span = hi - lo;
  // Interpolating avoids hi - lo overflowing when the bounds are huge and opposite.
  double x = std::isfinite(span) ? lo + span * u : lo * (1.0 - u) + hi * u;
  // Rounding can land exactly on hi (or, interpolating, just outside); keep [lo, hi).
  if (x >= hi) x = std::nextafter(hi, lo);
  if (x < lo) x = lo;
  return x;
}

uint64_t Rng::below(uint64_t n) {
  if (n == 0) return 0;  // a precondition breach must not loop forever or divide by 0
  // Lemire's multiply-shift: the high word of x * n is uniform on [0, n) once the few low
  // words that would over-represent some values (fewer than n of 2^64) are rejected.
  __extension__ using u128 = unsigned __int128;
  u128 m = static_cast<u128>(next_u64()) * n;
  uint64_t low = static_cast<uint64_t>(m);
  if (low < n) {
    const uint64_t threshold = (0 - n) % n;  // 2^64 mod n
    while (low < threshold) {
      m = static_cast<u128>(next_u64()) * n;
      low = static_cast<uint64_t>(m);
    }
  }
  return static_cast<uint64_t>(m >> 64);
}

double Rng::normal() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_;
  }
  // 1 - u is in (0, 1], so the log is finite; the largest radius is sqrt(2 * 53 ln 2) ~ 8.6.
  const double radius = std::sqrt(-2.0 * portable_log(1.0 - uniform01()));
  double s, c;
  sincos_2pi(uniform01(), &s, &c);
  spare_ = radius * s;
  has_spare_ = true;
  return radius * c;
}

}  // namespace embedwasm
