#pragma once
// Keras's IndexLookup, the engine shared by StringLookup, IntegerLookup and (through
// its StringLookup) TextVectorization. Keys are byte strings or int64 values; the
// Keys traits (string_lookup.h, integer_lookup.h) say which, and carry the layer's
// config struct.
//
// Index layout, as Keras:
//   output_mode "int":  [mask token (if any)] [num_oov_indices OOV] [vocabulary...]
//   other modes:        [num_oov_indices OOV] [vocabulary...]  (the mask token is dropped)
// token_start = the number of leading special indices.
//
// Lookup: a vocabulary token -> its index; the mask token -> 0 in "int" mode, left out
// of encodings otherwise; any other token is out of vocabulary (OOV) -> the one OOV
// index, or with several, bucket(token) + oov_start where bucket is Fingerprint64 mod
// num_oov_indices for strings (tf.strings.to_hash_bucket_fast) and floor-mod or
// Fingerprint64 of the decimal text for integers (IntegerLookup's oov_method). With
// num_oov_indices = 0 an OOV token is an error.
//
// adapt (reset_state, update_state per document, finalize_state): tokens are counted;
// the mask and OOV tokens are left out; the vocabulary is sorted by count, high to
// low, ties broken by the tokens themselves, high to low (Keras's
// np.lexsort((tokens, counts))[::-1]; strings compare as unsigned bytes, integers by
// value), then cut to max_tokens - token_start. In "tf_idf" mode each document counts
// once per distinct token and idf = log(1 + num_documents / (1 + document_count)) in
// float64, stored as float32; the OOV indices get the mean of those float32 weights,
// summed in the order TensorFlow sums them (tf.reduce_mean), so it matches bit for bit.
//
// Every call validates its inputs before changing any state: on an error the layer is
// as it was.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "embedwasm/core/status.h"
#include "embedwasm/text/category_encoding.h"
#include "embedwasm/text/key_table.h"

namespace embedwasm::text {

// The mask token's index outside "int" mode: encodings leave it out.
constexpr int32_t kDroppedIndex = -1;

template <class Keys>
class IndexLookup {
 public:
  using Config = typename Keys::Config;
  using Key = typename Keys::Key;      // an owned token: std::string or int64_t
  using View = typename Keys::View;    // a borrowed token: std::string_view or int64_t
  using Batch = typename Keys::Batch;  // N borrowed tokens
  using List = typename Keys::List;    // owned tokens: StringList or std::vector<int64_t>

  // Checks the config (Keras's constructor checks). layer_name prefixes messages.
  static Status create(const Config& config, IndexLookup* out,
                       const char* layer_name = Keys::kLayerName);
  // With Keras's `vocabulary` (and `idf_weights`) argument: as set_vocabulary, and the
  // layer then refuses adapt(), as Keras does.
  static Status create(const Config& config, Batch vocabulary, const double* idf_weights,
                       size_t num_idf_weights, IndexLookup* out,
                       const char* layer_name = Keys::kLayerName);

  const Config& config() const { return config_; }
  const std::string& layer_name() const { return layer_name_; }
  int64_t oov_start() const { return oov_start_; }
  int64_t token_start() const { return oov_start_ + config_.num_oov_indices; }

  // ---- Vocabulary
  // Keras's set_vocabulary: the vocabulary may start with the special tokens (exactly
  // [mask] + [oov] * num_oov_indices in "int" mode, [oov] * num_oov_indices otherwise) or
  // leave them out. idf_weights (as many as vocabulary entries) are required in "tf_idf"
  // mode and refused otherwise; without the special tokens the OOV indices get their
  // mean (computed in float64, as numpy's average). Refused: an empty vocabulary,
  // repeated tokens, the mask token among the tokens, the OOV token among them when
  // inverting, more than max_tokens indices.
  Status set_vocabulary(Batch vocabulary, const double* idf_weights, size_t num_idf_weights);
  // Keras's get_vocabulary: index i holds the token that maps to i (OOV indices show the
  // OOV token, index 0 the mask token in "int" mode). Replaces *out.
  void get_vocabulary(bool include_special_tokens, List* out) const;
  // token_start + the number of vocabulary tokens.
  int64_t vocabulary_size() const { return token_start() + static_cast<int64_t>(table_.size()); }
  // Width of the encodings: max_tokens with pad_to_max_tokens, else the vocabulary size.
  // Outside "int" mode, without pad_to_max_tokens, calls need a vocabulary first.
  int64_t output_depth() const;
  // (output_depth) in "tf_idf" mode once a vocabulary is set; empty otherwise.
  const std::vector<float>& idf_weights() const { return idf_weights_; }
  bool has_input_vocabulary() const { return has_input_vocabulary_; }
  // The vocabulary size recorded by the last set_vocabulary or adapt (Keras's
  // vocabulary_size config entry); outside "int" mode without pad_to_max_tokens it may
  // not change afterwards, since the layers after this one rely on the width.
  std::optional<int64_t> frozen_vocabulary_size() const { return frozen_vocabulary_size_; }

  // ---- adapt
  void reset_state();
  // Counts one document (a sample: its tokens). Refused after a vocabulary was given at
  // construction.
  Status update_state(Batch document);
  // Builds the vocabulary from the counts (keeps the current one when nothing was
  // counted, as Keras) and resets the counts.
  Status finalize_state();

  // ---- call
  // tokens (N) -> indices (N); in "int" mode these are the layer's output. On an error
  // (an OOV token with num_oov_indices = 0) indices are unspecified.
  Status lookup(Batch tokens, int32_t* indices) const;
  // "one_hot": tokens (N) -> out (N, output_depth).
  Status encode_one_hot(Batch tokens, float* out);
  // "multi_hot", "count", "tf_idf": samples of tokens -> out (B, output_depth); sample b
  // is tokens[row_splits[b], row_splits[b + 1]), B + 1 splits from 0 to N.
  Status encode_samples(Batch tokens, const uint32_t* row_splits, size_t num_samples,
                        float* out);
  // invert = true: indices (N) -> tokens, appended to *out. Index 0 is the mask token
  // when there is one; any index that is not a vocabulary index gives the OOV token.
  Status invert(const int32_t* indices, size_t n, List* out) const;

  // The index of one token: kDroppedIndex for the mask outside "int" mode, kOovError
  // for an OOV token with num_oov_indices = 0.
  static constexpr int32_t kOovError = -2;
  int32_t index_of(View token) const;
  // Builds the message for an OOV token met with num_oov_indices = 0.
  Status oov_error(View token) const;
  // Whether encode_one_hot (per_element) or encode_samples may be called now: the right
  // output_mode, a known width, idf weights in "tf_idf" mode.
  Status check_encodable(bool per_element) const;
  // Encodes one sample of looked-up indices into out (output_depth).
  void encode_indices(const int32_t* indices, size_t n, float* out) const;

  // ---- Saving
  // Puts back what get_vocabulary(true), idf_weights(), has_input_vocabulary() and
  // frozen_vocabulary_size() returned, with the same checks as set_vocabulary.
  Status restore(Batch vocabulary_with_special_tokens, const float* idf_weights,
                 size_t num_idf_weights, bool has_input_vocabulary,
                 std::optional<int64_t> frozen_vocabulary_size);

 private:
  Status checked_tokens(Batch vocabulary, size_t* first_token, bool* found_special) const;
  Status check_size_unchanged(int64_t new_size) const;
  void replace_table(Batch tokens, size_t first);
  Status prefixed(Status status) const { return status.prefixed(layer_name_ + ": "); }

  Config config_;
  std::string layer_name_;
  int64_t oov_start_ = 0;
  bool has_input_vocabulary_ = false;
  std::optional<int64_t> frozen_vocabulary_size_;

  KeyTable<typename Keys::Store> table_;  // vocabulary token -> index - token_start
  std::vector<float> idf_weights_;

  // adapt state
  KeyTable<typename Keys::Store> counted_;
  std::vector<int64_t> counts_;
  std::vector<int64_t> document_counts_;
  std::vector<int64_t> last_document_;  // 1 + the last document that counted the token
  int64_t num_documents_ = 0;

  std::vector<int32_t> scratch_indices_;
};

}  // namespace embedwasm::text
