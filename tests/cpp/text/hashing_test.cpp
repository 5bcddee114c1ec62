// Hashing against the examples of its Keras documentation page
// (keras.io/api/layers/preprocessing_layers/categorical/hashing/, the same text as the
// layer's docstring) and hand-checked cases.
#include "embedwasm/text/hashing.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "embedwasm/text/hash_bucket.h"
#include "text/text_test_util.h"

using embedwasm::Status;
using embedwasm::StatusCode;
using embedwasm::text::Hashing;
using embedwasm::text::HashingConfig;
using embedwasm::text::OutputMode;
using embedwasm::text::StringList;
using text_test::list_of;
using Ids = std::vector<int32_t>;

namespace {

Hashing make(const HashingConfig& config) {
  Hashing layer;
  const Status status = Hashing::create(config, &layer);
  INFO(status.message());
  REQUIRE(status.is_ok());
  return layer;
}

Ids hash(const Hashing& layer, const StringList& values) {
  Ids out(values.size());
  REQUIRE(layer.hash_strings(values.view(), out.data()).is_ok());
  return out;
}

}  // namespace

TEST_CASE("Hashing docs: FarmHash64") {
  // >>> layer = keras.layers.Hashing(num_bins=3)
  // >>> layer([['A'], ['B'], ['C'], ['D'], ['E']])
  // array([[1], [0], [1], [1], [2]])
  HashingConfig config;
  config.num_bins = 3;
  CHECK(hash(make(config), list_of({"A", "B", "C", "D", "E"})) == Ids{1, 0, 1, 1, 2});
}

TEST_CASE("Hashing docs: FarmHash64 with a mask value") {
  // >>> layer = keras.layers.Hashing(num_bins=3, mask_value='')
  // >>> layer([['A'], ['B'], [''], ['C'], ['D']])
  // array([[1], [1], [0], [2], [2]])
  HashingConfig config;
  config.num_bins = 3;
  config.mask_value = std::string();
  CHECK(hash(make(config), list_of({"A", "B", "", "C", "D"})) == Ids{1, 1, 0, 2, 2});
}

TEST_CASE("Hashing docs: SipHash64") {
  // >>> layer = keras.layers.Hashing(num_bins=3, salt=[133, 137])
  // >>> layer([['A'], ['B'], ['C'], ['D'], ['E']])
  // array([[1], [2], [1], [0], [2]])
  HashingConfig config;
  config.num_bins = 3;
  config.salt = std::array<uint64_t, 2>{133, 137};
  CHECK(hash(make(config), list_of({"A", "B", "C", "D", "E"})) == Ids{1, 2, 1, 0, 2});
}

TEST_CASE("Hashing docs: SipHash64 with a single integer, same as salt=[133, 133]") {
  // >>> layer = keras.layers.Hashing(num_bins=3, salt=133)
  // array([[0], [0], [2], [1], [0]])
  HashingConfig config;
  config.num_bins = 3;
  config.salt = std::array<uint64_t, 2>{133, 133};
  CHECK(hash(make(config), list_of({"A", "B", "C", "D", "E"})) == Ids{0, 0, 2, 1, 0});
}

TEST_CASE("Hashing: integers and floats hash as their int64 decimal text") {
  HashingConfig config;
  config.num_bins = 1000003;
  const Hashing layer = make(config);
  const std::vector<int64_t> ints = {42, -7, 0};
  Ids from_ints(3), from_text(3), from_floats(3);
  REQUIRE(layer.hash_integers(ints.data(), ints.size(), from_ints.data()).is_ok());
  REQUIRE(layer.hash_strings(list_of({"42", "-7", "0"}).view(), from_text.data()).is_ok());
  CHECK(from_ints == from_text);
  // Floats are cast toward zero first: 42.9 -> 42, -7.5 -> -7, -0.25 -> 0.
  const std::vector<double> floats = {42.9, -7.5, -0.25};
  REQUIRE(layer.hash_floats(floats.data(), floats.size(), from_floats.data()).is_ok());
  CHECK(from_floats == from_ints);
  const std::vector<double> bad = {1.0, std::nan(""), 2.0};
  const Status status = layer.hash_floats(bad.data(), bad.size(), from_floats.data());
  CHECK(status.code() == StatusCode::kOutOfRange);
  CHECK(status.message().find("NaN at index 1") != std::string::npos);
  const std::vector<double> huge = {9.3e18};
  CHECK_FALSE(layer.hash_floats(huge.data(), 1, from_floats.data()).is_ok());
}

TEST_CASE("Hashing: a mask value takes bin 0 and the rest hash into 1..num_bins-1") {
  HashingConfig config;
  config.num_bins = 4;
  config.mask_value = int64_t{0};
  const Hashing layer = make(config);
  const std::vector<int64_t> values = {0, 5, 12345};
  Ids bins(3);
  REQUIRE(layer.hash_integers(values.data(), 3, bins.data()).is_ok());
  CHECK(bins[0] == 0);
  CHECK(bins[1] == 1 + static_cast<int32_t>(embedwasm::text::farmhash_fingerprint64("5") % 3));
  CHECK(bins[2] == 1 + static_cast<int32_t>(embedwasm::text::farmhash_fingerprint64("12345") % 3));
  // With a single bin there is nothing to reserve: the mask hashes like any value.
  config.num_bins = 1;
  const Hashing one = make(config);
  REQUIRE(one.hash_integers(values.data(), 3, bins.data()).is_ok());
  CHECK(bins == Ids{0, 0, 0});
  // A string mask cannot match numbers, nor an integer mask strings.
  config.num_bins = 4;
  const Hashing int_mask = make(config);
  CHECK(int_mask.hash_strings(list_of({"0"}).view(), bins.data()).code() == StatusCode::kInvalidArgument);
}

TEST_CASE("Hashing: one_hot, multi_hot and count encodings of the bins") {
  HashingConfig config;
  config.num_bins = 3;
  config.output_mode = OutputMode::kCount;
  const Hashing count = make(config);
  const Ids bins = {1, 0, 1, 1, 2};
  const std::vector<uint32_t> splits = {0, 3, 5};
  std::vector<float> out(6, -1.0f);
  REQUIRE(count.encode_samples(bins.data(), splits.data(), 2, out.data()).is_ok());
  CHECK(out == std::vector<float>{1, 2, 0, 0, 1, 1});
  config.output_mode = OutputMode::kMultiHot;
  REQUIRE(make(config).encode_samples(bins.data(), splits.data(), 2, out.data()).is_ok());
  CHECK(out == std::vector<float>{1, 1, 0, 0, 1, 1});
  config.output_mode = OutputMode::kOneHot;
  std::vector<float> one_hot(6, -1.0f);
  REQUIRE(make(config).encode_one_hot(bins.data(), 2, one_hot.data()).is_ok());
  CHECK(one_hot == std::vector<float>{0, 1, 0, 1, 0, 0});
  const Ids outside = {3};
  CHECK(make(config).encode_one_hot(outside.data(), 1, one_hot.data()).code() == StatusCode::kOutOfRange);
}

TEST_CASE("Hashing: invalid configurations are refused") {
  Hashing layer;
  HashingConfig config;
  CHECK(Hashing::create(config, &layer).code() == StatusCode::kOutOfRange);  // num_bins missing
  config.num_bins = -3;
  CHECK(Hashing::create(config, &layer).code() == StatusCode::kOutOfRange);
  config.num_bins = 3;
  config.output_mode = OutputMode::kTfIdf;
  CHECK(Hashing::create(config, &layer).code() == StatusCode::kInvalidArgument);
}
