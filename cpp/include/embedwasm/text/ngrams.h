#pragma once
// tf.strings.ngrams(tokens, ngram_width=widths, separator=" ") as TextVectorization
// calls it (no padding, short sequences not preserved): for each width w in the order
// given, every run of w consecutive tokens joined by single spaces. Keras turns
// ngrams=N into the widths 1..N, so ngrams=2 gives all unigrams, then all bigrams:
// "a b c" -> a, b, c, "a b", "b c".
#include <vector>

#include "embedwasm/text/string_list.h"

namespace embedwasm::text {

// Appends the n-grams of tokens to *out, each as one string. Widths are positive.
void append_ngrams(const StringList& tokens, const std::vector<int>& widths, StringList* out);

// Bytes that append_ngrams would add for a sequence of `count` tokens holding
// `token_bytes` bytes, an upper bound used to refuse inputs that would not fit.
double ngram_bytes_bound(double count, double token_bytes, const std::vector<int>& widths);

}  // namespace embedwasm::text
