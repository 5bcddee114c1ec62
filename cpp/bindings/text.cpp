// Embind registrations for the preprocessing layers, and their adapters.
#include <emscripten/bind.h>

#include <charconv>
#include <initializer_list>

#include "bindings/text.h"

namespace embedwasm::bindings {
namespace {

Status parse_u64(const std::string& text, uint64_t* out) {
  const char* end = text.data() + text.size();
  const auto result = std::from_chars(text.data(), end, *out);
  if (result.ec != std::errc() || result.ptr != end) {
    return Status::out_of_range("salt must be an integer in [0, 2^64), got '" + text + "'");
  }
  return Status::ok();
}

}  // namespace

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

// ---------------------------------------------------------------- TextVectorization

StatusJs TextVectorizationJs::create(const emscripten::val& options, uintptr_t ngrams, uint32_t num_ngrams,
                                     bool has_vocabulary, const TextBatchJs& vocabulary, uintptr_t idf_weights,
                                     uint32_t num_idf_weights) {
  text::TextVectorizationConfig config;
  Status s = spec_from_js(options, text::text_vectorization_schema(), &config);
  if (!s.is_ok()) return to_js(s);
  const int32_t* widths = ptr<const int32_t>(ngrams);
  config.ngrams.assign(widths, widths + num_ngrams);
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

// ---------------------------------------------------------------- Hashing

StatusJs HashingJs::create(const emscripten::val& options, const HashingMaskAndSaltJs& o) {
  text::HashingConfig config;
  Status s = spec_from_js(options, text::hashing_schema(), &config);
  if (o.mask_kind == "string") config.mask_value = o.mask_string;
  if (o.mask_kind == "integer") config.mask_value = static_cast<int64_t>(o.mask_integer);
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

namespace {

template <class Tokens>
void register_lookup(const char* name) {
  using namespace emscripten;
  using L = LookupJs<Tokens>;
  class_<L, base<typename Tokens::ListOut>>(name)
      .template constructor<>()
      .function("create", &L::create)
      .function("resetState", &L::reset_state)
      .function("updateState", &L::update_state)
      .function("finalizeState", &L::finalize_state)
      .function("lookup", &L::lookup)
      .function("encodeOneHot", &L::encode_one_hot)
      .function("encodeSamples", &L::encode_samples)
      .function("invert", &L::invert)
      .function("outputDepth", &L::output_depth)
      .function("vocabularySize", &L::vocabulary_size)
      .function("setVocabulary", &L::set_vocabulary)
      .function("getVocabulary", &L::get_vocabulary)
      .function("idfWeightsPtr", &L::idf_weights_ptr)
      .function("idfWeightsSize", &L::idf_weights_size)
      .function("state", &L::state)
      .function("restore", &L::restore);
}

}  // namespace
}  // namespace embedwasm::bindings

EMSCRIPTEN_BINDINGS(embedwasm_text) {
  using namespace emscripten;
  using namespace embedwasm::bindings;

  publish_schema([]() -> const embedwasm::OptionSchema& { return embedwasm::text::text_vectorization_schema(); });
  publish_schema([]() -> const embedwasm::OptionSchema& { return embedwasm::text::string_lookup_schema(); });
  publish_schema([]() -> const embedwasm::OptionSchema& { return embedwasm::text::integer_lookup_schema(); });
  publish_schema([]() -> const embedwasm::OptionSchema& { return embedwasm::text::hashing_schema(); });

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

  value_object<HashingMaskAndSaltJs>("HashingMaskAndSalt")
      .field("maskKind", &HashingMaskAndSaltJs::mask_kind)
      .field("maskString", &HashingMaskAndSaltJs::mask_string)
      .field("maskInteger", &HashingMaskAndSaltJs::mask_integer)
      .field("hasSalt", &HashingMaskAndSaltJs::has_salt)
      .field("salt0", &HashingMaskAndSaltJs::salt0)
      .field("salt1", &HashingMaskAndSaltJs::salt1);

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

  class_<IntListOutJs>("IntListOut")
      .function("listValues", &IntListOutJs::list_values)
      .function("listSize", &IntListOutJs::list_size)
      .function("releaseList", &IntListOutJs::release_list);

  register_lookup<StringTokensJs>("StringLookup");
  register_lookup<IntTokensJs>("IntegerLookup");

  class_<HashingJs>("Hashing")
      .constructor<>()
      .function("create", &HashingJs::create)
      .function("hashStrings", &HashingJs::hash_strings)
      .function("hashIntegers", &HashingJs::hash_integers)
      .function("hashFloats", &HashingJs::hash_floats)
      .function("encodeOneHot", &HashingJs::encode_one_hot)
      .function("encodeSamples", &HashingJs::encode_samples);
}
