#pragma once
// The Word2Vec trainer adapter. JS feeds the corpus (UTF-8 text chunks, or pre-tokenized
// sentences as one word blob), builds the vocabulary, then calls train_chunk() between
// turns of its event loop and sync()s the vectors into a KeyedVectorsJs after each
// chunk, so queries never see stale norms.
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "bindings/core.h"
#include "bindings/vectors.h"
#include "bindings/word_blob.h"
#include "embedwasm/word2vec/word2vec_trainer.h"

namespace embedwasm::bindings {

struct Word2VecProgressJs {
  double epoch = 0, fraction_done = 0, words_processed = 0, effective_words = 0, words_per_second = 0;
  double running_loss = 0, epoch_loss = 0, alpha = 0;
  bool done = false;
};

class Word2VecJs {
 public:
  // options: the record JS built from word2vec_schema() (camelCase keys).
  StatusJs init(const emscripten::val& options) {
    word2vec::Word2VecConfig config;
    Status s = spec_from_js(options, word2vec::word2vec_schema(), &config);
    if (s.is_ok()) s = word2vec::Word2VecTrainer::create(config, &trainer_);
    return to_js(s);
  }
  static bool threads_supported() { return word2vec::Word2VecTrainer::threads_supported(); }

  // n bytes of UTF-8 text, cut anywhere.
  StatusJs add_text(uintptr_t bytes, uint32_t n) {
    return to_js(trainer_.add_text(std::string_view(ptr<const char>(bytes), n)));
  }
  // Sentence s has sentence_lengths[s] tokens; the tokens are a word blob (word_blob.h).
  StatusJs add_sentences(uintptr_t bytes, uintptr_t token_lengths, uint32_t n_tokens, uintptr_t sentence_lengths,
                         uint32_t n_sentences) {
    std::vector<std::string> tokens = read_words(bytes, token_lengths, n_tokens);
    const uint32_t* lens = ptr<const uint32_t>(sentence_lengths);
    std::vector<std::vector<std::string>> sentences(n_sentences);
    size_t next = 0;
    for (uint32_t s = 0; s < n_sentences; ++s) {
      if (lens[s] > n_tokens - next) {
        return to_js(Status::out_of_range("sentence " + std::to_string(s) + " claims more tokens than were given"));
      }
      sentences[s].assign(std::make_move_iterator(tokens.begin() + next),
                          std::make_move_iterator(tokens.begin() + next + lens[s]));
      next += lens[s];
    }
    return to_js(trainer_.add_sentences(sentences));
  }
  StatusJs build_vocab() { return to_js(trainer_.build_vocab()); }

  StatusJs train_chunk(double max_words) {
    return to_js(trainer_.train_chunk(static_cast<size_t>(max_words), nullptr));
  }
  Word2VecProgressJs progress() const {
    const word2vec::Word2VecProgress& p = trainer_.progress();
    Word2VecProgressJs out;
    out.epoch = static_cast<double>(p.epoch);
    out.fraction_done = p.fraction_done;
    out.words_processed = static_cast<double>(p.words_processed);
    out.effective_words = static_cast<double>(p.effective_words);
    out.words_per_second = p.words_per_second;
    out.running_loss = p.running_loss;
    out.epoch_loss = p.epoch_loss;
    out.alpha = p.alpha;
    out.done = p.done;
    return out;
  }
  uint32_t epoch_loss_count() const { return trainer_.epoch_losses().size(); }
  double epoch_loss(uint32_t i) const { return trainer_.epoch_losses()[i]; }

  uint32_t vocab_size() const { return trainer_.vocab().size(); }
  double corpus_words() const { return static_cast<double>(trainer_.corpus().raw_words()); }
  double word_count(uint32_t id) const { return static_cast<double>(trainer_.vocab().count(id)); }
  double effective_min_count() const { return static_cast<double>(trainer_.vocab().effective_min_count()); }

  // Copies the trained vectors into `kv` (creating it on the first call) and refreshes
  // its norms, so its unit vectors are never stale. Copying (V, D) costs about a
  // millisecond per 10^6 floats, far less than the chunk before it.
  StatusJs sync(KeyedVectorsJs& kv) {
    const RowMatrix& from = trainer_.vectors();
    if (kv.size() != from.rows() || kv.dim() != from.cols()) {
      RowMatrix copy;
      Status s = from.clone(&copy);
      if (s.is_ok()) s = vectors::KeyedVectors::create(trainer_.vocab().words(), std::move(copy), &kv.kv());
      if (s.is_ok()) kv.kv().refresh_norms();
      return to_js(s);
    }
    RowMatrix* to = kv.kv().mutable_vectors();
    for (size_t r = 0; r < from.rows(); ++r) std::memcpy(to->row(r), from.row(r), from.cols() * sizeof(float));
    kv.kv().refresh_norms();
    return to_js(Status::ok());
  }

 private:
  word2vec::Word2VecTrainer trainer_;
};

}  // namespace embedwasm::bindings
