// word2vec training speed of our own trainer (cpp/src/word2vec), without the JS layer:
// built natively (the "-O3 -march=native" baseline for the WASM figure) and with
// em++ (the same C++ under Node, to separate the compiler's share from the JS layer's).
// Prints one JSON line: the time of every epoch, so the report takes a median over epochs
// after the first (the warm-up: page faults of fresh rows, V8 tiering up in wasm).
//
// Usage: word2vec_bench <corpus.txt> [--threads=1] [--epochs=11] [--seed=1] [--chunk=100000]
// Settings are the word-vector issue's: skip-gram, D 100, window 5, negative 5, minCount 5,
// sample 1e-3. The corpus is read as text and tokenised by our tokenizer, as
// Word2Vec.buildVocab(text) does in the package. Training runs in calls of `chunk` raw
// words, as the package does between turns of the event loop: V8 has no on-stack
// replacement for wasm, so a loop inside one long call would stay in the baseline tier.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "common/bench_util.h"
#include "embedwasm/word2vec/word2vec_trainer.h"

namespace {

using bench::JoinMs;
using bench::Median;
using bench::NowMs;

namespace w2v = embedwasm::word2vec;

int Fail(const std::string& what) {
  std::fprintf(stderr, "word2vec_bench: %s\n", what.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return Fail("usage: word2vec_bench <corpus.txt> [--threads=1] [--epochs=11] [--seed=1] [--chunk=100000]");
  long long threads = 1, epochs = 11, seed = 1, chunk = 100000;
  std::vector<std::string> words;
  const std::string bad = bench::ParseArgs(
      argc, argv, {{"threads", &threads}, {"epochs", &epochs}, {"seed", &seed}, {"chunk", &chunk}}, &words);
  if (!bad.empty()) return Fail(bad);
  if (words.size() != 1) return Fail("expected one corpus file, got " + std::to_string(words.size()) + " words");
  if (threads < 1 || epochs < 2 || chunk < 1) return Fail("--threads and --chunk must be >= 1, --epochs >= 2");

  std::ifstream file(words[0], std::ios::binary);
  if (!file) return Fail("cannot read " + words[0]);
  std::stringstream buffer;
  buffer << file.rdbuf();
  const std::string text = buffer.str();

  w2v::Word2VecConfig config;
  config.vector_size = 100;
  config.window = 5;
  config.min_count = 5;
  config.sample = 1e-3;
  config.sg = 1;
  config.hs = 0;
  config.negative = 5;
  config.epochs = epochs;
  config.threads = threads;
  config.seed = static_cast<uint64_t>(seed);
  w2v::Word2VecTrainer trainer;
  embedwasm::Status s = w2v::Word2VecTrainer::create(config, &trainer);
  const double t0 = NowMs();
  if (s.is_ok()) s = trainer.build_vocab(text);
  const double vocab_ms = NowMs() - t0;
  if (!s.is_ok()) return Fail(s.message());

  // Chunks never cross an epoch boundary (train_chunk), so summing each chunk's time into
  // the epoch it trained gives exact per-epoch times.
  std::vector<double> epoch_ms(static_cast<size_t>(epochs), 0.0);
  w2v::Word2VecProgress progress;
  while (!trainer.progress().done) {
    const int64_t epoch = trainer.progress().epoch;
    const double c0 = NowMs();
    s = trainer.train_chunk(static_cast<size_t>(chunk), &progress);
    epoch_ms[static_cast<size_t>(epoch)] += NowMs() - c0;
    if (!s.is_ok()) return Fail(s.message());
  }
  const double raw_words = static_cast<double>(trainer.corpus().raw_words());
  std::vector<double> timed(epoch_ms.begin() + 1, epoch_ms.end());
  const size_t n = timed.size();
  const double median = Median(timed);
  std::printf(
      "{\"bench\":\"word2vec\",\"build\":\"%s\",\"threads\":%lld,\"epochs\":%lld,\"raw_words_per_epoch\":%.0f,"
      "\"vocab\":%zu,\"vocab_ms\":%.1f,\"loss\":%.6g,\"warmup\":1,\"reps\":%zu,\"median_ms\":%.2f,\"min_ms\":%.2f,"
      "\"max_ms\":%.2f,\"words_per_second_per_thread\":%.0f,\"ms\":[%s],\"ok\":true}\n",
      BENCH_BUILD, threads, epochs, raw_words, trainer.vocab().size(), vocab_ms,
      trainer.progress().running_loss, n, median, *std::min_element(timed.begin(), timed.end()),
      *std::max_element(timed.begin(), timed.end()),
      raw_words / (median / 1000.0) / static_cast<double>(threads), JoinMs(epoch_ms, "%.2f").c_str());
  return 0;
}
