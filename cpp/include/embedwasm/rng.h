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
  double uniform(double lo, double hi);
  uint64_t below(uint64_t n);          // [0, n), unbiased; n > 0
  double normal();                     // standard normal (Box-Muller, one draw cached)

 private:
  uint64_t s_[4];
  bool has_spare_ = false;
  double spare_ = 0.0;
};

}  // namespace embedwasm
