#pragma once
// Keras's TextVectorization: documents -> standardize -> split -> n-grams -> a
// StringLookup with mask token "" and OOV token "[UNK]" (so in "int" mode index 0 is
// padding and 1 is [UNK]) -> integer sequences or dense encodings.
//
// Its options, with Keras's names and defaults; `vocabulary` and `idf_weights` are
// state (create's vocabulary overload, set_vocabulary). Keras's callables for
// `standardize` and `split` run outside: a caller with its own standardize function
// builds the layer with Standardize::kNone and passes standardized texts; one with its
// own split function passes the tokens (TextInput with row splits), and only the
// n-grams are made here. Keras's `sparse` and `encoding` (UTF-8 only here) have no
// counterpart.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "embedwasm/core/option_schema.h"
#include "embedwasm/core/status.h"
#include "embedwasm/text/category_encoding.h"
#include "embedwasm/text/split.h"
#include "embedwasm/text/standardize.h"
#include "embedwasm/text/string_list.h"
#include "embedwasm/text/string_lookup.h"

namespace embedwasm::text {

struct TextVectorizationConfig {
  std::optional<int64_t> max_tokens;  // None: no cap; else > 1, "" and [UNK] included
  Standardize standardize = Standardize::kLowerAndStripPunctuation;
  Split split = Split::kWhitespace;
  // Keras's `ngrams` as the widths it stands for: None -> {}, N -> {1, ..., N}
  // (ngram_widths_up_to), a tuple -> its widths in its order. Widths are positive.
  std::vector<int> ngrams;
  OutputMode output_mode = OutputMode::kInt;
  std::optional<int64_t> output_sequence_length;  // "int" only: pad or cut to this length
  bool pad_to_max_tokens = false;
  bool ragged = false;  // "int" only: sequences keep their own lengths
};

// Its options as JS and the model file name them (Keras's, in camelCase). ngrams (a
// width list, which a record cannot hold) and ragged (a call mode) are passed apart;
// standardize and split list "None", which JS sends for Keras's None and for a function
// of its own (the core then skips that step).
const Schema<TextVectorizationConfig>& text_vectorization_schema();

// Keras's ngrams=N: {1, ..., N}; N must be positive.
Status ngram_widths_up_to(int64_t n, std::vector<int>* widths);

// What a call or adapt reads. Without row splits every string is a document (standardize
// and split apply). With row splits (B + 1, over the strings) the strings are the tokens
// of B documents already standardized and split by the caller, and only the n-grams
// apply.
struct TextInput {
  StringBatch strings;
  const uint32_t* row_splits = nullptr;
  size_t num_documents = 0;  // B; with no row splits it must equal strings.size

  static TextInput documents(StringBatch texts) { return {texts, nullptr, texts.size}; }
  static TextInput tokens(StringBatch tokens, const uint32_t* row_splits, size_t num_documents) {
    return {tokens, row_splits, num_documents};
  }
};

// "int" output with sequences of their own lengths: document b is
// values[row_splits[b], row_splits[b + 1]). Reused across calls without reallocating.
struct RaggedIds {
  std::vector<int32_t> values;
  std::vector<uint32_t> row_splits;

  size_t num_rows() const { return row_splits.empty() ? 0 : row_splits.size() - 1; }
  size_t max_length() const;
  // out (B, T): each row cut to T or padded with 0 (Keras pads the batch to its longest
  // sequence when output_sequence_length is None: T = max_length()).
  void to_dense(size_t sequence_length, int32_t* out) const;
};

class TextVectorization {
 public:
  static Status create(const TextVectorizationConfig& config, TextVectorization* out);
  // With Keras's `vocabulary` (and `idf_weights`) argument; adapt() is then refused.
  static Status create(const TextVectorizationConfig& config, StringBatch vocabulary,
                       const double* idf_weights, size_t num_idf_weights,
                       TextVectorization* out);

  const TextVectorizationConfig& config() const { return config_; }
  // The vocabulary, idf weights and adapt state (see index_lookup.h), e.g. for saving.
  const StringLookup& lookup() const { return lookup_; }
  StringLookup& lookup() { return lookup_; }

  // ---- Vocabulary (Keras's methods of the same names)
  Status set_vocabulary(StringBatch vocabulary, const double* idf_weights, size_t num_idf_weights) {
    return lookup_.set_vocabulary(vocabulary, idf_weights, num_idf_weights);
  }
  void get_vocabulary(bool include_special_tokens, StringList* out) const {
    lookup_.get_vocabulary(include_special_tokens, out);
  }
  int64_t vocabulary_size() const { return lookup_.vocabulary_size(); }
  // Width of the dense outputs (B, output_depth()).
  int64_t output_depth() const { return lookup_.output_depth(); }

  // ---- adapt: Keras's adapt() is reset_state, update_state per batch, finalize_state.
  Status adapt(const TextInput& input);
  void reset_state() { lookup_.reset_state(); }
  Status update_state(const TextInput& input);
  Status finalize_state() { return lookup_.finalize_state(); }

  // The tokens of one document after standardize, split and n-grams (no lookup);
  // the view lasts until the next call.
  Status tokens(const TextInput& input, size_t document, StringBatch* tokens);

  // ---- call
  // "int": the sequences, cut to output_sequence_length when it is set.
  Status call_ragged(const TextInput& input, RaggedIds* out);
  // "int": out (B, T), cut or padded with 0. T must be output_sequence_length when that
  // is set; otherwise any T (call_ragged + RaggedIds::to_dense gives Keras's T).
  Status call_int(const TextInput& input, size_t sequence_length, int32_t* out);
  // "multi_hot", "count", "tf_idf": out (B, output_depth()).
  Status call_dense(const TextInput& input, float* out);

 private:
  Status check_input(const TextInput& input) const;
  Status document_tokens(const TextInput& input, size_t document, StringBatch* tokens);
  Status check_mode(bool int_mode) const;

  TextVectorizationConfig config_;
  StringLookup lookup_;
  // Scratch reused across documents and calls.
  std::string standardized_;
  StringList pieces_;
  StringList grams_;
  std::vector<int32_t> indices_;
};

}  // namespace embedwasm::text
