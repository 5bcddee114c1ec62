#pragma once
// SipHash-2-4 (Aumasson and Bernstein): the keyed 64-bit hash behind
// tf.strings.to_hash_bucket_strong and so behind Keras's Hashing layer with a salt.
// The 128-bit key is two 64-bit words; TensorFlow passes its `key` attribute [k0, k1]
// as they are, which is the reference implementation's key bytes read little-endian
// (k0 = bytes 0..7, k1 = bytes 8..15).
#include <cstdint>
#include <string_view>

namespace embedwasm::text {

struct SipHashKey {
  uint64_t k0 = 0;
  uint64_t k1 = 0;
};

uint64_t siphash_2_4(const SipHashKey& key, std::string_view bytes);

}  // namespace embedwasm::text
