#pragma once
// Keras's Hashing layer: values -> bins in [0, num_bins), stable across platforms.
// - No salt: tf.strings.to_hash_bucket_fast (FarmHash Fingerprint64 mod the bins).
// - A salt [k0, k1]: tf.strings.to_hash_bucket_strong (SipHash-2-4 keyed by it). Keras
//   turns a single integer salt s into [s, s].
// - Integers hash through their decimal text (tf.as_string): 42 hashes as "42".
//   Floats are first cast to int64 toward zero, as Keras does; a float with no int64
//   value (NaN, infinities, beyond +-2^63) is an error here (TensorFlow's cast leaves
//   it to the hardware).
// - mask_value (with num_bins > 1): inputs equal to it go to bin 0 and every other
//   value to 1 + hash mod (num_bins - 1). The mask is compared with the original input
//   (for floats, before the cast).
// Its options, with Keras's names; Keras's `sparse` has no counterpart.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "embedwasm/core/option_schema.h"
#include "embedwasm/core/status.h"
#include "embedwasm/text/category_encoding.h"
#include "embedwasm/text/siphash.h"
#include "embedwasm/text/string_list.h"

namespace embedwasm::text {

struct HashingConfig {
  int64_t num_bins = 0;  // required by Keras (no default): 1 <= num_bins < 2^31 here
  std::variant<std::monostate, std::string, int64_t> mask_value;  // None, a string, an integer
  std::optional<std::array<uint64_t, 2>> salt;  // None: FarmHash; else the SipHash key
  OutputMode output_mode = OutputMode::kInt;    // "int", "one_hot", "multi_hot", "count"
};

// num_bins and output_mode as JS and the model file name them. mask_value (a string or
// an integer) and salt (two uint64) have no record type and are passed apart.
const Schema<HashingConfig>& hashing_schema();

class Hashing {
 public:
  static Status create(const HashingConfig& config, Hashing* out);
  const HashingConfig& config() const { return config_; }

  // values (N) -> bins (N), Keras's "int" output.
  Status hash_strings(StringBatch values, int32_t* bins) const;
  Status hash_integers(const int64_t* values, size_t n, int32_t* bins) const;
  Status hash_floats(const double* values, size_t n, int32_t* bins) const;

  // "one_hot": bins (N) -> out (N, num_bins).
  Status encode_one_hot(const int32_t* bins, size_t n, float* out) const;
  // "multi_hot", "count": samples of bins -> out (B, num_bins); sample b is
  // bins[row_splits[b], row_splits[b + 1]).
  Status encode_samples(const int32_t* bins, const uint32_t* row_splits, size_t num_samples,
                        float* out) const;

 private:
  int32_t bin_of_text(std::string_view text, bool masked) const;
  Status check_mask_kind(bool string_inputs) const;
  Status check_bins(const int32_t* bins, size_t n) const;

  HashingConfig config_;
  bool masking_ = false;   // a mask value and more than one bin
  uint64_t hash_bins_ = 0;  // bins the hash spreads over
  SipHashKey key_;
};

}  // namespace embedwasm::text
