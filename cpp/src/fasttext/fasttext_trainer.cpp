#include "embedwasm/fasttext/fasttext_trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <string>

#include "embedwasm/fasttext/dictionary_builder.h"
#include "embedwasm/fasttext/quantization.h"
#include "embedwasm/core/reserve.h"
#include "embedwasm/core/thread_pool.h"

namespace embedwasm::fasttext {
namespace {

// fastText's readers cut unsupervised lines after this many tokens in the vocabulary
// (its MAX_LINE_SIZE, the break coming after the token that passes it).
constexpr int32_t kMaxLineTokens = 1024;

// splitmix64's finaliser: a bijection that spreads every input bit over the output.
uint64_t mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

// Cuts `text` into lines as count_dictionary reads them: each '\n' ends one, and a last
// piece without '\n' is a line when it holds a token.
template <typename Fn>
void for_each_line(std::string_view text, Fn fn) {
  size_t begin = 0;
  while (begin < text.size()) {
    const size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) {
      const std::string_view last = text.substr(begin);
      if (std::any_of(last.begin(), last.end(), [](char c) { return !is_fasttext_space(c); })) fn(last);
      return;
    }
    fn(text.substr(begin, end - begin));
    begin = end + 1;
  }
}

// The next token of `s` from *pos, or an empty view at the end.
std::string_view next_token(std::string_view s, size_t* pos) {
  size_t i = *pos;
  while (i < s.size() && is_fasttext_space(s[i])) ++i;
  const size_t begin = i;
  while (i < s.size() && !is_fasttext_space(s[i])) ++i;
  *pos = i;
  return s.substr(begin, i - begin);
}

bool parse_number(std::string_view token, double* out) {
  if (token.empty() || token.size() > 64) return false;
  const std::string z(token);
  char* end = nullptr;
  *out = std::strtod(z.c_str(), &end);
  return end == z.c_str() + z.size();
}

// A .vec text: "count dim", then count lines of a word and dim numbers.
Status parse_vec(std::string_view vec, int32_t dim, std::vector<std::string>* words, std::vector<float>* values) {
  size_t pos = 0;
  double n = 0, d = 0;
  if (!parse_number(next_token(vec, &pos), &n) || !parse_number(next_token(vec, &pos), &d) || n < 0 ||
      n != std::floor(n) || d != std::floor(d) || n > 1e9) {
    return Status::invalid_argument("pretrainedVectors: the first line must be '<count> <dim>'");
  }
  if (d != dim) {
    return Status::invalid_argument("pretrainedVectors has vectors of dimension " + std::to_string(static_cast<int64_t>(d)) +
                                    ", but dim is " + std::to_string(dim));
  }
  const size_t count = static_cast<size_t>(n);
  // Each entry takes at least 2 * (dim + 1) bytes of text: a cap before reserving.
  if (count > vec.size() / (2 * (static_cast<size_t>(dim) + 1)) + 1) {
    return Status::invalid_argument("pretrainedVectors declares " + std::to_string(count) +
                                    " vectors, more than its text can hold");
  }
  EMBEDWASM_RETURN_IF_ERROR(reserve_or_fail(values, static_cast<uint64_t>(count) * static_cast<uint64_t>(dim),
                                            "pretrainedVectors"));
  for (size_t i = 0; i < count; ++i) {
    const std::string_view word = next_token(vec, &pos);
    if (word.empty()) {
      return Status::invalid_argument("pretrainedVectors ends after " + std::to_string(i) + " of " +
                                      std::to_string(count) + " vectors");
    }
    words->emplace_back(word);
    for (int32_t j = 0; j < dim; ++j) {
      double v = 0;
      if (!parse_number(next_token(vec, &pos), &v) || !std::isfinite(v)) {
        return Status::invalid_argument("pretrainedVectors: vector " + std::to_string(i) + " ('" + std::string(word) +
                                        "') has a missing or invalid number at position " + std::to_string(j));
      }
      values->push_back(static_cast<float>(v));
    }
  }
  return Status::ok();
}

}  // namespace

bool FastTextTrainer::threads_supported() { return embedwasm::threads_supported(); }

Status FastTextTrainer::create(const Args& args_in, std::string_view text, std::string_view pretrained_vectors,
                               std::unique_ptr<FastTextTrainer>* out) {
  const Args args = without_unused_buckets(args_in);
  EMBEDWASM_RETURN_IF_ERROR(check_training_args(args));
  if (args.thread > 1 && !threads_supported()) {
    return Status::invalid_argument("thread = " + std::to_string(args.thread) +
                                    " needs the threads build; this build (SIMD, no threads) runs thread = 1 only");
  }
  std::unique_ptr<FastTextTrainer> t(new FastTextTrainer());
  t->args_ = args;
  DictionaryData data;
  EMBEDWASM_RETURN_IF_ERROR(count_dictionary(text, args, &data));
  std::vector<std::string> pre_words;
  std::vector<float> pre_values;
  if (!pretrained_vectors.empty()) {
    EMBEDWASM_RETURN_IF_ERROR(parse_vec(pretrained_vectors, args.dim, &pre_words, &pre_values));
    add_pretrained_words(pre_words, args, &data);
  }
  EMBEDWASM_RETURN_IF_ERROR(Dictionary::create(std::move(data), args, &t->dictionary_));
  const Dictionary& dict = t->dictionary_;
  const bool supervised = args.model == ModelKind::kSupervised;

  const size_t dim = static_cast<size_t>(args.dim);
  EMBEDWASM_RETURN_IF_ERROR(RowMatrix::create(static_cast<size_t>(dict.input_rows()), dim, &t->weights_.input));
  const int32_t outputs = supervised ? dict.nlabels() : dict.nwords();
  EMBEDWASM_RETURN_IF_ERROR(RowMatrix::create(static_cast<size_t>(outputs), dim, &t->weights_.output));
  Rng init(mix64(static_cast<uint64_t>(static_cast<uint32_t>(args.seed))));
  const double bound = 1.0 / static_cast<double>(dim);
  for (size_t r = 0; r < t->weights_.input.rows(); ++r) {
    float* row = t->weights_.input.row(r);
    for (size_t j = 0; j < dim; ++j) row[j] = static_cast<float>(init.uniform(-bound, bound));
  }
  for (size_t i = 0; i < pre_words.size(); ++i) {
    const int32_t id = dict.find(pre_words[i]);
    if (id < 0 || id >= dict.nwords()) continue;
    std::copy_n(pre_values.data() + i * dim, dim, t->weights_.input.row(static_cast<size_t>(id)));
  }

  std::vector<int64_t> counts(static_cast<size_t>(outputs));
  for (int32_t i = 0; i < outputs; ++i) counts[static_cast<size_t>(i)] = dict.entry(supervised ? dict.nwords() + i : i).count;
  EMBEDWASM_RETURN_IF_ERROR(TrainingLoss::create(args.loss, args.neg, counts, &t->loss_));
  if (!supervised) t->keep_ = discard_thresholds(dict.data(), args.t);
  t->text_ = std::string(text);
  EMBEDWASM_RETURN_IF_ERROR(t->encode_lines(t->text_));
  EMBEDWASM_RETURN_IF_ERROR(t->start_workers());
  *out = std::move(t);
  return Status::ok();
}

Status FastTextTrainer::encode_lines(std::string_view text) {
  EncodedLines& e = lines_;
  e = EncodedLines();
  e.id_offsets.push_back(0);
  if (args_.model == ModelKind::kSupervised) {
    e.label_offsets.push_back(0);
    LineRows rows;
    for_each_line(text, [&](std::string_view line) {
      dictionary_.line_rows(line, &rows);
      e.ids.insert(e.ids.end(), rows.rows.begin(), rows.rows.end());
      e.labels.insert(e.labels.end(), rows.labels.begin(), rows.labels.end());
      e.id_offsets.push_back(e.ids.size());
      e.label_offsets.push_back(e.labels.size());
      e.tokens.push_back(rows.tokens);
    });
  } else {
    int32_t tokens = 0;
    auto end_piece = [&] {
      if (tokens == 0) return;  // nothing of it is in the vocabulary
      e.id_offsets.push_back(e.ids.size());
      e.tokens.push_back(tokens);
      tokens = 0;
    };
    for_each_line(text, [&](std::string_view line) {
      size_t pos = 0;
      for (std::string_view token; !(token = next_token(line, &pos)).empty();) {
        const int32_t id = dictionary_.find(token);
        if (id < 0) continue;
        ++tokens;
        if (id < dictionary_.nwords()) e.ids.push_back(id);
        if (tokens > kMaxLineTokens) end_piece();
      }
      const int32_t eos = dictionary_.find(Dictionary::kEos);
      if (eos >= 0) {
        ++tokens;
        e.ids.push_back(eos);
      }
      end_piece();
    });
  }
  if (e.lines() == 0) return Status::invalid_argument("the training text has no line to train on");
  return Status::ok();
}

Status FastTextTrainer::start_workers() {
  const size_t threads = static_cast<size_t>(args_.thread);
  workers_.clear();
  for (size_t k = 0; k < threads; ++k) {
    Worker w;
    w.state = TrainState(static_cast<size_t>(args_.dim), weights_.output.rows(),
                         mix64(mix64(static_cast<uint64_t>(static_cast<uint32_t>(args_.seed))) + k));
    w.next_line = k * lines_.lines() / threads;
    workers_.push_back(std::move(w));
  }
  shared_tokens_.store(0);
  total_tokens_ = static_cast<int64_t>(args_.epoch) * dictionary_.data().ntokens;
  progress_ = TrainProgress();
  progress_.tokens_total = total_tokens_;
  progress_.lr = lr_at(0);
  return Status::ok();
}

float FastTextTrainer::lr_at(int64_t tokens) const {
  const float progress = static_cast<float>(tokens) / static_cast<float>(total_tokens_);
  return static_cast<float>(args_.lr * (1.0 - static_cast<double>(progress)));
}

int64_t FastTextTrainer::tokens_read() const {
  int64_t n = shared_tokens_.load();
  for (const Worker& w : workers_) n += w.local_tokens;
  return n;
}

Status FastTextTrainer::train_chunk(int64_t max_tokens, TrainProgress* out) {
  if (max_tokens < 1) return Status::out_of_range("max_tokens must be >= 1, got " + std::to_string(max_tokens));
  const int64_t before = tokens_read();
  if (before >= total_tokens_) {
    progress_.done = true;
    progress_.tokens_per_second = 0.0;
    if (out != nullptr) *out = progress_;
    return Status::ok();
  }
  const auto start = std::chrono::steady_clock::now();
  const int64_t target = std::min(total_tokens_, before + max_tokens);
  // One task per worker; each runs until the shared token count passes target (Hogwild).
  parallel_for(workers_.size(), 1, [&](size_t k, size_t) { run_worker(&workers_[k], target); },
               static_cast<int>(workers_.size()));
  report(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), before);
  if (out != nullptr) *out = progress_;
  return Status::ok();
}

Status FastTextTrainer::train(TrainProgress* out, int64_t chunk_tokens) {
  TrainProgress p = progress_;
  while (!p.done) EMBEDWASM_RETURN_IF_ERROR(train_chunk(chunk_tokens, &p));
  if (out != nullptr) *out = p;
  return Status::ok();
}

void FastTextTrainer::report(double seconds, int64_t tokens_before) {
  const int64_t read = tokens_read();
  double loss = 0.0;
  int64_t examples = 0;
  for (const Worker& w : workers_) {  // in worker order: deterministic sums
    loss += w.state.loss;
    examples += w.state.examples;
  }
  progress_.tokens_processed = read;
  progress_.done = read >= total_tokens_;
  progress_.fraction_done = std::min(1.0, static_cast<double>(read) / static_cast<double>(total_tokens_));
  progress_.tokens_per_second = seconds > 0 ? static_cast<double>(read - tokens_before) / seconds : 0.0;
  progress_.loss = examples > 0 ? loss / static_cast<double>(examples) : 0.0;
  progress_.lr = progress_.done ? 0.0 : lr_at(shared_tokens_.load());
}

void FastTextTrainer::run_worker(Worker* w, int64_t target) {
  const int64_t update_rate = args_.lr_update_rate;
  while (shared_tokens_.load(std::memory_order_relaxed) + w->local_tokens < target) {
    const float lr = lr_at(shared_tokens_.load(std::memory_order_relaxed));
    const size_t line = w->next_line;
    w->next_line = line + 1 == lines_.lines() ? 0 : line + 1;
    w->local_tokens += train_line(w, line, lr);
    if (w->local_tokens > update_rate) {
      shared_tokens_.fetch_add(w->local_tokens, std::memory_order_relaxed);
      w->local_tokens = 0;
    }
  }
}

int32_t FastTextTrainer::train_line(Worker* w, size_t line, float lr) {
  const EncodedLines& e = lines_;
  const int32_t* ids = e.ids.data() + e.id_offsets[line];
  const size_t n = static_cast<size_t>(e.id_offsets[line + 1] - e.id_offsets[line]);
  if (args_.model == ModelKind::kSupervised) {
    const int32_t* labels = e.labels.data() + e.label_offsets[line];
    const size_t nlabels = static_cast<size_t>(e.label_offsets[line + 1] - e.label_offsets[line]);
    if (nlabels == 0 || n == 0) return e.tokens[line];
    const int32_t which = args_.loss == LossKind::kOneVsAll
                              ? TrainingLoss::kAllTargets
                              : static_cast<int32_t>(w->state.rng.below(nlabels));
    train_update(ids, n, labels, nlabels, which, lr, true, loss_, &weights_, &w->state);
    return e.tokens[line];
  }
  w->words.clear();
  for (size_t i = 0; i < n; ++i) {
    // fastText draws one uniform per token and keeps the word when it is <= pdiscard.
    const float draw = static_cast<float>(w->state.rng.uniform01());
    if (draw <= keep_[static_cast<size_t>(ids[i])]) w->words.push_back(ids[i]);
  }
  if (args_.model == ModelKind::kCbow) {
    train_cbow(w, lr);
  } else {
    train_skipgram(w, lr);
  }
  return e.tokens[line];
}

void FastTextTrainer::train_cbow(Worker* w, float lr) {
  const std::vector<int32_t>& line = w->words;
  const int64_t len = static_cast<int64_t>(line.size());
  for (int64_t i = 0; i < len; ++i) {
    const int64_t boundary = 1 + static_cast<int64_t>(w->state.rng.below(static_cast<uint64_t>(args_.ws)));
    w->bow.clear();
    for (int64_t c = -boundary; c <= boundary; ++c) {
      if (c == 0 || i + c < 0 || i + c >= len) continue;
      size_t nrows = 0;
      const int32_t* rows = dictionary_.subword_rows(line[static_cast<size_t>(i + c)], &nrows);
      w->bow.insert(w->bow.end(), rows, rows + nrows);
    }
    train_update(w->bow.data(), w->bow.size(), line.data(), line.size(), static_cast<int32_t>(i), lr, false, loss_,
                 &weights_, &w->state);
  }
}

void FastTextTrainer::train_skipgram(Worker* w, float lr) {
  const std::vector<int32_t>& line = w->words;
  const int64_t len = static_cast<int64_t>(line.size());
  for (int64_t i = 0; i < len; ++i) {
    const int64_t boundary = 1 + static_cast<int64_t>(w->state.rng.below(static_cast<uint64_t>(args_.ws)));
    size_t nrows = 0;
    const int32_t* rows = dictionary_.subword_rows(line[static_cast<size_t>(i)], &nrows);
    for (int64_t c = -boundary; c <= boundary; ++c) {
      if (c == 0 || i + c < 0 || i + c >= len) continue;
      train_update(rows, nrows, line.data(), line.size(), static_cast<int32_t>(i + c), lr, false, loss_, &weights_,
                   &w->state);
    }
  }
}

Status FastTextTrainer::start_retrain(const QuantizeOptions& options) {
  EMBEDWASM_RETURN_IF_ERROR(check_quantize_options(options, args_.dim));
  if (args_.model != ModelKind::kSupervised) {
    return Status::invalid_argument("quantize: only supervised models can be quantized (as in fastText)");
  }
  const int64_t rows = static_cast<int64_t>(weights_.input.rows());
  if (!options.retrain || options.cutoff <= 0 || options.cutoff >= rows) {
    return Status::invalid_argument("retrain needs retrain = true and a cutoff below the " + std::to_string(rows) +
                                    " input rows (without pruning there is nothing to retrain)");
  }
  if (options.thread > 1 && !threads_supported()) {
    return Status::invalid_argument("thread = " + std::to_string(options.thread) +
                                    " needs the threads build; this build (SIMD, no threads) runs thread = 1 only");
  }
  std::vector<int32_t> keep = select_rows_by_norm(weights_.input, dictionary_.find(Dictionary::kEos), options.cutoff);
  DictionaryData data = dictionary_.data();
  prune_dictionary(&data, &keep);
  RowMatrix input;
  EMBEDWASM_RETURN_IF_ERROR(gather_matrix_rows(weights_.input, keep, &input));
  Dictionary pruned;
  EMBEDWASM_RETURN_IF_ERROR(Dictionary::create(std::move(data), args_, &pruned));
  // Nothing below fails but the encoding's allocations: the old state stays until then.
  Dictionary old_dictionary = std::move(dictionary_);
  dictionary_ = std::move(pruned);
  const Status encoded = encode_lines(text_);
  if (!encoded.is_ok()) {
    dictionary_ = std::move(old_dictionary);
    EMBEDWASM_RETURN_IF_ERROR(encode_lines(text_));
    return encoded;
  }
  weights_.input = std::move(input);
  args_.epoch = options.epoch;
  args_.lr = options.lr;
  args_.thread = options.thread;
  return start_workers();
}

Status FastTextTrainer::model_file(ModelFile* out) const {
  ModelFile f;
  f.args = args_;
  f.dictionary = dictionary_.data();
  RowMatrix input, output;
  EMBEDWASM_RETURN_IF_ERROR(weights_.input.clone(&input));
  EMBEDWASM_RETURN_IF_ERROR(weights_.output.clone(&output));
  f.input = ModelMatrix::dense(std::move(input));
  f.output = ModelMatrix::dense(std::move(output));
  *out = std::move(f);
  return Status::ok();
}

Status FastTextTrainer::model(std::unique_ptr<FastTextModel>* out) const {
  ModelFile f;
  EMBEDWASM_RETURN_IF_ERROR(model_file(&f));
  return FastTextModel::create(std::move(f), out);
}

Status FastTextTrainer::quantized_model_file(const QuantizeOptions& options, ModelFile* out) const {
  ModelFile f;
  EMBEDWASM_RETURN_IF_ERROR(model_file(&f));
  QuantizeOptions plain = options;
  plain.retrain = false;
  return quantize_model(f, plain, out);
}

}  // namespace embedwasm::fasttext
