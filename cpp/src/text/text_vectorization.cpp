#include "embedwasm/text/text_vectorization.h"

#include <algorithm>
#include <limits>
#include <string>
#include <utility>

#include "embedwasm/core/status.h"
#include "embedwasm/text/ngrams.h"
#include "embedwasm/text/row_splits.h"

namespace embedwasm::text {
namespace {

constexpr const char* kName = "TextVectorization";
constexpr double kMaxListBytes = static_cast<double>(std::numeric_limits<uint32_t>::max());

Status error(Status status) { return status.prefixed(std::string(kName) + ": "); }

}  // namespace

Status ngram_widths_up_to(int64_t n, std::vector<int>* widths) {
  if (n < 1 || n > std::numeric_limits<int>::max()) {
    return Status::out_of_range("`ngrams` must be None, a positive integer, or a tuple of positive integers. Received: ngrams=" +
                                std::to_string(n));
  }
  widths->clear();
  for (int w = 1; w <= n; ++w) widths->push_back(w);
  return Status::ok();
}

size_t RaggedIds::max_length() const {
  size_t longest = 0;
  for (size_t b = 0; b + 1 < row_splits.size(); ++b) {
    longest = std::max<size_t>(longest, row_splits[b + 1] - row_splits[b]);
  }
  return longest;
}

void RaggedIds::to_dense(size_t sequence_length, int32_t* out) const {
  for (size_t b = 0; b < num_rows(); ++b) {
    const size_t n = std::min<size_t>(row_splits[b + 1] - row_splits[b], sequence_length);
    int32_t* row = out + b * sequence_length;
    std::copy_n(values.data() + row_splits[b], n, row);
    std::fill(row + n, row + sequence_length, 0);
  }
}

Status TextVectorization::create(const TextVectorizationConfig& config, TextVectorization* out) {
  const bool int_mode = config.output_mode == OutputMode::kInt;
  if (config.output_mode == OutputMode::kOneHot) {
    return error(Status::invalid_argument(
        option_name("output_mode") + "='one_hot' is not supported: use 'multi_hot', 'count', 'tf_idf' or 'int'"));
  }
  if (config.output_sequence_length.has_value() && !int_mode) {
    return error(Status::invalid_argument(
        std::string("`" + option_name("output_sequence_length") + "` must not be set if `" + option_name("output_mode") + "` is not 'int'. "
                    "Received " + option_name("output_sequence_length") + "=") +
        std::to_string(*config.output_sequence_length) + " and " + option_name("output_mode") + "=" +
        output_mode_name(config.output_mode) + "."));
  }
  if (config.output_sequence_length.has_value() && *config.output_sequence_length < 0) {
    return error(Status::out_of_range("`" + option_name("output_sequence_length") + "` must be None or a non-negative integer. Received: " + option_name("output_sequence_length") + "=" +
                                      std::to_string(*config.output_sequence_length)));
  }
  if (config.ragged && !int_mode) {
    return error(Status::invalid_argument(
        std::string("`ragged` must not be true if `" + option_name("output_mode") + "` is not `'int'`. Received: ragged=true and " + option_name("output_mode") + "=") +
        output_mode_name(config.output_mode)));
  }
  for (const int width : config.ngrams) {
    if (width < 1) {
      return error(Status::out_of_range(
          "`ngrams` must be None, a positive integer, or a tuple of positive integers. Received a width of " +
          std::to_string(width)));
    }
  }
  StringLookupConfig lookup_config;
  lookup_config.max_tokens = config.max_tokens;
  lookup_config.num_oov_indices = 1;
  lookup_config.mask_token = std::string();
  lookup_config.oov_token = "[UNK]";
  lookup_config.output_mode = config.output_mode;
  lookup_config.pad_to_max_tokens = config.pad_to_max_tokens;
  TextVectorization layer;
  EMBEDWASM_RETURN_IF_ERROR(StringLookup::create(lookup_config, &layer.lookup_, kName));
  layer.config_ = config;
  *out = std::move(layer);
  return Status::ok();
}

Status TextVectorization::create(const TextVectorizationConfig& config, StringBatch vocabulary,
                                 const double* idf_weights, size_t num_idf_weights,
                                 TextVectorization* out) {
  TextVectorization layer;
  EMBEDWASM_RETURN_IF_ERROR(create(config, &layer));
  const StringLookupConfig lookup_config = layer.lookup_.config();
  EMBEDWASM_RETURN_IF_ERROR(StringLookup::create(lookup_config, vocabulary, idf_weights,
                                                 num_idf_weights, &layer.lookup_, kName));
  *out = std::move(layer);
  return Status::ok();
}

Status TextVectorization::check_input(const TextInput& input) const {
  const StringBatch& strings = input.strings;
  // Tokens of one document live in lists with 32-bit offsets: refuse, up front, a
  // document whose tokens could pass 4 GiB (character split turns each invalid byte into
  // a 3-byte U+FFFD; n-grams repeat tokens).
  auto check_bytes = [&](size_t document, double bytes, double tokens) -> Status {
    if (config_.split == Split::kCharacter && input.row_splits == nullptr) bytes *= 3;
    if (!config_.ngrams.empty()) bytes = ngram_bytes_bound(tokens, bytes, config_.ngrams);
    if (bytes > kMaxListBytes) {
      return error(Status::out_of_range("document " + std::to_string(document) +
                                        " is too long: its tokens could pass 4 GiB"));
    }
    return Status::ok();
  };
  if (input.row_splits == nullptr) {
    if (input.num_documents != strings.size) {
      return error(Status::invalid_argument("TextInput: " + std::to_string(input.num_documents) +
                                            " documents but " + std::to_string(strings.size) +
                                            " strings and no row splits"));
    }
    for (size_t d = 0; d < strings.size; ++d) {
      const double bytes = static_cast<double>(strings[d].size());
      EMBEDWASM_RETURN_IF_ERROR(check_bytes(d, bytes, std::max(bytes, 1.0)));
    }
    return Status::ok();
  }
  EMBEDWASM_RETURN_IF_ERROR(error(check_row_splits(input.row_splits, input.num_documents, strings.size)));
  for (size_t d = 0; d < input.num_documents; ++d) {
    const uint32_t begin = input.row_splits[d], end = input.row_splits[d + 1];
    const double bytes = static_cast<double>(strings.offsets[end] - strings.offsets[begin]);
    EMBEDWASM_RETURN_IF_ERROR(check_bytes(d, bytes, static_cast<double>(end - begin)));
  }
  return Status::ok();
}

Status TextVectorization::document_tokens(const TextInput& input, size_t document,
                                          StringBatch* tokens) {
  if (input.row_splits == nullptr) {
    standardized_.clear();
    standardize(input.strings[document], config_.standardize, &standardized_);
    pieces_.clear();
    split(standardized_, config_.split, &pieces_);
  } else {
    const uint32_t begin = input.row_splits[document], end = input.row_splits[document + 1];
    if (config_.ngrams.empty()) {
      *tokens = StringKeys::slice(input.strings, begin, end - begin);
      return Status::ok();
    }
    pieces_.clear();
    for (uint32_t t = begin; t < end; ++t) pieces_.push_back(input.strings[t]);
  }
  if (config_.ngrams.empty()) {
    *tokens = pieces_.view();
  } else {
    grams_.clear();
    append_ngrams(pieces_, config_.ngrams, &grams_);
    *tokens = grams_.view();
  }
  return Status::ok();
}

Status TextVectorization::tokens(const TextInput& input, size_t document, StringBatch* tokens) {
  EMBEDWASM_RETURN_IF_ERROR(check_input(input));
  if (document >= input.num_documents) {
    return error(Status::out_of_range("document " + std::to_string(document) + " of " +
                                      std::to_string(input.num_documents)));
  }
  return document_tokens(input, document, tokens);
}

Status TextVectorization::adapt(const TextInput& input) {
  reset_state();
  EMBEDWASM_RETURN_IF_ERROR(update_state(input));
  return finalize_state();
}

Status TextVectorization::update_state(const TextInput& input) {
  // Refused with Keras's message, before anything is counted.
  if (lookup_.has_input_vocabulary()) return lookup_.update_state(StringBatch{});
  EMBEDWASM_RETURN_IF_ERROR(check_input(input));
  StringBatch tokens;
  for (size_t d = 0; d < input.num_documents; ++d) {
    EMBEDWASM_RETURN_IF_ERROR(document_tokens(input, d, &tokens));
    EMBEDWASM_RETURN_IF_ERROR(lookup_.update_state(tokens));
  }
  return Status::ok();
}

Status TextVectorization::check_mode(bool int_mode) const {
  if ((config_.output_mode == OutputMode::kInt) != int_mode) {
    return error(Status::invalid_argument(
        std::string(int_mode ? "integer sequences" : "dense encodings") +
        " asked of a layer with " + option_name("output_mode") + "=" + output_mode_name(config_.output_mode)));
  }
  return Status::ok();
}

Status TextVectorization::call_ragged(const TextInput& input, RaggedIds* out) {
  EMBEDWASM_RETURN_IF_ERROR(check_mode(true));
  EMBEDWASM_RETURN_IF_ERROR(check_input(input));
  const size_t limit = config_.output_sequence_length.has_value()
                           ? static_cast<size_t>(*config_.output_sequence_length)
                           : std::numeric_limits<size_t>::max();
  out->values.clear();
  out->row_splits.assign(1, 0);
  StringBatch tokens;
  for (size_t d = 0; d < input.num_documents; ++d) {
    EMBEDWASM_RETURN_IF_ERROR(document_tokens(input, d, &tokens));
    const size_t n = std::min(tokens.size, limit);
    if (out->values.size() + n > std::numeric_limits<uint32_t>::max()) {
      return error(Status::resource_exhausted("more than 2^32 tokens in one call"));
    }
    // With one OOV index and "int" mode every token has an index.
    for (size_t t = 0; t < n; ++t) out->values.push_back(lookup_.index_of(tokens[t]));
    out->row_splits.push_back(static_cast<uint32_t>(out->values.size()));
  }
  return Status::ok();
}

Status TextVectorization::call_int(const TextInput& input, size_t sequence_length, int32_t* out) {
  EMBEDWASM_RETURN_IF_ERROR(check_mode(true));
  if (config_.output_sequence_length.has_value() &&
      static_cast<size_t>(*config_.output_sequence_length) != sequence_length) {
    return error(Status::invalid_argument(
        "the output has " + option_name("output_sequence_length") + "=" + std::to_string(*config_.output_sequence_length) +
        " columns, not " + std::to_string(sequence_length)));
  }
  EMBEDWASM_RETURN_IF_ERROR(check_input(input));
  StringBatch tokens;
  for (size_t d = 0; d < input.num_documents; ++d) {
    EMBEDWASM_RETURN_IF_ERROR(document_tokens(input, d, &tokens));
    const size_t n = std::min(tokens.size, sequence_length);
    int32_t* row = out + d * sequence_length;
    for (size_t t = 0; t < n; ++t) row[t] = lookup_.index_of(tokens[t]);
    std::fill(row + n, row + sequence_length, 0);
  }
  return Status::ok();
}

Status TextVectorization::call_dense(const TextInput& input, float* out) {
  EMBEDWASM_RETURN_IF_ERROR(check_mode(false));
  EMBEDWASM_RETURN_IF_ERROR(lookup_.check_encodable(false));
  EMBEDWASM_RETURN_IF_ERROR(check_input(input));
  const auto depth = static_cast<size_t>(output_depth());
  StringBatch tokens;
  for (size_t d = 0; d < input.num_documents; ++d) {
    EMBEDWASM_RETURN_IF_ERROR(document_tokens(input, d, &tokens));
    indices_.resize(tokens.size);
    for (size_t t = 0; t < tokens.size; ++t) indices_[t] = lookup_.index_of(tokens[t]);
    lookup_.encode_indices(indices_.data(), tokens.size, out + d * depth);
  }
  return Status::ok();
}

const Schema<TextVectorizationConfig>& text_vectorization_schema() {
  static const Schema<TextVectorizationConfig> schema = [] {
    using C = TextVectorizationConfig;
    using S = Standardize;
    Schema<C> s("textVectorization");
    s.add("max_tokens", &C::max_tokens);
    s.add_enum("standardize", &C::standardize, {S::kLowerAndStripPunctuation, S::kLower, S::kStripPunctuation, S::kNone},
               standardize_name);
    s.add_enum("split", &C::split, {Split::kWhitespace, Split::kCharacter, Split::kNone}, split_name);
    s.add_enum("output_mode", &C::output_mode,
               {OutputMode::kInt, OutputMode::kMultiHot, OutputMode::kCount, OutputMode::kTfIdf}, output_mode_name);
    s.add("output_sequence_length", &C::output_sequence_length);
    s.add("pad_to_max_tokens", &C::pad_to_max_tokens);
    return s;
  }();
  return schema;
}

}  // namespace embedwasm::text
