#pragma once
// FarmHash's Fingerprint64: the 64-bit string hash that TensorFlow calls Fingerprint64
// and that tf.strings.to_hash_bucket_fast reduces modulo the bucket count. It is
// FarmHash's "na" Hash64 with no seed and no debug tweak, and its value is fixed by
// FarmHash's published self-test table, so it never changes between versions or
// platforms. Bytes are read little-endian whatever the host.
#include <cstdint>
#include <string_view>

namespace embedwasm::text {

uint64_t farmhash_fingerprint64(std::string_view bytes);

}  // namespace embedwasm::text
