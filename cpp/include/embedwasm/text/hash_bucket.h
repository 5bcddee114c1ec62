#pragma once
// TensorFlow's string hash buckets, which Keras's Hashing layer and the OOV buckets of
// StringLookup and IntegerLookup use:
// - to_hash_bucket_fast(s, n)  = Fingerprint64(s) mod n   (tf.strings.to_hash_bucket_fast)
// - to_hash_bucket_strong(s, n, key) = SipHash-2-4(key, s) mod n
//                                     (tf.strings.to_hash_bucket_strong)
// Integers are hashed through their decimal text, as Keras does with tf.as_string:
// int64_as_string(-12) is "-12".
#include <cstdint>
#include <string_view>

#include "embedwasm/text/farmhash_fingerprint64.h"
#include "embedwasm/text/siphash.h"

namespace embedwasm::text {

// num_buckets > 0 (callers check it where it comes from the user).
inline uint64_t to_hash_bucket_fast(std::string_view s, uint64_t num_buckets) {
  return farmhash_fingerprint64(s) % num_buckets;
}
inline uint64_t to_hash_bucket_strong(std::string_view s, uint64_t num_buckets,
                                      const SipHashKey& key) {
  return siphash_2_4(key, s) % num_buckets;
}

// Room for the longest int64 text, "-9223372036854775808".
struct Int64Text {
  char chars[20];
};

// The decimal text of v, as printf("%lld") writes it; the view points into *buffer.
std::string_view int64_as_string(int64_t v, Int64Text* buffer);

}  // namespace embedwasm::text
