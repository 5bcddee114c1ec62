// fasttext/fnv_hash.h and fasttext/dictionary.h: hashes, subwords, line rows, pruning.
#include "embedwasm/fasttext/dictionary.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "embedwasm/fasttext/fnv_hash.h"

namespace embedwasm::fasttext {
namespace {

// Expected values below were computed by hand (Python) from the FNV-1a definition with
// each byte >= 0x80 XORed in as 0xFFFFFF00 | byte.
TEST_CASE("fnv_hash: fastText's FNV-1a with sign-extended bytes", "[fasttext]") {
  CHECK(fnv_hash("") == 2166136261u);
  CHECK(fnv_hash("a") == 3826002220u);  // 0xE40C292C, plain FNV-1a: ASCII is unaffected
  CHECK(fnv_hash("</s>") == 3617362777u);
  CHECK(fnv_hash("\xC3\xA9") == 1023043777u);  // "é"; unsigned bytes would give 513665217
  CHECK(fnv_hash("<\xC3\xA9t\xC3\xA9>") == 2778999949u);
  CHECK(fnv_hash("\xE6\x97\xA5\xE6\x9C\xAC") == 4164387409u);  // "日本"
  CHECK(fnv_hash_continue(fnv_hash("ab"), "cd", 2) == fnv_hash("abcd"));
}

Args args_with(int32_t minn, int32_t maxn, int32_t bucket, int32_t word_ngrams = 1) {
  Args a = args_for(ModelKind::kSupervised);
  a.minn = minn;
  a.maxn = maxn;
  a.bucket = bucket;
  a.word_ngrams = word_ngrams;
  return a;
}

DictionaryData two_words_one_label() {
  DictionaryData d;
  d.nwords = 2;
  d.nlabels = 1;
  d.entries = {{"</s>", 10, EntryType::kWord}, {"hello", 5, EntryType::kWord}, {"__label__x", 3, EntryType::kLabel}};
  return d;
}

TEST_CASE("Dictionary: character n-grams of <été> are UTF-8 characters, hashed into buckets", "[fasttext]") {
  Dictionary d;
  REQUIRE(Dictionary::create(two_words_one_label(), args_with(3, 3, 1000), &d).is_ok());
  std::vector<std::string> ngrams;
  std::vector<int32_t> rows;
  d.char_ngrams("\xC3\xA9t\xC3\xA9", &ngrams, &rows);
  CHECK(ngrams == std::vector<std::string>{"<\xC3\xA9t", "\xC3\xA9t\xC3\xA9", "t\xC3\xA9>"});
  // nwords (2) + hash % bucket; hashes by hand: 133, 927, 535.
  CHECK(rows == std::vector<int32_t>{2 + 133, 2 + 927, 2 + 535});
  // An unknown word's vector rows are its n-grams; "</s>" has none.
  rows.clear();
  d.word_rows("\xC3\xA9t\xC3\xA9", &rows);
  CHECK(rows == std::vector<int32_t>{135, 929, 537});
  rows.clear();
  d.word_rows("hello", &rows);
  CHECK(rows.size() == 1 + 5);  // its own row, then <he hel ell llo lo>
  CHECK(rows[0] == 1);
  rows.clear();
  d.word_rows("</s>", &rows);
  CHECK(rows == std::vector<int32_t>{0});
}

TEST_CASE("Dictionary: minn 1 leaves out the single '<' and '>'", "[fasttext]") {
  Dictionary d;
  REQUIRE(Dictionary::create(two_words_one_label(), args_with(1, 2, 50), &d).is_ok());
  std::vector<std::string> ngrams;
  std::vector<int32_t> rows;
  d.char_ngrams("ab", &ngrams, &rows);
  CHECK(ngrams == std::vector<std::string>{"<a", "a", "ab", "b", "b>"});
  for (size_t i = 0; i < ngrams.size(); ++i) CHECK(rows[i] == 2 + static_cast<int32_t>(fnv_hash(ngrams[i]) % 50));
}

TEST_CASE("Dictionary: a line's rows, labels, </s> and word bigrams", "[fasttext]") {
  Dictionary d;
  REQUIRE(Dictionary::create(two_words_one_label(), args_with(0, 0, 100, 2), &d).is_ok());
  LineRows line;
  d.line_rows(" hello\tunknown __label__x __label__unseen\r", &line);
  // Words: hello (row 1), unknown (no row, no n-grams), </s> (row 0); labels ignored.
  // Bigrams over the hashes of hello, unknown, </s>, each sign-extended to 64 bits.
  auto ext = [](uint32_t h) { return static_cast<uint64_t>(static_cast<int64_t>(static_cast<int32_t>(h))); };
  const uint64_t h1 = ext(fnv_hash("hello")) * 116049371u + ext(fnv_hash("unknown"));
  const uint64_t h2 = ext(fnv_hash("unknown")) * 116049371u + ext(fnv_hash("</s>"));
  CHECK(line.rows == std::vector<int32_t>{1, 0, 2 + static_cast<int32_t>(h1 % 100), 2 + static_cast<int32_t>(h2 % 100)});
  CHECK(line.labels == std::vector<int32_t>{0});
  CHECK(line.tokens == 5);
  // A literal </s> ends the line, as in fastText.
  d.line_rows("hello </s> hello hello", &line);
  CHECK(line.tokens == 2);
}

TEST_CASE("Dictionary: a pruned index keeps only the listed buckets", "[fasttext]") {
  DictionaryData data = two_words_one_label();
  const int32_t kept = static_cast<int32_t>(fnv_hash("<\xC3\xA9t") % 1000);  // 133
  data.pruneidx_size = 1;
  data.pruneidx = {{kept, 0}};
  Dictionary d;
  REQUIRE(Dictionary::create(std::move(data), args_with(3, 3, 1000), &d).is_ok());
  CHECK(d.input_rows() == 3);
  std::vector<std::string> ngrams;
  std::vector<int32_t> rows;
  d.char_ngrams("\xC3\xA9t\xC3\xA9", &ngrams, &rows);
  CHECK(rows == std::vector<int32_t>{2, -1, -1});
  rows.clear();
  d.word_rows("\xC3\xA9t\xC3\xA9", &rows);
  CHECK(rows == std::vector<int32_t>{2});
}

TEST_CASE("Dictionary::create rejects inconsistent data", "[fasttext]") {
  Dictionary d;
  int32_t bad = 0;
  DictionaryData dup = two_words_one_label();
  dup.entries[1].word = "</s>";
  Status s = Dictionary::create(dup, args_with(0, 0, 0), &d, &bad);
  CHECK(s.message() == "dictionary entry 1: '</s>' is already entry 0");
  CHECK(bad == 1);
  DictionaryData order = two_words_one_label();
  order.entries[1].type = EntryType::kLabel;
  CHECK_FALSE(Dictionary::create(order, args_with(0, 0, 0), &d, &bad).is_ok());
  CHECK(bad == 1);
  // Buckets 0 while the model hashes n-grams: fastText would divide by zero.
  CHECK(Dictionary::create(two_words_one_label(), args_with(2, 3, 0), &d).message() ==
        "bucket is 0, but the model hashes character n-grams into buckets");
  DictionaryData pruned = two_words_one_label();
  pruned.pruneidx_size = 2;
  pruned.pruneidx = {{5, 0}, {5, 1}};
  CHECK(Dictionary::create(pruned, args_with(2, 3, 10), &d).message() ==
        "pruned n-gram index: bucket 5 appears twice");
}

}  // namespace
}  // namespace embedwasm::fasttext
