#pragma once
// The noise distribution of negative sampling: P(w) proportional to count(w)^ns_exponent,
// stored as gensim's cum_table (make_cum_table): cumulative weights scaled to the
// domain 2^31 - 1 and searched by bisection. word2vec.c's 10^8-entry table costs 400 MB
// of wasm memory; this costs 4 bytes a word and a log2(V) search, which stays in cache.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "embedwasm/core/status.h"

namespace embedwasm::word2vec {

class UnigramTable {
 public:
  static constexpr uint32_t kDomain = 0x7FFFFFFFu;  // 2^31 - 1, as gensim

  // counts: (V,), V >= 1; all zero counts would make an empty distribution (an error).
  static Status build(const std::vector<uint64_t>& counts, double ns_exponent, UnigramTable* out);

  size_t size() const { return cum_.size(); }
  const std::vector<uint32_t>& cumulative() const { return cum_; }  // (V,) ends at kDomain
  // A word with probability (cum[w] - cum[w-1]) / kDomain, from 32 uniform random bits.
  int32_t sample(uint32_t random_bits) const {
    // Lemire's multiply-shift maps the bits to [0, kDomain) without a division; its bias
    // (< 2^-32 per value) is far below the table's own rounding.
    const uint32_t x = static_cast<uint32_t>((uint64_t{random_bits} * kDomain) >> 32);
    // The first w with cum[w] > x (std::upper_bound, written out so the loop has no
    // unpredictable branch): word w owns [cum[w-1], cum[w]) exactly. gensim's
    // bisect_left gives it (cum[w-1], cum[w]], off by one value in 2^31.
    const uint32_t* base = cum_.data();
    size_t n = cum_.size();
    while (n > 1) {
      const size_t half = n / 2;
      base = base[half] <= x ? base + half : base;
      n -= half;
    }
    base += *base <= x;  // cannot pass the end: cum.back() = kDomain > x
    return static_cast<int32_t>(base - cum_.data());
  }
  double probability(int32_t word) const {
    return static_cast<double>(cum_[word] - (word == 0 ? 0 : cum_[word - 1])) / kDomain;
  }

 private:
  std::vector<uint32_t> cum_;
};

}  // namespace embedwasm::word2vec
