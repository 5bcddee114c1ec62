#pragma once
// A loaded fastText model and its inference, with fastText 0.9.2's numbers:
//
//   word_vector        getWordVector: the average of the word's input rows (its own row
//                      and character n-grams; only the n-grams for an unknown word)
//   sentence_vector    getSentenceVector: supervised, the average of the line's rows (as
//                      predict uses them); unsupervised, the average of the line's word
//                      vectors each scaled to unit length (zero vectors skipped)
//   predict            predict-prob: the k most probable labels with p >= threshold, best
//                      first, each with the probability predict-prob prints
//   nearest_neighbors  getNN: cosine similarity against every word's unit vector, the
//                      query word left out
//   analogies          getAnalogies(a, b, c): the neighbours of a/|a| - b/|b| + c/|c|,
//                      the three words left out (fastText's order: a - b + c)
//   test               fastText test: precision and recall at k over labelled lines
//
// Text: a line is what ends at '\n'; tokens are separated by space, \r, \t, \v, \f and
// NUL; each line is read as if a newline ended it, so "</s>" is its last token (what
// fastText's command line does with a file's lines and its Python predict with a
// string). A text with several lines is a batch, one result per line: "a\n\nb" and
// "a\n\nb\n" are both three lines, the empty one predicted from "</s>" alone as fastText
// does. A text without any token, k <= 0, a NaN threshold, an empty word or one with a
// newline where one line is expected are errors (kInvalidArgument or kOutOfRange); the
// model is unchanged by any error.
//
// Outputs go into caller-owned buffers (D floats per vector) or flat vectors that a
// binding copies out in one call. Not thread-safe: calls share scratch buffers, so use
// one model per thread.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "embedwasm/fasttext/dictionary.h"
#include "embedwasm/fasttext/model_file.h"
#include "embedwasm/fasttext/model_file_reader.h"
#include "embedwasm/fasttext/output_layer.h"
#include "embedwasm/core/row_matrix.h"
#include "embedwasm/core/status.h"

namespace embedwasm::fasttext {

struct PredictOptions {
  int32_t k = 1;            // labels per line, >= 1
  float threshold = 0.0f;   // leave out labels with a lower probability
};

// Predictions for a batch of lines: line i's are entries [offsets[i], offsets[i+1]),
// best first; label indexes FastTextModel::label().
struct Predictions {
  std::vector<int32_t> offsets;  // (lines + 1,)
  std::vector<int32_t> labels;
  std::vector<float> probabilities;
};

struct Neighbor {
  int32_t word = 0;        // indexes FastTextModel::word()
  float similarity = 0.0f;
};

// fastText's test meter over the labelled lines (lines with a known label and at least
// one input row).
struct TestResult {
  int64_t examples = 0;
  int64_t gold = 0;        // labels on those lines
  int64_t predicted = 0;   // predictions made (at most k per line)
  int64_t correct = 0;     // predictions that are among the line's labels
  double precision() const;  // correct / predicted (NaN when nothing was predicted)
  double recall() const;     // correct / gold (NaN when there are no labels)
};

class FastTextModel {
 public:
  // Checks the parts against each other (as the reader does) and builds the lookups.
  static Status create(ModelFile file, std::unique_ptr<FastTextModel>* out);
  // read_model_file then create.
  static Status load(const uint8_t* data, size_t n, const ModelReaderOptions& options,
                     std::unique_ptr<FastTextModel>* out);

  const Args& args() const { return args_; }
  int32_t version() const { return version_; }
  int32_t dim() const { return args_.dim; }
  bool is_supervised() const { return args_.model == ModelKind::kSupervised; }
  bool is_quantized() const { return input_.is_quantized(); }
  const Dictionary& dictionary() const { return dictionary_; }
  const ModelMatrix& input_matrix() const { return input_; }
  const ModelMatrix& output_matrix() const { return output_; }

  int32_t words() const { return dictionary_.nwords(); }
  int32_t labels() const { return dictionary_.nlabels(); }
  const std::string& word(int32_t i) const { return dictionary_.entry(i).word; }
  int64_t word_count(int32_t i) const { return dictionary_.entry(i).count; }
  const std::string& label(int32_t i) const { return dictionary_.entry(dictionary_.nwords() + i).word; }
  int64_t label_count(int32_t i) const { return dictionary_.entry(dictionary_.nwords() + i).count; }

  // out: (D,).
  Status word_vector(std::string_view word, float* out);
  // out: (N, D), row i for words[i].
  Status word_vectors(const std::vector<std::string>& words, float* out);
  // The character n-grams of `word` and their input rows (-1: pruned away); when the
  // word is in the vocabulary, the word itself and its row come first.
  Status subwords(std::string_view word, std::vector<std::string>* ngrams, std::vector<int32_t>* rows) const;

  // out: (lines, D); *lines (if given) gets the number of lines written. out must hold
  // as many rows as line_count(text).
  Status sentence_vectors(std::string_view text, float* out, size_t* lines = nullptr);
  Status predict(std::string_view text, const PredictOptions& options, Predictions* out);
  Status test(std::string_view text, const PredictOptions& options, TestResult* out);

  Status nearest_neighbors(std::string_view word, int32_t k, std::vector<Neighbor>* out);
  Status analogies(std::string_view a, std::string_view b, std::string_view c, int32_t k,
                   std::vector<Neighbor>* out);

  // Lines of a text as the batch calls count them (0 for an empty text).
  static size_t line_count(std::string_view text);

 private:
  FastTextModel() = default;
  Status check_prediction(const PredictOptions& options, std::string_view text) const;
  void line_vector(std::string_view line, float* out);
  void predict_line(std::string_view line, const PredictOptions& options, std::vector<ScoredId>* best);
  Status ensure_unit_word_vectors();
  Status neighbors_of(const float* query, const int32_t* banned, size_t nbanned, int32_t k,
                      std::vector<Neighbor>* out);

  int32_t version_ = kModelVersion;
  Args args_;
  Dictionary dictionary_;
  ModelMatrix input_, output_;
  OutputLayer output_layer_;
  bool has_output_layer_ = false;
  RowMatrix unit_word_vectors_;  // (nwords, D), built by the first neighbours query

  // Scratch reused across calls.
  LineRows line_;
  std::vector<int32_t> rows_;
  std::vector<float> hidden_, word_buffer_, scores_;
  OutputScratch output_scratch_;
  std::vector<ScoredId> best_;
};

}  // namespace embedwasm::fasttext
