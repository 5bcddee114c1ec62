#pragma once
// Word counting and the final word2vec vocabulary, with gensim 4's rules
// (Word2Vec.scan_vocab and prepare_vocab):
// - max_vocab_size: after each sentence, if more than max_vocab_size words are being
//   counted, drop every word counted fewer than min_reduce times, then raise min_reduce
//   (it starts at 1, so the first prune drops nothing, exactly as gensim). A word
//   seen again after a prune starts again from 1.
// - max_final_vocab: the effective min_count becomes max(min_count, c + 1), where c is
//   the count of the (max_final_vocab + 1)-th most frequent word; ties at the cut all go,
//   so the vocabulary may end up smaller than max_final_vocab.
// - The vocabulary is sorted by descending count; ties keep first-seen order (gensim's
//   order among ties is unspecified; first-seen makes ids deterministic).
#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "embedwasm/core/status.h"

namespace embedwasm::word2vec {

// Counts words as they stream in. Every distinct word also gets an interned id in
// first-seen order, never reused even when its count is pruned, so a corpus recorded
// as interned ids can be mapped to the final vocabulary afterwards.
class WordCounter {
 public:
  explicit WordCounter(int64_t max_vocab_size = 0) : max_vocab_size_(max_vocab_size) {}
  WordCounter(const WordCounter&) = delete;  // index_ views point into words_
  WordCounter& operator=(const WordCounter&) = delete;
  WordCounter(WordCounter&&) = default;
  WordCounter& operator=(WordCounter&&) = default;

  // Counts one occurrence; returns the word's interned id.
  int32_t add(std::string_view word);
  // gensim checks max_vocab_size between sentences, not between words.
  void end_sentence();

  size_t interned() const { return words_.size(); }
  const std::string& word(int32_t interned_id) const { return words_[interned_id]; }
  // 0 for a word pruned and not seen since.
  uint64_t count(int32_t interned_id) const { return counts_[interned_id]; }
  // Interned ids of the words being counted (count > 0), in first-seen order.
  const std::vector<int32_t>& counted() const { return counted_; }
  uint64_t total_words() const { return total_words_; }  // every occurrence, pruned or not
  uint64_t min_reduce() const { return min_reduce_; }    // the next prune's threshold

 private:
  void prune();

  int64_t max_vocab_size_;
  std::deque<std::string> words_;  // a deque: growing it never moves the strings index_ views
  std::unordered_map<std::string_view, int32_t> index_;
  std::vector<uint64_t> counts_;
  std::vector<int32_t> counted_;
  uint64_t total_words_ = 0;
  uint64_t min_reduce_ = 1;
};

struct VocabularyOptions {
  int64_t min_count = 5;
  int64_t max_final_vocab = 0;  // 0: no limit
};

class Vocabulary {
 public:
  Vocabulary() = default;
  Vocabulary(const Vocabulary&) = delete;  // index_ views point into words_
  Vocabulary& operator=(const Vocabulary&) = delete;
  Vocabulary(Vocabulary&&) = default;
  Vocabulary& operator=(Vocabulary&&) = default;

  // Fails when no word is left ("no word occurs at least min_count = N times").
  static Status build(const WordCounter& counter, const VocabularyOptions& options,
                      Vocabulary* out);

  size_t size() const { return words_.size(); }  // V
  const std::vector<std::string>& words() const { return words_; }  // (V,) by id
  const std::vector<uint64_t>& counts() const { return counts_; }   // (V,) descending
  const std::string& word(int32_t id) const { return words_[id]; }
  uint64_t count(int32_t id) const { return counts_[id]; }
  // -1 when the word is not in the vocabulary.
  int32_t find(std::string_view word) const;

  uint64_t retained_words() const { return retained_words_; }  // sum of counts()
  uint64_t corpus_words() const { return corpus_words_; }      // every token counted
  int64_t effective_min_count() const { return effective_min_count_; }
  // (interned,) final id of each interned id of the counter it was built from, or -1.
  const std::vector<int32_t>& id_of_interned() const { return id_of_interned_; }

 private:
  std::vector<std::string> words_;  // not resized after build: index_ views stay valid
  std::vector<uint64_t> counts_;
  std::unordered_map<std::string_view, int32_t> index_;
  std::vector<int32_t> id_of_interned_;
  uint64_t retained_words_ = 0;
  uint64_t corpus_words_ = 0;
  int64_t effective_min_count_ = 0;
};

}  // namespace embedwasm::word2vec
