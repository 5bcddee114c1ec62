#include "embedwasm/text/index_lookup.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include "embedwasm/core/status.h"
#include "embedwasm/vector_files/utf8.h"
#include "embedwasm/text/hash_bucket.h"
#include "embedwasm/text/row_splits.h"
#include "embedwasm/text/integer_lookup.h"
#include "embedwasm/text/string_lookup.h"
#include "text/eigen_float_mean.h"

namespace embedwasm::text {

// ---- Key traits that need a .cpp

std::string StringKeys::describe(View token) { return vector_files::quote_word(std::string(token)); }

const char* oov_method_name(OovMethod method) {
  return method == OovMethod::kFarmHash ? "farmhash" : "floormod";
}

namespace {

// The options StringLookup and IntegerLookup share, in Keras's order; the two configs
// spell them alike. Ranges stay in IndexLookup::create, whose messages are Keras's.
template <class Config>
Schema<Config> index_lookup_schema(const char* name) {
  Schema<Config> s(name);
  s.add("max_tokens", &Config::max_tokens);
  s.add("num_oov_indices", &Config::num_oov_indices);
  s.add("mask_token", &Config::mask_token);
  s.add("oov_token", &Config::oov_token);
  s.add("invert", &Config::invert);
  s.add_enum("output_mode", &Config::output_mode,
             {OutputMode::kInt, OutputMode::kOneHot, OutputMode::kMultiHot, OutputMode::kCount, OutputMode::kTfIdf},
             output_mode_name);
  s.add("pad_to_max_tokens", &Config::pad_to_max_tokens);
  return s;
}

}  // namespace

const Schema<StringLookupConfig>& string_lookup_schema() {
  static const Schema<StringLookupConfig> schema = index_lookup_schema<StringLookupConfig>("stringLookup");
  return schema;
}

const Schema<IntegerLookupConfig>& integer_lookup_schema() {
  static const Schema<IntegerLookupConfig> schema = [] {
    Schema<IntegerLookupConfig> s = index_lookup_schema<IntegerLookupConfig>("integerLookup");
    s.add_enum("oov_method", &IntegerLookupConfig::oov_method, {OovMethod::kFloorMod, OovMethod::kFarmHash},
               oov_method_name);
    return s;
  }();
  return schema;
}

uint64_t Int64Keys::oov_bucket(const Config& config, View token, uint64_t num_oov_indices) {
  if (config.oov_method == OovMethod::kFarmHash) {
    Int64Text text;
    return to_hash_bucket_fast(int64_as_string(token, &text), num_oov_indices);
  }
  // tf.math.floormod: the remainder takes the divisor's (positive) sign.
  const auto divisor = static_cast<int64_t>(num_oov_indices);
  int64_t r = token % divisor;
  if (r < 0) r += divisor;
  return static_cast<uint64_t>(r);
}

namespace {

constexpr int64_t kMaxIndices = std::numeric_limits<int32_t>::max();

template <class Keys>
bool is_mask(const typename Keys::Config& config, typename Keys::View token) {
  return config.mask_token.has_value() && token == typename Keys::View(*config.mask_token);
}

template <class Keys>
std::string describe_list(const std::vector<typename Keys::View>& tokens) {
  std::string s = "[";
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (i > 0) s += ", ";
    if (i == 5) {
      s += "... (" + std::to_string(tokens.size()) + " in all)";
      break;
    }
    s += Keys::describe(tokens[i]);
  }
  return s + "]";
}

}  // namespace

// ---- Construction

template <class Keys>
Status IndexLookup<Keys>::create(const Config& config, IndexLookup* out, const char* layer_name) {
  const std::string prefix = std::string(layer_name) + ": ";
  if (config.max_tokens.has_value() && *config.max_tokens <= 1) {
    return Status::out_of_range(prefix + "If set, `" + option_name("max_tokens") + "` must be greater than 1. Received: " + option_name("max_tokens") + "=" +
                                std::to_string(*config.max_tokens));
  }
  if (config.max_tokens.has_value() && *config.max_tokens > kMaxIndices) {
    return Status::out_of_range(prefix + "`" + option_name("max_tokens") + "` must be at most " + std::to_string(kMaxIndices) +
                                " (indices are 32-bit). Received: " + option_name("max_tokens") + "=" +
                                std::to_string(*config.max_tokens));
  }
  if (config.pad_to_max_tokens && !config.max_tokens.has_value()) {
    return Status::invalid_argument(
        prefix + "If " + option_name("pad_to_max_tokens") + " is True, must set `" + option_name("max_tokens") + "`. Received: " + option_name("max_tokens") + "=None");
  }
  if (config.num_oov_indices < 0) {
    return Status::out_of_range(prefix + "`" + option_name("num_oov_indices") + "` must be greater than or equal to 0. Received: " + option_name("num_oov_indices") + "=" +
                                std::to_string(config.num_oov_indices));
  }
  if (config.num_oov_indices >= kMaxIndices) {
    return Status::out_of_range(prefix + "`" + option_name("num_oov_indices") + "` must be below " + std::to_string(kMaxIndices) +
                                " (indices are 32-bit). Received: " + option_name("num_oov_indices") + "=" +
                                std::to_string(config.num_oov_indices));
  }
  if (config.invert && config.output_mode != OutputMode::kInt) {
    return Status::invalid_argument(prefix + "`" + option_name("output_mode") + "` must be `'int'` when `invert` is true. Received: " + option_name("output_mode") + "=" +
                                    output_mode_name(config.output_mode));
  }
  IndexLookup lookup;
  lookup.config_ = config;
  lookup.layer_name_ = layer_name;
  lookup.oov_start_ =
      config.mask_token.has_value() && config.output_mode == OutputMode::kInt ? 1 : 0;
  *out = std::move(lookup);
  return Status::ok();
}

template <class Keys>
Status IndexLookup<Keys>::create(const Config& config, Batch vocabulary, const double* idf_weights,
                                 size_t num_idf_weights, IndexLookup* out,
                                 const char* layer_name) {
  IndexLookup lookup;
  EMBEDWASM_RETURN_IF_ERROR(create(config, &lookup, layer_name));
  if (config.output_mode == OutputMode::kTfIdf && idf_weights == nullptr) {
    return lookup.prefixed(Status::invalid_argument(
        "When specifying the `vocabulary` argument, in TF-IDF output mode, the `" + option_name("idf_weights") + "` "
        "argument must also be provided."));
  }
  EMBEDWASM_RETURN_IF_ERROR(lookup.set_vocabulary(vocabulary, idf_weights, num_idf_weights));
  lookup.has_input_vocabulary_ = true;
  *out = std::move(lookup);
  return Status::ok();
}

// ---- Vocabulary

template <class Keys>
Status IndexLookup<Keys>::checked_tokens(Batch vocabulary, size_t* first_token,
                                         bool* found_special) const {
  const auto token_start = static_cast<size_t>(this->token_start());
  bool found = vocabulary.size >= token_start;
  for (size_t i = 0; found && i < token_start; ++i) {
    const View expected = static_cast<int64_t>(i) < oov_start_ ? View(*config_.mask_token)
                                                                : View(config_.oov_token);
    found = vocabulary[i] == expected;
  }
  const size_t first = found ? token_start : 0;

  KeyTable<typename Keys::Store> seen;
  std::vector<View> repeated;
  bool has_mask = false, has_oov = false;
  for (size_t i = first; i < vocabulary.size; ++i) {
    const View token = vocabulary[i];
    bool inserted = false;
    seen.insert(token, &inserted);
    if (!inserted) repeated.push_back(token);
    has_mask = has_mask || is_mask<Keys>(config_, token);
    has_oov = has_oov || token == View(config_.oov_token);
  }
  if (!repeated.empty()) {
    return Status::invalid_argument(
        "The passed vocabulary has at least one repeated term. Please uniquify your dataset. "
        "The repeated terms are: " + describe_list<Keys>(repeated));
  }
  std::vector<View> special;
  for (size_t i = 0; i < token_start; ++i) {
    special.push_back(static_cast<int64_t>(i) < oov_start_ ? View(*config_.mask_token)
                                                            : View(config_.oov_token));
  }
  if (has_mask) {
    return Status::invalid_argument(
        "Found reserved mask token at unexpected location in `vocabulary`. Note that passed "
        "`vocabulary` does not need to include the OOV and mask tokens. Either remove all mask "
        "and OOV tokens, or include them only at the start of the vocabulary in precisely this "
        "order: " + describe_list<Keys>(special) + ". Received: " + option_name("mask_token") + "=" +
        Keys::describe(View(*config_.mask_token)));
  }
  if (has_oov && config_.invert) {
    return Status::invalid_argument(
        "Found reserved OOV token at unexpected location in `vocabulary`. Note that passed "
        "`vocabulary` does not need to include the OOV and mask tokens. Either remove all mask "
        "and OOV tokens, or include them only at the start of the vocabulary in precisely this "
        "order: " + describe_list<Keys>(special) + ". Received: " + option_name("oov_token") + "=" +
        Keys::describe(View(config_.oov_token)));
  }
  const auto new_size = static_cast<int64_t>(token_start + vocabulary.size - first);
  if (config_.max_tokens.has_value() && new_size > *config_.max_tokens) {
    return Status::out_of_range(
        "Attempted to set a vocabulary larger than the maximum vocab size. Received vocabulary "
        "size is " + std::to_string(new_size) + "; `" + option_name("max_tokens") + "` is " +
        std::to_string(*config_.max_tokens) + ".");
  }
  if (new_size > kMaxIndices) {
    return Status::out_of_range("a vocabulary of " + std::to_string(new_size) +
                                " indices does not fit 32-bit indices");
  }
  *first_token = first;
  *found_special = found;
  return Status::ok();
}

template <class Keys>
Status IndexLookup<Keys>::check_size_unchanged(int64_t new_size) const {
  if (config_.output_mode == OutputMode::kInt || config_.pad_to_max_tokens) return Status::ok();
  if (frozen_vocabulary_size_.has_value() && *frozen_vocabulary_size_ != new_size) {
    return Status::invalid_argument(
        std::string("When using `" + option_name("output_mode") + "=") + output_mode_name(config_.output_mode) +
        "` and `" + option_name("pad_to_max_tokens") + "=False`, the vocabulary size cannot be changed after the "
        "layer is called. Old vocab size is " + std::to_string(*frozen_vocabulary_size_) +
        ", new vocab size is " + std::to_string(new_size));
  }
  return Status::ok();
}

template <class Keys>
void IndexLookup<Keys>::replace_table(Batch tokens, size_t first) {
  KeyTable<typename Keys::Store> table;
  table.reserve(tokens.size - first);
  for (size_t i = first; i < tokens.size; ++i) table.insert(tokens[i]);
  table_ = std::move(table);
}

template <class Keys>
Status IndexLookup<Keys>::set_vocabulary(Batch vocabulary, const double* idf_weights,
                                         size_t num_idf_weights) {
  const bool tf_idf = config_.output_mode == OutputMode::kTfIdf;
  if (tf_idf && idf_weights == nullptr) {
    return prefixed(Status::invalid_argument("`" + option_name("idf_weights") + "` must be set if " + option_name("output_mode") + " is 'tf_idf'."));
  }
  if (!tf_idf && idf_weights != nullptr) {
    return prefixed(Status::invalid_argument(
        std::string("`" + option_name("idf_weights") + "` should only be set if " + option_name("output_mode") + " is `'tf_idf'`. Received: " + option_name("output_mode") + "=") +
        output_mode_name(config_.output_mode)));
  }
  if (vocabulary.size == 0) {
    return prefixed(Status::invalid_argument("Cannot set an empty vocabulary."));
  }
  size_t first = 0;
  bool found_special = false;
  EMBEDWASM_RETURN_IF_ERROR(prefixed(checked_tokens(vocabulary, &first, &found_special)));
  if (tf_idf && num_idf_weights != vocabulary.size) {
    return prefixed(Status::invalid_argument(
        "`" + option_name("idf_weights") + "` must be the same length as vocabulary. len(" + option_name("idf_weights") + ") is " +
        std::to_string(num_idf_weights) + "; len(vocabulary) is " +
        std::to_string(vocabulary.size)));
  }
  const int64_t new_size = token_start() + static_cast<int64_t>(vocabulary.size - first);
  EMBEDWASM_RETURN_IF_ERROR(prefixed(check_size_unchanged(new_size)));

  std::vector<float> weights;
  if (tf_idf) {
    // Keras pads in float64 (numpy) and converts to float32 once.
    const size_t front = found_special ? 0 : static_cast<size_t>(token_start());
    const double mean =
        std::accumulate(idf_weights, idf_weights + num_idf_weights, 0.0) / static_cast<double>(num_idf_weights);
    weights.assign(front, static_cast<float>(mean));
    for (size_t i = 0; i < num_idf_weights; ++i) weights.push_back(static_cast<float>(idf_weights[i]));
    if (config_.pad_to_max_tokens) weights.resize(static_cast<size_t>(*config_.max_tokens), 0.0f);
  }
  replace_table(vocabulary, first);
  idf_weights_ = std::move(weights);
  frozen_vocabulary_size_ = new_size;
  return Status::ok();
}

template <class Keys>
void IndexLookup<Keys>::get_vocabulary(bool include_special_tokens, List* out) const {
  Keys::clear(out);
  if (include_special_tokens) {
    for (int64_t i = 0; i < token_start(); ++i) {
      Keys::push(out, i < oov_start_ ? View(*config_.mask_token) : View(config_.oov_token));
    }
  }
  for (size_t id = 0; id < table_.size(); ++id) Keys::push(out, table_.key(static_cast<int32_t>(id)));
}

template <class Keys>
int64_t IndexLookup<Keys>::output_depth() const {
  if (config_.pad_to_max_tokens) return *config_.max_tokens;
  return frozen_vocabulary_size_.value_or(vocabulary_size());
}

// ---- adapt

template <class Keys>
void IndexLookup<Keys>::reset_state() {
  counted_.clear();
  counts_.clear();
  document_counts_.clear();
  last_document_.clear();
  num_documents_ = 0;
}

template <class Keys>
Status IndexLookup<Keys>::update_state(Batch document) {
  if (has_input_vocabulary_) {
    return prefixed(Status::invalid_argument(
        "Cannot adapt layer '" + layer_name_ + "' after setting a static vocabulary via "
        "`vocabulary` argument or `set_vocabulary()` method."));
  }
  if (counted_.size() + document.size > static_cast<size_t>(kMaxIndices)) {
    return prefixed(Status::resource_exhausted("adapt() counts at most " + std::to_string(kMaxIndices) +
                                               " distinct tokens"));
  }
  ++num_documents_;
  for (size_t i = 0; i < document.size; ++i) {
    bool inserted = false;
    const auto id = static_cast<size_t>(counted_.insert(document[i], &inserted));
    if (inserted) {
      counts_.push_back(0);
      document_counts_.push_back(0);
      last_document_.push_back(0);
    }
    ++counts_[id];
    if (last_document_[id] != num_documents_) {
      last_document_[id] = num_documents_;
      ++document_counts_[id];
    }
  }
  return Status::ok();
}

template <class Keys>
Status IndexLookup<Keys>::finalize_state() {
  if (has_input_vocabulary_ || counted_.size() == 0) {
    if (!frozen_vocabulary_size_.has_value()) frozen_vocabulary_size_ = vocabulary_size();
    return Status::ok();
  }
  std::vector<int32_t> order;
  order.reserve(counted_.size());
  for (size_t id = 0; id < counted_.size(); ++id) {
    const View token = counted_.key(static_cast<int32_t>(id));
    if (is_mask<Keys>(config_, token) || token == View(config_.oov_token)) continue;
    order.push_back(static_cast<int32_t>(id));
  }
  std::sort(order.begin(), order.end(), [this](int32_t a, int32_t b) {
    if (counts_[a] != counts_[b]) return counts_[a] > counts_[b];
    return counted_.key(b) < counted_.key(a);
  });
  if (config_.max_tokens.has_value()) {
    const auto learned = static_cast<size_t>(*config_.max_tokens - token_start());
    if (order.size() > learned) order.resize(learned);
  }
  const int64_t new_size = token_start() + static_cast<int64_t>(order.size());
  EMBEDWASM_RETURN_IF_ERROR(prefixed(check_size_unchanged(new_size)));

  KeyTable<typename Keys::Store> table;
  table.reserve(order.size());
  for (const int32_t id : order) table.insert(counted_.key(id));

  std::vector<float> weights;
  if (config_.output_mode == OutputMode::kTfIdf) {
    weights.resize(static_cast<size_t>(token_start()));
    for (const int32_t id : order) {
      const double idf = std::log(1.0 + static_cast<double>(num_documents_) /
                                            (1.0 + static_cast<double>(document_counts_[id])));
      weights.push_back(static_cast<float>(idf));
    }
    // Keras's tf.reduce_mean of the float32 weights, in TensorFlow's summation order
    // (NaN for an empty vocabulary, as there).
    const float mean = eigen_float_mean(weights.data() + token_start(), order.size());
    std::fill(weights.begin(), weights.begin() + token_start(), mean);
    if (config_.pad_to_max_tokens) weights.resize(static_cast<size_t>(*config_.max_tokens), 0.0f);
  }
  table_ = std::move(table);
  idf_weights_ = std::move(weights);
  frozen_vocabulary_size_ = new_size;
  reset_state();
  return Status::ok();
}

// ---- call

template <class Keys>
int32_t IndexLookup<Keys>::index_of(View token) const {
  if (is_mask<Keys>(config_, token)) {
    return config_.output_mode == OutputMode::kInt ? 0 : kDroppedIndex;
  }
  const int32_t id = table_.find(token);
  if (id >= 0) return static_cast<int32_t>(token_start()) + id;
  const int64_t num_oov = config_.num_oov_indices;
  if (num_oov == 0) return kOovError;
  if (num_oov == 1) return static_cast<int32_t>(oov_start_);
  return static_cast<int32_t>(oov_start_ + static_cast<int64_t>(Keys::oov_bucket(
                                               config_, token, static_cast<uint64_t>(num_oov))));
}

template <class Keys>
Status IndexLookup<Keys>::oov_error(View token) const {
  return prefixed(Status::out_of_range(
      "When `" + option_name("num_oov_indices") + "=0` all inputs should be in vocabulary, found OOV value " +
      Keys::describe(token) + ", consider setting `" + option_name("num_oov_indices") + "=1`."));
}

template <class Keys>
Status IndexLookup<Keys>::lookup(Batch tokens, int32_t* indices) const {
  if (config_.invert) {
    return prefixed(Status::invalid_argument("this layer inverts (invert=true): it maps indices to tokens"));
  }
  for (size_t i = 0; i < tokens.size; ++i) {
    const int32_t index = index_of(tokens[i]);
    if (index == kOovError) return oov_error(tokens[i]);
    indices[i] = index;
  }
  return Status::ok();
}

template <class Keys>
void IndexLookup<Keys>::encode_indices(const int32_t* indices, size_t n, float* out) const {
  encode_sample(config_.output_mode, indices, n, static_cast<size_t>(output_depth()),
                idf_weights_.data(), out);
}

template <class Keys>
Status IndexLookup<Keys>::check_encodable(bool per_element) const {
  const OutputMode mode = config_.output_mode;
  if (per_element != (mode == OutputMode::kOneHot) || mode == OutputMode::kInt) {
    return prefixed(Status::invalid_argument(
        std::string(per_element ? "one_hot" : "multi_hot/count/tf_idf") +
        " encoding asked of a layer with " + option_name("output_mode") + "=" + output_mode_name(mode)));
  }
  if (!config_.pad_to_max_tokens && !frozen_vocabulary_size_.has_value()) {
    return prefixed(Status::invalid_argument(
        std::string("When using `" + option_name("output_mode") + "=") + output_mode_name(mode) +
        "` and `" + option_name("pad_to_max_tokens") + "=False`, you must set the layer's vocabulary before calling "
        "it. Either pass a `vocabulary` argument to the layer, or call `adapt` with some "
        "sample data."));
  }
  if (mode == OutputMode::kTfIdf && idf_weights_.size() != static_cast<size_t>(output_depth())) {
    return prefixed(Status::invalid_argument(
        "When `" + option_name("output_mode") + "` is `'tf_idf'`, `" + option_name("idf_weights") + "` must be provided."));
  }
  return Status::ok();
}

template <class Keys>
Status IndexLookup<Keys>::encode_one_hot(Batch tokens, float* out) {
  EMBEDWASM_RETURN_IF_ERROR(check_encodable(true));
  scratch_indices_.resize(tokens.size);
  EMBEDWASM_RETURN_IF_ERROR(lookup(tokens, scratch_indices_.data()));
  const auto depth = static_cast<size_t>(output_depth());
  for (size_t i = 0; i < tokens.size; ++i) encode_indices(&scratch_indices_[i], 1, out + i * depth);
  return Status::ok();
}

template <class Keys>
Status IndexLookup<Keys>::encode_samples(Batch tokens, const uint32_t* row_splits,
                                         size_t num_samples, float* out) {
  EMBEDWASM_RETURN_IF_ERROR(check_encodable(false));
  EMBEDWASM_RETURN_IF_ERROR(prefixed(check_row_splits(row_splits, num_samples, tokens.size)));
  scratch_indices_.resize(tokens.size);
  EMBEDWASM_RETURN_IF_ERROR(lookup(tokens, scratch_indices_.data()));
  const auto depth = static_cast<size_t>(output_depth());
  for (size_t b = 0; b < num_samples; ++b) {
    encode_indices(scratch_indices_.data() + row_splits[b], row_splits[b + 1] - row_splits[b],
                   out + b * depth);
  }
  return Status::ok();
}

template <class Keys>
Status IndexLookup<Keys>::invert(const int32_t* indices, size_t n, List* out) const {
  if (!config_.invert) {
    return prefixed(Status::invalid_argument("invert() needs a layer built with invert=true"));
  }
  const int64_t start = token_start();
  const int64_t end = start + static_cast<int64_t>(table_.size());
  for (size_t i = 0; i < n; ++i) {
    const int64_t index = indices[i];
    if (config_.mask_token.has_value() && index == 0) {
      Keys::push(out, View(*config_.mask_token));
    } else if (index >= start && index < end) {
      Keys::push(out, table_.key(static_cast<int32_t>(index - start)));
    } else {
      Keys::push(out, View(config_.oov_token));
    }
  }
  return Status::ok();
}

// ---- Saving

template <class Keys>
Status IndexLookup<Keys>::restore(Batch vocabulary, const float* idf_weights,
                                  size_t num_idf_weights, bool has_input_vocabulary,
                                  std::optional<int64_t> frozen_vocabulary_size) {
  size_t first = 0;
  bool found_special = false;
  if (vocabulary.size < static_cast<size_t>(token_start())) {
    return prefixed(Status::invalid_argument(
        "restore: the vocabulary must start with the " + std::to_string(token_start()) +
        " special tokens; it has " + std::to_string(vocabulary.size) + " entries"));
  }
  EMBEDWASM_RETURN_IF_ERROR(prefixed(checked_tokens(vocabulary, &first, &found_special)));
  if (!found_special) {
    return prefixed(Status::invalid_argument(
        "restore: the vocabulary does not start with the special tokens of this layer"));
  }
  const int64_t size = static_cast<int64_t>(vocabulary.size);
  if (frozen_vocabulary_size.has_value() && *frozen_vocabulary_size != size) {
    return prefixed(Status::invalid_argument(
        "restore: the recorded vocabulary size " + std::to_string(*frozen_vocabulary_size) +
        " differs from the " + std::to_string(size) + " entries given"));
  }
  // A vocabulary that was set has idf weights for the whole output width in "tf_idf" mode.
  const size_t expected_idf =
      config_.output_mode == OutputMode::kTfIdf && frozen_vocabulary_size.has_value()
          ? static_cast<size_t>(config_.pad_to_max_tokens ? *config_.max_tokens : size)
          : 0;
  if (num_idf_weights != expected_idf) {
    return prefixed(Status::invalid_argument(
        "restore: expected " + std::to_string(expected_idf) + " idf weights, got " +
        std::to_string(num_idf_weights)));
  }
  replace_table(vocabulary, first);
  idf_weights_.assign(idf_weights, idf_weights + num_idf_weights);
  has_input_vocabulary_ = has_input_vocabulary;
  frozen_vocabulary_size_ = frozen_vocabulary_size;
  reset_state();
  return Status::ok();
}

template class IndexLookup<StringKeys>;
template class IndexLookup<Int64Keys>;

}  // namespace embedwasm::text
