#pragma once
// fastText's string hash: 32-bit FNV-1a, except that each byte is XORed in as a signed
// char widened to 32 bits, so a byte >= 0x80 flips the upper 24 bits as well (0xE9 is
// XORed in as 0xFFFFFFE9). Every released fastText model was trained with that variant,
// so word lookups, character n-gram rows and word n-gram rows all depend on it.
#include <cstdint>
#include <string_view>

namespace embedwasm::fasttext {

constexpr uint32_t kFnvOffsetBasis = 2166136261u;
constexpr uint32_t kFnvPrime = 16777619u;

// Continues a hash over more bytes: fnv_hash(a + b) == fnv_hash_continue(fnv_hash(a), b).
inline uint32_t fnv_hash_continue(uint32_t h, const char* bytes, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    h ^= static_cast<uint32_t>(static_cast<int32_t>(static_cast<int8_t>(bytes[i])));
    h *= kFnvPrime;
  }
  return h;
}

inline uint32_t fnv_hash(std::string_view s) { return fnv_hash_continue(kFnvOffsetBasis, s.data(), s.size()); }

}  // namespace embedwasm::fasttext
