#pragma once
// Training a fastText model as fastText 0.9.2's `supervised`, `skipgram` and `cbow`
// commands do (fastText.cc train / trainThread):
//
//   dictionary  counted from the text (dictionary_builder.h); with pretrained vectors,
//               their words are added and their rows copied into the input matrix
//   weights     input (nwords + bucket, D) uniform in [-1/D, 1/D), output (O, D) zero
//   lines       supervised: each line's rows (words, character and word n-grams) and
//               labels (Dictionary::line_rows); one label drawn per line (ova: all of
//               them), lines without a label or a row skipped. Unsupervised: each line's
//               words in the vocabulary, cut every 1025 of them as fastText's reader,
//               each word then dropped with probability 1 - pdiscard (drawn per visit)
//   cbow        for each word, a window of 1..ws words each side (drawn), the context's
//               subword rows averaged to predict the word
//   skipgram    for each word and window position, the word's subword rows predict the
//               context word
//   lr          lr * (1 - tokens / (epoch * ntokens)), computed per line from the token
//               count all workers have reported; a worker reports its count every
//               lrUpdateRate tokens. Training ends when epoch * ntokens tokens are read.
//               (As in fastText, unsupervised lines count only tokens in the vocabulary
//               against ntokens, which counts all of them: that trains a little longer.)
//
// Chunks: train_chunk() reads about max_tokens more tokens and returns. V8 has no
// on-stack replacement for wasm, so one long call would stay in the baseline compiler;
// chunks also give progress reports, and cancelling is not calling again (the weights
// are a usable model after any chunk: model() / model_file()).
//
// Threads: `thread` workers, each fastText's Model::State (TrainState) plus its place in
// the text (worker k starts at line k * lines / threads, as fastText's threads start at
// byte k * size / threads), update the shared weights without locks (Hogwild). They run
// as tasks on the core's thread pool (core/thread_pool.h) during a call (the -pthread
// wasm build or native); the SIMD-only wasm build runs thread = 1 only. Each worker's random stream is seeded from (seed, k)
// and kept across calls, so with one thread a run is bit-identical to any other run with
// the same seed, whatever the chunk sizes.
//
// Deliberate differences from fastText: the random generator (ours, rng.h, gives the
// same numbers natively and in wasm; fastText's std::minstd_rand draws are
// library-specific), the initial weights (drawn row by row from the seed), and the
// noise table (training_loss.h). The text is read as if it ended with a newline.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "embedwasm/fasttext/args.h"
#include "embedwasm/fasttext/dictionary.h"
#include "embedwasm/fasttext/fasttext_model.h"
#include "embedwasm/fasttext/model_file.h"
#include "embedwasm/fasttext/training_args.h"
#include "embedwasm/fasttext/training_loss.h"
#include "embedwasm/core/status.h"

namespace embedwasm::fasttext {

struct TrainProgress {
  double fraction_done = 0.0;      // tokens_processed / tokens_total (at most 1)
  int64_t tokens_processed = 0;    // read so far by all workers
  int64_t tokens_total = 0;        // epoch * ntokens
  double tokens_per_second = 0.0;  // during the last call, all workers together
  double loss = 0.0;               // mean loss per example since training began
  double lr = 0.0;                 // the learning rate of the next line
  bool done = false;
};

// The text as training reads it, encoded once.
struct EncodedLines {
  std::vector<int32_t> ids;          // supervised: input rows; unsupervised: word ids
  std::vector<uint64_t> id_offsets;  // (lines + 1,)
  std::vector<int32_t> labels;       // supervised: label ids
  std::vector<uint64_t> label_offsets;  // (lines + 1,) supervised only
  std::vector<int32_t> tokens;       // (lines,) tokens each line counts for progress
  size_t lines() const { return tokens.size(); }
};

class FastTextTrainer {
 public:
  // Whether this build can run thread > 1 (native, or wasm built with -pthread).
  static bool threads_supported();

  // Checks args (training_args.h), counts the dictionary, encodes the lines and
  // initialises the weights. pretrained_vectors: the text of a .vec file (a "count dim"
  // header line, then one word and dim numbers per line; dim must equal args.dim), or
  // empty. args.pretrained_vectors is not read (it names a file in fastText).
  // Fails with kInvalidArgument / kOutOfRange on bad options or text and
  // kResourceExhausted when the matrices do not fit.
  static Status create(const Args& args, std::string_view text, std::string_view pretrained_vectors,
                       std::unique_ptr<FastTextTrainer>* out);

  // Trains until about max_tokens (>= 1) more tokens are read or training is done; a
  // call after the end does nothing and reports done.
  Status train_chunk(int64_t max_tokens, TrainProgress* out);
  // The rest of training, in chunks of chunk_tokens.
  Status train(TrainProgress* out, int64_t chunk_tokens = 200000);

  const Args& args() const { return args_; }
  const Dictionary& dictionary() const { return dictionary_; }
  const TrainWeights& weights() const { return weights_; }
  const EncodedLines& lines() const { return lines_; }
  const TrainProgress& progress() const { return progress_; }
  // The learning rate after `tokens` of tokens_total were reported.
  float lr_at(int64_t tokens) const;

  // fastText's quantize with -retrain: keeps the `cutoff` input rows of largest norm
  // ("</s>" always first), prunes the dictionary to them (pruneidx), re-encodes the text
  // and restarts training with options.epoch, lr and thread; train_chunk() then trains
  // the kept rows, and quantized_model_file() quantizes them. Supervised models only;
  // cutoff must be below the input rows. From then on the model is pruned: fastText's
  // format stores a pruned dictionary only with a quantized input matrix, so save it
  // through quantized_model_file(), not model_file().
  Status start_retrain(const QuantizeOptions& options);

  // Copies of the model as it stands: the plain content (for the writer) or a model
  // to run inference on. Either can be taken after any chunk.
  Status model_file(ModelFile* out) const;
  Status model(std::unique_ptr<FastTextModel>* out) const;
  // model_file() quantized with `options` (quantization.h quantize_model; after
  // start_retrain the rows are already pruned, so the cutoff keeps them all).
  Status quantized_model_file(const QuantizeOptions& options, ModelFile* out) const;

 private:
  struct Worker {
    TrainState state;
    size_t next_line = 0;
    int64_t local_tokens = 0;  // read but not yet reported to shared_tokens_
    std::vector<int32_t> words, bow;
  };

  FastTextTrainer() = default;
  Status build(std::string_view text);
  Status encode_lines(std::string_view text);
  Status start_workers();
  void run_worker(Worker* w, int64_t target);
  int32_t train_line(Worker* w, size_t line, float lr);
  void train_cbow(Worker* w, float lr);
  void train_skipgram(Worker* w, float lr);
  int64_t tokens_read() const;
  void report(double seconds, int64_t tokens_before);

  Args args_;
  std::string text_;  // kept for retraining after pruning (fastText re-reads its input)
  Dictionary dictionary_;
  EncodedLines lines_;
  std::vector<float> keep_;  // (nwords,) unsupervised: pdiscard
  TrainingLoss loss_;
  TrainWeights weights_;
  std::vector<Worker> workers_;
  std::atomic<int64_t> shared_tokens_{0};
  int64_t total_tokens_ = 0;
  TrainProgress progress_;
};

}  // namespace embedwasm::fasttext
