#include "embedwasm/vector_files/float_text.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>

namespace embedwasm::vector_files {
namespace {

// Exact powers of ten as doubles (10^22 is the last exact one).
constexpr double kExactPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                  1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                  1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool strtof_whole(const char* begin, const char* end, float* out) {
  const size_t n = static_cast<size_t>(end - begin);
  if (n == 0) return false;
  // strtof skips leading whitespace; a token must not start with any.
  const char c = begin[0];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r') return false;
  // strtof needs a NUL terminator; tokens are short, so the stack nearly always serves.
  char local[128];
  std::string heap;
  char* buf = local;
  if (n >= sizeof(local)) {
    heap.assign(begin, n);
    buf = &heap[0];
  } else {
    std::memcpy(local, begin, n);
    local[n] = '\0';
  }
  // An embedded NUL would end the number early; the length check below catches it.
  char* stop = nullptr;
  const float v = std::strtof(buf, &stop);
  if (stop != buf + n) return false;
  *out = v;
  return true;
}

// m * 10^e rounded to float, when the fast path can decide it; false sends the caller to
// strtof.
bool fast_decimal_to_float(uint64_t m, int64_t e, bool negative, float* out) {
  if (m == 0) {
    *out = negative ? -0.0f : 0.0f;
    return true;
  }
  if (m > (uint64_t{1} << 53) || e < -22 || e > 22) return false;
  const double dm = static_cast<double>(m);  // exact
  const double d = e >= 0 ? dm * kExactPow10[e] : dm / kExactPow10[-e];
  const float f = static_cast<float>(d);
  if (std::isinf(f)) return false;
  if (static_cast<double>(f) != d) {
    // The neighbour on d's side (f >= 0 and finite here, so its bits step by one).
    uint32_t bits;
    std::memcpy(&bits, &f, 4);
    bits = d > static_cast<double>(f) ? bits + 1 : bits - 1;
    float other;
    std::memcpy(&other, &bits, 4);
    // Two neighbouring floats: their sum and half are exact in double.
    if ((static_cast<double>(f) + static_cast<double>(other)) * 0.5 == d) return false;
  }
  *out = negative ? -f : f;
  return true;
}

}  // namespace

bool parse_float(const char* begin, const char* end, float* out) {
  const char* p = begin;
  bool negative = false;
  if (p != end && (*p == '+' || *p == '-')) {
    negative = *p == '-';
    ++p;
  }
  uint64_t m = 0;
  int significant = 0;
  int64_t e = 0;
  bool any_digit = false, inexact = false;
  for (; p != end && is_digit(*p); ++p) {
    any_digit = true;
    const int d = *p - '0';
    if (significant < 19) {
      if (m != 0 || d != 0) {
        m = m * 10 + static_cast<uint64_t>(d);
        ++significant;
      }
    } else {
      ++e;
      inexact |= d != 0;
    }
  }
  if (p != end && *p == '.') {
    for (++p; p != end && is_digit(*p); ++p) {
      any_digit = true;
      const int d = *p - '0';
      if (significant < 19) {
        if (m != 0 || d != 0) {
          m = m * 10 + static_cast<uint64_t>(d);
          ++significant;
        }
        --e;
      } else {
        inexact |= d != 0;
      }
    }
  }
  if (any_digit && p != end && (*p == 'e' || *p == 'E')) {
    const char* q = p + 1;
    bool exp_negative = false;
    if (q != end && (*q == '+' || *q == '-')) {
      exp_negative = *q == '-';
      ++q;
    }
    if (q != end && is_digit(*q)) {
      int64_t x = 0;
      for (; q != end && is_digit(*q); ++q) {
        if (x < 100000) x = x * 10 + (*q - '0');
      }
      e += exp_negative ? -x : x;
      p = q;
    }
  }
  if (any_digit && p == end && !inexact && fast_decimal_to_float(m, e, negative, out)) {
    return true;
  }
  return strtof_whole(begin, end, out);
}

namespace {

// 10^n for n in [-64, 64], each the double nearest to it (the compiler rounds the literals).
// Beyond 1e+-22 they are inexact, which only makes a digit candidate approximate: every
// candidate is checked by reading it back.
constexpr double kPow10[] = {
    1e-64, 1e-63, 1e-62, 1e-61, 1e-60, 1e-59, 1e-58, 1e-57, 1e-56, 1e-55, 1e-54, 1e-53,
    1e-52, 1e-51, 1e-50, 1e-49, 1e-48, 1e-47, 1e-46, 1e-45, 1e-44, 1e-43, 1e-42, 1e-41,
    1e-40, 1e-39, 1e-38, 1e-37, 1e-36, 1e-35, 1e-34, 1e-33, 1e-32, 1e-31, 1e-30, 1e-29,
    1e-28, 1e-27, 1e-26, 1e-25, 1e-24, 1e-23, 1e-22, 1e-21, 1e-20, 1e-19, 1e-18, 1e-17,
    1e-16, 1e-15, 1e-14, 1e-13, 1e-12, 1e-11, 1e-10, 1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4,
    1e-3, 1e-2, 1e-1, 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
    1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22, 1e23, 1e24, 1e25, 1e26,
    1e27, 1e28, 1e29, 1e30, 1e31, 1e32, 1e33, 1e34, 1e35, 1e36, 1e37, 1e38, 1e39, 1e40,
    1e41, 1e42, 1e43, 1e44, 1e45, 1e46, 1e47, 1e48, 1e49, 1e50, 1e51, 1e52, 1e53, 1e54,
    1e55, 1e56, 1e57, 1e58, 1e59, 1e60, 1e61, 1e62, 1e63, 1e64};

double pow10(int n) { return kPow10[n + 64]; }

constexpr uint64_t kPow10Int[] = {1,         10,         100,         1000,      10000,
                                  100000,    1000000,    10000000,    100000000, 1000000000};

// The p-digit decimal nearest to v > 0, given 10^k <= v < 10^(k+1) (near enough: a k off
// by one only costs accuracy), in double arithmetic: v ~= *digits * 10^(*k_out - p + 1)
// with 10^(p-1) <= *digits < 10^p.
void round_to_digits(double v, int k, int p, uint64_t* digits, int* k_out) {
  // Rounds to an integer, ties to even as numpy's Dragon4 (-1716473.25 -> "-1716473.2"):
  // adding 2^52 leaves no fraction bits (the value is below 2^35). Faster than nearbyint,
  // which is a libm call on baseline x86-64 and wasm.
  constexpr double kTwo52 = 4503599627370496.0;
  const double shifted = v * pow10(p - 1 - k) + kTwo52;
  uint64_t n = static_cast<uint64_t>(shifted - kTwo52);
  if (n >= kPow10Int[p]) {
    n = (n + 5) / 10;  // only 10^p itself lands here in practice
    ++k;
  }
  while (n != 0 && n < kPow10Int[p - 1]) {  // k was one too high
    n *= 10;
    --k;
  }
  *digits = n;
  *k_out = k;
}

bool reads_back(uint64_t digits, int k, int p, float x) {
  float y;
  const int64_t e = static_cast<int64_t>(k) - p + 1;
  if (!fast_decimal_to_float(digits, e, false, &y)) {
    char buf[48];
    const int len = std::snprintf(buf, sizeof(buf), "%llue%lld",
                                  static_cast<unsigned long long>(digits),
                                  static_cast<long long>(e));
    if (!strtof_whole(buf, buf + len, &y)) return false;
  }
  return y == x;
}

}  // namespace

size_t format_float(float x, char* out) {
  char* o = out;
  if (std::isnan(x)) {
    std::memcpy(o, "nan", 3);
    return 3;
  }
  if (std::signbit(x)) *o++ = '-';
  const float ax = std::fabs(x);
  if (std::isinf(ax)) {
    std::memcpy(o, "inf", 3);
    return static_cast<size_t>(o - out) + 3;
  }
  if (ax == 0.0f) {
    std::memcpy(o, "0.0", 3);
    return static_cast<size_t>(o - out) + 3;
  }
  const double v = static_cast<double>(ax);

  // 10^k <= v < 10^(k+1), with the table's rounding; v is in [1e-45, 3.5e38].
  // floor(log10(2^e)) = floor(e * log10(2)), with log10(2) ~ 78913 / 2^18 (as Ryu).
  int e2;
  std::frexp(v, &e2);
  int k = ((e2 - 1) * 78913) >> 18;
  if (pow10(k) > v) --k;
  if (pow10(k + 1) <= v) ++k;

  // Shortest p in [1, 9] whose rounding reads back: reading back is monotonic in p (the
  // nearest (p+1)-digit decimal is at least as close as the nearest p-digit one).
  uint64_t digits = 0;
  int digits_k = 0;
  round_to_digits(v, k, 9, &digits, &digits_k);
  if (!reads_back(digits, digits_k, 9, ax)) {
    // Not reachable (9 digits always identify a float32); printf as the safety net.
    char buf[32];
    const int len = std::snprintf(buf, sizeof(buf), "%.9g", static_cast<double>(ax));
    std::memcpy(o, buf, static_cast<size_t>(len));
    return static_cast<size_t>(o - out) + static_cast<size_t>(len);
  }
  int lo = 1, hi = 9;
  while (lo < hi) {
    const int mid = (lo + hi) / 2;
    uint64_t d;
    int dk;
    round_to_digits(v, k, mid, &d, &dk);
    if (reads_back(d, dk, mid, ax)) {
      hi = mid;
      digits = d;
      digits_k = dk;
    } else {
      lo = mid + 1;
    }
  }
  k = digits_k;
  char ds[20];
  int nd = 0;
  for (uint64_t t = digits; t != 0; t /= 10) ds[nd++] = static_cast<char>('0' + t % 10);
  // ds holds the digits backwards; drop trailing zeros.
  int first = 0;
  while (first < nd - 1 && ds[first] == '0') ++first;
  const int count = nd - first;
  auto digit = [&](int i) { return ds[nd - 1 - i]; };  // i-th significant digit

  if (v >= 1e-4 && v < 1e16) {
    if (k < 0) {
      *o++ = '0';
      *o++ = '.';
      for (int i = 0; i < -k - 1; ++i) *o++ = '0';
      for (int i = 0; i < count; ++i) *o++ = digit(i);
    } else {
      for (int i = 0; i <= k; ++i) *o++ = i < count ? digit(i) : '0';
      *o++ = '.';
      if (count > k + 1) {
        for (int i = k + 1; i < count; ++i) *o++ = digit(i);
      } else {
        *o++ = '0';
      }
    }
  } else {
    *o++ = digit(0);
    if (count > 1) {
      *o++ = '.';
      for (int i = 1; i < count; ++i) *o++ = digit(i);
    }
    *o++ = 'e';
    *o++ = k < 0 ? '-' : '+';
    const int ak = k < 0 ? -k : k;
    if (ak >= 10) *o++ = static_cast<char>('0' + ak / 10);
    else *o++ = '0';
    *o++ = static_cast<char>('0' + ak % 10);
  }
  return static_cast<size_t>(o - out);
}

}  // namespace embedwasm::vector_files
