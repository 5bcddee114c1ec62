// TextVectorization against the examples of its Keras documentation page
// (keras.io/api/layers/preprocessing_layers/text/text_vectorization/, the same text as
// the layer's docstring), the text examples of the "Working with preprocessing layers"
// guide (keras.io/guides/preprocessing_layers/), and hand-checked cases. Printed float32
// values are compared exactly (numpy prints the shortest decimal naming the float32).
#include "embedwasm/text/text_vectorization.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "text/text_test_util.h"

using embedwasm::Status;
using embedwasm::StatusCode;
using embedwasm::text::ngram_widths_up_to;
using embedwasm::text::OutputMode;
using embedwasm::text::RaggedIds;
using embedwasm::text::Split;
using embedwasm::text::Standardize;
using embedwasm::text::StringBatch;
using embedwasm::text::StringList;
using embedwasm::text::TextInput;
using embedwasm::text::TextVectorization;
using embedwasm::text::TextVectorizationConfig;
using text_test::list_of;
using text_test::Strings;
using text_test::strings_of;
using Ids = std::vector<int32_t>;

namespace {

TextVectorization make(const TextVectorizationConfig& config) {
  TextVectorization layer;
  const Status status = TextVectorization::create(config, &layer);
  INFO(status.message());
  REQUIRE(status.is_ok());
  return layer;
}

void adapt(TextVectorization& layer, const StringList& texts) {
  const Status status = layer.adapt(TextInput::documents(texts.view()));
  INFO(status.message());
  REQUIRE(status.is_ok());
}

Ids call_int(TextVectorization& layer, const StringList& texts, size_t length) {
  Ids out(texts.size() * length, -1);
  const Status status = layer.call_int(TextInput::documents(texts.view()), length, out.data());
  INFO(status.message());
  REQUIRE(status.is_ok());
  return out;
}

// Keras's output without output_sequence_length: padded to the batch's longest row.
Ids call_padded(TextVectorization& layer, const StringList& texts, size_t* length) {
  RaggedIds ragged;
  REQUIRE(layer.call_ragged(TextInput::documents(texts.view()), &ragged).is_ok());
  *length = ragged.max_length();
  Ids out(texts.size() * *length, -1);
  ragged.to_dense(*length, out.data());
  return out;
}

std::vector<float> call_dense(TextVectorization& layer, const StringList& texts) {
  std::vector<float> out(texts.size() * static_cast<size_t>(layer.output_depth()), -1.0f);
  const Status status = layer.call_dense(TextInput::documents(texts.view()), out.data());
  INFO(status.message());
  REQUIRE(status.is_ok());
  return out;
}

Strings vocabulary_of(const TextVectorization& layer) {
  StringList out;
  layer.get_vocabulary(true, &out);
  return strings_of(out);
}

const StringList kPoem = list_of({"The Brain is wider than the Sky", "For put them side by side",
                                  "The one the other will contain", "With ease and You beside"});

}  // namespace

TEST_CASE("TextVectorization docs: adapt, then integer sequences of length 4") {
  // >>> vectorize_layer = TextVectorization(max_tokens=5000, output_mode='int',
  // ...     output_sequence_length=4)
  // >>> vectorize_layer.adapt(["foo bar", "bar baz", "baz bada boom"])
  // >>> vectorize_layer([["foo qux bar"], ["qux baz"]])
  // array([[4, 1, 3, 0], [1, 2, 0, 0]])
  TextVectorizationConfig config;
  config.max_tokens = 5000;
  config.output_sequence_length = 4;
  TextVectorization layer = make(config);
  adapt(layer, list_of({"foo bar", "bar baz", "baz bada boom"}));
  CHECK(call_int(layer, list_of({"foo qux bar", "qux baz"}), 4) == Ids{4, 1, 3, 0, 1, 2, 0, 0});
}

TEST_CASE("TextVectorization docs: a vocabulary passed to the constructor") {
  // >>> vectorize_layer = keras.layers.TextVectorization(max_tokens=max_tokens,
  // ...     output_mode='int', output_sequence_length=max_len, vocabulary=vocab_data)
  // >>> vectorize_layer.get_vocabulary()
  // ['', '[UNK]', 'earth', 'wind', 'and', 'fire']
  TextVectorizationConfig config;
  config.max_tokens = 5000;
  config.output_sequence_length = 4;
  TextVectorization layer;
  const StringList vocab = list_of({"earth", "wind", "and", "fire"});
  REQUIRE(TextVectorization::create(config, vocab.view(), nullptr, 0, &layer).is_ok());
  CHECK(vocabulary_of(layer) == Strings{"", "[UNK]", "earth", "wind", "and", "fire"});
  // Passed at construction, the vocabulary is static: adapt() is refused.
  const Status status = layer.adapt(TextInput::documents(vocab.view()));
  CHECK(status.message().find("Cannot adapt layer 'TextVectorization'") != std::string::npos);
  CHECK(vocabulary_of(layer) == Strings{"", "[UNK]", "earth", "wind", "and", "fire"});
}

TEST_CASE("Keras guide: adapt() on a list of strings (Greek, UTF-8)") {
  // data = ["ξεῖν᾽, ἦ τοι μὲν ὄνειροι ἀμήχανοι ἀκριτόμυθοι", ...]
  // layer = layers.TextVectorization(); layer.adapt(data); print(layer(data))
  const StringList data = list_of({
      "\xce\xbe\xce\xb5\xe1\xbf\x96\xce\xbd\xe1\xbe\xbd, \xe1\xbc\xa6 \xcf\x84\xce\xbf\xce\xb9 "
      "\xce\xbc\xe1\xbd\xb2\xce\xbd \xe1\xbd\x84\xce\xbd\xce\xb5\xce\xb9\xcf\x81\xce\xbf\xce\xb9 "
      "\xe1\xbc\x80\xce\xbc\xce\xae\xcf\x87\xce\xb1\xce\xbd\xce\xbf\xce\xb9 "
      "\xe1\xbc\x80\xce\xba\xcf\x81\xce\xb9\xcf\x84\xcf\x8c\xce\xbc\xcf\x85\xce\xb8\xce\xbf\xce\xb9",
      "\xce\xb3\xce\xaf\xce\xb3\xce\xbd\xce\xbf\xce\xbd\xcf\x84\xe1\xbe\xbd, "
      "\xce\xbf\xe1\xbd\x90\xce\xb4\xce\xad \xcf\x84\xce\xb9 \xcf\x80\xce\xac\xce\xbd\xcf\x84\xce\xb1 "
      "\xcf\x84\xce\xb5\xce\xbb\xce\xb5\xce\xaf\xce\xb5\xcf\x84\xce\xb1\xce\xb9 "
      "\xe1\xbc\x80\xce\xbd\xce\xb8\xcf\x81\xcf\x8e\xcf\x80\xce\xbf\xce\xb9\xcf\x83\xce\xb9.",
      "\xce\xb4\xce\xbf\xce\xb9\xce\xb1\xe1\xbd\xb6 \xce\xb3\xce\xac\xcf\x81 \xcf\x84\xce\xb5 "
      "\xcf\x80\xcf\x8d\xce\xbb\xce\xb1\xce\xb9 \xe1\xbc\x80\xce\xbc\xce\xb5\xce\xbd\xce\xb7\xce\xbd\xe1\xbf\xb6\xce\xbd "
      "\xce\xb5\xe1\xbc\xb0\xcf\x83\xe1\xbd\xb6\xce\xbd \xe1\xbd\x80\xce\xbd\xce\xb5\xce\xaf\xcf\x81\xcf\x89\xce\xbd:",
      "\xce\xb1\xe1\xbc\xb1 \xce\xbc\xe1\xbd\xb2\xce\xbd \xce\xb3\xe1\xbd\xb0\xcf\x81 "
      "\xce\xba\xce\xb5\xcf\x81\xce\xac\xce\xb5\xcf\x83\xcf\x83\xce\xb9 "
      "\xcf\x84\xce\xb5\xcf\x84\xce\xb5\xcf\x8d\xcf\x87\xce\xb1\xcf\x84\xce\xb1\xce\xb9, \xce\xb1\xe1\xbc\xb1 "
      "\xce\xb4\xe1\xbe\xbd \xe1\xbc\x90\xce\xbb\xce\xad\xcf\x86\xce\xb1\xce\xbd\xcf\x84\xce\xb9:",
      "\xcf\x84\xe1\xbf\xb6\xce\xbd \xce\xbf\xe1\xbc\xb3 \xce\xbc\xce\xad\xce\xbd \xce\xba\xe1\xbe\xbd "
      "\xe1\xbc\x94\xce\xbb\xce\xb8\xcf\x89\xcf\x83\xce\xb9 \xce\xb4\xce\xb9\xe1\xbd\xb0 "
      "\xcf\x80\xcf\x81\xce\xb9\xcf\x83\xcf\x84\xce\xbf\xe1\xbf\xa6 "
      "\xe1\xbc\x90\xce\xbb\xce\xad\xcf\x86\xce\xb1\xce\xbd\xcf\x84\xce\xbf\xcf\x82,",
      "\xce\xbf\xe1\xbc\xb5 \xe1\xbf\xa5\xe1\xbe\xbd "
      "\xe1\xbc\x90\xce\xbb\xce\xb5\xcf\x86\xce\xb1\xce\xaf\xcf\x81\xce\xbf\xce\xbd\xcf\x84\xce\xb1\xce\xb9, "
      "\xe1\xbc\x94\xcf\x80\xce\xb5\xe1\xbe\xbd \xe1\xbc\x80\xce\xba\xcf\x81\xce\xac\xce\xb1\xce\xbd\xcf\x84\xce\xb1 "
      "\xcf\x86\xce\xad\xcf\x81\xce\xbf\xce\xbd\xcf\x84\xce\xb5\xcf\x82:",
      "\xce\xbf\xe1\xbc\xb1 \xce\xb4\xe1\xbd\xb2 \xce\xb4\xce\xb9\xe1\xbd\xb0 "
      "\xce\xbe\xce\xb5\xcf\x83\xcf\x84\xe1\xbf\xb6\xce\xbd \xce\xba\xce\xb5\xcf\x81\xce\xac\xcf\x89\xce\xbd "
      "\xe1\xbc\x94\xce\xbb\xce\xb8\xcf\x89\xcf\x83\xce\xb9 \xce\xb8\xcf\x8d\xcf\x81\xce\xb1\xce\xb6\xce\xb5,",
      "\xce\xbf\xe1\xbc\xb5 \xe1\xbf\xa5\xe1\xbe\xbd \xe1\xbc\x94\xcf\x84\xcf\x85\xce\xbc\xce\xb1 "
      "\xce\xba\xcf\x81\xce\xb1\xce\xaf\xce\xbd\xce\xbf\xcf\x85\xcf\x83\xce\xb9, "
      "\xce\xb2\xcf\x81\xce\xbf\xcf\x84\xe1\xbf\xb6\xce\xbd \xe1\xbd\x85\xcf\x84\xce\xb5 "
      "\xce\xba\xce\xad\xce\xbd \xcf\x84\xce\xb9\xcf\x82 \xe1\xbc\xb4\xce\xb4\xce\xb7\xcf\x84\xce\xb1\xce\xb9.",
  });
  TextVectorization layer = make({});
  adapt(layer, data);
  size_t length = 0;
  const Ids out = call_padded(layer, data, &length);
  // tf.Tensor(
  // [[37 12 25  5  9 20 21  0  0]
  //  [51 34 27 33 29 18  0  0  0]
  //  [49 52 30 31 19 46 10  0  0]
  //  [ 7  5 50 43 28  7 47 17  0]
  //  [24 35 39 40  3  6 32 16  0]
  //  [ 4  2 15 14 22 23  0  0  0]
  //  [36 48  6 38 42  3 45  0  0]
  //  [ 4  2 13 41 53  8 44 26 11]], shape=(8, 9), dtype=int64)
  CHECK(length == 9);
  CHECK(out == Ids{37, 12, 25, 5,  9,  20, 21, 0,  0,   //
                   51, 34, 27, 33, 29, 18, 0,  0,  0,   //
                   49, 52, 30, 31, 19, 46, 10, 0,  0,   //
                   7,  5,  50, 43, 28, 7,  47, 17, 0,   //
                   24, 35, 39, 40, 3,  6,  32, 16, 0,   //
                   4,  2,  15, 14, 22, 23, 0,  0,  0,   //
                   36, 48, 6,  38, 42, 3,  45, 0,  0,   //
                   4,  2,  13, 41, 53, 8,  44, 26, 11});
}

TEST_CASE("Keras guide: encoding text as a sequence of token indices") {
  // text_vectorizer = layers.TextVectorization(output_mode="int"); adapt(adapt_data)
  // text_vectorizer(["The Brain is deeper than the sea"]) -> [[ 2 19 14  1  9  2  1]]
  TextVectorization layer = make({});
  adapt(layer, kPoem);
  size_t length = 0;
  CHECK(call_padded(layer, list_of({"The Brain is deeper than the sea"}), &length) ==
        Ids{2, 19, 14, 1, 9, 2, 1});
}

TEST_CASE("Keras guide: a dense matrix of N-grams with multi-hot encoding") {
  // TextVectorization(output_mode="multi_hot", ngrams=2); adapt; call on
  // ["The Brain is deeper than the sea"]:
  // [[1. 1. 0. 0. 0. 0. 0. 0. 0. 0. 0. 0. 0. 0. 0. 0. 1. 1. 1. 0. 0. 0. 0. 0.
  //   0. 0. 0. 0. 1. 0. 0. 0. 0. 0. 0. 0. 1. 1. 0. 0. 0.]]
  TextVectorizationConfig config;
  config.output_mode = OutputMode::kMultiHot;
  REQUIRE(ngram_widths_up_to(2, &config.ngrams).is_ok());
  TextVectorization layer = make(config);
  adapt(layer, kPoem);
  REQUIRE(layer.output_depth() == 41);
  std::vector<float> expected(41, 0.0f);
  for (int i : {0, 1, 16, 17, 18, 28, 36, 37}) expected[i] = 1.0f;
  CHECK(call_dense(layer, list_of({"The Brain is deeper than the sea"})) == expected);
}

TEST_CASE("Keras guide: a dense matrix of N-grams with TF-IDF weighting") {
  // TextVectorization(output_mode="tf-idf", ngrams=2); adapt; call on
  // ["The Brain is deeper than the sea"]:
  // [[5.461647  1.6945957 0. ... 0. 1.0986123 (16, 17, 18) ... 1.0986123 (28) ...
  //   1.0986123 1.0986123 (36, 37) 0. 0. 0.]]
  TextVectorizationConfig config;
  config.output_mode = OutputMode::kTfIdf;
  REQUIRE(ngram_widths_up_to(2, &config.ngrams).is_ok());
  TextVectorization layer = make(config);
  adapt(layer, kPoem);
  REQUIRE(layer.output_depth() == 41);
  std::vector<float> expected(41, 0.0f);
  expected[0] = 5.461647f;
  expected[1] = 1.6945957f;
  for (int i : {16, 17, 18, 28, 36, 37}) expected[i] = 1.0986123f;
  CHECK(call_dense(layer, list_of({"The Brain is deeper than the sea"})) == expected);
}

// ---- Hand-checked cases

TEST_CASE("TextVectorization adapt: frequency, then token high to low; [UNK] and '' never learned") {
  TextVectorization layer = make({});
  adapt(layer, list_of({"b a, c.", "A B! [UNK]", "c  d", ""}));
  // After lower_and_strip_punctuation: "b a c", "a b unk", "c d", "": a 2, b 2, c 2, d 1, unk 1.
  CHECK(vocabulary_of(layer) == Strings{"", "[UNK]", "c", "b", "a", "unk", "d"});
  TextVectorizationConfig keep;
  keep.standardize = Standardize::kNone;
  keep.split = Split::kNone;
  TextVectorization whole = make(keep);
  // split=None: every text is one token; "" is the mask token and "[UNK]" the OOV token.
  adapt(whole, list_of({"x y", "", "[UNK]", "x y", "Z"}));
  CHECK(vocabulary_of(whole) == Strings{"", "[UNK]", "x y", "Z"});
  CHECK(call_int(whole, list_of({"x y", "", "Z", "q"}), 1) == Ids{2, 0, 3, 1});
}

TEST_CASE("TextVectorization: output_sequence_length pads and cuts; ragged output cuts too") {
  TextVectorizationConfig config;
  config.output_sequence_length = 3;
  TextVectorization layer = make(config);
  adapt(layer, list_of({"a b c d e"}));
  // All counts 1: e, d, c, b, a get 2..6.
  CHECK(call_int(layer, list_of({"a b c d e", "e", ""}), 3) == Ids{6, 5, 4, 2, 0, 0, 0, 0, 0});
  RaggedIds ragged;
  REQUIRE(layer.call_ragged(TextInput::documents(list_of({"a b c d e", "e", ""}).view()), &ragged).is_ok());
  CHECK(ragged.values == Ids{6, 5, 4, 2});
  CHECK(ragged.row_splits == std::vector<uint32_t>{0, 3, 4, 4});
  // The length is part of the output shape.
  std::vector<int32_t> out(8);
  CHECK(layer.call_int(TextInput::documents(list_of({"a"}).view()), 8, out.data()).code() ==
        StatusCode::kInvalidArgument);
}

TEST_CASE("TextVectorization: character split and explicit n-gram widths") {
  TextVectorizationConfig config;
  config.split = Split::kCharacter;
  config.ngrams = {2};  // Keras's ngrams=(2,): bigrams only
  TextVectorization layer = make(config);
  StringBatch tokens;
  const StringList text = list_of({"Ab c"});
  REQUIRE(layer.tokens(TextInput::documents(text.view()), 0, &tokens).is_ok());
  CHECK(strings_of(tokens) == Strings{"a b", "b  ", "  c"});
}

TEST_CASE("TextVectorization: tokens split by the caller skip standardize and split") {
  TextVectorizationConfig config;
  REQUIRE(ngram_widths_up_to(2, &config.ngrams).is_ok());
  TextVectorization layer = make(config);
  // Two documents given as tokens: ["New", "York!"] and ["York!"]; no lowercasing here.
  const StringList tokens = list_of({"New", "York!", "York!"});
  const std::vector<uint32_t> splits = {0, 2, 3};
  const TextInput input = TextInput::tokens(tokens.view(), splits.data(), 2);
  REQUIRE(layer.adapt(input).is_ok());
  CHECK(vocabulary_of(layer) == Strings{"", "[UNK]", "York!", "New York!", "New"});
  RaggedIds ragged;
  REQUIRE(layer.call_ragged(input, &ragged).is_ok());
  CHECK(ragged.values == Ids{4, 2, 3, 2});
  const std::vector<uint32_t> bad = {0, 4, 3};
  CHECK(layer.call_ragged(TextInput::tokens(tokens.view(), bad.data(), 2), &ragged).code() ==
        StatusCode::kOutOfRange);
}

TEST_CASE("TextVectorization: count mode drops nothing but the mask, pads to max_tokens") {
  TextVectorizationConfig config;
  config.output_mode = OutputMode::kCount;
  config.max_tokens = 5;
  config.pad_to_max_tokens = true;
  TextVectorization layer = make(config);
  adapt(layer, list_of({"x x y z w v"}));
  // Outside int mode [UNK] is 0 and there is no '' index: x (2), then y, z, w, v (1) high
  // to low, cut to 4 learned tokens: x, z, y, w.
  CHECK(vocabulary_of(layer) == Strings{"[UNK]", "x", "z", "y", "w"});
  CHECK(layer.output_depth() == 5);
  CHECK(call_dense(layer, list_of({"x v v q z"})) == std::vector<float>{3, 1, 1, 0, 0});
}

TEST_CASE("TextVectorization refuses invalid configurations and calls") {
  TextVectorization layer;
  TextVectorizationConfig c;
  c.output_mode = OutputMode::kCount;
  c.output_sequence_length = 4;
  CHECK(TextVectorization::create(c, &layer).code() == StatusCode::kInvalidArgument);
  c = {};
  c.output_mode = OutputMode::kMultiHot;
  c.ragged = true;
  CHECK(TextVectorization::create(c, &layer).code() == StatusCode::kInvalidArgument);
  c = {};
  c.ngrams = {1, 0};
  CHECK(TextVectorization::create(c, &layer).code() == StatusCode::kOutOfRange);
  c = {};
  c.max_tokens = 1;
  const Status small = TextVectorization::create(c, &layer);
  CHECK(small.code() == StatusCode::kOutOfRange);
  CHECK(small.message().rfind("TextVectorization: ", 0) == 0);
  std::vector<int> widths;
  CHECK(ngram_widths_up_to(0, &widths).code() == StatusCode::kOutOfRange);
  // Dense output asked of an int layer, and the reverse.
  TextVectorization ints = make({});
  std::vector<float> dense(4);
  CHECK(ints.call_dense(TextInput::documents(list_of({"a"}).view()), dense.data()).code() ==
        StatusCode::kInvalidArgument);
  // tf_idf with a constructor vocabulary needs its idf weights.
  c = {};
  c.output_mode = OutputMode::kTfIdf;
  CHECK(TextVectorization::create(c, list_of({"a"}).view(), nullptr, 0, &layer).code() ==
        StatusCode::kInvalidArgument);
}
