// fasttext/dictionary_builder.h: counting, ordering, thresholds and pdiscard, by hand.
#include "embedwasm/fasttext/dictionary_builder.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace embedwasm::fasttext {
namespace {

std::vector<std::string> words_of(const DictionaryData& d) {
  std::vector<std::string> w;
  for (const DictionaryEntry& e : d.entries) w.push_back(e.word);
  return w;
}

TEST_CASE("count_dictionary: tokens, line ends, order and thresholds", "[fasttext][training]") {
  // Tokens: a b a </s> | __label__x c a </s> | (empty line) </s> | b __label__y </s> (no
  // final newline: read as if there were one) = 12 tokens.
  const std::string text = "a b\ta\n__label__x c a\n\nb __label__y";
  Args args = args_for(ModelKind::kSupervised);
  DictionaryData d;
  REQUIRE(count_dictionary(text, args, &d).is_ok());
  CHECK(d.ntokens == 12);
  // Words by count: a 3, </s> 4 -> </s> first; then a (3), b (2), c (1); labels x, y
  // (1 each) in order of appearance.
  CHECK(words_of(d) == std::vector<std::string>{"</s>", "a", "b", "c", "__label__x", "__label__y"});
  CHECK(d.nwords == 4);
  CHECK(d.nlabels == 2);
  CHECK(d.entries[0].count == 4);
  CHECK(d.entries[1].count == 3);
  CHECK(d.entries[4].type == EntryType::kLabel);
  CHECK(d.pruneidx_size == -1);

  args.min_count = 2;
  args.min_count_label = 2;  // no label is left: an error for supervised
  CHECK(count_dictionary(text, args, &d).code() == StatusCode::kInvalidArgument);
  args.min_count_label = 1;
  REQUIRE(count_dictionary(text, args, &d).is_ok());
  CHECK(words_of(d) == std::vector<std::string>{"</s>", "a", "b", "__label__x", "__label__y"});
  CHECK(d.ntokens == 12);  // dropped entries still count

  Args skipgram = args_for(ModelKind::kSkipgram);  // minCount 5: nothing is left
  CHECK(count_dictionary(text, skipgram, &d).code() == StatusCode::kInvalidArgument);
  CHECK(count_dictionary("", args, &d).code() == StatusCode::kInvalidArgument);
}

TEST_CASE("count_dictionary: a custom label prefix", "[fasttext][training]") {
  Args args = args_for(ModelKind::kSupervised);
  args.label = "#";
  DictionaryData d;
  REQUIRE(count_dictionary("#x hello __label__y\n", args, &d).is_ok());
  CHECK(d.nlabels == 1);
  CHECK(d.entries.back().word == "#x");
  CHECK(d.nwords == 3);  // __label__y is a word here
}

TEST_CASE("discard_thresholds: fastText's pdiscard = sqrt(t / f) + t / f", "[fasttext][training]") {
  DictionaryData d;
  d.ntokens = 1000;
  d.nwords = 2;
  d.entries = {{"x", 100, EntryType::kWord}, {"y", 1, EntryType::kWord}};
  const std::vector<float> keep = discard_thresholds(d, 1e-4);
  // f = 0.1: sqrt(0.001) + 0.001 = 0.0326227766; f = 0.001: sqrt(0.1) + 0.1 = 0.416227766.
  CHECK(keep[0] == Approx(0.0326227766).epsilon(1e-6));
  CHECK(keep[1] == Approx(0.416227766).epsilon(1e-6));
}

TEST_CASE("add_pretrained_words: counts one more each, adds missing words", "[fasttext][training]") {
  Args args = args_for(ModelKind::kSupervised);
  DictionaryData d;
  REQUIRE(count_dictionary("a b\n__label__x a\n", args, &d).is_ok());
  add_pretrained_words({"b", "zz", "b"}, args, &d);
  // a 2, b 1 + 2 = 3, zz 1, </s> 2: b, then a and </s> (2, first seen order: a), zz.
  CHECK(words_of(d) == std::vector<std::string>{"b", "a", "</s>", "zz", "__label__x"});
  CHECK(d.ntokens == 9);
  CHECK(d.nwords == 4);
}

}  // namespace
}  // namespace embedwasm::fasttext
