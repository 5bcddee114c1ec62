#pragma once
// A small seeded generator owned by whatever uses it. Not std::mt19937 plus
// std::*_distribution: those distributions differ between libstdc++ (native) and
// libc++ (em++), and a seed must give the same numbers in both.
#include <cstdint>

namespace embedwasm {

class Rng {
 public:
  explicit Rng(uint64_t seed);
  uint64_t next_u64();                 // xoshiro256**
  uint32_t next_u32() { return static_cast<uint32_t>(next_u64() >> 32); }
  double uniform01();                  // [0, 1), 53 random bits
  double uniform(double lo, double hi);  // [lo, hi); lo when the interval is empty
  uint64_t below(uint64_t n);          // [0, n), unbiased; n > 0 (below(0) returns 0)
  // Standard normal (Box-Muller, one draw cached). Built on its own log/sin/cos, not
  // libm's, whose last bits differ between glibc and musl.
  double normal();

 private:
  uint64_t s_[4];
  bool has_spare_ = false;
  double spare_ = 0.0;
};

}  // namespace embedwasm
