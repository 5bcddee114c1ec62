#include "embedwasm/word2vec/vocabulary.h"

#include <algorithm>
#include <limits>
#include <string>

namespace embedwasm::word2vec {

int32_t WordCounter::add(std::string_view word) {
  ++total_words_;
  auto it = index_.find(word);
  int32_t id;
  if (it == index_.end()) {
    id = static_cast<int32_t>(words_.size());
    words_.emplace_back(word);
    index_.emplace(std::string_view(words_.back()), id);
    counts_.push_back(0);
  } else {
    id = it->second;
  }
  if (counts_[id]++ == 0) counted_.push_back(id);
  return id;
}

void WordCounter::end_sentence() {
  if (max_vocab_size_ > 0 && counted_.size() > static_cast<uint64_t>(max_vocab_size_)) prune();
}

void WordCounter::prune() {
  // gensim's utils.prune_vocab: drop counts below min_reduce. The interned id stays, so a
  // recorded corpus still names the word; its count restarts if it comes back.
  size_t kept = 0;
  for (const int32_t id : counted_) {
    if (counts_[id] < min_reduce_) {
      counts_[id] = 0;
    } else {
      counted_[kept++] = id;
    }
  }
  counted_.resize(kept);
  ++min_reduce_;
}

Status Vocabulary::build(const WordCounter& counter, const VocabularyOptions& options,
                         Vocabulary* out) {
  if (options.min_count < 0) {
    return Status::out_of_range("must be >= 0, got " + std::to_string(options.min_count)).with_field("min_count");
  }
  if (options.max_final_vocab < 0) {
    return Status::out_of_range("must be >= 0 (0: no limit), got " +
                                std::to_string(options.max_final_vocab))
        .with_field("max_final_vocab");
  }
  // Interned ids in first-seen order, stably sorted by count: the final id order.
  std::vector<int32_t> order = counter.counted();
  std::sort(order.begin(), order.end());  // counted() is first-seen order only until a prune
  std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) {
    return counter.count(a) > counter.count(b);
  });

  uint64_t min_count = static_cast<uint64_t>(options.min_count);
  if (options.max_final_vocab > 0 && static_cast<uint64_t>(options.max_final_vocab) < order.size()) {
    const uint64_t cut = counter.count(order[static_cast<size_t>(options.max_final_vocab)]) + 1;
    min_count = std::max(min_count, cut);
  }
  size_t kept = 0;
  while (kept < order.size() && counter.count(order[kept]) >= min_count) ++kept;
  if (kept == 0) {
    const std::string min_count_name = option_name("min_count");
    std::string message = "no word occurs at least " + min_count_name + " = " + std::to_string(min_count) + " times";
    if (min_count != static_cast<uint64_t>(options.min_count)) {
      message += " (" + min_count_name + " " + std::to_string(options.min_count) + " raised by " +
                 option_name("max_final_vocab") + " = " +
                 std::to_string(options.max_final_vocab) + ", whose cut fell inside a tie)";
    }
    if (order.empty()) message += ": the corpus has no words";
    return Status::invalid_argument(message + "; lower " + min_count_name);
  }
  if (kept > static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
    return Status::out_of_range("a vocabulary of " + std::to_string(kept) +
                                " words exceeds the int32 id range; raise " + option_name("min_count"));
  }

  Vocabulary v;
  v.words_.reserve(kept);
  v.counts_.reserve(kept);
  v.index_.reserve(kept);
  v.id_of_interned_.assign(counter.interned(), -1);
  for (size_t i = 0; i < kept; ++i) {
    v.words_.push_back(counter.word(order[i]));
    v.counts_.push_back(counter.count(order[i]));
    v.retained_words_ += v.counts_.back();
    v.id_of_interned_[order[i]] = static_cast<int32_t>(i);
  }
  for (size_t i = 0; i < kept; ++i) v.index_.emplace(v.words_[i], static_cast<int32_t>(i));
  v.corpus_words_ = counter.total_words();
  v.effective_min_count_ = static_cast<int64_t>(min_count);
  *out = std::move(v);
  return Status::ok();
}

int32_t Vocabulary::find(std::string_view word) const {
  const auto it = index_.find(word);
  return it == index_.end() ? -1 : it->second;
}

}  // namespace embedwasm::word2vec
