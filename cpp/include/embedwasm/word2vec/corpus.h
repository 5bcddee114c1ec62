#pragma once
// The word2vec training corpus, held in memory as vocabulary ids so that every epoch
// re-reads it cheaply (gensim re-iterates the user's corpus each epoch instead; here the
// text may have come from a stream that cannot be replayed).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "embedwasm/core/status.h"
#include "embedwasm/word2vec/tokenizer.h"
#include "embedwasm/word2vec/vocabulary.h"

namespace embedwasm::word2vec {

// Out-of-vocabulary tokens are dropped, but each sentence keeps its raw token count:
// gensim measures progress (and so the learning-rate decay) in raw words.
struct Corpus {
  std::vector<int32_t> ids;         // (N,) the in-vocabulary tokens of all sentences
  std::vector<uint64_t> id_begin;   // (S + 1,) sentence s is ids[id_begin[s], id_begin[s + 1])
  std::vector<uint64_t> raw_begin;  // (S + 1,) raw tokens (OOV included) before sentence s

  size_t sentences() const { return id_begin.empty() ? 0 : id_begin.size() - 1; }  // S
  uint64_t raw_words() const { return raw_begin.empty() ? 0 : raw_begin.back(); }
};

// Takes text (whole or in chunks) and pre-tokenized sentences, counts words as it goes
// and records each sentence as interned ids; build() then fixes the vocabulary and maps
// the recorded sentences onto it, one pass over the text in all.
class CorpusBuilder final : private TokenSink {
 public:
  explicit CorpusBuilder(const TokenizerOptions& tokenizer = {}, int64_t max_vocab_size = 0);

  // UTF-8 text; a chunk may end anywhere, even inside a character.
  void add_text(std::string_view chunk);
  // Ends the current text, as if it ended with a newline (add_sentences does this too).
  void end_text();
  // Tokens are taken as given (no lowercasing or splitting; empty strings are skipped).
  // Sentences longer than max_sentence_length are split as text lines are (gensim would
  // truncate them when training; splitting loses nothing).
  void add_sentence(const std::vector<std::string>& tokens);
  void add_sentences(const std::vector<std::vector<std::string>>& sentences);

  const WordCounter& counter() const { return counter_; }
  uint64_t raw_words() const { return counter_.total_words(); }

  // Ends the text, builds the vocabulary and encodes the corpus. The builder is left
  // empty (its memory released) on success.
  Status build(const VocabularyOptions& options, Vocabulary* vocab, Corpus* corpus);

 private:
  void on_token(std::string_view token) override;
  void on_sentence_end() override;

  Tokenizer tokenizer_;
  WordCounter counter_;
  int64_t max_vocab_size_;
  std::vector<int32_t> interned_ids_;   // every token so far, as counter_ ids
  std::vector<uint64_t> sentence_end_;  // (S,) end of each sentence in interned_ids_
  size_t open_tokens_ = 0;              // tokens of the sentence being added
};

}  // namespace embedwasm::word2vec
