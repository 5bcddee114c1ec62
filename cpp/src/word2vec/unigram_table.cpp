#include "embedwasm/word2vec/unigram_table.h"

#include <cmath>
#include <string>

namespace embedwasm::word2vec {

Status UnigramTable::build(const std::vector<uint64_t>& counts, double ns_exponent, UnigramTable* out) {
  if (!std::isfinite(ns_exponent)) {
    return Status::out_of_range("must be finite, got " + std::to_string(ns_exponent)).with_field("ns_exponent");
  }
  if (counts.empty()) return Status::invalid_argument("the unigram table needs at least one word");
  double total = 0.0;
  for (const uint64_t c : counts) total += std::pow(static_cast<double>(c), ns_exponent);
  if (!(total > 0.0) || !std::isfinite(total)) {
    return Status::out_of_range("the counts raised to " + option_name("ns_exponent") + " = " + std::to_string(ns_exponent) +
                                " do not sum to a positive finite number");
  }
  UnigramTable table;
  table.cum_.resize(counts.size());
  double cumulative = 0.0;
  for (size_t w = 0; w < counts.size(); ++w) {
    cumulative += std::pow(static_cast<double>(counts[w]), ns_exponent);
    // numpy's round is half-to-even, which nearbyint does in the default rounding mode.
    const double scaled = std::nearbyint(cumulative / total * kDomain);
    table.cum_[w] = scaled >= kDomain ? kDomain : static_cast<uint32_t>(scaled);
  }
  // gensim asserts the last entry is the domain; pin it against the sum's rounding.
  table.cum_.back() = kDomain;
  *out = std::move(table);
  return Status::ok();
}

}  // namespace embedwasm::word2vec
