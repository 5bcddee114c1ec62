#pragma once
// gensim 4's KeyedVectors.evaluate_word_pairs on the text of a word-similarity file such as
// WordSim-353 (wordsim353.tsv) or SimLex-999: "w1<delimiter>w2<delimiter>score" lines, lines
// starting with '#' ignored. Returns Pearson's and Spearman's correlations (correlation.h)
// between the gold scores and the model's cosine similarities, and the share of pairs with
// an unknown word in percent.
//
// As gensim 4.2: a line that does not split into exactly 3 fields on the delimiter, or
// whose third field is not a number, is skipped and not counted; words are looked up in
// the first restrict_vocab rows, upper-cased with case_insensitive (a key shared by
// several rows means the first); a pair with an unknown word counts in `oov` and is
// skipped (dummy4unknown=False) or scored 0 (dummy4unknown=True, and then the OOV ratio is
// over the pairs used, as gensim). No usable pair is an error (gensim: ValueError).
// Differences: "\r\n" line ends are accepted (Python's text mode) but a lone '\r' does not end
// a line; only ASCII letters are case-folded; the score is parsed with strtod in the C locale
// (Python's float() also takes '_' digit separators; hexadecimal is rejected like Python).
#include <cstddef>
#include <string>

#include "embedwasm/core/option_schema.h"
#include "embedwasm/vectors/correlation.h"
#include "embedwasm/vectors/keyed_vectors.h"
#include "embedwasm/core/status.h"

namespace embedwasm::vectors {

struct WordPairOptions {
  char delimiter = '\t';
  size_t restrict_vocab = 300000;  // 0: all rows
  bool case_insensitive = true;
  bool dummy4unknown = false;
};
// delimiter: one character.
const Schema<WordPairOptions>& word_pair_options_schema();

struct WordPairReport {
  Correlation pearson;
  Correlation spearman;
  double oov_ratio = 0.0;  // percent
  size_t pairs = 0;        // pairs correlated (with dummy4unknown, the OOV ones included)
  size_t oov = 0;          // pairs with a word outside the vocabulary
};

Status evaluate_word_pairs(const KeyedVectors& kv, const std::string& text, const WordPairOptions& options,
                           WordPairReport* out);

}  // namespace embedwasm::vectors
