#include "embedwasm/fasttext/fasttext_model.h"

#include <cmath>
#include <limits>
#include <utility>

#include "embedwasm/core/reserve.h"
#include "kernels/kernels.h"

namespace embedwasm::fasttext {
namespace {

// Calls fn(line) for each line of text: the parts between '\n', a final part only when
// it is not empty.
template <typename Fn>
void for_each_line(std::string_view text, Fn fn) {
  size_t begin = 0;
  while (begin < text.size()) {
    size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    fn(text.substr(begin, end - begin));
    begin = end + 1;
  }
}

bool has_token(std::string_view text) {
  for (char c : text) {
    if (!is_fasttext_space(c)) return true;
  }
  return false;
}

// The separators of `std::istringstream >> word` in the C locale, which fastText uses to
// split a line for unsupervised sentence vectors (unlike its tokenizer, NUL is not one).
bool is_c_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }

// fastText's Vector::norm: squares summed in float, in order.
float norm_of(const float* v, size_t d) {
  float sum = 0.0f;
  for (size_t j = 0; j < d; ++j) sum += v[j] * v[j];
  return std::sqrt(sum);
}

Status check_word(std::string_view word, const char* what) {
  if (word.empty()) return Status::invalid_argument(std::string(what) + " is empty");
  return Status::ok();
}

}  // namespace

double TestResult::precision() const {
  return predicted == 0 ? std::numeric_limits<double>::quiet_NaN()
                        : static_cast<double>(correct) / static_cast<double>(predicted);
}

double TestResult::recall() const {
  return gold == 0 ? std::numeric_limits<double>::quiet_NaN()
                   : static_cast<double>(correct) / static_cast<double>(gold);
}

size_t FastTextModel::line_count(std::string_view text) {
  size_t n = 0;
  for_each_line(text, [&](std::string_view) { ++n; });
  return n;
}

Status FastTextModel::create(ModelFile file, std::unique_ptr<FastTextModel>* out) {
  std::unique_ptr<FastTextModel> m(new FastTextModel());
  m->version_ = file.version;
  m->args_ = file.args;
  if (m->args_.dim < 1) return Status::invalid_argument("dim must be >= 1");
  EMBEDWASM_RETURN_IF_ERROR(Dictionary::create(std::move(file.dictionary), m->args_, &m->dictionary_));
  const Dictionary& d = m->dictionary_;
  if (file.input.rows() != d.input_rows() || file.input.cols() != m->args_.dim) {
    return Status::invalid_argument("the input matrix is " + std::to_string(file.input.rows()) + " x " +
                                    std::to_string(file.input.cols()) + ", the model needs " +
                                    std::to_string(d.input_rows()) + " x " + std::to_string(m->args_.dim));
  }
  const int64_t output_rows = m->is_supervised() ? d.nlabels() : d.nwords();
  if (file.output.rows() != output_rows || file.output.cols() != m->args_.dim) {
    return Status::invalid_argument("the output matrix is " + std::to_string(file.output.rows()) + " x " +
                                    std::to_string(file.output.cols()) + ", the model needs " +
                                    std::to_string(output_rows) + " x " + std::to_string(m->args_.dim));
  }
  for (const ModelMatrix* matrix : {&file.input, &file.output}) {
    if (matrix->is_quantized()) EMBEDWASM_RETURN_IF_ERROR(matrix->quantized_rows().check_shape());
  }
  m->input_ = std::move(file.input);
  m->output_ = std::move(file.output);
  if (m->is_supervised() && d.nlabels() > 0) {
    std::vector<int64_t> counts;
    EMBEDWASM_RETURN_IF_ERROR(reserve_or_fail(&counts, static_cast<uint64_t>(d.nlabels()), "the label counts"));
    for (int32_t i = 0; i < d.nlabels(); ++i) counts.push_back(m->label_count(i));
    EMBEDWASM_RETURN_IF_ERROR(OutputLayer::create(m->args_.loss, &m->output_, counts, &m->output_layer_));
    m->has_output_layer_ = true;
  }
  const size_t dim = static_cast<size_t>(m->args_.dim);
  m->hidden_.assign(dim, 0.0f);
  m->word_buffer_.assign(dim, 0.0f);
  *out = std::move(m);
  return Status::ok();
}

Status FastTextModel::load(const uint8_t* data, size_t n, const ModelReaderOptions& options,
                           std::unique_ptr<FastTextModel>* out) {
  ModelFile file;
  EMBEDWASM_RETURN_IF_ERROR(read_model_file(data, n, options, &file));
  return create(std::move(file), out);
}

Status FastTextModel::word_vector(std::string_view word, float* out) {
  EMBEDWASM_RETURN_IF_ERROR(check_word(word, "the word"));
  rows_.clear();
  dictionary_.word_rows(word, &rows_);
  input_.average_rows(rows_.data(), rows_.size(), out);
  return Status::ok();
}

Status FastTextModel::word_vectors(const std::vector<std::string>& words, float* out) {
  for (size_t i = 0; i < words.size(); ++i) {
    if (words[i].empty()) return Status::invalid_argument("word " + std::to_string(i) + " is empty");
  }
  for (size_t i = 0; i < words.size(); ++i) {
    EMBEDWASM_RETURN_IF_ERROR(word_vector(words[i], out + i * static_cast<size_t>(args_.dim)));
  }
  return Status::ok();
}

Status FastTextModel::subwords(std::string_view word, std::vector<std::string>* ngrams,
                               std::vector<int32_t>* rows) const {
  EMBEDWASM_RETURN_IF_ERROR(check_word(word, "the word"));
  dictionary_.char_ngrams(word, ngrams, rows);
  const int32_t id = dictionary_.find(word);
  if (id >= 0) {
    ngrams->insert(ngrams->begin(), std::string(word));
    rows->insert(rows->begin(), id < dictionary_.input_rows() ? id : -1);
  }
  return Status::ok();
}

void FastTextModel::line_vector(std::string_view line, float* out) {
  const size_t d = static_cast<size_t>(args_.dim);
  if (is_supervised()) {
    dictionary_.line_rows(line, &line_);
    input_.average_rows(line_.rows.data(), line_.rows.size(), out);
    return;
  }
  for (size_t j = 0; j < d; ++j) out[j] = 0.0f;
  int64_t count = 0;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && is_c_space(line[i])) ++i;
    if (i == line.size()) break;
    const size_t begin = i;
    while (i < line.size() && !is_c_space(line[i])) ++i;
    rows_.clear();
    dictionary_.word_rows(line.substr(begin, i - begin), &rows_);
    float* v = word_buffer_.data();
    input_.average_rows(rows_.data(), rows_.size(), v);
    const float norm = norm_of(v, d);
    if (norm > 0.0f) {
      const float scale = static_cast<float>(1.0 / static_cast<double>(norm));
      for (size_t j = 0; j < d; ++j) out[j] += v[j] * scale;
      ++count;
    }
  }
  if (count > 0) kernels::f32_scale(d, static_cast<float>(1.0 / static_cast<double>(count)), out, out);
}

Status FastTextModel::sentence_vectors(std::string_view text, float* out, size_t* lines) {
  if (!has_token(text)) return Status::invalid_argument("the text is empty (it has no tokens)");
  size_t n = 0;
  for_each_line(text, [&](std::string_view line) {
    line_vector(line, out + n * static_cast<size_t>(args_.dim));
    ++n;
  });
  if (lines != nullptr) *lines = n;
  return Status::ok();
}

Status FastTextModel::check_prediction(const PredictOptions& options, std::string_view text) const {
  if (!is_supervised()) {
    return Status::invalid_argument(std::string("prediction needs a supervised model; this one is ") +
                                    model_kind_name(args_.model));
  }
  if (!has_output_layer_) return Status::invalid_argument("the model has no labels to predict");
  if (options.k < 1) return Status::out_of_range("k must be >= 1, got " + std::to_string(options.k));
  if (std::isnan(options.threshold)) return Status::invalid_argument("threshold is NaN");
  if (!has_token(text)) return Status::invalid_argument("the text is empty (it has no tokens)");
  return Status::ok();
}

void FastTextModel::predict_line(std::string_view line, const PredictOptions& options, std::vector<ScoredId>* best) {
  dictionary_.line_rows(line, &line_);
  best->clear();
  if (line_.rows.empty()) return;  // fastText predicts nothing from no rows
  input_.average_rows(line_.rows.data(), line_.rows.size(), hidden_.data());
  output_layer_.predict(hidden_.data(), options.k, options.threshold, &output_scratch_, best);
}

Status FastTextModel::predict(std::string_view text, const PredictOptions& options, Predictions* out) {
  EMBEDWASM_RETURN_IF_ERROR(check_prediction(options, text));
  out->offsets.assign(1, 0);
  out->labels.clear();
  out->probabilities.clear();
  for_each_line(text, [&](std::string_view line) {
    predict_line(line, options, &best_);
    for (const ScoredId& p : best_) {
      out->labels.push_back(p.id);
      out->probabilities.push_back(std::exp(p.score));
    }
    out->offsets.push_back(static_cast<int32_t>(out->labels.size()));
  });
  return Status::ok();
}

Status FastTextModel::test(std::string_view text, const PredictOptions& options, TestResult* out) {
  EMBEDWASM_RETURN_IF_ERROR(check_prediction(options, text));
  TestResult r;
  for_each_line(text, [&](std::string_view line) {
    dictionary_.line_rows(line, &line_);
    if (line_.labels.empty() || line_.rows.empty()) return;
    const std::vector<int32_t> gold = line_.labels;  // predict_line reuses line_
    predict_line(line, options, &best_);
    ++r.examples;
    r.gold += static_cast<int64_t>(gold.size());
    r.predicted += static_cast<int64_t>(best_.size());
    for (const ScoredId& p : best_) {
      for (int32_t g : gold) {
        if (g == p.id) {
          ++r.correct;
          break;
        }
      }
    }
  });
  *out = r;
  return Status::ok();
}

Status FastTextModel::ensure_unit_word_vectors() {
  if (unit_word_vectors_.rows() == static_cast<size_t>(words()) && unit_word_vectors_.cols() != 0) return Status::ok();
  RowMatrix m;
  EMBEDWASM_RETURN_IF_ERROR(RowMatrix::create(static_cast<size_t>(words()), static_cast<size_t>(args_.dim), &m));
  const size_t d = static_cast<size_t>(args_.dim);
  for (int32_t i = 0; i < words(); ++i) {
    rows_.clear();
    dictionary_.word_rows(word(i), &rows_);
    float* v = word_buffer_.data();
    input_.average_rows(rows_.data(), rows_.size(), v);
    const float norm = norm_of(v, d);
    if (norm > 0.0f) {
      // fastText adds the vector times float(1 / norm) to a zero row.
      const float scale = static_cast<float>(1.0 / static_cast<double>(norm));
      float* row = m.row(static_cast<size_t>(i));
      for (size_t j = 0; j < d; ++j) row[j] = scale * v[j];
    }
  }
  unit_word_vectors_ = std::move(m);
  return Status::ok();
}

Status FastTextModel::neighbors_of(const float* query, const int32_t* banned, size_t nbanned, int32_t k,
                                   std::vector<Neighbor>* out) {
  EMBEDWASM_RETURN_IF_ERROR(ensure_unit_word_vectors());
  const size_t d = static_cast<size_t>(args_.dim);
  float query_norm = norm_of(query, d);
  if (std::abs(query_norm) < 1e-8f) query_norm = 1.0f;
  EMBEDWASM_RETURN_IF_ERROR(reserve_or_fail(&scores_, static_cast<uint64_t>(words()), "the similarity scores"));
  scores_.resize(static_cast<size_t>(words()));
  const RowMatrix& m = unit_word_vectors_;
  kernels::f32_dot_rows(m.rows(), 1, d, m.data(), m.stride(), query, d, scores_.data(), m.rows());
  ScoreHeap& heap = output_scratch_.heap;
  heap.reset(static_cast<size_t>(k));
  for (int32_t i = 0; i < words(); ++i) {
    bool skip = false;
    for (size_t b = 0; b < nbanned; ++b) skip = skip || banned[b] == i;
    if (skip) continue;
    const float similarity = scores_[static_cast<size_t>(i)] / query_norm;
    if (heap.refuses(similarity)) continue;
    heap.push(similarity, i);
  }
  heap.take_sorted(&best_);
  out->clear();
  for (const ScoredId& s : best_) out->push_back({s.id, s.score});
  return Status::ok();
}

Status FastTextModel::nearest_neighbors(std::string_view word, int32_t k, std::vector<Neighbor>* out) {
  EMBEDWASM_RETURN_IF_ERROR(check_word(word, "the query word"));
  if (k < 1) return Status::out_of_range("k must be >= 1, got " + std::to_string(k));
  EMBEDWASM_RETURN_IF_ERROR(word_vector(word, hidden_.data()));
  const int32_t id = dictionary_.find(word);
  return neighbors_of(hidden_.data(), &id, 1, k, out);
}

Status FastTextModel::analogies(std::string_view a, std::string_view b, std::string_view c, int32_t k,
                                std::vector<Neighbor>* out) {
  EMBEDWASM_RETURN_IF_ERROR(check_word(a, "word a"));
  EMBEDWASM_RETURN_IF_ERROR(check_word(b, "word b"));
  EMBEDWASM_RETURN_IF_ERROR(check_word(c, "word c"));
  if (k < 1) return Status::out_of_range("k must be >= 1, got " + std::to_string(k));
  const size_t d = static_cast<size_t>(args_.dim);
  float* query = hidden_.data();
  for (size_t j = 0; j < d; ++j) query[j] = 0.0f;
  const std::string_view words3[3] = {a, b, c};
  const double signs[3] = {1.0, -1.0, 1.0};
  int32_t banned[3];
  for (int i = 0; i < 3; ++i) {
    rows_.clear();
    dictionary_.word_rows(words3[i], &rows_);
    float* v = word_buffer_.data();
    input_.average_rows(rows_.data(), rows_.size(), v);
    const float scale = static_cast<float>(signs[i] / (static_cast<double>(norm_of(v, d)) + 1e-8));
    for (size_t j = 0; j < d; ++j) query[j] += scale * v[j];
    banned[i] = dictionary_.find(words3[i]);
  }
  return neighbors_of(query, banned, 3, k, out);
}

}  // namespace embedwasm::fasttext
