#include "embedwasm/text/hashing.h"

#include <cmath>
#include <limits>
#include <string>

#include "embedwasm/core/status.h"
#include "embedwasm/vector_files/utf8.h"
#include "embedwasm/text/hash_bucket.h"
#include "embedwasm/text/row_splits.h"

namespace embedwasm::text {
namespace {

Status error(Status status) { return status.prefixed("Hashing: "); }

std::string format_double(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  return std::to_string(v);
}

}  // namespace

Status Hashing::create(const HashingConfig& config, Hashing* out) {
  if (config.num_bins <= 0) {
    return error(Status::out_of_range("The `" + option_name("num_bins") + "` for `Hashing` cannot be `None` or non-positive values. Received: " + option_name("num_bins") + "=" +
                                      std::to_string(config.num_bins) + "."));
  }
  if (config.num_bins > std::numeric_limits<int32_t>::max()) {
    return error(Status::out_of_range("`" + option_name("num_bins") + "` must be below 2^31 (bins are 32-bit). Received: " + option_name("num_bins") + "=" +
                                      std::to_string(config.num_bins)));
  }
  if (config.output_mode == OutputMode::kTfIdf) {
    return error(Status::invalid_argument(
        "Invalid value for argument `" + option_name("output_mode") + "`. Expected one of ('int', 'one_hot', "
        "'multi_hot', 'count'). Received: " + option_name("output_mode") + "=tf_idf"));
  }
  Hashing layer;
  layer.config_ = config;
  layer.masking_ = !std::holds_alternative<std::monostate>(config.mask_value) && config.num_bins > 1;
  layer.hash_bins_ = static_cast<uint64_t>(config.num_bins) - (layer.masking_ ? 1 : 0);
  if (config.salt.has_value()) layer.key_ = SipHashKey{(*config.salt)[0], (*config.salt)[1]};
  *out = std::move(layer);
  return Status::ok();
}

int32_t Hashing::bin_of_text(std::string_view text, bool masked) const {
  if (masked) return 0;
  const uint64_t bin = config_.salt.has_value() ? to_hash_bucket_strong(text, hash_bins_, key_)
                                                : to_hash_bucket_fast(text, hash_bins_);
  return static_cast<int32_t>(bin + (masking_ ? 1 : 0));
}

Status Hashing::check_mask_kind(bool string_inputs) const {
  if (string_inputs && std::holds_alternative<int64_t>(config_.mask_value)) {
    return error(Status::invalid_argument(option_name("mask_value") + " " + std::to_string(std::get<int64_t>(config_.mask_value)) +
                                          " is an integer but the inputs are strings"));
  }
  if (!string_inputs && std::holds_alternative<std::string>(config_.mask_value)) {
    return error(Status::invalid_argument(option_name("mask_value") + " " + vector_files::quote_word(std::get<std::string>(config_.mask_value)) +
                                          " is a string but the inputs are numbers"));
  }
  return Status::ok();
}

Status Hashing::hash_strings(StringBatch values, int32_t* bins) const {
  EMBEDWASM_RETURN_IF_ERROR(check_mask_kind(true));
  const std::string* mask = std::get_if<std::string>(&config_.mask_value);
  for (size_t i = 0; i < values.size; ++i) {
    const std::string_view v = values[i];
    bins[i] = bin_of_text(v, masking_ && v == *mask);
  }
  return Status::ok();
}

Status Hashing::hash_integers(const int64_t* values, size_t n, int32_t* bins) const {
  EMBEDWASM_RETURN_IF_ERROR(check_mask_kind(false));
  const int64_t* mask = std::get_if<int64_t>(&config_.mask_value);
  Int64Text text;
  for (size_t i = 0; i < n; ++i) {
    bins[i] = bin_of_text(int64_as_string(values[i], &text), masking_ && values[i] == *mask);
  }
  return Status::ok();
}

Status Hashing::hash_floats(const double* values, size_t n, int32_t* bins) const {
  EMBEDWASM_RETURN_IF_ERROR(check_mask_kind(false));
  // [-2^63, 2^63): the doubles that truncate to an int64.
  constexpr double kLimit = 9223372036854775808.0;
  for (size_t i = 0; i < n; ++i) {
    if (!(values[i] >= -kLimit && values[i] < kLimit)) {
      return error(Status::out_of_range("value " + format_double(values[i]) + " at index " +
                                        std::to_string(i) + " has no int64 value to hash"));
    }
  }
  const int64_t* mask = std::get_if<int64_t>(&config_.mask_value);
  Int64Text text;
  for (size_t i = 0; i < n; ++i) {
    const bool masked = masking_ && values[i] == static_cast<double>(*mask);
    bins[i] = bin_of_text(int64_as_string(static_cast<int64_t>(values[i]), &text), masked);
  }
  return Status::ok();
}

Status Hashing::check_bins(const int32_t* bins, size_t n) const {
  for (size_t i = 0; i < n; ++i) {
    if (bins[i] < 0 || bins[i] >= config_.num_bins) {
      return error(Status::out_of_range("bin " + std::to_string(bins[i]) + " at index " + std::to_string(i) +
                                        " is outside [0, " + std::to_string(config_.num_bins) + ")"));
    }
  }
  return Status::ok();
}

Status Hashing::encode_one_hot(const int32_t* bins, size_t n, float* out) const {
  if (config_.output_mode != OutputMode::kOneHot) {
    return error(Status::invalid_argument(std::string("one_hot encoding asked of a layer with " + option_name("output_mode") + "=") +
                                          output_mode_name(config_.output_mode)));
  }
  EMBEDWASM_RETURN_IF_ERROR(check_bins(bins, n));
  const auto depth = static_cast<size_t>(config_.num_bins);
  for (size_t i = 0; i < n; ++i) encode_sample(OutputMode::kOneHot, bins + i, 1, depth, nullptr, out + i * depth);
  return Status::ok();
}

Status Hashing::encode_samples(const int32_t* bins, const uint32_t* row_splits,
                               size_t num_samples, float* out) const {
  const OutputMode mode = config_.output_mode;
  if (mode != OutputMode::kMultiHot && mode != OutputMode::kCount) {
    return error(Status::invalid_argument(std::string("multi_hot/count encoding asked of a layer with " + option_name("output_mode") + "=") +
                                          output_mode_name(mode)));
  }
  EMBEDWASM_RETURN_IF_ERROR(error(check_row_splits(row_splits, num_samples, row_splits ? row_splits[num_samples] : 0)));
  EMBEDWASM_RETURN_IF_ERROR(check_bins(bins, row_splits[num_samples]));
  const auto depth = static_cast<size_t>(config_.num_bins);
  for (size_t b = 0; b < num_samples; ++b) {
    encode_sample(mode, bins + row_splits[b], row_splits[b + 1] - row_splits[b], depth, nullptr,
                  out + b * depth);
  }
  return Status::ok();
}

// num_bins has no default in Keras: the member's 0 fails create(), so JS requires it.
const Schema<HashingConfig>& hashing_schema() {
  static const Schema<HashingConfig> schema = [] {
    Schema<HashingConfig> s("hashing");
    s.add("num_bins", &HashingConfig::num_bins);
    s.add_enum("output_mode", &HashingConfig::output_mode,
               {OutputMode::kInt, OutputMode::kOneHot, OutputMode::kMultiHot, OutputMode::kCount}, output_mode_name);
    return s;
  }();
  return schema;
}

}  // namespace embedwasm::text
