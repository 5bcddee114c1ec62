#pragma once
// word2vec with gensim 4's semantics: skip-gram or CBOW, negative sampling and/or
// hierarchical softmax, frequent-word subsampling, shrinking windows and a learning rate
// decaying linearly in raw words over all epochs.
//
// Training runs in chunks: each train_chunk() call trains on the next max_words raw
// words and returns. V8 has no on-stack replacement for wasm, so one long call would
// stay in the baseline compiler (3-4x slower than the optimised code later calls get);
// chunks also give progress
// reports, and cancelling is simply not calling again (updates are applied per word, so
// the vectors are usable after any chunk).
//
// Randomness: every sentence of every epoch draws from its own Rng seeded from (seed,
// epoch, sentence), and word w's initial vector from (seed, w's text). So one thread
// gives bit-identical vectors on every run whatever the chunk sizes, a word's initial
// vector does not depend on the rest of the vocabulary, and with several threads only
// the Hogwild races (not the random draws) vary between runs.
//
// Threads (threads > 1, native or the -pthread wasm build): a chunk's sentences are
// split between `threads` workers run on the core's thread pool (core/thread_pool.h) that
// update the shared weights without locks (Hogwild, as gensim, word2vec.c and fastText
// do). Each worker owns its scratch and Rng. Nothing runs between chunks.
//
// Deliberate differences from gensim (the second, third and last as word2vec.c):
// - the learning rate is set per sentence (gensim: per 10000-word job);
// - negative sampling saturates outside (-6, 6) (sigma = 0 or 1, so a confidently wrong
//   prediction still gets a gradient) where gensim skips the update;
// - with both hs and negative, one input-side gradient collects both and is applied once
//   (gensim applies the hs part to syn0 before computing the negative part);
// - initial vectors are uniform in gensim 4's [-1/D, 1/D) but drawn per word from the
//   word's text (gensim 4 draws them all from one stream in vocabulary order);
// - a CBOW window with no other word trains nothing (gensim trains syn1neg on a zero
//   context, which changes nothing but the loss).
// The loss is gensim's compute_loss: -log sigma(x) summed over every prediction, from
// the log-sigmoid table; hierarchical softmax skips |x| >= 6 as gensim, negative
// sampling uses the asymptotes there.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "embedwasm/core/option_schema.h"
#include "embedwasm/core/rng.h"
#include "embedwasm/core/row_matrix.h"
#include "embedwasm/core/status.h"
#include "embedwasm/word2vec/corpus.h"
#include "embedwasm/word2vec/huffman.h"
#include "embedwasm/word2vec/sigmoid_table.h"
#include "embedwasm/word2vec/tokenizer.h"
#include "embedwasm/word2vec/unigram_table.h"
#include "embedwasm/word2vec/vocabulary.h"

namespace embedwasm::word2vec {

// gensim 4's Word2Vec arguments and defaults (workers is `threads`).
struct Word2VecConfig {
  int64_t vector_size = 100;    // D
  int64_t window = 5;
  int64_t min_count = VocabularyOptions().min_count;
  int64_t max_vocab_size = 0;   // 0: no pruning while counting
  int64_t max_final_vocab = VocabularyOptions().max_final_vocab;  // 0: no limit
  int sg = 0;                   // 1: skip-gram, 0: CBOW
  int hs = 0;                   // 1: hierarchical softmax
  int64_t negative = 5;         // noise words per prediction; 0: no negative sampling
  double ns_exponent = 0.75;
  int cbow_mean = 1;            // 1: average the context vectors, 0: sum them
  double sample = 1e-3;         // 0: no subsampling
  double alpha = 0.025;
  double min_alpha = 0.0001;
  int64_t epochs = 5;
  int64_t threads = 1;
  uint64_t seed = 1;
  bool shrink_windows = true;   // gensim >= 4.1: draw each word's window from [1, window]
  // Tokenizer options for text input (pre-tokenized sentences are taken as given).
  bool lowercase = TokenizerOptions().lowercase;
  int64_t max_sentence_length = static_cast<int64_t>(TokenizerOptions().max_sentence_length);
};

// vector_size in [1, 2^20]; window, epochs >= 1 (int32); sg, hs, cbow_mean 0 or 1;
// negative in [0, 2^20]; sample, alpha, min_alpha finite >= 0; threads in [1, 256]; seed
// below 2^32 (JS numbers; gensim's seeds are 32-bit); counts >= 0. Rules between fields
// (hs or negative; threads > 1 needs the threads build) are create()'s.
const Schema<Word2VecConfig>& word2vec_schema();

struct Word2VecProgress {
  int64_t epoch = 0;              // the epoch the next word belongs to; `epochs` when done
  double fraction_done = 0.0;     // raw words trained / (epochs * corpus raw words)
  uint64_t words_processed = 0;   // raw words (OOV included, as gensim counts), all epochs
  uint64_t effective_words = 0;   // words trained on: in vocabulary and not subsampled
  double words_per_second = 0.0;  // raw words per second during the last call
  double running_loss = 0.0;      // summed since training began (gensim's training loss)
  double epoch_loss = 0.0;        // summed over the epoch the last call trained in
  double alpha = 0.0;             // the learning rate of the next word
  bool done = false;
};

// The shared weights, updated by every worker.
struct Word2VecWeights {
  RowMatrix syn0;     // (V, D) the word vectors (gensim's wv.vectors)
  RowMatrix syn1;     // (V - 1, D) Huffman inner nodes; 0 rows unless hs
  RowMatrix syn1neg;  // (V, D) output vectors of negative sampling; 0 rows unless negative
};

// One worker's scratch, never shared between threads. Each starts on a cache line of its
// own: the workers sit side by side in one vector and write their rng and loss for every
// noise word. In wasm32 a state is 104 bytes, so the first worker's rng and loss shared a
// line with the second worker's vector headers, which that worker reads for every word
// (natively a state is 136 bytes and the two fell on different lines).
struct alignas(64) Word2VecWorkerState {
  std::vector<float> neu1;     // (D,) CBOW's combined context
  std::vector<float> work;     // (D,) the input-side gradient being accumulated
  std::vector<int32_t> kept;   // the sentence after subsampling
  Rng rng{0};                  // reseeded for each sentence
  double loss = 0.0;
  uint64_t effective_words = 0;
};

class Word2VecTrainer {
 public:
  Word2VecTrainer() = default;
  Word2VecTrainer(Word2VecTrainer&&) = default;
  Word2VecTrainer& operator=(Word2VecTrainer&&) = default;

  // Validates the config; fails for threads > 1 in a build without threads.
  static Status create(const Word2VecConfig& config, Word2VecTrainer* out);
  // Whether this build can run threads > 1 (native, or wasm built with -pthread).
  static bool threads_supported();

  // The corpus, before build_vocab(): text in chunks cut anywhere, and/or pre-tokenized
  // sentences, in any mix (a sentence list first ends the text being streamed).
  Status add_text(std::string_view chunk);
  Status add_sentences(const std::vector<std::vector<std::string>>& sentences);
  // Fixes the vocabulary, encodes the corpus and initialises the weights.
  Status build_vocab();
  Status build_vocab(std::string_view text);  // add_text(text), then build_vocab()

  // Trains on the next sentences, whole, until at least max_words raw words are done
  // (or the epoch ends: a call never crosses an epoch boundary). A call after the last
  // epoch does nothing and reports done.
  Status train_chunk(size_t max_words, Word2VecProgress* out);
  // Every remaining epoch, in chunks of chunk_words.
  Status train(Word2VecProgress* out, size_t chunk_words = 100000);

  const Word2VecConfig& config() const { return config_; }
  bool vocab_built() const { return vocab_built_; }
  const Vocabulary& vocab() const { return vocab_; }
  const Corpus& corpus() const { return corpus_; }
  const RowMatrix& vectors() const { return weights_.syn0; }  // (V, D)
  const Word2VecWeights& weights() const { return weights_; }
  const Word2VecProgress& progress() const { return progress_; }
  // The loss summed over each epoch begun so far.
  const std::vector<double>& epoch_losses() const { return epoch_losses_; }
  // The learning rate after `raw_words` of the epochs * corpus raw words total.
  double alpha_at(uint64_t raw_words) const;

 private:
  Status init_weights();
  void train_sentences(Word2VecWorkerState* worker, size_t begin, size_t end, int64_t epoch);
  void train_sentence(Word2VecWorkerState* worker, size_t sentence, float alpha);
  // [lo, hi): the kept words around position i of n that train with it, word2vec.c's
  // window shrunk by a random amount (one draw per position) when shrink_windows is set.
  std::pair<size_t, size_t> context_around(Word2VecWorkerState* worker, size_t i, size_t n);
  void train_sg(Word2VecWorkerState* worker, float alpha);
  void train_cbow(Word2VecWorkerState* worker, float alpha);
  // Accumulate into worker->work the input-side gradient of predicting `word` from l1,
  // updating the output rows on the way.
  void hs_update(Word2VecWorkerState* worker, const float* l1, int32_t word, float alpha);
  void ns_update(Word2VecWorkerState* worker, const float* l1, int32_t word, float alpha);

  Word2VecConfig config_;
  CorpusBuilder builder_;
  bool vocab_built_ = false;

  Vocabulary vocab_;
  Corpus corpus_;
  HuffmanTree huffman_;
  UnigramTable unigram_;
  SigmoidTable sigmoid_;
  std::vector<uint32_t> keep_threshold_;  // (V,) subsampling, see subsampling.h

  Word2VecWeights weights_;
  std::vector<Word2VecWorkerState> workers_;  // (threads,)

  size_t next_sentence_ = 0;
  Word2VecProgress progress_;
  std::vector<double> epoch_losses_;
};

}  // namespace embedwasm::word2vec
