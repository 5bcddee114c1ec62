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

struct TextVectorizationOptionsJs {
  bool has_max_tokens = false;
  double max_tokens = 0;
  std::string standardize;  // Keras's names, or "none" for None
  std::string split;
  std::string output_mode;
  bool has_output_sequence_length = false;
  double output_sequence_length = 0;
  bool pad_to_max_tokens = false;
};

struct StringLookupOptionsJs {
  bool has_max_tokens = false;
  double max_tokens = 0;
  double num_oov_indices = 1;
  bool has_mask_token = false;
  std::string mask_token;
  std::string oov_token;
  bool invert = false;
  std::string output_mode;
  bool pad_to_max_tokens = false;
};

struct IntegerLookupOptionsJs {
  bool has_max_tokens = false;
  double max_tokens = 0;
  double num_oov_indices = 1;
  bool has_mask_token = false;
  double mask_token = 0;  // JS checks that both tokens are safe integers
  double oov_token = -1;
  bool invert = false;
  std::string output_mode;
  bool pad_to_max_tokens = false;
  std::string oov_method;
};

struct HashingOptionsJs {
  double num_bins = 0;
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
Status parse_output_mode(const std::string& name, text::OutputMode* out);

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
  StatusJs create(const TextVectorizationOptionsJs& options, uintptr_t ngrams, uint32_t num_ngrams,
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

class StringLookupJs : public StringListOutJs {
 public:
  StatusJs create(const StringLookupOptionsJs& options, bool has_vocabulary, const TextBatchJs& vocabulary,
                  uintptr_t idf_weights, uint32_t num_idf_weights);

  void reset_state() { layer_.reset_state(); }
  // Every row (row splits) is one document, as Keras counts a sample.
  StatusJs update_state(const TextBatchJs& documents);
  StatusJs finalize_state() { return to_js(layer_.finalize_state()); }

  StatusJs lookup(const TextBatchJs& tokens, uintptr_t indices);
  StatusJs encode_one_hot(const TextBatchJs& tokens, uintptr_t out);
  StatusJs encode_samples(const TextBatchJs& documents, uintptr_t out);
  StatusJs invert(uintptr_t indices, uint32_t n);

  double output_depth() const { return static_cast<double>(layer_.output_depth()); }
  double vocabulary_size() const { return static_cast<double>(layer_.vocabulary_size()); }
  StatusJs set_vocabulary(const TextBatchJs& vocabulary, uintptr_t idf_weights, uint32_t n);
  void get_vocabulary(bool include_special_tokens) { layer_.get_vocabulary(include_special_tokens, &list_); }
  uintptr_t idf_weights_ptr() const { return reinterpret_cast<uintptr_t>(layer_.idf_weights().data()); }
  uint32_t idf_weights_size() const { return static_cast<uint32_t>(layer_.idf_weights().size()); }
  LookupStateJs state() const { return lookup_state(layer_); }
  StatusJs restore(const TextBatchJs& vocabulary, uintptr_t idf_weights, uint32_t n, const LookupStateJs& state);

 private:
  text::StringLookup layer_;
};

class IntegerLookupJs {
 public:
  StatusJs create(const IntegerLookupOptionsJs& options, bool has_vocabulary, const IntBatchJs& vocabulary,
                  uintptr_t idf_weights, uint32_t num_idf_weights);

  void reset_state() { layer_.reset_state(); }
  StatusJs update_state(const IntBatchJs& documents);
  StatusJs finalize_state() { return to_js(layer_.finalize_state()); }

  StatusJs lookup(const IntBatchJs& tokens, uintptr_t indices);
  StatusJs encode_one_hot(const IntBatchJs& tokens, uintptr_t out);
  StatusJs encode_samples(const IntBatchJs& documents, uintptr_t out);
  StatusJs invert(uintptr_t indices, uint32_t n);

  double output_depth() const { return static_cast<double>(layer_.output_depth()); }
  double vocabulary_size() const { return static_cast<double>(layer_.vocabulary_size()); }
  StatusJs set_vocabulary(const IntBatchJs& vocabulary, uintptr_t idf_weights, uint32_t n);
  void get_vocabulary(bool include_special_tokens) { layer_.get_vocabulary(include_special_tokens, &list_); }
  uintptr_t list_values() const { return reinterpret_cast<uintptr_t>(list_.data()); }
  uint32_t list_size() const { return static_cast<uint32_t>(list_.size()); }
  void release_list() { list_ = std::vector<int64_t>(); }
  uintptr_t idf_weights_ptr() const { return reinterpret_cast<uintptr_t>(layer_.idf_weights().data()); }
  uint32_t idf_weights_size() const { return static_cast<uint32_t>(layer_.idf_weights().size()); }
  LookupStateJs state() const { return lookup_state(layer_); }
  StatusJs restore(const IntBatchJs& vocabulary, uintptr_t idf_weights, uint32_t n, const LookupStateJs& state);

 private:
  text::IntegerLookup layer_;
  std::vector<int64_t> list_;
};

class HashingJs {
 public:
  StatusJs create(const HashingOptionsJs& options, const std::string& output_mode);
  StatusJs hash_strings(const TextBatchJs& values, uintptr_t bins) const;
  StatusJs hash_integers(uintptr_t values, uint32_t n, uintptr_t bins) const;
  StatusJs hash_floats(uintptr_t values, uint32_t n, uintptr_t bins) const;
  StatusJs encode_one_hot(uintptr_t bins, uint32_t n, uintptr_t out) const;
  StatusJs encode_samples(uintptr_t bins, uintptr_t row_splits, uint32_t num_samples, uintptr_t out) const;

 private:
  text::Hashing layer_;
};

}  // namespace embedwasm::bindings
