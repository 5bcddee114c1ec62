#pragma once
// gensim 4's KeyedVectors.evaluate_word_analogies on the text of a questions-words file
// (Mikolov et al.'s questions-words.txt format): ": section" lines, then one "a b c d"
// question per line, read "a is to b as c is to d".
//
// As gensim 4.2:
// - the vocabulary is the first restrict_vocab rows; with case_insensitive (the default)
//   both it and the questions are upper-cased, and a key shared by several rows ("Paris",
//   "paris") means its first, most frequent row;
// - a line that is not 4 whitespace-separated words is skipped and not counted; a question
//   with a word outside the vocabulary is counted in `oov` and skipped, or with
//   dummy4unknown counted as incorrect;
// - each answer is most_similar(positive [b, c], negative [a], topn 5) over the restricted
//   rows without a, b and c, taking the first result whose key is not a, b or c (so "King"
//   cannot answer a question about "king"); it is correct if that key is d;
// - a question line before any section header is an error.
// Differences: only ASCII letters are case-folded and split on ASCII whitespace (Python
// folds and splits Unicode); restrict_vocab = 0 means all rows (gensim: no rows); a text
// with no question lines is an error (gensim divides by zero).
// The questions are answered in batches (KeyedVectors::most_similar_batch).
#include <cstddef>
#include <string>
#include <vector>

#include "embedwasm/core/option_schema.h"
#include "embedwasm/vectors/keyed_vectors.h"
#include "embedwasm/core/status.h"

namespace embedwasm::vectors {

// Words as compared: upper-cased when case_insensitive.
struct AnalogyQuestion {
  std::string a, b, c, expected;
};

struct AnalogySection {
  std::string name;
  std::vector<AnalogyQuestion> correct;
  std::vector<AnalogyQuestion> incorrect;
  // correct / (correct + incorrect); 0 for a section with no evaluated question (gensim).
  double accuracy() const {
    const size_t n = correct.size() + incorrect.size();
    return n == 0 ? 0.0 : static_cast<double>(correct.size()) / static_cast<double>(n);
  }
};

struct AnalogyOptions {
  size_t restrict_vocab = 300000;
  bool case_insensitive = true;
  bool dummy4unknown = false;
};
const Schema<AnalogyOptions>& analogy_options_schema();

struct AnalogyReport {
  std::vector<AnalogySection> sections;  // in file order, empty ones included
  AnalogySection total;                  // "Total accuracy": every section's questions
  double score = 0.0;                    // total.accuracy(), gensim's first return value
  size_t questions = 0;                  // well-formed question lines
  size_t oov = 0;                        // of which with a word outside the vocabulary
  double oov_ratio = 0.0;                // 100 * oov / questions
  std::vector<AnalogyQuestion> oov_questions;
};

Status evaluate_word_analogies(const KeyedVectors& kv, const std::string& text, const AnalogyOptions& options,
                               AnalogyReport* out);

}  // namespace embedwasm::vectors
