#include "embedwasm/text/siphash.h"

#include <cstddef>

namespace embedwasm::text {
namespace {

uint64_t rotl(uint64_t v, int shift) { return (v << shift) | (v >> (64 - shift)); }

struct SipState {
  uint64_t v0, v1, v2, v3;

  void round() {
    v0 += v1;
    v2 += v3;
    v1 = rotl(v1, 13);
    v3 = rotl(v3, 16);
    v1 ^= v0;
    v3 ^= v2;
    v0 = rotl(v0, 32);
    v2 += v1;
    v0 += v3;
    v1 = rotl(v1, 17);
    v3 = rotl(v3, 21);
    v1 ^= v2;
    v3 ^= v0;
    v2 = rotl(v2, 32);
  }

  void absorb(uint64_t m) {
    v3 ^= m;
    round();
    round();
    v0 ^= m;
  }
};

uint64_t load64_le(const unsigned char* p, size_t n) {
  uint64_t v = 0;
  for (size_t i = n; i-- > 0;) v = (v << 8) | p[i];
  return v;
}

}  // namespace

uint64_t siphash_2_4(const SipHashKey& key, std::string_view bytes) {
  // "somepseudorandomlygeneratedbytes", the initialisation constants of the paper.
  SipState s{key.k0 ^ 0x736f6d6570736575ULL, key.k1 ^ 0x646f72616e646f6dULL,
             key.k0 ^ 0x6c7967656e657261ULL, key.k1 ^ 0x7465646279746573ULL};
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  const size_t whole = n - n % 8;
  for (size_t i = 0; i < whole; i += 8) s.absorb(load64_le(p + i, 8));
  // The last block holds the remaining bytes and the length modulo 256 in its top byte.
  s.absorb(load64_le(p + whole, n - whole) | static_cast<uint64_t>(n & 0xff) << 56);
  s.v2 ^= 0xff;
  for (int i = 0; i < 4; ++i) s.round();
  return s.v0 ^ s.v1 ^ s.v2 ^ s.v3;
}

}  // namespace embedwasm::text
