#include "embedwasm/word2vec/subsampling.h"

#include <cmath>

namespace embedwasm::word2vec {

double subsample_threshold_count(double sample, uint64_t retained_words) {
  const double total = static_cast<double>(retained_words);
  if (!(sample > 0.0)) return total;
  if (sample < 1.0) return sample * total;
  return std::floor(sample * (3.0 + std::sqrt(5.0)) / 2.0);
}

double subsample_keep_probability(uint64_t count, double sample, uint64_t retained_words) {
  if (count == 0) return 1.0;
  const double t = subsample_threshold_count(sample, retained_words);
  const double c = static_cast<double>(count);
  const double p = (std::sqrt(c / t) + 1.0) * (t / c);
  return p < 1.0 ? p : 1.0;
}

std::vector<uint32_t> subsample_thresholds(const std::vector<uint64_t>& counts, double sample,
                                           uint64_t retained_words) {
  std::vector<uint32_t> thresholds(counts.size());
  for (size_t w = 0; w < counts.size(); ++w) {
    const double p = subsample_keep_probability(counts[w], sample, retained_words);
    thresholds[w] = static_cast<uint32_t>(p * 4294967295.0);  // p * (2^32 - 1), truncated as numpy
  }
  return thresholds;
}

}  // namespace embedwasm::word2vec
