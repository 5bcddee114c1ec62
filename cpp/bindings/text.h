#pragma once
// Adapters for Keras's preprocessing layers (embedwasm/text): TextVectorization,
// StringLookup, IntegerLookup and Hashing. A batch of strings arrives as one UTF-8 blob
// and its offsets (a TextBatchJs), a batch of integers as an int64 array, each written
// into the heap by JS; lists going back (vocabularies, inverted lookups) are kept in
// the adapter until the next call, and JS copies them out through pointer/size getters.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bindings/core.h"
#include "embedwasm/text/category_encoding.h"
#include "embedwasm/text/hashing.h"
#include "embedwasm/text/integer_lookup.h"
#include "embedwasm/text/split.h"
#include "embedwasm/text/standardize.h"
#include "embedwasm/text/string_list.h"
#include "embedwasm/text/string_lookup.h"
#include "embedwasm/text/text_vectorization.h"

namespace embedwasm::bindings {

// B strings: string i is bytes[offsets[i], offsets[i + 1]). With row splits (B' + 1
// offsets into the strings) the strings are the tokens of num_documents documents.
struct TextBatchJs {
  uintptr_t bytes = 0;
  uint32_t num_bytes = 0;
  uintptr_t offsets = 0;
  uint32_t count = 0;
  uintptr_t row_splits = 0;
  uint32_t num_documents = 0;
};

// N int64 values; with row splits, the values of num_documents documents.
struct IntBatchJs {
  uintptr_t values = 0;
  uint32_t count = 0;
  uintptr_t row_splits = 0;
  uint32_t num_documents = 0;
};

// Hashing's mask_value and salt, which an option record cannot hold (the schema has
// num_bins and output_mode).
struct HashingMaskAndSaltJs {
  std::string mask_kind;  // "none", "string", "integer"
  std::string mask_string;
  double mask_integer = 0;
  bool has_salt = false;
  // The salt's two 64-bit halves as decimal text: a double cannot hold them.
  std::string salt0;
  std::string salt1;
};

// The state a saved layer gives back (IndexLookup::restore).
struct LookupStateJs {
  bool has_input_vocabulary = false;
  bool has_frozen_size = false;
  double frozen_size = 0;
};

Status batch_of(const TextBatchJs& b, text::StringBatch* out);
Status text_input_of(const TextBatchJs& b, text::TextInput* out);
Status check_row_splits(const uint32_t* splits, uint32_t num_documents, uint32_t count);

// What StringLookup and TextVectorization share: a vocabulary of strings kept in an
// IndexLookup<StringKeys>, read out as a packed list.
class StringListOutJs {
 public:
  uintptr_t list_bytes() const { return reinterpret_cast<uintptr_t>(list_.bytes().data()); }
  uint32_t list_num_bytes() const { return static_cast<uint32_t>(list_.bytes().size()); }
  uintptr_t list_offsets() const { return reinterpret_cast<uintptr_t>(list_.offsets().data()); }
  uint32_t list_size() const { return static_cast<uint32_t>(list_.size()); }
  // Frees what the last list held.
  void release_list() { list_ = text::StringList(); }

 protected:
  text::StringList list_;
};

template <class Lookup>
LookupStateJs lookup_state(const Lookup& lookup) {
  LookupStateJs state;
  state.has_input_vocabulary = lookup.has_input_vocabulary();
  const auto frozen = lookup.frozen_vocabulary_size();
  state.has_frozen_size = frozen.has_value();
  state.frozen_size = frozen.has_value() ? static_cast<double>(*frozen) : 0;
  return state;
}

inline std::optional<int64_t> frozen_size_of(const LookupStateJs& state) {
  if (!state.has_frozen_size) return std::nullopt;
  return static_cast<int64_t>(state.frozen_size);
}

class TextVectorizationJs : public StringListOutJs {
 public:
  StatusJs create(const emscripten::val& options, uintptr_t ngrams, uint32_t num_ngrams,
                  bool has_vocabulary, const TextBatchJs& vocabulary, uintptr_t idf_weights,
                  uint32_t num_idf_weights);

  void reset_state() { layer_.reset_state(); }
  StatusJs update_state(const TextBatchJs& texts);
  StatusJs finalize_state() { return to_js(layer_.finalize_state()); }

  // "int" with Keras's length (the longest row) when output_sequence_length is None:
  // call_ragged, then ragged_max_length and ragged_to_dense.
  StatusJs call_ragged(const TextBatchJs& texts);
  uint32_t ragged_max_length() const { return static_cast<uint32_t>(ragged_.max_length()); }
  void ragged_to_dense(uint32_t sequence_length, uintptr_t out) const {
    ragged_.to_dense(sequence_length, ptr<int32_t>(out));
  }
  StatusJs call_int(const TextBatchJs& texts, uint32_t sequence_length, uintptr_t out);
  StatusJs call_dense(const TextBatchJs& texts, uintptr_t out);
  // The tokens of document `document` (standardize, split, n-grams) into the list.
  StatusJs tokens(const TextBatchJs& texts, uint32_t document);
  // The texts after the layer's built-in standardize, into the list: for a split
  // function in JS, which must see the texts as Keras would hand them to it.
  StatusJs standardize_texts(const TextBatchJs& texts);

  double output_depth() const { return static_cast<double>(layer_.output_depth()); }
  double vocabulary_size() const { return static_cast<double>(layer_.vocabulary_size()); }
  StatusJs set_vocabulary(const TextBatchJs& vocabulary, uintptr_t idf_weights, uint32_t n);
  void get_vocabulary(bool include_special_tokens) { layer_.get_vocabulary(include_special_tokens, &list_); }
  uintptr_t idf_weights_ptr() const { return reinterpret_cast<uintptr_t>(layer_.lookup().idf_weights().data()); }
  uint32_t idf_weights_size() const { return static_cast<uint32_t>(layer_.lookup().idf_weights().size()); }
  LookupStateJs state() const { return lookup_state(layer_.lookup()); }
  StatusJs restore(const TextBatchJs& vocabulary, uintptr_t idf_weights, uint32_t n, const LookupStateJs& state);

 private:
  text::TextVectorization layer_;
  text::RaggedIds ragged_;
};

// IntegerLookup's vocabulary and inverted lookups, read out as int64 values.
class IntListOutJs {
 public:
  uintptr_t list_values() const { return reinterpret_cast<uintptr_t>(list_.data()); }
  uint32_t list_size() const { return static_cast<uint32_t>(list_.size()); }
  void release_list() { list_ = std::vector<int64_t>(); }

 protected:
  std::vector<int64_t> list_;
};

// How each lookup's tokens arrive from JS and its lists go back.
struct StringTokensJs {
  using Keys = text::StringKeys;
  using Lookup = text::StringLookup;
  using BatchJs = TextBatchJs;
  using ListOut = StringListOutJs;
  static const Schema<text::StringLookupConfig>& schema() { return text::string_lookup_schema(); }
  static Status tokens(const TextBatchJs& b, text::StringBatch* out) { return batch_of(b, out); }
};

struct IntTokensJs {
  using Keys = text::Int64Keys;
  using Lookup = text::IntegerLookup;
  using BatchJs = IntBatchJs;
  using ListOut = IntListOutJs;
  static const Schema<text::IntegerLookupConfig>& schema() { return text::integer_lookup_schema(); }
  static Status tokens(const IntBatchJs& b, text::Int64Span* out) {
    *out = {ptr<const int64_t>(b.values), b.count};
    return Status::ok();
  }
};

// StringLookup (Tokens = StringTokensJs) and IntegerLookup (IntTokensJs). A batch of
// documents is the batch's tokens and its row splits: Keras counts a sample per row.
template <class Tokens>
class LookupJs : public Tokens::ListOut {
 public:
  using Lookup = typename Tokens::Lookup;
  using BatchJs = typename Tokens::BatchJs;
  using Batch = typename Lookup::Batch;

  StatusJs create(const emscripten::val& options, bool has_vocabulary, const BatchJs& vocabulary,
                  uintptr_t idf_weights, uint32_t num_idf_weights) {
    typename Lookup::Config config;
    Status s = spec_from_js(options, Tokens::schema(), &config);
    if (s.is_ok() && !has_vocabulary) s = Lookup::create(config, &layer_);
    Batch vocab;
    if (s.is_ok() && has_vocabulary) s = Tokens::tokens(vocabulary, &vocab);
    if (s.is_ok() && has_vocabulary) {
      s = Lookup::create(config, vocab, ptr<const double>(idf_weights), num_idf_weights, &layer_);
    }
    return to_js(s);
  }

  void reset_state() { layer_.reset_state(); }
  StatusJs update_state(const BatchJs& documents) {
    Batch tokens;
    const uint32_t* splits = nullptr;
    Status s = documents_of(documents, &tokens, &splits);
    for (uint32_t b = 0; s.is_ok() && b < documents.num_documents; ++b) {
      s = layer_.update_state(Tokens::Keys::slice(tokens, splits[b], splits[b + 1] - splits[b]));
    }
    return to_js(s);
  }
  StatusJs finalize_state() { return to_js(layer_.finalize_state()); }

  StatusJs lookup(const BatchJs& tokens, uintptr_t indices) {
    Batch batch;
    Status s = Tokens::tokens(tokens, &batch);
    if (s.is_ok()) s = layer_.lookup(batch, ptr<int32_t>(indices));
    return to_js(s);
  }
  StatusJs encode_one_hot(const BatchJs& tokens, uintptr_t out) {
    Batch batch;
    Status s = Tokens::tokens(tokens, &batch);
    if (s.is_ok()) s = layer_.encode_one_hot(batch, ptr<float>(out));
    return to_js(s);
  }
  StatusJs encode_samples(const BatchJs& documents, uintptr_t out) {
    Batch tokens;
    const uint32_t* splits = nullptr;
    Status s = documents_of(documents, &tokens, &splits);
    if (s.is_ok()) s = layer_.encode_samples(tokens, splits, documents.num_documents, ptr<float>(out));
    return to_js(s);
  }
  StatusJs invert(uintptr_t indices, uint32_t n) {
    this->list_.clear();
    return to_js(layer_.invert(ptr<const int32_t>(indices), n, &this->list_));
  }

  double output_depth() const { return static_cast<double>(layer_.output_depth()); }
  double vocabulary_size() const { return static_cast<double>(layer_.vocabulary_size()); }
  StatusJs set_vocabulary(const BatchJs& vocabulary, uintptr_t idf_weights, uint32_t n) {
    Batch vocab;
    Status s = Tokens::tokens(vocabulary, &vocab);
    if (s.is_ok()) s = layer_.set_vocabulary(vocab, ptr<const double>(idf_weights), n);
    return to_js(s);
  }
  void get_vocabulary(bool include_special_tokens) { layer_.get_vocabulary(include_special_tokens, &this->list_); }
  uintptr_t idf_weights_ptr() const { return reinterpret_cast<uintptr_t>(layer_.idf_weights().data()); }
  uint32_t idf_weights_size() const { return static_cast<uint32_t>(layer_.idf_weights().size()); }
  LookupStateJs state() const { return lookup_state(layer_); }
  StatusJs restore(const BatchJs& vocabulary, uintptr_t idf_weights, uint32_t n, const LookupStateJs& state) {
    Batch vocab;
    Status s = Tokens::tokens(vocabulary, &vocab);
    if (s.is_ok()) {
      s = layer_.restore(vocab, ptr<const float>(idf_weights), n, state.has_input_vocabulary, frozen_size_of(state));
    }
    return to_js(s);
  }

 private:
  static Status documents_of(const BatchJs& b, Batch* tokens, const uint32_t** splits) {
    EMBEDWASM_RETURN_IF_ERROR(Tokens::tokens(b, tokens));
    *splits = ptr<const uint32_t>(b.row_splits);
    return check_row_splits(*splits, b.num_documents, b.count);
  }

  Lookup layer_;
};

using StringLookupJs = LookupJs<StringTokensJs>;
using IntegerLookupJs = LookupJs<IntTokensJs>;

class HashingJs {
 public:
  StatusJs create(const emscripten::val& options, const HashingMaskAndSaltJs& mask_and_salt);
  StatusJs hash_strings(const TextBatchJs& values, uintptr_t bins) const;
  StatusJs hash_integers(uintptr_t values, uint32_t n, uintptr_t bins) const;
  StatusJs hash_floats(uintptr_t values, uint32_t n, uintptr_t bins) const;
  StatusJs encode_one_hot(uintptr_t bins, uint32_t n, uintptr_t out) const;
  StatusJs encode_samples(uintptr_t bins, uintptr_t row_splits, uint32_t num_samples, uintptr_t out) const;

 private:
  text::Hashing layer_;
};

}  // namespace embedwasm::bindings
