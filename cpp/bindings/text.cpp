// Embind registrations for the preprocessing layers, and their adapters.
#include <emscripten/bind.h>

#include <charconv>
#include <initializer_list>

#include "bindings/text.h"

namespace embedwasm::bindings {
namespace {

// Option names as the core spells them (its *_name functions), so that JS and the
// core's messages cannot disagree; JS has checked the name already, this only maps it.
template <class E>
Status parse_name(const char* option, const std::string& name, std::initializer_list<E> values,
                  const char* (*name_of)(E), E* out) {
  for (E value : values) {
    if (name == name_of(value)) {
      *out = value;
      return Status::ok();
    }
  }
  return Status::invalid_argument(std::string("unknown ") + option + " '" + name + "'");
}

Status parse_u64(const std::string& text, uint64_t* out) {
  const char* end = text.data() + text.size();
  const auto result = std::from_chars(text.data(), end, *out);
  if (result.ec != std::errc() || result.ptr != end) {
    return Status::out_of_range("salt must be an integer in [0, 2^64), got '" + text + "'");
  }
  return Status::ok();
}

std::optional<int64_t> max_tokens_of(bool has, double value) {
  if (!has) return std::nullopt;
  return static_cast<int64_t>(value);
}

text::Int64Span span_of(const IntBatchJs& b) { return {ptr<const int64_t>(b.values), b.count}; }

// Checks the row splits of B documents over N tokens: 0 first, N last, never decreasing.
Status check_row_splits(const uint32_t* splits, uint32_t num_documents, uint32_t count) {
  if (splits == nullptr) return Status::invalid_argument("row splits are missing");
  if (splits[0] != 0) return Status::out_of_range("row splits must start at 0");
  for (uint32_t b = 0; b < num_documents; ++b) {
    if (splits[b + 1] < splits[b]) return Status::out_of_range("row splits must not decrease");
  }
  if (splits[num_documents] != count) return Status::out_of_range("row splits must end at the number of tokens");
  return Status::ok();
}

}  // namespace

Status batch_of(const TextBatchJs& b, text::StringBatch* out) {
  return text::make_string_batch(ptr<const char>(b.bytes), b.num_bytes, ptr<const uint32_t>(b.offsets), b.count, out);
}

Status text_input_of(const TextBatchJs& b, text::TextInput* out) {
  text::StringBatch strings;
  EMBEDWASM_RETURN_IF_ERROR(batch_of(b, &strings));
  if (b.row_splits == 0) {
    *out = text::TextInput::documents(strings);
    return Status::ok();
  }
  EMBEDWASM_RETURN_IF_ERROR(check_row_splits(ptr<const uint32_t>(b.row_splits), b.num_documents, b.count));
  *out = text::TextInput::tokens(strings, ptr<const uint32_t>(b.row_splits), b.num_documents);
  return Status::ok();
}

Status parse_output_mode(const std::string& name, text::OutputMode* out) {
  using M = text::OutputMode;
  return parse_name("output_mode", name, {M::kInt, M::kOneHot, M::kMultiHot, M::kCount, M::kTfIdf},
                    &text::output_mode_name, out);
}

// ---------------------------------------------------------------- TextVectorization

StatusJs TextVectorizationJs::create(const TextVectorizationOptionsJs& o, uintptr_t ngrams, uint32_t num_ngrams,
                                     bool has_vocabulary, const TextBatchJs& vocabulary, uintptr_t idf_weights,
                                     uint32_t num_idf_weights) {
  using S = text::Standardize;
  using P = text::Split;
  text::TextVectorizationConfig config;
  config.max_tokens = max_tokens_of(o.has_max_tokens, o.max_tokens);
  Status s = parse_name("standardize", o.standardize,
                        {S::kNone, S::kLowerAndStripPunctuation, S::kLower, S::kStripPunctuation},
                        &text::standardize_name, &config.standardize);
  if (s.is_ok()) s = parse_name("split", o.split, {P::kNone, P::kWhitespace, P::kCharacter}, &text::split_name, &config.split);
  if (s.is_ok()) s = parse_output_mode(o.output_mode, &config.output_mode);
  if (!s.is_ok()) return to_js(s);
  const int32_t* widths = ptr<const int32_t>(ngrams);
  config.ngrams.assign(widths, widths + num_ngrams);
  if (o.has_output_sequence_length) config.output_sequence_length = static_cast<int64_t>(o.output_sequence_length);
  config.pad_to_max_tokens = o.pad_to_max_tokens;
  if (!has_vocabulary) return to_js(text::TextVectorization::create(config, &layer_));
  text::StringBatch vocab;
  s = batch_of(vocabulary, &vocab);
  if (s.is_ok()) {
    s = text::TextVectorization::create(config, vocab, ptr<const double>(idf_weights), num_idf_weights, &layer_);
  }
  return to_js(s);
}

StatusJs TextVectorizationJs::update_state(const TextBatchJs& texts) {
  text::TextInput input;
  Status s = text_input_of(texts, &input);
  if (s.is_ok()) s = layer_.update_state(input);
  return to_js(s);
}

StatusJs TextVectorizationJs::call_ragged(const TextBatchJs& texts) {
  text::TextInput input;
  Status s = text_input_of(texts, &input);
  if (s.is_ok()) s = layer_.call_ragged(input, &ragged_);
  return to_js(s);
}

StatusJs TextVectorizationJs::call_int(const TextBatchJs& texts, uint32_t sequence_length, uintptr_t out) {
  text::TextInput input;
  Status s = text_input_of(texts, &input);
  if (s.is_ok()) s = layer_.call_int(input, sequence_length, ptr<int32_t>(out));
  return to_js(s);
}

StatusJs TextVectorizationJs::call_dense(const TextBatchJs& texts, uintptr_t out) {
  text::TextInput input;
  Status s = text_input_of(texts, &input);
  if (s.is_ok()) s = layer_.call_dense(input, ptr<float>(out));
  return to_js(s);
}

StatusJs TextVectorizationJs::tokens(const TextBatchJs& texts, uint32_t document) {
  text::TextInput input;
  Status s = text_input_of(texts, &input);
  if (s.is_ok() && document >= input.num_documents) s = Status::out_of_range("document index out of range");
  text::StringBatch tokens;
  if (s.is_ok()) s = layer_.tokens(input, document, &tokens);
  if (s.is_ok()) {
    list_.clear();
    for (size_t i = 0; i < tokens.size; ++i) list_.push_back(tokens[i]);
  }
  return to_js(s);
}

StatusJs TextVectorizationJs::standardize_texts(const TextBatchJs& texts) {
  text::StringBatch batch;
  Status s = batch_of(texts, &batch);
  if (!s.is_ok()) return to_js(s);
  list_.clear();
  std::string standardized;
  for (size_t i = 0; i < batch.size; ++i) {
    standardized.clear();
    text::standardize(batch[i], layer_.config().standardize, &standardized);
    list_.push_back(standardized);
  }
  return to_js(s);
}

StatusJs TextVectorizationJs::set_vocabulary(const TextBatchJs& vocabulary, uintptr_t idf_weights, uint32_t n) {
  text::StringBatch vocab;
  Status s = batch_of(vocabulary, &vocab);
  if (s.is_ok()) s = layer_.set_vocabulary(vocab, ptr<const double>(idf_weights), n);
  return to_js(s);
}

StatusJs TextVectorizationJs::restore(const TextBatchJs& vocabulary, uintptr_t idf_weights, uint32_t n,
                                      const LookupStateJs& state) {
  text::StringBatch vocab;
  Status s = batch_of(vocabulary, &vocab);
  if (s.is_ok()) {
    s = layer_.lookup().restore(vocab, ptr<const float>(idf_weights), n, state.has_input_vocabulary, frozen_size_of(state));
  }
  return to_js(s);
}

// ---------------------------------------------------------------- StringLookup

StatusJs StringLookupJs::create(const StringLookupOptionsJs& o, bool has_vocabulary, const TextBatchJs& vocabulary,
                                uintptr_t idf_weights, uint32_t num_idf_weights) {
  text::StringLookupConfig config;
  config.max_tokens = max_tokens_of(o.has_max_tokens, o.max_tokens);
  config.num_oov_indices = static_cast<int64_t>(o.num_oov_indices);
  if (o.has_mask_token) config.mask_token = o.mask_token;
  config.oov_token = o.oov_token;
  config.invert = o.invert;
  config.pad_to_max_tokens = o.pad_to_max_tokens;
  Status s = parse_output_mode(o.output_mode, &config.output_mode);
  if (!s.is_ok()) return to_js(s);
  if (!has_vocabulary) return to_js(text::StringLookup::create(config, &layer_));
  text::StringBatch vocab;
  s = batch_of(vocabulary, &vocab);
  if (s.is_ok()) s = text::StringLookup::create(config, vocab, ptr<const double>(idf_weights), num_idf_weights, &layer_);
  return to_js(s);
}

StatusJs StringLookupJs::update_state(const TextBatchJs& documents) {
  text::TextInput input;
  Status s = text_input_of(documents, &input);
  if (s.is_ok() && input.row_splits == nullptr) s = Status::invalid_argument("update_state needs row splits");
  for (size_t b = 0; s.is_ok() && b < input.num_documents; ++b) {
    const uint32_t start = input.row_splits[b];
    s = layer_.update_state(text::StringKeys::slice(input.strings, start, input.row_splits[b + 1] - start));
  }
  return to_js(s);
}

StatusJs StringLookupJs::lookup(const TextBatchJs& tokens, uintptr_t indices) {
  text::StringBatch batch;
  Status s = batch_of(tokens, &batch);
  if (s.is_ok()) s = layer_.lookup(batch, ptr<int32_t>(indices));
  return to_js(s);
}

StatusJs StringLookupJs::encode_one_hot(const TextBatchJs& tokens, uintptr_t out) {
  text::StringBatch batch;
  Status s = batch_of(tokens, &batch);
  if (s.is_ok()) s = layer_.encode_one_hot(batch, ptr<float>(out));
  return to_js(s);
}

StatusJs StringLookupJs::encode_samples(const TextBatchJs& documents, uintptr_t out) {
  text::TextInput input;
  Status s = text_input_of(documents, &input);
  if (s.is_ok() && input.row_splits == nullptr) s = Status::invalid_argument("encode_samples needs row splits");
  if (s.is_ok()) s = layer_.encode_samples(input.strings, input.row_splits, input.num_documents, ptr<float>(out));
  return to_js(s);
}

StatusJs StringLookupJs::invert(uintptr_t indices, uint32_t n) {
  list_.clear();
  return to_js(layer_.invert(ptr<const int32_t>(indices), n, &list_));
}

StatusJs StringLookupJs::set_vocabulary(const TextBatchJs& vocabulary, uintptr_t idf_weights, uint32_t n) {
  text::StringBatch vocab;
  Status s = batch_of(vocabulary, &vocab);
  if (s.is_ok()) s = layer_.set_vocabulary(vocab, ptr<const double>(idf_weights), n);
  return to_js(s);
}

StatusJs StringLookupJs::restore(const TextBatchJs& vocabulary, uintptr_t idf_weights, uint32_t n,
                                 const LookupStateJs& state) {
  text::StringBatch vocab;
  Status s = batch_of(vocabulary, &vocab);
  if (s.is_ok()) s = layer_.restore(vocab, ptr<const float>(idf_weights), n, state.has_input_vocabulary, frozen_size_of(state));
  return to_js(s);
}

// ---------------------------------------------------------------- IntegerLookup

StatusJs IntegerLookupJs::create(const IntegerLookupOptionsJs& o, bool has_vocabulary, const IntBatchJs& vocabulary,
                                 uintptr_t idf_weights, uint32_t num_idf_weights) {
  using M = text::OovMethod;
  text::IntegerLookupConfig config;
  config.max_tokens = max_tokens_of(o.has_max_tokens, o.max_tokens);
  config.num_oov_indices = static_cast<int64_t>(o.num_oov_indices);
  if (o.has_mask_token) config.mask_token = static_cast<int64_t>(o.mask_token);
  config.oov_token = static_cast<int64_t>(o.oov_token);
  config.invert = o.invert;
  config.pad_to_max_tokens = o.pad_to_max_tokens;
  Status s = parse_output_mode(o.output_mode, &config.output_mode);
  if (s.is_ok()) s = parse_name("oov_method", o.oov_method, {M::kFloorMod, M::kFarmHash}, &text::oov_method_name, &config.oov_method);
  if (!s.is_ok()) return to_js(s);
  if (!has_vocabulary) return to_js(text::IntegerLookup::create(config, &layer_));
  return to_js(text::IntegerLookup::create(config, span_of(vocabulary), ptr<const double>(idf_weights),
                                           num_idf_weights, &layer_));
}

StatusJs IntegerLookupJs::update_state(const IntBatchJs& documents) {
  const uint32_t* splits = ptr<const uint32_t>(documents.row_splits);
  Status s = check_row_splits(splits, documents.num_documents, documents.count);
  const text::Int64Span values = span_of(documents);
  for (uint32_t b = 0; s.is_ok() && b < documents.num_documents; ++b) {
    s = layer_.update_state(text::Int64Keys::slice(values, splits[b], splits[b + 1] - splits[b]));
  }
  return to_js(s);
}

StatusJs IntegerLookupJs::lookup(const IntBatchJs& tokens, uintptr_t indices) {
  return to_js(layer_.lookup(span_of(tokens), ptr<int32_t>(indices)));
}

StatusJs IntegerLookupJs::encode_one_hot(const IntBatchJs& tokens, uintptr_t out) {
  return to_js(layer_.encode_one_hot(span_of(tokens), ptr<float>(out)));
}

StatusJs IntegerLookupJs::encode_samples(const IntBatchJs& documents, uintptr_t out) {
  const uint32_t* splits = ptr<const uint32_t>(documents.row_splits);
  Status s = check_row_splits(splits, documents.num_documents, documents.count);
  if (s.is_ok()) s = layer_.encode_samples(span_of(documents), splits, documents.num_documents, ptr<float>(out));
  return to_js(s);
}

StatusJs IntegerLookupJs::invert(uintptr_t indices, uint32_t n) {
  list_.clear();
  return to_js(layer_.invert(ptr<const int32_t>(indices), n, &list_));
}

StatusJs IntegerLookupJs::set_vocabulary(const IntBatchJs& vocabulary, uintptr_t idf_weights, uint32_t n) {
  return to_js(layer_.set_vocabulary(span_of(vocabulary), ptr<const double>(idf_weights), n));
}

StatusJs IntegerLookupJs::restore(const IntBatchJs& vocabulary, uintptr_t idf_weights, uint32_t n,
                                  const LookupStateJs& state) {
  return to_js(layer_.restore(span_of(vocabulary), ptr<const float>(idf_weights), n, state.has_input_vocabulary,
                              frozen_size_of(state)));
}

// ---------------------------------------------------------------- Hashing

StatusJs HashingJs::create(const HashingOptionsJs& o, const std::string& output_mode) {
  text::HashingConfig config;
  config.num_bins = static_cast<int64_t>(o.num_bins);
  if (o.mask_kind == "string") config.mask_value = o.mask_string;
  if (o.mask_kind == "integer") config.mask_value = static_cast<int64_t>(o.mask_integer);
  Status s = parse_output_mode(output_mode, &config.output_mode);
  if (s.is_ok() && o.has_salt) {
    std::array<uint64_t, 2> salt{};
    s = parse_u64(o.salt0, &salt[0]);
    if (s.is_ok()) s = parse_u64(o.salt1, &salt[1]);
    config.salt = salt;
  }
  if (s.is_ok()) s = text::Hashing::create(config, &layer_);
  return to_js(s);
}

StatusJs HashingJs::hash_strings(const TextBatchJs& values, uintptr_t bins) const {
  text::StringBatch batch;
  Status s = batch_of(values, &batch);
  if (s.is_ok()) s = layer_.hash_strings(batch, ptr<int32_t>(bins));
  return to_js(s);
}

StatusJs HashingJs::hash_integers(uintptr_t values, uint32_t n, uintptr_t bins) const {
  return to_js(layer_.hash_integers(ptr<const int64_t>(values), n, ptr<int32_t>(bins)));
}

StatusJs HashingJs::hash_floats(uintptr_t values, uint32_t n, uintptr_t bins) const {
  return to_js(layer_.hash_floats(ptr<const double>(values), n, ptr<int32_t>(bins)));
}

StatusJs HashingJs::encode_one_hot(uintptr_t bins, uint32_t n, uintptr_t out) const {
  return to_js(layer_.encode_one_hot(ptr<const int32_t>(bins), n, ptr<float>(out)));
}

StatusJs HashingJs::encode_samples(uintptr_t bins, uintptr_t row_splits, uint32_t num_samples, uintptr_t out) const {
  return to_js(layer_.encode_samples(ptr<const int32_t>(bins), ptr<const uint32_t>(row_splits), num_samples,
                                     ptr<float>(out)));
}

}  // namespace embedwasm::bindings

EMSCRIPTEN_BINDINGS(embedwasm_text) {
  using namespace emscripten;
  using namespace embedwasm::bindings;

  value_object<TextBatchJs>("TextBatch")
      .field("bytes", &TextBatchJs::bytes)
      .field("numBytes", &TextBatchJs::num_bytes)
      .field("offsets", &TextBatchJs::offsets)
      .field("count", &TextBatchJs::count)
      .field("rowSplits", &TextBatchJs::row_splits)
      .field("numDocuments", &TextBatchJs::num_documents);

  value_object<IntBatchJs>("IntBatch")
      .field("values", &IntBatchJs::values)
      .field("count", &IntBatchJs::count)
      .field("rowSplits", &IntBatchJs::row_splits)
      .field("numDocuments", &IntBatchJs::num_documents);

  value_object<LookupStateJs>("LookupState")
      .field("hasInputVocabulary", &LookupStateJs::has_input_vocabulary)
      .field("hasFrozenSize", &LookupStateJs::has_frozen_size)
      .field("frozenSize", &LookupStateJs::frozen_size);

  value_object<TextVectorizationOptionsJs>("TextVectorizationOptions")
      .field("hasMaxTokens", &TextVectorizationOptionsJs::has_max_tokens)
      .field("maxTokens", &TextVectorizationOptionsJs::max_tokens)
      .field("standardize", &TextVectorizationOptionsJs::standardize)
      .field("split", &TextVectorizationOptionsJs::split)
      .field("outputMode", &TextVectorizationOptionsJs::output_mode)
      .field("hasOutputSequenceLength", &TextVectorizationOptionsJs::has_output_sequence_length)
      .field("outputSequenceLength", &TextVectorizationOptionsJs::output_sequence_length)
      .field("padToMaxTokens", &TextVectorizationOptionsJs::pad_to_max_tokens);

  value_object<StringLookupOptionsJs>("StringLookupOptions")
      .field("hasMaxTokens", &StringLookupOptionsJs::has_max_tokens)
      .field("maxTokens", &StringLookupOptionsJs::max_tokens)
      .field("numOovIndices", &StringLookupOptionsJs::num_oov_indices)
      .field("hasMaskToken", &StringLookupOptionsJs::has_mask_token)
      .field("maskToken", &StringLookupOptionsJs::mask_token)
      .field("oovToken", &StringLookupOptionsJs::oov_token)
      .field("invert", &StringLookupOptionsJs::invert)
      .field("outputMode", &StringLookupOptionsJs::output_mode)
      .field("padToMaxTokens", &StringLookupOptionsJs::pad_to_max_tokens);

  value_object<IntegerLookupOptionsJs>("IntegerLookupOptions")
      .field("hasMaxTokens", &IntegerLookupOptionsJs::has_max_tokens)
      .field("maxTokens", &IntegerLookupOptionsJs::max_tokens)
      .field("numOovIndices", &IntegerLookupOptionsJs::num_oov_indices)
      .field("hasMaskToken", &IntegerLookupOptionsJs::has_mask_token)
      .field("maskToken", &IntegerLookupOptionsJs::mask_token)
      .field("oovToken", &IntegerLookupOptionsJs::oov_token)
      .field("invert", &IntegerLookupOptionsJs::invert)
      .field("outputMode", &IntegerLookupOptionsJs::output_mode)
      .field("padToMaxTokens", &IntegerLookupOptionsJs::pad_to_max_tokens)
      .field("oovMethod", &IntegerLookupOptionsJs::oov_method);

  value_object<HashingOptionsJs>("HashingOptions")
      .field("numBins", &HashingOptionsJs::num_bins)
      .field("maskKind", &HashingOptionsJs::mask_kind)
      .field("maskString", &HashingOptionsJs::mask_string)
      .field("maskInteger", &HashingOptionsJs::mask_integer)
      .field("hasSalt", &HashingOptionsJs::has_salt)
      .field("salt0", &HashingOptionsJs::salt0)
      .field("salt1", &HashingOptionsJs::salt1);

  // Registered on the base: Embind files a base-class member function under the base's
  // type, so listing it on a derived class_ would leave it off the derived prototype.
  class_<StringListOutJs>("StringListOut")
      .function("listBytes", &StringListOutJs::list_bytes)
      .function("listNumBytes", &StringListOutJs::list_num_bytes)
      .function("listOffsets", &StringListOutJs::list_offsets)
      .function("listSize", &StringListOutJs::list_size)
      .function("releaseList", &StringListOutJs::release_list);

  class_<TextVectorizationJs, base<StringListOutJs>>("TextVectorization")
      .constructor<>()
      .function("create", &TextVectorizationJs::create)
      .function("resetState", &TextVectorizationJs::reset_state)
      .function("updateState", &TextVectorizationJs::update_state)
      .function("finalizeState", &TextVectorizationJs::finalize_state)
      .function("callRagged", &TextVectorizationJs::call_ragged)
      .function("raggedMaxLength", &TextVectorizationJs::ragged_max_length)
      .function("raggedToDense", &TextVectorizationJs::ragged_to_dense)
      .function("callInt", &TextVectorizationJs::call_int)
      .function("callDense", &TextVectorizationJs::call_dense)
      .function("tokens", &TextVectorizationJs::tokens)
      .function("standardizeTexts", &TextVectorizationJs::standardize_texts)
      .function("outputDepth", &TextVectorizationJs::output_depth)
      .function("vocabularySize", &TextVectorizationJs::vocabulary_size)
      .function("setVocabulary", &TextVectorizationJs::set_vocabulary)
      .function("getVocabulary", &TextVectorizationJs::get_vocabulary)
      .function("idfWeightsPtr", &TextVectorizationJs::idf_weights_ptr)
      .function("idfWeightsSize", &TextVectorizationJs::idf_weights_size)
      .function("state", &TextVectorizationJs::state)
      .function("restore", &TextVectorizationJs::restore);

  class_<StringLookupJs, base<StringListOutJs>>("StringLookup")
      .constructor<>()
      .function("create", &StringLookupJs::create)
      .function("resetState", &StringLookupJs::reset_state)
      .function("updateState", &StringLookupJs::update_state)
      .function("finalizeState", &StringLookupJs::finalize_state)
      .function("lookup", &StringLookupJs::lookup)
      .function("encodeOneHot", &StringLookupJs::encode_one_hot)
      .function("encodeSamples", &StringLookupJs::encode_samples)
      .function("invert", &StringLookupJs::invert)
      .function("outputDepth", &StringLookupJs::output_depth)
      .function("vocabularySize", &StringLookupJs::vocabulary_size)
      .function("setVocabulary", &StringLookupJs::set_vocabulary)
      .function("getVocabulary", &StringLookupJs::get_vocabulary)
      .function("idfWeightsPtr", &StringLookupJs::idf_weights_ptr)
      .function("idfWeightsSize", &StringLookupJs::idf_weights_size)
      .function("state", &StringLookupJs::state)
      .function("restore", &StringLookupJs::restore);

  class_<IntegerLookupJs>("IntegerLookup")
      .constructor<>()
      .function("create", &IntegerLookupJs::create)
      .function("resetState", &IntegerLookupJs::reset_state)
      .function("updateState", &IntegerLookupJs::update_state)
      .function("finalizeState", &IntegerLookupJs::finalize_state)
      .function("lookup", &IntegerLookupJs::lookup)
      .function("encodeOneHot", &IntegerLookupJs::encode_one_hot)
      .function("encodeSamples", &IntegerLookupJs::encode_samples)
      .function("invert", &IntegerLookupJs::invert)
      .function("outputDepth", &IntegerLookupJs::output_depth)
      .function("vocabularySize", &IntegerLookupJs::vocabulary_size)
      .function("setVocabulary", &IntegerLookupJs::set_vocabulary)
      .function("getVocabulary", &IntegerLookupJs::get_vocabulary)
      .function("listValues", &IntegerLookupJs::list_values)
      .function("listSize", &IntegerLookupJs::list_size)
      .function("releaseList", &IntegerLookupJs::release_list)
      .function("idfWeightsPtr", &IntegerLookupJs::idf_weights_ptr)
      .function("idfWeightsSize", &IntegerLookupJs::idf_weights_size)
      .function("state", &IntegerLookupJs::state)
      .function("restore", &IntegerLookupJs::restore);

  class_<HashingJs>("Hashing")
      .constructor<>()
      .function("create", &HashingJs::create)
      .function("hashStrings", &HashingJs::hash_strings)
      .function("hashIntegers", &HashingJs::hash_integers)
      .function("hashFloats", &HashingJs::hash_floats)
      .function("encodeOneHot", &HashingJs::encode_one_hot)
      .function("encodeSamples", &HashingJs::encode_samples);
}
