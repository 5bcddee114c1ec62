#pragma once
// The fastText adapters (embedwasm/fasttext): a streamed model reader, a loaded model and
// its queries, and the trainer. Text crosses as UTF-8 bytes at a heap address (a batch of
// lines per call); results stay in the adapter for JS to read in one view (predictions,
// neighbours, the bytes of a saved file) or come back as one small JS value (subwords).
#include <emscripten/val.h>

#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "bindings/core.h"
#include "bindings/vectors.h"
#include "embedwasm/fasttext/fasttext_model.h"
#include "embedwasm/fasttext/fasttext_trainer.h"
#include "embedwasm/fasttext/model_file_reader.h"
#include "embedwasm/fasttext/model_file_writer.h"
#include "embedwasm/fasttext/quantization.h"
#include "embedwasm/fasttext/training_args.h"

namespace embedwasm::bindings {

// Neighbours are read by JS as (int32 word, float32 similarity) pairs, as KeyedVectors' are.
static_assert(std::is_standard_layout_v<fasttext::Neighbor> && sizeof(fasttext::Neighbor) == 8 &&
                  alignof(fasttext::Neighbor) == 4,
              "fasttext::Neighbor is read from the heap by JS as 8-byte pairs");

struct FastTextTestJs {
  double examples = 0, gold = 0, predicted = 0, correct = 0, precision = 0, recall = 0;
};

struct FastTextProgressJs {
  double fraction_done = 0, tokens_processed = 0, tokens_total = 0, tokens_per_second = 0, loss = 0, lr = 0;
  bool done = false;
};

inline std::string_view text_at(uintptr_t bytes, uint32_t n) { return std::string_view(ptr<const char>(bytes), n); }

class FastTextModelJs {
 public:
  void adopt(std::unique_ptr<fasttext::FastTextModel> model) { model_ = std::move(model); }
  bool loaded() const { return model_ != nullptr; }
  fasttext::FastTextModel& model() { return *model_; }
  const fasttext::FastTextModel& model() const { return *model_; }

  // The arguments the model file stores, as the training options' record spells them.
  emscripten::val args() const {
    const fasttext::Args& a = model_->args();
    emscripten::val out = emscripten::val::object();
    out.set("model", std::string(fasttext::model_kind_name(a.model)));
    out.set("loss", std::string(fasttext::loss_kind_name(a.loss)));
    out.set("dim", a.dim);
    out.set("ws", a.ws);
    out.set("epoch", a.epoch);
    out.set("minCount", a.min_count);
    out.set("neg", a.neg);
    out.set("wordNgrams", a.word_ngrams);
    out.set("bucket", a.bucket);
    out.set("minn", a.minn);
    out.set("maxn", a.maxn);
    out.set("lrUpdateRate", a.lr_update_rate);
    out.set("t", a.t);
    return out;
  }
  int32_t version() const { return model_->version(); }
  int32_t dim() const { return model_->dim(); }
  bool is_supervised() const { return model_->is_supervised(); }
  bool is_quantized() const { return model_->is_quantized(); }
  int32_t word_total() const { return model_->words(); }
  int32_t label_total() const { return model_->labels(); }
  // Every word (or label) and its count: [words, counts] in one call.
  emscripten::val entries(bool labels) const {
    const int32_t n = labels ? model_->labels() : model_->words();
    emscripten::val words = emscripten::val::array();
    emscripten::val counts = emscripten::val::array();
    for (int32_t i = 0; i < n; ++i) {
      words.call<void>("push", labels ? model_->label(i) : model_->word(i));
      counts.call<void>("push", static_cast<double>(labels ? model_->label_count(i) : model_->word_count(i)));
    }
    emscripten::val out = emscripten::val::array();
    out.call<void>("push", words);
    out.call<void>("push", counts);
    return out;
  }

  // out: (D,) floats.
  StatusJs word_vector(const std::string& word, uintptr_t out) { return to_js(model_->word_vector(word, ptr<float>(out))); }
  // out: (line_count(text), D) floats.
  StatusJs sentence_vectors(uintptr_t text, uint32_t n, uintptr_t out) {
    return to_js(model_->sentence_vectors(text_at(text, n), ptr<float>(out)));
  }
  static double line_count(uintptr_t text, uint32_t n) {
    return static_cast<double>(fasttext::FastTextModel::line_count(text_at(text, n)));
  }
  // {code, message, subwords: [...], ids: [...]}.
  emscripten::val subwords(const std::string& word) const {
    std::vector<std::string> ngrams;
    std::vector<int32_t> rows;
    const Status s = model_->subwords(word, &ngrams, &rows);
    emscripten::val out = emscripten::val::object();
    out.set("code", static_cast<int>(s.code()));
    out.set("message", s.message(camel_case));
    emscripten::val names = emscripten::val::array();
    emscripten::val ids = emscripten::val::array();
    for (size_t i = 0; i < ngrams.size(); ++i) {
      names.call<void>("push", ngrams[i]);
      ids.call<void>("push", rows[i]);
    }
    out.set("subwords", names);
    out.set("ids", ids);
    return out;
  }

  // predict() is called once per line in an app that classifies as the user types, so it
  // crosses the boundary as few times as it can: JS writes the UTF-8 text straight into
  // this buffer (kept between calls), predict_buffer returns the entries written (-1 on an
  // error, then last_status() says which), and JS reads them from the two arrays below. A
  // StatusJs per call would cost a JS object and a string each time.
  uintptr_t text_buffer(uint32_t n) {
    text_.resize(n);
    return reinterpret_cast<uintptr_t>(text_.data());
  }
  int32_t predict_buffer(uint32_t n, int32_t k, float threshold) {
    fasttext::PredictOptions options;
    options.k = k;
    options.threshold = threshold;
    last_status_ = model_->predict(std::string_view(text_.data(), n), options, &predictions_);
    return last_status_.is_ok() ? static_cast<int32_t>(predictions_.labels.size()) : -1;
  }
  StatusJs last_status() const { return to_js(last_status_); }
  // The last predict's lines: (lines + 1,) offsets, then the entries' labels and probabilities.
  uint32_t prediction_lines() const { return predictions_.offsets.empty() ? 0 : predictions_.offsets.size() - 1; }
  uintptr_t prediction_offsets() const { return reinterpret_cast<uintptr_t>(predictions_.offsets.data()); }
  uintptr_t prediction_labels() const { return reinterpret_cast<uintptr_t>(predictions_.labels.data()); }
  uintptr_t prediction_probabilities() const { return reinterpret_cast<uintptr_t>(predictions_.probabilities.data()); }

  StatusJs test(uintptr_t text, uint32_t n, int32_t k, float threshold) {
    fasttext::PredictOptions options;
    options.k = k;
    options.threshold = threshold;
    fasttext::TestResult r;
    const Status s = model_->test(text_at(text, n), options, &r);
    test_ = FastTextTestJs{static_cast<double>(r.examples), static_cast<double>(r.gold),
                           static_cast<double>(r.predicted), static_cast<double>(r.correct),
                           r.precision(), r.recall()};
    return to_js(s);
  }
  FastTextTestJs test_result() const { return test_; }

  StatusJs nearest_neighbors(const std::string& word, int32_t k) {
    return to_js(model_->nearest_neighbors(word, k, &neighbors_));
  }
  StatusJs analogies(const std::string& a, const std::string& b, const std::string& c, int32_t k) {
    return to_js(model_->analogies(a, b, c, k, &neighbors_));
  }
  uintptr_t neighbors_ptr() const { return reinterpret_cast<uintptr_t>(neighbors_.data()); }
  uint32_t neighbors_count() const { return neighbors_.size(); }

  // A quantized copy into `out` (options: the fastTextQuantize record; retrain needs the
  // trainer, FastTextTrainerJs::quantized_model).
  StatusJs quantize(const emscripten::val& options, FastTextModelJs& out) const {
    fasttext::QuantizeOptions o;
    Status s = spec_from_js(options, fasttext::quantize_options_schema(), &o);
    if (s.is_ok() && o.retrain) s = Status::invalid_argument("retrain needs the model's trainer and text");
    std::unique_ptr<fasttext::FastTextModel> q;
    if (s.is_ok()) s = fasttext::quantize_model(*model_, o, &q);
    if (s.is_ok()) out.adopt(std::move(q));
    return to_js(s);
  }

  // The model file's bytes, kept here until release_bytes().
  StatusJs save() { return to_js(fasttext::write_model_file(*model_, &bytes_)); }
  uintptr_t bytes_ptr() const { return reinterpret_cast<uintptr_t>(bytes_.data()); }
  double bytes_size() const { return static_cast<double>(bytes_.size()); }
  void release_bytes() { std::vector<uint8_t>().swap(bytes_); }

  // Every word and its vector (getWordVector's) into `kv`.
  StatusJs word_vectors_into(KeyedVectorsJs& kv) {
    const int32_t v = model_->words();
    RowMatrix vectors;
    Status s = RowMatrix::create(static_cast<size_t>(v), static_cast<size_t>(model_->dim()), &vectors);
    std::vector<std::string> words;
    words.reserve(v);
    for (int32_t i = 0; s.is_ok() && i < v; ++i) {
      words.push_back(model_->word(i));
      s = model_->word_vector(words.back(), vectors.row(i));
    }
    if (!s.is_ok()) return to_js(s);
    return kv.adopt(std::move(words), std::move(vectors));
  }

  // The input matrix (words, then n-gram buckets), dense: out (rows, D) floats.
  double input_rows() const { return static_cast<double>(model_->input_matrix().rows()); }
  void copy_input_rows(uintptr_t out) const {
    const fasttext::ModelMatrix& m = model_->input_matrix();
    float* dst = ptr<float>(out);
    const size_t d = static_cast<size_t>(m.cols());
    if (!m.is_quantized()) {
      m.dense_rows().copy_to_dense(dst);
      return;
    }
    std::memset(dst, 0, static_cast<size_t>(m.rows()) * d * sizeof(float));
    for (int64_t r = 0; r < m.rows(); ++r) m.add_row(r, dst + static_cast<size_t>(r) * d);
  }

 private:
  std::unique_ptr<fasttext::FastTextModel> model_;
  fasttext::Predictions predictions_;
  FastTextTestJs test_;
  std::vector<fasttext::Neighbor> neighbors_;
  std::vector<uint8_t> bytes_;
  std::string text_;
  Status last_status_;
};

class FastTextReaderJs {
 public:
  StatusJs feed(uintptr_t data, uint32_t n) { return to_js(reader_.feed(ptr<const uint8_t>(data), n)); }
  double bytes_fed() const { return static_cast<double>(reader_.bytes_fed()); }
  StatusJs finish(FastTextModelJs& out) {
    fasttext::ModelFile file;
    Status s = reader_.finish(&file);
    std::unique_ptr<fasttext::FastTextModel> model;
    if (s.is_ok()) s = fasttext::FastTextModel::create(std::move(file), &model);
    if (s.is_ok()) out.adopt(std::move(model));
    return to_js(s);
  }

 private:
  fasttext::ModelFileReader reader_;
};

class FastTextTrainerJs {
 public:
  static bool threads_supported() { return fasttext::FastTextTrainer::threads_supported(); }

  // options: the fastTextSupervised or fastTextUnsupervised record; its pretrainedVectors
  // is the text of a .vec file (fastText's names a file). text: UTF-8, n bytes.
  StatusJs create(const emscripten::val& options, bool supervised, uintptr_t text, uint32_t n) {
    Status s;
    fasttext::Args args;
    if (supervised) {
      fasttext::SupervisedArgs a;
      s = spec_from_js(options, fasttext::supervised_args_schema(), &a);
      args = a;
    } else {
      fasttext::UnsupervisedArgs a;
      s = spec_from_js(options, fasttext::unsupervised_args_schema(), &a);
      args = a;
    }
    if (s.is_ok()) {
      std::string pretrained = std::move(args.pretrained_vectors);
      args.pretrained_vectors.clear();
      s = fasttext::FastTextTrainer::create(args, text_at(text, n), pretrained, &trainer_);
    }
    return to_js(s);
  }

  StatusJs train_chunk(double max_tokens) {
    return to_js(trainer_->train_chunk(static_cast<int64_t>(max_tokens), nullptr));
  }
  FastTextProgressJs progress() const {
    const fasttext::TrainProgress& p = trainer_->progress();
    return FastTextProgressJs{p.fraction_done, static_cast<double>(p.tokens_processed),
                              static_cast<double>(p.tokens_total), p.tokens_per_second, p.loss, p.lr, p.done};
  }

  // The weights as they stand, as a model to query.
  StatusJs model(FastTextModelJs& out) const {
    std::unique_ptr<fasttext::FastTextModel> model;
    const Status s = trainer_->model(&model);
    if (s.is_ok()) out.adopt(std::move(model));
    return to_js(s);
  }

  // quantize with retrain: prunes and restarts training (train_chunk() then fine-tunes).
  StatusJs start_retrain(const emscripten::val& options) {
    fasttext::QuantizeOptions o;
    Status s = spec_from_js(options, fasttext::quantize_options_schema(), &o);
    if (s.is_ok()) s = trainer_->start_retrain(o);
    return to_js(s);
  }
  StatusJs quantized_model(const emscripten::val& options, FastTextModelJs& out) const {
    fasttext::QuantizeOptions o;
    Status s = spec_from_js(options, fasttext::quantize_options_schema(), &o);
    fasttext::ModelFile file;
    if (s.is_ok()) s = trainer_->quantized_model_file(o, &file);
    std::unique_ptr<fasttext::FastTextModel> model;
    if (s.is_ok()) s = fasttext::FastTextModel::create(std::move(file), &model);
    if (s.is_ok()) out.adopt(std::move(model));
    return to_js(s);
  }

 private:
  std::unique_ptr<fasttext::FastTextTrainer> trainer_;
};

}  // namespace embedwasm::bindings
