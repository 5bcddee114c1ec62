// IntegerLookup against the examples of its Keras documentation page
// (keras.io/api/layers/preprocessing_layers/categorical/integer_lookup/, the same text
// as the layer's docstring), the "Working with preprocessing layers" guide
// (keras.io/guides/preprocessing_layers/), and hand-checked cases.
#include "embedwasm/text/integer_lookup.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

using embedwasm::Status;
using embedwasm::text::Int64Span;
using embedwasm::text::IntegerLookup;
using embedwasm::text::IntegerLookupConfig;
using embedwasm::text::OovMethod;
using embedwasm::text::OutputMode;
using Ints = std::vector<int64_t>;
using Ids = std::vector<int32_t>;

namespace {

const Ints kVocab = {12, 36, 1138, 42};

Int64Span span(const Ints& v) { return {v.data(), v.size()}; }

IntegerLookup make(const IntegerLookupConfig& config) {
  IntegerLookup layer;
  REQUIRE(IntegerLookup::create(config, &layer).is_ok());
  return layer;
}

IntegerLookup make(const IntegerLookupConfig& config, const Ints& vocabulary,
                   const std::vector<double>& idf = {}) {
  IntegerLookup layer;
  const Status status = IntegerLookup::create(config, span(vocabulary), idf.empty() ? nullptr : idf.data(),
                                              idf.size(), &layer);
  INFO(status.message());
  REQUIRE(status.is_ok());
  return layer;
}

Ids lookup(const IntegerLookup& layer, const Ints& tokens) {
  Ids out(tokens.size());
  REQUIRE(layer.lookup(span(tokens), out.data()).is_ok());
  return out;
}

std::vector<float> encode_rows(IntegerLookup& layer, const Ints& tokens, size_t rows) {
  const size_t depth = static_cast<size_t>(layer.output_depth());
  std::vector<uint32_t> splits;
  for (size_t b = 0; b <= rows; ++b) splits.push_back(static_cast<uint32_t>(b * tokens.size() / rows));
  std::vector<float> out(rows * depth, -1.0f);
  REQUIRE(layer.encode_samples(span(tokens), splits.data(), rows, out.data()).is_ok());
  return out;
}

Ints vocabulary_of(const IntegerLookup& layer) {
  Ints out;
  layer.get_vocabulary(true, &out);
  return out;
}

void adapt_rows(IntegerLookup& layer, const std::vector<Ints>& rows) {
  layer.reset_state();
  for (const Ints& row : rows) REQUIRE(layer.update_state(span(row)).is_ok());
  REQUIRE(layer.finalize_state().is_ok());
}

}  // namespace

TEST_CASE("IntegerLookup docs: creating a lookup layer with a known vocabulary") {
  // >>> IntegerLookup(vocabulary=[12, 36, 1138, 42])([[12, 1138, 42], [42, 1000, 36]])
  // array([[1, 3, 4], [4, 0, 2]])
  CHECK(lookup(make({}, kVocab), {12, 1138, 42, 42, 1000, 36}) == Ids{1, 3, 4, 4, 0, 2});
}

TEST_CASE("IntegerLookup docs: creating a lookup layer with an adapted vocabulary") {
  IntegerLookup layer = make({});
  adapt_rows(layer, {{12, 1138, 42}, {42, 1000, 36}});
  // >>> layer.get_vocabulary()
  // [-1, 42, 1138, 1000, 36, 12]
  CHECK(vocabulary_of(layer) == Ints{-1, 42, 1138, 1000, 36, 12});
  // >>> layer(data)
  // array([[5, 2, 1], [1, 3, 4]])
  CHECK(lookup(layer, {12, 1138, 42, 42, 1000, 36}) == Ids{5, 2, 1, 1, 3, 4});
}

TEST_CASE("IntegerLookup docs: lookups with multiple OOV indices") {
  // >>> IntegerLookup(vocabulary=vocab, num_oov_indices=2)([[12, 1138, 42], [37, 1000, 36]])
  // array([[2, 4, 5], [1, 0, 3]])
  IntegerLookupConfig config;
  config.num_oov_indices = 2;
  CHECK(lookup(make(config, kVocab), {12, 1138, 42, 37, 1000, 36}) == Ids{2, 4, 5, 1, 0, 3});
}

TEST_CASE("IntegerLookup docs: one-hot, multi-hot and count output") {
  IntegerLookupConfig config;
  config.output_mode = OutputMode::kOneHot;
  IntegerLookup one_hot = make(config, kVocab);
  // >>> layer(np.array([12, 36, 1138, 42, 7]))
  std::vector<float> out(25, -1.0f);
  const Ints data = {12, 36, 1138, 42, 7};
  REQUIRE(one_hot.encode_one_hot(span(data), out.data()).is_ok());
  CHECK(out == std::vector<float>{0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0,
                                  0, 0, 0, 0, 1, 1, 0, 0, 0, 0});
  const Ints rows = {12, 1138, 42, 42, 42, 7, 36, 7};
  config.output_mode = OutputMode::kMultiHot;
  IntegerLookup multi_hot = make(config, kVocab);
  // array([[0., 1., 0., 1., 1.], [1., 0., 1., 0., 1.]])
  CHECK(encode_rows(multi_hot, rows, 2) == std::vector<float>{0, 1, 0, 1, 1, 1, 0, 1, 0, 1});
  config.output_mode = OutputMode::kCount;
  IntegerLookup count = make(config, kVocab);
  // array([[0., 1., 0., 1., 2.], [2., 0., 1., 0., 1.]])
  CHECK(encode_rows(count, rows, 2) == std::vector<float>{0, 1, 0, 1, 2, 2, 0, 1, 0, 1});
}

TEST_CASE("IntegerLookup docs: TF-IDF output") {
  const Ints rows = {12, 1138, 42, 42, 42, 7, 36, 7};
  IntegerLookupConfig config;
  config.output_mode = OutputMode::kTfIdf;
  // >>> IntegerLookup(output_mode='tf_idf', vocabulary=vocab, idf_weights=[0.25, 0.75, 0.6, 0.4])
  // array([[0.  , 0.25, 0.  , 0.6 , 0.8 ], [1.0 , 0.  , 0.75, 0.  , 0.4 ]])
  IntegerLookup plain = make(config, kVocab, {0.25, 0.75, 0.6, 0.4});
  CHECK(encode_rows(plain, rows, 2) == std::vector<float>{0, 0.25f, 0, 0.6f, 0.8f, 1.0f, 0, 0.75f, 0, 0.4f});
  // >>> vocab = [-1, 12, 36, 1138, 42]; idf_weights = [0.9, 0.25, 0.75, 0.6, 0.4]
  // array([[0.  , 0.25, 0.  , 0.6 , 0.8 ], [1.8 , 0.  , 0.75, 0.  , 0.4 ]])
  IntegerLookup with_oov = make(config, {-1, 12, 36, 1138, 42}, {0.9, 0.25, 0.75, 0.6, 0.4});
  CHECK(encode_rows(with_oov, rows, 2) == std::vector<float>{0, 0.25f, 0, 0.6f, 0.8f, 1.8f, 0, 0.75f, 0, 0.4f});
}

TEST_CASE("IntegerLookup docs: inverse lookup and forward/inverse pairs") {
  IntegerLookupConfig config;
  config.invert = true;
  // >>> IntegerLookup(vocabulary=vocab, invert=True)([[1, 3, 4], [4, 0, 2]])
  // array([[  12, 1138,   42], [  42,   -1,   36]])
  const IntegerLookup inverse = make(config, kVocab);
  Ints out;
  const Ids ids = {1, 3, 4, 4, 0, 2};
  REQUIRE(inverse.invert(ids.data(), ids.size(), &out).is_ok());
  CHECK(out == Ints{12, 1138, 42, 42, -1, 36});
  // >>> i_layer = IntegerLookup(vocabulary=layer.get_vocabulary(), invert=True)
  // >>> i_layer(layer([[12, 1138, 42], [42, 1000, 36]]))  -> the same array
  const IntegerLookup forward = make({}, kVocab);
  const IntegerLookup pair_inverse = make(config, vocabulary_of(forward));
  const Ids forward_ids = lookup(forward, {12, 1138, 42, 42, 1000, 36});
  out.clear();
  REQUIRE(pair_inverse.invert(forward_ids.data(), forward_ids.size(), &out).is_ok());
  CHECK(out == Ints{12, 1138, 42, 42, -1, 36});
}

TEST_CASE("Keras guide: encoding integer categorical features via one-hot encoding") {
  // lookup = IntegerLookup(output_mode="one_hot"); lookup.adapt([[10], [20], [20], [10], [30], [0]])
  // lookup([[10], [10], [20], [50], [60], [0]]) printed
  // [[0 0 1 0 0] [0 0 1 0 0] [0 1 0 0 0] [1 0 0 0 0] [1 0 0 0 0] [0 0 0 0 1]]
  IntegerLookupConfig config;
  config.output_mode = OutputMode::kOneHot;
  IntegerLookup layer = make(config);
  adapt_rows(layer, {{10}, {20}, {20}, {10}, {30}, {0}});
  std::vector<float> out(30, -1.0f);
  const Ints test = {10, 10, 20, 50, 60, 0};
  REQUIRE(layer.encode_one_hot(span(test), out.data()).is_ok());
  CHECK(out == std::vector<float>{0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0,
                                  1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1});
}

TEST_CASE("IntegerLookup: ties break by value, high to low, negatives included") {
  IntegerLookup layer = make({});
  adapt_rows(layer, {{-5, 3, -1, 7, 3}, {-5, 0, 7}});
  // counts: 3, -5, 7: 2 each; 0: 1; -1 is the OOV token and is left out.
  CHECK(vocabulary_of(layer) == Ints{-1, 7, 3, -5, 0});
}

TEST_CASE("IntegerLookup: OOV buckets by floor-mod (Python's sign rule) or by FarmHash") {
  IntegerLookupConfig config;
  config.num_oov_indices = 3;
  config.mask_token = 0;
  const IntegerLookup floormod = make(config, kVocab);
  // Mask 0 -> 0; OOV start 1: -7 mod 3 = 2 (floor), 7 mod 3 = 1, 9 mod 3 = 0.
  CHECK(lookup(floormod, {0, -7, 7, 9, 12}) == Ids{0, 3, 2, 1, 4});
  config.oov_method = OovMethod::kFarmHash;
  const IntegerLookup farmhash = make(config, kVocab);
  // Fingerprint64 of the decimal text: "-7", "7", "9" (buckets from the FarmHash
  // implementation that matches FarmHash's own self-test).
  const Ids ids = lookup(farmhash, {-7, 7, 9});
  for (size_t i = 0; i < ids.size(); ++i) {
    const char* text[] = {"-7", "7", "9"};
    CHECK(ids[i] == 1 + static_cast<int32_t>(embedwasm::text::farmhash_fingerprint64(text[i]) % 3));
  }
}

TEST_CASE("IntegerLookup's schema reads Keras's options from a record and keeps the defaults it is not given",
          "[integer_lookup]") {
  embedwasm::OptionRecord record;
  record.set("numOovIndices", embedwasm::OptionValue::number(2));
  record.set("hasMaskToken", embedwasm::OptionValue::boolean(true));
  record.set("maskToken", embedwasm::OptionValue::number(0));
  record.set("oovMethod", embedwasm::OptionValue::text("farmhash"));
  embedwasm::text::IntegerLookupConfig config;
  REQUIRE(embedwasm::text::integer_lookup_schema().read(record, &config).is_ok());
  CHECK(config.num_oov_indices == 2);
  CHECK(config.mask_token == std::optional<int64_t>(0));
  CHECK(config.oov_method == embedwasm::text::OovMethod::kFarmHash);
  CHECK(config.oov_token == -1);
  CHECK(!config.max_tokens.has_value());
  CHECK(config.output_mode == embedwasm::text::OutputMode::kInt);
  record.set("outputMode", embedwasm::OptionValue::text("sparse"));
  CHECK(embedwasm::text::integer_lookup_schema().read(record, &config).code() == embedwasm::StatusCode::kInvalidArgument);
}
