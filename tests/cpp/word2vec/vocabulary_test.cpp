#include "embedwasm/word2vec/vocabulary.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "embedwasm/word2vec/corpus.h"

using embedwasm::StatusCode;
using embedwasm::word2vec::Corpus;
using embedwasm::word2vec::CorpusBuilder;
using embedwasm::word2vec::Vocabulary;
using embedwasm::word2vec::VocabularyOptions;
using embedwasm::word2vec::WordCounter;
using Words = std::vector<std::string>;

namespace {

WordCounter count(const std::vector<Words>& sentences, int64_t max_vocab_size = 0) {
  WordCounter counter(max_vocab_size);
  for (const Words& sentence : sentences) {
    for (const std::string& w : sentence) counter.add(w);
    counter.end_sentence();
  }
  return counter;
}

VocabularyOptions min_count(int64_t n, int64_t max_final_vocab = 0) {
  VocabularyOptions o;
  o.min_count = n;
  o.max_final_vocab = max_final_vocab;
  return o;
}

}  // namespace

TEST_CASE("Vocabulary: descending counts, ties in first-seen order, lookups", "[word2vec]") {
  const WordCounter counter = count({{"b", "a", "c", "a"}, {"d", "c", "e", "a"}, {"e", "f"}});
  Vocabulary vocab;
  REQUIRE(Vocabulary::build(counter, min_count(1), &vocab).is_ok());
  // a: 3; then c and e (2 each: c seen first); then b, d, f (1 each, in first-seen order).
  CHECK(vocab.words() == Words{"a", "c", "e", "b", "d", "f"});
  CHECK(vocab.counts() == std::vector<uint64_t>{3, 2, 2, 1, 1, 1});
  CHECK(vocab.find("e") == 2);
  CHECK(vocab.find("zzz") == -1);
  CHECK(vocab.word(4) == "d");
  CHECK(vocab.count(0) == 3);
  CHECK(vocab.retained_words() == 10);
  CHECK(vocab.corpus_words() == 10);

  // Moving keeps the lookup table valid (its keys view the moved strings).
  Vocabulary moved = std::move(vocab);
  CHECK(moved.find("f") == 5);
}

TEST_CASE("Vocabulary: min_count drops rare words and can remove everything", "[word2vec]") {
  const WordCounter counter = count({{"a", "b", "a", "c", "a", "b"}});
  Vocabulary vocab;
  REQUIRE(Vocabulary::build(counter, min_count(2), &vocab).is_ok());
  CHECK(vocab.words() == Words{"a", "b"});
  CHECK(vocab.retained_words() == 5);
  CHECK(vocab.corpus_words() == 6);
  CHECK(vocab.id_of_interned() == std::vector<int32_t>{0, 1, -1});

  const auto status = Vocabulary::build(counter, min_count(4), &vocab);
  CHECK(status.code() == StatusCode::kInvalidArgument);
  CHECK(status.message() == "no word occurs at least min_count = 4 times; lower min_count");
  CHECK(Vocabulary::build(WordCounter(), min_count(1), &vocab).message() ==
        "no word occurs at least min_count = 1 times: the corpus has no words; lower min_count");
  CHECK(Vocabulary::build(counter, min_count(-1), &vocab).code() == StatusCode::kOutOfRange);
}

TEST_CASE("Vocabulary: max_vocab_size prunes between sentences as gensim", "[word2vec]") {
  // gensim's scan_vocab with max_vocab_size = 2, min_reduce starting at 1:
  //   {a:1, b:1}                      2 words: no prune
  //   {a:1, b:1, c:1}                 3 > 2: prune count < 1 (nothing); min_reduce = 2
  //   {a:2, b:1, c:1} -> {a:2}        3 > 2: prune count < 2;            min_reduce = 3
  //   {a:3, d:1}                      2 words: no prune
  //   {a:3, d:1, b:1} -> {a:3}        b comes back from 1 and is pruned again (< 3)
  const WordCounter counter = count({{"a", "b"}, {"c"}, {"a"}, {"d", "a"}, {"b"}}, 2);
  CHECK(counter.min_reduce() == 4);
  CHECK(counter.total_words() == 7);
  CHECK(counter.count(0) == 3);  // a
  CHECK(counter.count(1) == 0);  // b, pruned
  Vocabulary vocab;
  REQUIRE(Vocabulary::build(counter, min_count(1), &vocab).is_ok());
  CHECK(vocab.words() == Words{"a"});
  CHECK(vocab.corpus_words() == 7);

  // Without the limit all five words survive.
  Vocabulary all;
  REQUIRE(Vocabulary::build(count({{"a", "b"}, {"c"}, {"a"}, {"d", "a"}, {"b"}}), min_count(1), &all).is_ok());
  CHECK(all.words() == Words{"a", "b", "c", "d"});
}

TEST_CASE("Vocabulary: max_final_vocab raises min_count to the cut's count + 1", "[word2vec]") {
  // Counts: a 5, b 4, c 3, d 3, e 1.
  const WordCounter counter =
      count({{"a", "a", "a", "a", "a", "b", "b", "b", "b", "c", "c", "c", "d", "d", "d", "e"}});
  Vocabulary vocab;
  REQUIRE(Vocabulary::build(counter, min_count(1, 4), &vocab).is_ok());
  CHECK(vocab.words() == Words{"a", "b", "c", "d"});  // cut at e (1): min_count 2
  CHECK(vocab.effective_min_count() == 2);
  REQUIRE(Vocabulary::build(counter, min_count(1, 3), &vocab).is_ok());
  CHECK(vocab.words() == Words{"a", "b"});  // the cut falls in the c/d tie: both go
  CHECK(vocab.effective_min_count() == 4);
  REQUIRE(Vocabulary::build(counter, min_count(5, 3), &vocab).is_ok());
  CHECK(vocab.words() == Words{"a"});  // min_count is the stricter
  REQUIRE(Vocabulary::build(counter, min_count(1, 10), &vocab).is_ok());
  CHECK(vocab.size() == 5);

  const WordCounter ties = count({{"x", "y", "z"}});
  const auto status = Vocabulary::build(ties, min_count(1, 2), &vocab);
  CHECK(status.code() == StatusCode::kInvalidArgument);
  CHECK(status.message().find("max_final_vocab = 2") != std::string::npos);
}

TEST_CASE("CorpusBuilder: text and token input encoded onto the vocabulary", "[word2vec]") {
  CorpusBuilder builder;
  builder.add_text("the cat SAT on the mat\nthe do");
  builder.add_text("g sat\n\n");
  builder.add_sentences({{"the", "cat"}, {}, {"Cat", "", "the"}});
  Vocabulary vocab;
  Corpus corpus;
  REQUIRE(builder.build(min_count(2), &vocab, &corpus).is_ok());
  CHECK(vocab.words() == Words{"the", "cat", "sat"});
  // Sentences: [the cat sat on the mat] [the dog sat] [the cat] [Cat the]; OOV dropped.
  CHECK(corpus.ids == std::vector<int32_t>{0, 1, 2, 0, 0, 2, 0, 1, 0});
  CHECK(corpus.id_begin == std::vector<uint64_t>{0, 4, 6, 8, 9});
  CHECK(corpus.raw_begin == std::vector<uint64_t>{0, 6, 9, 11, 13});
  CHECK(corpus.raw_words() == 13);
  CHECK(vocab.corpus_words() == 13);
}
