// kernels/i8_dot: sum_j x[j] y[j] for int8 x, y, accumulated in int32.
#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <vector>

#include "kernels/kernel_test_util.h"
#include "kernels/kernels.h"

namespace k = embedwasm::kernels;
using namespace embedwasm::kernels::test;

namespace {

using I8DotFn = int32_t (*)(size_t, const int8_t*, const int8_t*);

// Exact in int64, element by element. Integer sums are exact in any order, so every
// twin must equal it, and so each other, bit for bit.
int64_t Reference(size_t n, const int8_t* x, const int8_t* y) {
  int64_t s = 0;
  for (size_t j = 0; j < n; ++j) s += int64_t{x[j]} * int64_t{y[j]};
  return s;
}

// Uniform over the whole int8 range, -128 included.
std::vector<int8_t> RandomBytes(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> dist(-128, 127);
  std::vector<int8_t> v(n);
  for (int8_t& b : v) b = static_cast<int8_t>(dist(rng));
  return v;
}

// A copy of v at byte offset `misalign` from a 16-byte boundary, followed by 32 bytes of
// `tail`: a kernel that reads past n adds tail * tail products and gets a different sum.
struct Placed {
  std::vector<int8_t> buf;
  size_t begin;
  Placed(const std::vector<int8_t>& v, size_t misalign, int8_t tail) : buf(v.size() + 64 + misalign, tail) {
    const auto addr = reinterpret_cast<std::uintptr_t>(buf.data());
    begin = (16 - addr % 16) % 16 + misalign;
    for (size_t j = 0; j < v.size(); ++j) buf[begin + j] = v[j];
  }
  const int8_t* data() const { return buf.data() + begin; }
};

void CheckAgainstReference(const Variant<I8DotFn>& v) {
  for (size_t n : Sizes()) {
    for (size_t misalign : {0, 1, 5, 7}) {
      INFO("n=" << n << " misalign=" << misalign);
      const std::vector<int8_t> x0 = RandomBytes(n, 100 + static_cast<uint32_t>(n)),
                                y0 = RandomBytes(n, 200 + static_cast<uint32_t>(n));
      const Placed x(x0, misalign, 127), y(y0, (misalign + 3) % 16, -128);
      CHECK(int64_t{v.fn(n, x.data(), y.data())} == Reference(n, x0.data(), y0.data()));
    }
  }
}

// All-equal extremes: the largest products, where a 16-bit accumulation or a pairwise sum
// kept in i16 would wrap (2 * 128 * 128 = 32768 > INT16_MAX).
void CheckExtremes(I8DotFn dot) {
  for (size_t n : Sizes()) {
    INFO("n=" << n);
    const std::vector<int8_t> lo(n, -128), hi(n, 127);
    CHECK(int64_t{dot(n, lo.data(), lo.data())} == 16384 * static_cast<int64_t>(n));
    CHECK(int64_t{dot(n, lo.data(), hi.data())} == -16256 * static_cast<int64_t>(n));
    CHECK(int64_t{dot(n, hi.data(), hi.data())} == 16129 * static_cast<int64_t>(n));
    std::vector<int8_t> alt(n);  // -128, 127, -128, ...: mixed signs inside each i16 pair
    for (size_t j = 0; j < n; ++j) alt[j] = j % 2 == 0 ? int8_t{-128} : int8_t{127};
    CHECK(int64_t{dot(n, alt.data(), lo.data())} == Reference(n, alt.data(), lo.data()));
    CHECK(int64_t{dot(n, alt.data(), alt.data())} == Reference(n, alt.data(), alt.data()));
  }
}

// At the documented limit the sum is 2^31 - 2^14, the int32 maximum rounded down to a product.
void CheckLargestN(I8DotFn dot) {
  const size_t n = k::kI8DotMaxN;
  const std::vector<int8_t> lo(n, -128), hi(n, 127);
  CHECK(int64_t{dot(n, lo.data(), lo.data())} == 16384 * static_cast<int64_t>(n));
  CHECK(int64_t{dot(n, lo.data(), lo.data())} <= INT32_MAX);
  CHECK(int64_t{dot(n, lo.data(), hi.data())} == -16256 * static_cast<int64_t>(n));
  const std::vector<int8_t> x = RandomBytes(n, 5), y = RandomBytes(n, 6);
  CHECK(int64_t{dot(n, x.data(), y.data())} == Reference(n, x.data(), y.data()));
}

void CheckExtremesAndLargestN(const Variant<I8DotFn>& v) {
  CheckExtremes(v.fn);
  CheckLargestN(v.fn);
}

void CheckEmpty(const Variant<I8DotFn>& v) {
  const int8_t x = 127;
  CHECK(v.fn(0, &x, &x) == 0);
}

}  // namespace

TEST_CASE("kI8DotMaxN is the largest n whose worst-case sum fits int32", "[kernels]") {
  CHECK(16384 * static_cast<int64_t>(k::kI8DotMaxN) <= INT32_MAX);
  CHECK(16384 * static_cast<int64_t>(k::kI8DotMaxN + 1) > INT32_MAX);
}

KERNEL_TEST(i8_dot, CheckAgainstReference, "equals an int64 reference over the full int8 range")
KERNEL_TEST(i8_dot, CheckExtremesAndLargestN, "at the int8 extremes and at the largest n")
KERNEL_TEST(i8_dot, CheckEmpty, "n = 0 is 0 and reads nothing")
KERNEL_DISPATCH_TEST(i8_dot)
