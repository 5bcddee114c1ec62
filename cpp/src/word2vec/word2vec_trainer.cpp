#include "embedwasm/word2vec/word2vec_trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <string>

#include "embedwasm/core/thread_pool.h"
#include "embedwasm/word2vec/subsampling.h"
#include "kernels/kernels.h"


namespace embedwasm::word2vec {
namespace {

// splitmix64's finaliser: a bijection that spreads every input bit over the output.
uint64_t mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

uint64_t fnv1a64(std::string_view s) {
  uint64_t h = 14695981039346656037ull;
  for (const char c : s) h = (h ^ static_cast<uint8_t>(c)) * 1099511628211ull;
  return h;
}

uint64_t sentence_seed(uint64_t seed, int64_t epoch, size_t sentence) {
  return mix64(mix64(mix64(seed) ^ static_cast<uint64_t>(epoch)) + sentence);
}

// Lemire's multiply-shift: [0, n) from 32 random bits without a division; the bias
// (n / 2^32) is irrelevant for window sizes.
uint32_t below(uint32_t random_bits, uint32_t n) {
  return static_cast<uint32_t>((uint64_t{random_bits} * n) >> 32);
}

Status validate(const Word2VecConfig& c) {
  EMBEDWASM_RETURN_IF_ERROR(word2vec_schema().validate(c));
  if (c.hs == 0 && c.negative == 0) {
    return Status::invalid_argument("set " + option_name("hs") + " = 1 or " + option_name("negative") +
                                    " > 0: with neither there is nothing to train (as gensim)");
  }
  if (c.threads > 1 && !Word2VecTrainer::threads_supported()) {
    return Status::invalid_argument(option_name("threads") + " = " + std::to_string(c.threads) +
                                    " needs the threads build; this build (SIMD, no threads) "
                                    "runs " + option_name("threads") + " = 1 only");
  }
  return Status::ok();
}

}  // namespace

const Schema<Word2VecConfig>& word2vec_schema() {
  static const Schema<Word2VecConfig> schema = [] {
    constexpr double kInt32Max = 0x7FFFFFFF;
    Schema<Word2VecConfig> s("word2vec");
    s.add("vector_size", &Word2VecConfig::vector_size).at_least(1).at_most(1 << 20);
    s.add("window", &Word2VecConfig::window).at_least(1).at_most(kInt32Max);
    s.add("min_count", &Word2VecConfig::min_count).at_least(0);
    s.add("max_vocab_size", &Word2VecConfig::max_vocab_size).at_least(0);
    s.add("max_final_vocab", &Word2VecConfig::max_final_vocab).at_least(0);
    s.add("sg", &Word2VecConfig::sg).at_least(0).at_most(1);
    s.add("hs", &Word2VecConfig::hs).at_least(0).at_most(1);
    s.add("negative", &Word2VecConfig::negative).at_least(0).at_most(1 << 20);
    s.add("ns_exponent", &Word2VecConfig::ns_exponent);
    s.add("cbow_mean", &Word2VecConfig::cbow_mean).at_least(0).at_most(1);
    s.add("sample", &Word2VecConfig::sample).at_least(0);
    s.add("alpha", &Word2VecConfig::alpha).at_least(0);
    s.add("min_alpha", &Word2VecConfig::min_alpha).at_least(0);
    s.add("epochs", &Word2VecConfig::epochs).at_least(1).at_most(kInt32Max);
    s.add("threads", &Word2VecConfig::threads).at_least(1).at_most(256);
    s.add("seed", &Word2VecConfig::seed).at_most(0xFFFFFFFF);
    s.add("shrink_windows", &Word2VecConfig::shrink_windows);
    s.add("lowercase", &Word2VecConfig::lowercase);
    s.add("max_sentence_length", &Word2VecConfig::max_sentence_length).at_least(0);
    return s;
  }();
  return schema;
}

bool Word2VecTrainer::threads_supported() { return embedwasm::threads_supported(); }

Status Word2VecTrainer::create(const Word2VecConfig& config, Word2VecTrainer* out) {
  EMBEDWASM_RETURN_IF_ERROR(validate(config));
  TokenizerOptions tokenizer;
  tokenizer.lowercase = config.lowercase;
  tokenizer.max_sentence_length = static_cast<size_t>(
      std::min<uint64_t>(static_cast<uint64_t>(config.max_sentence_length), SIZE_MAX));
  Word2VecTrainer t;
  t.config_ = config;
  t.builder_ = CorpusBuilder(tokenizer, config.max_vocab_size);
  *out = std::move(t);
  return Status::ok();
}

Status Word2VecTrainer::add_text(std::string_view chunk) {
  if (vocab_built_) {
    return Status::invalid_argument("the vocabulary is already built; text added now would not "
                                    "be trained on (use a new trainer)");
  }
  builder_.add_text(chunk);
  return Status::ok();
}

Status Word2VecTrainer::add_sentences(const std::vector<std::vector<std::string>>& sentences) {
  if (vocab_built_) {
    return Status::invalid_argument("the vocabulary is already built; sentences added now would "
                                    "not be trained on (use a new trainer)");
  }
  builder_.add_sentences(sentences);
  return Status::ok();
}

Status Word2VecTrainer::build_vocab(std::string_view text) {
  EMBEDWASM_RETURN_IF_ERROR(add_text(text));
  return build_vocab();
}

Status Word2VecTrainer::build_vocab() {
  if (vocab_built_) return Status::invalid_argument("build_vocab() was already called");
  VocabularyOptions options;
  options.min_count = config_.min_count;
  options.max_final_vocab = config_.max_final_vocab;
  EMBEDWASM_RETURN_IF_ERROR(builder_.build(options, &vocab_, &corpus_));
  if (config_.hs) EMBEDWASM_RETURN_IF_ERROR(HuffmanTree::build(vocab_.counts(), &huffman_));
  if (config_.negative > 0) {
    EMBEDWASM_RETURN_IF_ERROR(UnigramTable::build(vocab_.counts(), config_.ns_exponent, &unigram_));
  }
  keep_threshold_ = subsample_thresholds(vocab_.counts(), config_.sample, vocab_.retained_words());
  EMBEDWASM_RETURN_IF_ERROR(init_weights());

  const size_t d = static_cast<size_t>(config_.vector_size);
  workers_.clear();
  for (int64_t i = 0; i < config_.threads; ++i) {
    Word2VecWorkerState w;
    w.neu1.assign(d, 0.0f);
    w.work.assign(d, 0.0f);
    workers_.push_back(std::move(w));
  }
  next_sentence_ = 0;
  progress_ = Word2VecProgress();
  progress_.alpha = alpha_at(0);
  epoch_losses_.clear();
  vocab_built_ = true;
  return Status::ok();
}

Status Word2VecTrainer::init_weights() {
  const size_t v = vocab_.size();
  const size_t d = static_cast<size_t>(config_.vector_size);
  Word2VecWeights w;
  // Prefixed so that a vocabulary too large for memory names the sizes a user can change.
  EMBEDWASM_RETURN_IF_ERROR(RowMatrix::create(v, d, &w.syn0).prefixed("the word vectors (vocabulary x " + option_name("vector_size") + "): "));
  EMBEDWASM_RETURN_IF_ERROR(RowMatrix::create(config_.hs ? v - 1 : 0, d, &w.syn1)
                                .prefixed("the hierarchical-softmax weights (vocabulary - 1 x " + option_name("vector_size") + "): "));
  EMBEDWASM_RETURN_IF_ERROR(RowMatrix::create(config_.negative > 0 ? v : 0, d, &w.syn1neg)
                                .prefixed("the negative-sampling weights (vocabulary x " + option_name("vector_size") + "): "));
  // Seeded by the word's text, so its starting point does not depend on which other
  // words made the vocabulary (gensim 3's seeded_vector(word + str(seed))). The range is
  // gensim 4's prep_vectors, [-1/D, 1/D): word2vec.c's half-width [-0.5/D, 0.5/D) scored
  // lower on npm run compare-gensim's SOTU analogies for each of seeds 1-8 (by 0.3 points
  // on average), all else equal.
  const uint64_t seed = mix64(config_.seed);
  for (size_t i = 0; i < v; ++i) {
    Rng rng(mix64(seed + fnv1a64(vocab_.word(static_cast<int32_t>(i)))));
    float* row = w.syn0.row(i);
    for (size_t j = 0; j < d; ++j) row[j] = static_cast<float>((2.0 * rng.uniform01() - 1.0) / static_cast<double>(d));
  }
  weights_ = std::move(w);
  return Status::ok();
}

double Word2VecTrainer::alpha_at(uint64_t raw_words) const {
  const double total = static_cast<double>(config_.epochs) * static_cast<double>(corpus_.raw_words());
  const double progress = total > 0 ? static_cast<double>(raw_words) / total : 0.0;
  const double alpha = config_.alpha - (config_.alpha - config_.min_alpha) * progress;
  return std::max(config_.min_alpha, alpha);  // gensim's clamp (also when min_alpha > alpha)
}

Status Word2VecTrainer::train(Word2VecProgress* out, size_t chunk_words) {
  Word2VecProgress p;
  do {
    EMBEDWASM_RETURN_IF_ERROR(train_chunk(chunk_words, &p));
  } while (!p.done);
  if (out != nullptr) *out = p;
  return Status::ok();
}

Status Word2VecTrainer::train_chunk(size_t max_words, Word2VecProgress* out) {
  if (!vocab_built_) return Status::invalid_argument("call build_vocab() before training");
  if (max_words == 0) return Status::out_of_range("max_words must be > 0");
  if (progress_.done) {
    progress_.words_per_second = 0.0;
    if (out != nullptr) *out = progress_;
    return Status::ok();
  }
  const auto start = std::chrono::steady_clock::now();
  const int64_t epoch = progress_.epoch;
  const size_t s = corpus_.sentences();
  const std::vector<uint64_t>& raw = corpus_.raw_begin;
  // The chunk: whole sentences from next_sentence_ until max_words raw words are reached.
  const size_t begin = next_sentence_;
  const uint64_t goal = raw[begin] + std::min<uint64_t>(max_words, raw[s] - raw[begin]);
  size_t end = static_cast<size_t>(std::lower_bound(raw.begin() + begin + 1, raw.end(), goal) - raw.begin());
  end = std::min(end, s);
  const uint64_t chunk_words = raw[end] - raw[begin];

  if (epoch_losses_.size() <= static_cast<size_t>(epoch)) epoch_losses_.push_back(0.0);
  for (Word2VecWorkerState& w : workers_) {
    w.loss = 0.0;
    w.effective_words = 0;
  }
  // Split the chunk into contiguous ranges of about equal raw words, one per worker.
  const size_t n_workers = std::min(workers_.size(), end - begin);
  std::vector<size_t> bounds(n_workers + 1, begin);
  bounds[n_workers] = end;
  for (size_t k = 1; k < n_workers; ++k) {
    const uint64_t target = raw[begin] + chunk_words * k / n_workers;
    size_t b = static_cast<size_t>(std::lower_bound(raw.begin() + begin, raw.begin() + end, target) - raw.begin());
    bounds[k] = std::max(bounds[k - 1] + 1, std::min(b, end - (n_workers - k)));
  }
  // One task per worker state; Hogwild, so which thread runs a task does not matter.
  parallel_for(n_workers, 1, [&](size_t k, size_t) { train_sentences(&workers_[k], bounds[k], bounds[k + 1], epoch); },
               static_cast<int>(n_workers));

  double loss = 0.0;
  uint64_t effective = 0;
  for (const Word2VecWorkerState& w : workers_) {  // in worker order: deterministic sums
    loss += w.loss;
    effective += w.effective_words;
  }
  epoch_losses_[static_cast<size_t>(epoch)] += loss;
  progress_.running_loss += loss;
  progress_.epoch_loss = epoch_losses_[static_cast<size_t>(epoch)];
  progress_.effective_words += effective;
  progress_.words_processed += chunk_words;
  if (end == s) {
    next_sentence_ = 0;
    ++progress_.epoch;
  } else {
    next_sentence_ = end;
  }
  progress_.done = progress_.epoch >= config_.epochs;
  const double total = static_cast<double>(config_.epochs) * static_cast<double>(corpus_.raw_words());
  progress_.fraction_done = progress_.done ? 1.0 : static_cast<double>(progress_.words_processed) / total;
  progress_.alpha = progress_.done ? config_.min_alpha : alpha_at(progress_.words_processed);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  progress_.words_per_second = seconds > 0 ? static_cast<double>(chunk_words) / seconds : 0.0;
  if (out != nullptr) *out = progress_;
  return Status::ok();
}

void Word2VecTrainer::train_sentences(Word2VecWorkerState* worker, size_t begin, size_t end,
                                      int64_t epoch) {
  const uint64_t epoch_start = static_cast<uint64_t>(epoch) * corpus_.raw_words();
  for (size_t s = begin; s < end; ++s) {
    worker->rng = Rng(sentence_seed(config_.seed, epoch, s));
    const float alpha = static_cast<float>(alpha_at(epoch_start + corpus_.raw_begin[s]));
    train_sentence(worker, s, alpha);
  }
}

void Word2VecTrainer::train_sentence(Word2VecWorkerState* worker, size_t s, float alpha) {
  const int32_t* ids = corpus_.ids.data() + corpus_.id_begin[s];
  const size_t n = static_cast<size_t>(corpus_.id_begin[s + 1] - corpus_.id_begin[s]);
  // Subsampling comes before the window, so a dropped word brings its neighbours closer.
  std::vector<int32_t>& kept = worker->kept;
  kept.clear();
  if (config_.sample > 0.0) {
    for (size_t i = 0; i < n; ++i) {
      if (keep_threshold_[ids[i]] >= worker->rng.next_u32()) kept.push_back(ids[i]);
    }
  } else {
    kept.assign(ids, ids + n);
  }
  worker->effective_words += kept.size();
  if (kept.size() < 2) return;  // no word has a context
  if (config_.sg) {
    train_sg(worker, alpha);
  } else {
    train_cbow(worker, alpha);
  }
}

std::pair<size_t, size_t> Word2VecTrainer::context_around(Word2VecWorkerState* worker, size_t i, size_t n) {
  const auto window = static_cast<uint32_t>(config_.window);
  const uint32_t shrink = config_.shrink_windows ? below(worker->rng.next_u32(), window) : 0;
  const size_t reach = window - shrink;  // in [1, window]
  return {i > reach ? i - reach : 0, std::min(n, i + reach + 1)};
}

void Word2VecTrainer::train_sg(Word2VecWorkerState* worker, float alpha) {
  const std::vector<int32_t>& kept = worker->kept;
  const size_t n = kept.size();
  const size_t d = weights_.syn0.cols();
  float* work = worker->work.data();
  for (size_t i = 0; i < n; ++i) {
    const auto [lo, hi] = context_around(worker, i, n);
    for (size_t j = lo; j < hi; ++j) {
      if (j == i) continue;
      // word2vec.c's order: the context word's vector predicts the centre word, so all
      // the output rows touched belong to one word's path and noise draws.
      float* l1 = weights_.syn0.row(static_cast<size_t>(kept[j]));
      std::memset(work, 0, d * sizeof(float));
      if (config_.hs) hs_update(worker, l1, kept[i], alpha);
      if (config_.negative > 0) ns_update(worker, l1, kept[i], alpha);
      kernels::f32_axpy(d, 1.0f, work, l1);
    }
  }
}

void Word2VecTrainer::train_cbow(Word2VecWorkerState* worker, float alpha) {
  const std::vector<int32_t>& kept = worker->kept;
  const size_t n = kept.size();
  const size_t d = weights_.syn0.cols();
  float* neu1 = worker->neu1.data();
  float* work = worker->work.data();
  for (size_t i = 0; i < n; ++i) {
    const auto [lo, hi] = context_around(worker, i, n);
    std::memset(neu1, 0, d * sizeof(float));
    for (size_t j = lo; j < hi; ++j) {
      if (j != i) kernels::f32_axpy(d, 1.0f, weights_.syn0.row(static_cast<size_t>(kept[j])), neu1);
    }
    const size_t context = hi - lo - 1;  // >= 1 since n >= 2
    const float inv = 1.0f / static_cast<float>(context);
    if (config_.cbow_mean) kernels::f32_scale(d, inv, neu1, neu1);
    std::memset(work, 0, d * sizeof(float));
    if (config_.hs) hs_update(worker, neu1, kept[i], alpha);
    if (config_.negative > 0) ns_update(worker, neu1, kept[i], alpha);
    // gensim: a summed context spreads its gradient over the words that made it.
    if (!config_.cbow_mean) kernels::f32_scale(d, inv, work, work);
    for (size_t j = lo; j < hi; ++j) {
      if (j != i) kernels::f32_axpy(d, 1.0f, work, weights_.syn0.row(static_cast<size_t>(kept[j])));
    }
  }
}

void Word2VecTrainer::hs_update(Word2VecWorkerState* worker, const float* l1, int32_t word,
                                float alpha) {
  const size_t d = weights_.syn0.cols();
  const size_t length = huffman_.code_length(word);
  const uint8_t* codes = huffman_.codes(word);
  const int32_t* points = huffman_.points(word);
  float* work = worker->work.data();
  double loss = 0.0;
  for (size_t k = 0; k < length; ++k) {
    float* l2 = weights_.syn1.row(static_cast<size_t>(points[k]));
    const float f = kernels::f32_dot(d, l1, l2);
    // Skipped outside (-6, 6) as word2vec.c and gensim do for hierarchical softmax.
    if (!SigmoidTable::in_range(f)) continue;
    // Code 1 means "not this child": the target of sigma(l1 . l2) is 1 - code.
    const float g = (1.0f - static_cast<float>(codes[k]) - sigmoid_.sigmoid_in_range(f)) * alpha;
    loss -= sigmoid_.log_sigmoid_in_range(codes[k] ? -f : f);
    kernels::f32_axpy(d, g, l2, work);
    kernels::f32_axpy(d, g, l1, l2);
  }
  worker->loss += loss;
}

void Word2VecTrainer::ns_update(Word2VecWorkerState* worker, const float* l1, int32_t word,
                                float alpha) {
  const size_t d = weights_.syn0.cols();
  float* work = worker->work.data();
  const int64_t negative = config_.negative;
  double loss = 0.0;
  for (int64_t k = 0; k <= negative; ++k) {
    int32_t target = word;
    float label = 1.0f;
    if (k > 0) {
      target = unigram_.sample(worker->rng.next_u32());
      if (target == word) continue;  // as gensim and word2vec.c: not a noise word
      label = 0.0f;
    }
    float* l2 = weights_.syn1neg.row(static_cast<size_t>(target));
    const float f = kernels::f32_dot(d, l1, l2);
    const float g = (label - sigmoid_.sigmoid(f)) * alpha;
    loss -= sigmoid_.log_sigmoid(k == 0 ? f : -f);
    if (g == 0.0f) continue;  // saturated and right: the update would add zeros
    kernels::f32_axpy(d, g, l2, work);
    kernels::f32_axpy(d, g, l1, l2);
  }
  worker->loss += loss;
}

}  // namespace embedwasm::word2vec
