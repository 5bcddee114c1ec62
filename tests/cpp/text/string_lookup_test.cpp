// StringLookup against the examples of its Keras documentation page
// (keras.io/api/layers/preprocessing_layers/categorical/string_lookup/, the same text as
// the layer's docstring), the "Working with preprocessing layers" guide
// (keras.io/guides/preprocessing_layers/), and hand-checked cases of Keras's rules.
// Printed float32 outputs are compared exactly: numpy prints the shortest decimal that
// names the float32, so the literal with an f suffix is that very value.
#include "embedwasm/text/string_lookup.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "text/text_test_util.h"

using embedwasm::Status;
using embedwasm::StatusCode;
using embedwasm::text::OutputMode;
using embedwasm::text::StringBatch;
using embedwasm::text::StringList;
using embedwasm::text::StringLookup;
using embedwasm::text::StringLookupConfig;
using text_test::list_of;
using text_test::Strings;
using text_test::strings_of;

namespace {

const StringList kVocab = list_of({"a", "b", "c", "d"});

// Built in a function: GCC 12 warns (wrongly) of an uninitialised string when a test
// body assigns to the optional in place.
StringLookupConfig with_mask(const char* mask) {
  StringLookupConfig config;
  config.mask_token = std::string(mask);
  return config;
}

StringLookup make(const StringLookupConfig& config) {
  StringLookup layer;
  REQUIRE(StringLookup::create(config, &layer).is_ok());
  return layer;
}

StringLookup make(const StringLookupConfig& config, const StringList& vocabulary,
                  const std::vector<double>& idf = {}) {
  StringLookup layer;
  const Status status = StringLookup::create(config, vocabulary.view(),
                                             idf.empty() ? nullptr : idf.data(), idf.size(), &layer);
  INFO(status.message());
  REQUIRE(status.is_ok());
  return layer;
}

std::vector<int32_t> lookup(const StringLookup& layer, const StringList& tokens) {
  std::vector<int32_t> out(tokens.size());
  const Status status = layer.lookup(tokens.view(), out.data());
  INFO(status.message());
  REQUIRE(status.is_ok());
  return out;
}

// Rows of equal length, flattened, as Keras's 2-D inputs.
std::vector<float> encode_rows(StringLookup& layer, const StringList& tokens, size_t rows) {
  const size_t depth = static_cast<size_t>(layer.output_depth());
  std::vector<uint32_t> splits;
  for (size_t b = 0; b <= rows; ++b) splits.push_back(static_cast<uint32_t>(b * tokens.size() / rows));
  std::vector<float> out(rows * depth, -1.0f);
  const Status status = layer.encode_samples(tokens.view(), splits.data(), rows, out.data());
  INFO(status.message());
  REQUIRE(status.is_ok());
  return out;
}

Strings vocabulary_of(const StringLookup& layer, bool include_special = true) {
  StringList out;
  layer.get_vocabulary(include_special, &out);
  return strings_of(out);
}

Status adapt(StringLookup& layer, const std::vector<StringList>& documents) {
  layer.reset_state();
  for (const StringList& d : documents) EMBEDWASM_RETURN_IF_ERROR(layer.update_state(d.view()));
  return layer.finalize_state();
}

}  // namespace

TEST_CASE("StringLookup docs: creating a lookup layer with a known vocabulary") {
  // >>> layer = StringLookup(vocabulary=vocab); layer([["a","c","d"],["d","z","b"]])
  // array([[1, 3, 4], [4, 0, 2]])
  const StringLookup layer = make({}, kVocab);
  CHECK(lookup(layer, list_of({"a", "c", "d", "d", "z", "b"})) ==
        std::vector<int32_t>{1, 3, 4, 4, 0, 2});
}

TEST_CASE("StringLookup docs: creating a lookup layer with an adapted vocabulary") {
  // >>> layer.adapt(data); layer.get_vocabulary()
  // ['[UNK]', 'd', 'z', 'c', 'b', 'a']
  StringLookup layer = make({});
  REQUIRE(adapt(layer, {list_of({"a", "c", "d"}), list_of({"d", "z", "b"})}).is_ok());
  CHECK(vocabulary_of(layer) == Strings{"[UNK]", "d", "z", "c", "b", "a"});
  // >>> layer(data)
  // array([[5, 3, 1], [1, 2, 4]])
  CHECK(lookup(layer, list_of({"a", "c", "d", "d", "z", "b"})) ==
        std::vector<int32_t>{5, 3, 1, 1, 2, 4});
}

TEST_CASE("StringLookup docs: lookups with multiple OOV indices") {
  // >>> StringLookup(vocabulary=vocab, num_oov_indices=2)([["a","c","d"],["m","z","b"]])
  // array([[2, 4, 5], [0, 1, 3]])
  StringLookupConfig config;
  config.num_oov_indices = 2;
  const StringLookup layer = make(config, kVocab);
  CHECK(lookup(layer, list_of({"a", "c", "d", "m", "z", "b"})) ==
        std::vector<int32_t>{2, 4, 5, 0, 1, 3});
}

TEST_CASE("StringLookup docs: one-hot output") {
  // >>> StringLookup(vocabulary=vocab, output_mode='one_hot')(["a","b","c","d","z"])
  StringLookupConfig config;
  config.output_mode = OutputMode::kOneHot;
  StringLookup layer = make(config, kVocab);
  std::vector<float> out(25, -1.0f);
  REQUIRE(layer.encode_one_hot(list_of({"a", "b", "c", "d", "z"}).view(), out.data()).is_ok());
  CHECK(out == std::vector<float>{0, 1, 0, 0, 0,  //
                                  0, 0, 1, 0, 0,  //
                                  0, 0, 0, 1, 0,  //
                                  0, 0, 0, 0, 1,  //
                                  1, 0, 0, 0, 0});
}

TEST_CASE("StringLookup docs: multi-hot and count output") {
  const StringList data = list_of({"a", "c", "d", "d", "d", "z", "b", "z"});
  StringLookupConfig config;
  config.output_mode = OutputMode::kMultiHot;
  StringLookup multi_hot = make(config, kVocab);
  // array([[0., 1., 0., 1., 1.], [1., 0., 1., 0., 1.]])
  CHECK(encode_rows(multi_hot, data, 2) == std::vector<float>{0, 1, 0, 1, 1, 1, 0, 1, 0, 1});
  config.output_mode = OutputMode::kCount;
  StringLookup count = make(config, kVocab);
  // array([[0., 1., 0., 1., 2.], [2., 0., 1., 0., 1.]])
  CHECK(encode_rows(count, data, 2) == std::vector<float>{0, 1, 0, 1, 2, 2, 0, 1, 0, 1});
}

TEST_CASE("StringLookup docs: TF-IDF output") {
  const StringList data = list_of({"a", "c", "d", "d", "d", "z", "b", "z"});
  StringLookupConfig config;
  config.output_mode = OutputMode::kTfIdf;
  {
    // >>> layer = StringLookup(output_mode="tf_idf")
    // >>> layer.set_vocabulary(vocab, idf_weights=[0.25, 0.75, 0.6, 0.4])
    // array([[0.  , 0.25, 0.  , 0.6 , 0.8 ], [1.0 , 0.  , 0.75, 0.  , 0.4 ]])
    StringLookup layer = make(config);
    const std::vector<double> idf = {0.25, 0.75, 0.6, 0.4};
    REQUIRE(layer.set_vocabulary(kVocab.view(), idf.data(), idf.size()).is_ok());
    CHECK(encode_rows(layer, data, 2) ==
          std::vector<float>{0, 0.25f, 0, 0.6f, 0.8f, 1.0f, 0, 0.75f, 0, 0.4f});
  }
  {
    // The OOV weight given as the leading "[UNK]" entry: idf [0.9, 0.25, 0.75, 0.6, 0.4]
    // array([[0.  , 0.25, 0.  , 0.6 , 0.8 ], [1.8 , 0.  , 0.75, 0.  , 0.4 ]])
    StringLookup layer = make(config);
    const std::vector<double> idf = {0.9, 0.25, 0.75, 0.6, 0.4};
    REQUIRE(layer.set_vocabulary(list_of({"[UNK]", "a", "b", "c", "d"}).view(), idf.data(), idf.size()).is_ok());
    CHECK(encode_rows(layer, data, 2) ==
          std::vector<float>{0, 0.25f, 0, 0.6f, 0.8f, 1.8f, 0, 0.75f, 0, 0.4f});
  }
}

TEST_CASE("StringLookup docs: inverse lookup and forward/inverse pairs") {
  // >>> StringLookup(vocabulary=vocab, invert=True)([[1, 3, 4], [4, 0, 2]])
  // array([[b'a', b'c', b'd'], [b'd', b'[UNK]', b'b']])
  StringLookupConfig config;
  config.invert = true;
  const StringLookup inverse = make(config, kVocab);
  StringList out;
  const std::vector<int32_t> ids = {1, 3, 4, 4, 0, 2};
  REQUIRE(inverse.invert(ids.data(), ids.size(), &out).is_ok());
  CHECK(strings_of(out) == Strings{"a", "c", "d", "d", "[UNK]", "b"});
  // >>> i_layer(layer(data)) for data [["a","c","d"],["d","z","b"]]: the same array.
  const StringLookup forward = make({}, kVocab);
  const std::vector<int32_t> forward_ids = lookup(forward, list_of({"a", "c", "d", "d", "z", "b"}));
  out.clear();
  REQUIRE(inverse.invert(forward_ids.data(), forward_ids.size(), &out).is_ok());
  CHECK(strings_of(out) == Strings{"a", "c", "d", "d", "[UNK]", "b"});
}

TEST_CASE("Keras guide: encoding string categorical features via one-hot encoding") {
  // lookup = StringLookup(output_mode="one_hot"); lookup.adapt([["a"],["b"],["c"],["b"],["c"],["a"]])
  // lookup([["a"],["b"],["c"],["d"],["e"],[""]]) printed
  // [[0 0 0 1] [0 0 1 0] [0 1 0 0] [1 0 0 0] [1 0 0 0] [1 0 0 0]]
  StringLookupConfig config;
  config.output_mode = OutputMode::kOneHot;
  StringLookup layer = make(config);
  REQUIRE(adapt(layer, {list_of({"a"}), list_of({"b"}), list_of({"c"}), list_of({"b"}),
                        list_of({"c"}), list_of({"a"})}).is_ok());
  std::vector<float> out(24, -1.0f);
  REQUIRE(layer.encode_one_hot(list_of({"a", "b", "c", "d", "e", ""}).view(), out.data()).is_ok());
  CHECK(out == std::vector<float>{0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0,  //
                                  1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0});
}

// ---- Keras's rules on hand-checked cases

TEST_CASE("adapt orders by count, then by token from high to low as unsigned bytes") {
  StringLookup layer = make({});
  // counts: b 3, a 3, "B" 3 (ties), "é" (C3 A9) 2, "z" 2, "e" 2, "" 1, "[UNK]" 2.
  REQUIRE(adapt(layer, {list_of({"b", "a", "B", "\xC3\xA9", "z", "e", ""}),
                        list_of({"b", "a", "B", "\xC3\xA9", "z", "e", "[UNK]"}),
                        list_of({"b", "a", "B", "[UNK]"})}).is_ok());
  // Ties high to low: "b" > "a" > "B"; "é" (0xC3...) > "z" > "e". No mask token is set, so
  // "" is an ordinary token; the OOV token "[UNK]" is left out.
  CHECK(vocabulary_of(layer) == Strings{"[UNK]", "b", "a", "B", "\xC3\xA9", "z", "e", ""});
  CHECK(vocabulary_of(layer, false) == Strings{"b", "a", "B", "\xC3\xA9", "z", "e", ""});
  CHECK(layer.vocabulary_size() == 8);
}

TEST_CASE("adapt with max_tokens keeps the most frequent, special indices included") {
  StringLookupConfig config = with_mask("");
  config.max_tokens = 4;
  StringLookup layer = make(config);
  REQUIRE(adapt(layer, {list_of({"x", "y", "y", "z", "z", "z", "w", "", "", "", ""})}).is_ok());
  // mask "" and [UNK] take 2 of the 4 indices; z (3) and y (2) stay, x and w (1) go.
  CHECK(vocabulary_of(layer) == Strings{"", "[UNK]", "z", "y"});
  CHECK(lookup(layer, list_of({"", "z", "y", "x", "w"})) == std::vector<int32_t>{0, 2, 3, 1, 1});
  // Adapting again replaces the vocabulary.
  REQUIRE(adapt(layer, {list_of({"q"})}).is_ok());
  CHECK(vocabulary_of(layer) == Strings{"", "[UNK]", "q"});
  // Nothing to count keeps the vocabulary as it is (Keras's finalize_state).
  REQUIRE(adapt(layer, {}).is_ok());
  CHECK(vocabulary_of(layer) == Strings{"", "[UNK]", "q"});
}

TEST_CASE("adapt in tf_idf mode: idf = log(1 + N / (1 + df)), OOV weight their float32 mean") {
  StringLookupConfig config;
  config.output_mode = OutputMode::kTfIdf;
  StringLookup layer = make(config);
  // 3 documents; "a" in all three (counted once per document), "b" in two, "c" in one.
  REQUIRE(adapt(layer, {list_of({"a", "a", "b"}), list_of({"a", "b", "c", "c", "c"}), list_of({"a"})}).is_ok());
  // counts: a 4, c 3, b 2.
  CHECK(vocabulary_of(layer) == Strings{"[UNK]", "a", "c", "b"});
  const float idf_a = static_cast<float>(std::log(1.0 + 3.0 / 4.0));
  const float idf_c = static_cast<float>(std::log(1.0 + 3.0 / 2.0));
  const float idf_b = static_cast<float>(std::log(1.0 + 3.0 / 3.0));
  // TensorFlow sums fewer than 8 float32 values one by one, then divides in float32.
  const float mean = ((idf_a + idf_c) + idf_b) / 3.0f;
  CHECK(layer.idf_weights() == std::vector<float>{mean, idf_a, idf_c, idf_b});
  // One sample "a a c q": count * idf per slot, q out of vocabulary.
  CHECK(encode_rows(layer, list_of({"a", "a", "c", "q"}), 1) ==
        std::vector<float>{1 * mean, 2 * idf_a, 1 * idf_c, 0});
}

TEST_CASE("pad_to_max_tokens widens encodings and pads the idf weights with zeros") {
  StringLookupConfig config;
  config.output_mode = OutputMode::kTfIdf;
  config.max_tokens = 6;
  config.pad_to_max_tokens = true;
  StringLookup layer = make(config);
  const std::vector<double> idf = {0.5, 1.5};
  REQUIRE(layer.set_vocabulary(list_of({"p", "q"}).view(), idf.data(), idf.size()).is_ok());
  CHECK(layer.output_depth() == 6);
  CHECK(layer.idf_weights() == std::vector<float>{1.0f, 0.5f, 1.5f, 0, 0, 0});
  CHECK(encode_rows(layer, list_of({"q", "q", "r"}), 1) == std::vector<float>{1, 0, 3, 0, 0, 0});
}

TEST_CASE("mask token: index 0 in int mode, dropped from encodings otherwise") {
  StringLookupConfig config = with_mask("[MASK]");
  const StringLookup ints = make(config, kVocab);
  CHECK(lookup(ints, list_of({"[MASK]", "a", "zz"})) == std::vector<int32_t>{0, 2, 1});
  CHECK(vocabulary_of(ints) == Strings{"[MASK]", "[UNK]", "a", "b", "c", "d"});
  config.output_mode = OutputMode::kCount;
  StringLookup counts = make(config, kVocab);
  // Outside int mode the mask takes no index: [UNK] is 0.
  CHECK(vocabulary_of(counts) == Strings{"[UNK]", "a", "b", "c", "d"});
  CHECK(encode_rows(counts, list_of({"[MASK]", "a", "[MASK]", "zz"}), 1) ==
        std::vector<float>{1, 1, 0, 0, 0});
}

TEST_CASE("set_vocabulary refuses what Keras refuses, and leaves the layer as it was") {
  StringLookupConfig config = with_mask("");
  StringLookup layer = make(config, kVocab);
  const Strings before = vocabulary_of(layer);
  struct Case {
    StringList vocabulary;
    const char* message_part;
  };
  const std::vector<Case> cases = {
      {list_of({}), "Cannot set an empty vocabulary"},
      {list_of({"a", "b", "a"}), "repeated term"},
      {list_of({"a", "", "b"}), "reserved mask token"},
  };
  for (const Case& c : cases) {
    const Status status = layer.set_vocabulary(c.vocabulary.view(), nullptr, 0);
    INFO(status.message());
    CHECK(status.code() == StatusCode::kInvalidArgument);
    CHECK(status.message().find(c.message_part) != std::string::npos);
    CHECK(status.message().rfind("StringLookup: ", 0) == 0);
    CHECK(vocabulary_of(layer) == before);
  }
  // The special tokens may lead, in exactly this order; then they are not doubled.
  REQUIRE(layer.set_vocabulary(list_of({"", "[UNK]", "x", "y"}).view(), nullptr, 0).is_ok());
  CHECK(vocabulary_of(layer) == Strings{"", "[UNK]", "x", "y"});
  // In another order they are ordinary tokens... and "" is the mask, which is refused.
  CHECK_FALSE(layer.set_vocabulary(list_of({"[UNK]", "", "x"}).view(), nullptr, 0).is_ok());

  StringLookupConfig capped;
  capped.max_tokens = 3;
  StringLookup small = make(capped);
  const Status too_big = small.set_vocabulary(list_of({"a", "b", "c"}).view(), nullptr, 0);
  CHECK(too_big.code() == StatusCode::kOutOfRange);
  CHECK(too_big.message().find("vocabulary size is 4; `max_tokens` is 3") != std::string::npos);

  // idf weights only in tf_idf mode, and then as many as vocabulary entries.
  const std::vector<double> idf = {1, 2};
  CHECK_FALSE(layer.set_vocabulary(list_of({"x", "y"}).view(), idf.data(), idf.size()).is_ok());
  StringLookupConfig tf_idf;
  tf_idf.output_mode = OutputMode::kTfIdf;
  StringLookup weighted = make(tf_idf);
  CHECK_FALSE(weighted.set_vocabulary(list_of({"x", "y"}).view(), nullptr, 0).is_ok());
  CHECK_FALSE(weighted.set_vocabulary(list_of({"x", "y", "z"}).view(), idf.data(), idf.size()).is_ok());
  CHECK(weighted.frozen_vocabulary_size() == std::nullopt);
}

TEST_CASE("outside int mode the vocabulary size is fixed once set, as in Keras") {
  StringLookupConfig config;
  config.output_mode = OutputMode::kMultiHot;
  StringLookup layer = make(config);
  std::vector<float> out(8);
  // No vocabulary yet: no width to encode to.
  const Status early = layer.encode_samples(list_of({"a"}).view(), std::vector<uint32_t>{0, 1}.data(), 1, out.data());
  CHECK(early.code() == StatusCode::kInvalidArgument);
  CHECK(early.message().find("you must set the layer's vocabulary") != std::string::npos);
  REQUIRE(layer.set_vocabulary(list_of({"a", "b"}).view(), nullptr, 0).is_ok());
  CHECK(layer.set_vocabulary(list_of({"c", "d"}).view(), nullptr, 0).is_ok());
  const Status resized = layer.set_vocabulary(list_of({"c", "d", "e"}).view(), nullptr, 0);
  CHECK(resized.message().find("Old vocab size is 3, new vocab size is 4") != std::string::npos);
  CHECK(vocabulary_of(layer) == Strings{"[UNK]", "c", "d"});
}

TEST_CASE("num_oov_indices = 0: an OOV token is an error naming it") {
  StringLookupConfig config;
  config.num_oov_indices = 0;
  const StringLookup layer = make(config, kVocab);
  CHECK(lookup(layer, list_of({"a", "d"})) == std::vector<int32_t>{0, 3});
  std::vector<int32_t> out(2);
  const Status status = layer.lookup(list_of({"a", "zebra"}).view(), out.data());
  CHECK(status.code() == StatusCode::kOutOfRange);
  CHECK(status.message().find("found OOV value 'zebra'") != std::string::npos);
}

TEST_CASE("several OOV indices: Fingerprint64 mod num_oov_indices, after the mask index") {
  StringLookupConfig config = with_mask("");
  config.num_oov_indices = 3;
  const StringLookup layer = make(config, kVocab);
  // Buckets of "A".."E" mod 3 are 1, 0, 1, 1, 2 (FarmHash; TensorFlow.js agrees, see
  // hash_bucket_test); the OOV indices start at 1, after the mask.
  CHECK(lookup(layer, list_of({"A", "B", "C", "D", "E", "", "a"})) ==
        std::vector<int32_t>{2, 1, 2, 2, 3, 0, 4});
}

TEST_CASE("create refuses Keras's invalid configurations") {
  StringLookup layer;
  StringLookupConfig c;
  c.max_tokens = 1;
  CHECK(StringLookup::create(c, &layer).code() == StatusCode::kOutOfRange);
  c = {};
  c.pad_to_max_tokens = true;
  CHECK(StringLookup::create(c, &layer).code() == StatusCode::kInvalidArgument);
  c = {};
  c.num_oov_indices = -1;
  CHECK(StringLookup::create(c, &layer).code() == StatusCode::kOutOfRange);
  c = {};
  c.invert = true;
  c.output_mode = OutputMode::kCount;
  CHECK(StringLookup::create(c, &layer).code() == StatusCode::kInvalidArgument);
}

TEST_CASE("a vocabulary given at construction refuses adapt()") {
  StringLookup layer = make({}, kVocab);
  CHECK(layer.has_input_vocabulary());
  const Status status = layer.update_state(list_of({"x"}).view());
  CHECK(status.message().find("Cannot adapt layer") != std::string::npos);
  // set_vocabulary on a layer built without one does not make it static (as in Keras).
  StringLookup open = make({});
  REQUIRE(open.set_vocabulary(kVocab.view(), nullptr, 0).is_ok());
  CHECK(adapt(open, {list_of({"x"})}).is_ok());
}

TEST_CASE("restore puts back the saved state exactly") {
  StringLookupConfig config = with_mask("");
  config.output_mode = OutputMode::kTfIdf;
  StringLookup layer = make(config);
  REQUIRE(adapt(layer, {list_of({"a", "b"}), list_of({"b", "c", ""})}).is_ok());
  StringList saved;
  layer.get_vocabulary(true, &saved);
  const std::vector<float> idf = layer.idf_weights();

  StringLookup copy = make(config);
  REQUIRE(copy.restore(saved.view(), idf.data(), idf.size(), layer.has_input_vocabulary(),
                       layer.frozen_vocabulary_size()).is_ok());
  CHECK(vocabulary_of(copy) == vocabulary_of(layer));
  CHECK(copy.idf_weights() == layer.idf_weights());
  CHECK(encode_rows(copy, list_of({"b", "b", "q"}), 1) == encode_rows(layer, list_of({"b", "b", "q"}), 1));
  // A vocabulary without its special tokens, or idf weights of the wrong length, is refused.
  CHECK_FALSE(copy.restore(list_of({"a", "b"}).view(), idf.data(), 2, false, 2).is_ok());
  CHECK_FALSE(copy.restore(saved.view(), idf.data(), idf.size() - 1, false, layer.frozen_vocabulary_size()).is_ok());
  CHECK(vocabulary_of(copy) == vocabulary_of(layer));
}

TEST_CASE("StringLookup's schema reads Keras's options from a record, None as an absent optional",
          "[string_lookup]") {
  embedwasm::OptionRecord record;
  record.set("hasMaxTokens", embedwasm::OptionValue::boolean(true));
  record.set("maxTokens", embedwasm::OptionValue::number(5));
  record.set("hasMaskToken", embedwasm::OptionValue::boolean(false));
  record.set("maskToken", embedwasm::OptionValue::text("ignored"));
  record.set("outputMode", embedwasm::OptionValue::text("tf_idf"));
  embedwasm::text::StringLookupConfig config;
  REQUIRE(embedwasm::text::string_lookup_schema().read(record, &config).is_ok());
  CHECK(config.max_tokens == std::optional<int64_t>(5));
  CHECK(!config.mask_token.has_value());
  CHECK(config.oov_token == "[UNK]");
  CHECK(config.output_mode == embedwasm::text::OutputMode::kTfIdf);
  record.set("oovToken", embedwasm::OptionValue::number(1));
  CHECK(embedwasm::text::string_lookup_schema().read(record, &config).code() == embedwasm::StatusCode::kInvalidArgument);
}
