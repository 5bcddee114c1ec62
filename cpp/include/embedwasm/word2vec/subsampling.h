#pragma once
// Frequent-word subsampling as gensim's prepare_vocab computes it. A word counted c
// times is kept with probability
//     p(c) = (sqrt(c / t) + 1) * t / c, capped at 1,   t = sample * retained_words
// (retained_words: the summed counts of the final vocabulary). Subsampling happens
// before the context window is laid over a sentence, so dropping "the" also brings
// farther words into each other's windows (gensim and word2vec.c both do so).
#include <cstdint>
#include <vector>

namespace embedwasm::word2vec {

// t above; gensim reads sample >= 1 as a count: t = int(sample * (3 + sqrt 5) / 2).
// sample = 0 switches subsampling off (t = retained_words, so p = 1 for every word).
double subsample_threshold_count(double sample, uint64_t retained_words);

double subsample_keep_probability(uint64_t count, double sample, uint64_t retained_words);

// (V,) gensim's sample_int: keep a word iff its threshold >= 32 uniform random bits.
std::vector<uint32_t> subsample_thresholds(const std::vector<uint64_t>& counts, double sample,
                                           uint64_t retained_words);

}  // namespace embedwasm::word2vec
