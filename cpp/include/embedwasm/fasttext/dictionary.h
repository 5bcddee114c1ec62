#pragma once
// fastText's dictionary: the vocabulary (words, then labels, each with its count), the
// hashed n-gram rows, and how a word or a line of text becomes input-matrix rows.
//
// Input rows: row i < nwords is word i; the n-gram rows follow. An n-gram hashes to a
// bucket b in [0, bucket); its row is nwords + b, or, in a pruned dictionary (quantized
// with -cutoff), nwords + pruneidx[b], and an n-gram whose bucket was pruned away has no
// row at all.
//
// Character n-grams of a word w are the substrings of "<w>" of minn..maxn UTF-8
// characters (a character is a lead byte and its continuation bytes; the bytes are not
// otherwise checked), in order of start then length, except the 1-character n-grams "<"
// and ">"; each hashes with fnv_hash (fnv_hash.h). "</s>", the token fastText puts at
// each line end, has none.
//
// Word n-grams (supervised, word_ngrams >= 2): over the hashes of a line's word tokens
// (including ones not in the vocabulary, and the final "</s>"), each run of 2..n tokens
// hashes as h = h * 116049371 + next, in 64 bits, each token hash first read as a signed
// 32-bit value and sign-extended (fastText keeps them in int32).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "embedwasm/fasttext/args.h"
#include "embedwasm/fasttext/int_map.h"
#include "embedwasm/core/status.h"

namespace embedwasm::fasttext {

enum class EntryType : int8_t { kWord = 0, kLabel = 1 };

struct DictionaryEntry {
  std::string word;  // bytes as in the training text (fastText does not check UTF-8)
  int64_t count = 0;
  EntryType type = EntryType::kWord;
};

// A dictionary as a model file stores it.
struct DictionaryData {
  int32_t nwords = 0;
  int32_t nlabels = 0;
  int64_t ntokens = 0;                 // tokens of the training text
  int64_t pruneidx_size = -1;          // -1: not pruned; else the n-gram rows kept
  std::vector<DictionaryEntry> entries;  // nwords words, then nlabels labels
  std::vector<std::pair<int32_t, int32_t>> pruneidx;  // (bucket, kept row - nwords)
};

// The rows and labels of one line of text, as fastText's supervised getLine gives them.
struct LineRows {
  std::vector<int32_t> rows;    // input rows: words' own rows and n-grams, then word n-grams
  std::vector<int32_t> labels;  // label ids (0 = first label) of the label tokens in the vocabulary
  std::vector<int32_t> hashes;  // scratch: the word tokens' hashes
  int32_t tokens = 0;           // tokens read, "</s>" included
};

// fastText's token separators (its readWord): space, \n, \r, \t, \v, \f and NUL.
inline bool is_fasttext_space(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\v' || c == '\f' || c == '\0';
}

class Dictionary {
 public:
  static constexpr std::string_view kEos = "</s>";

  // Checks `data` (entry order and types, unique words, the pruned index) against the
  // model's args and builds the lookup tables. On an invalid entry, *bad_entry (if
  // given) is its index, else -1.
  static Status create(DictionaryData data, const Args& args, Dictionary* out, int32_t* bad_entry = nullptr);

  const DictionaryData& data() const { return data_; }
  int32_t nwords() const { return data_.nwords; }
  int32_t nlabels() const { return data_.nlabels; }
  int32_t size() const { return static_cast<int32_t>(data_.entries.size()); }
  const DictionaryEntry& entry(int32_t id) const { return data_.entries[static_cast<size_t>(id)]; }
  bool pruned() const { return data_.pruneidx_size >= 0; }
  // Rows of the input matrix: nwords plus bucket, or plus the kept n-grams when pruned.
  int64_t input_rows() const;

  // The entry id of `word` (a word or a label), or -1. With its fnv_hash when known.
  int32_t find(std::string_view word) const;
  int32_t find(std::string_view word, uint32_t hash) const;

  // fastText's getSubwords(word): the input rows a word vector averages. A word in the
  // vocabulary: its own row, then its character n-gram rows (only its row when maxn <= 0
  // or for "</s>"); any other word: its character n-gram rows. A label has its entry id
  // as a row where that row exists, as fastText does. Appends to rows.
  void word_rows(std::string_view word, std::vector<int32_t>* rows) const;

  // The input rows of word `id` (0 <= id < nwords): its own row, then its character
  // n-gram rows (what word_rows gives for it); *n gets their number.
  const int32_t* subword_rows(int32_t id, size_t* n) const {
    const uint64_t begin = subword_offsets_[static_cast<size_t>(id)];
    *n = static_cast<size_t>(subword_offsets_[static_cast<size_t>(id) + 1] - begin);
    return subword_rows_.data() + begin;
  }

  // The character n-grams of `word` with their rows (-1 for one a pruned dictionary
  // dropped), in fastText's order; replaces the vectors' contents.
  void char_ngrams(std::string_view word, std::vector<std::string>* ngrams, std::vector<int32_t>* rows) const;

  // fastText's supervised getLine on one line: `line` holds no '\n' and is read as if a
  // newline ended it, so "</s>" is its last token. A "</s>" token inside the line ends
  // it there, as in fastText. Tokens starting with the label prefix are labels.
  void line_rows(std::string_view line, LineRows* out) const;

 private:
  template <typename Emit>
  void for_each_char_ngram(std::string_view word, Emit emit) const;
  void append_char_ngram_rows(std::string_view word, std::vector<int32_t>* rows) const;
  int32_t bucket_row(uint64_t bucket) const;  // the row of an n-gram bucket, -1 if pruned away
  void add_token(std::string_view token, LineRows* out) const;
  Status build_subwords();

  DictionaryData data_;
  int32_t minn_ = 0, maxn_ = 0, word_ngrams_ = 1;
  uint32_t bucket_ = 0;
  std::string label_prefix_;
  std::vector<uint32_t> hashes_;  // (size,) fnv_hash of each entry
  std::vector<int32_t> slots_;    // open addressing over hashes_, -1 = empty
  size_t slot_mask_ = 0;
  IntMap pruneidx_;                // bucket -> kept row - nwords
  std::vector<uint64_t> subword_offsets_;  // (nwords + 1,) into subword_rows_
  std::vector<int32_t> subword_rows_;
};

}  // namespace embedwasm::fasttext
