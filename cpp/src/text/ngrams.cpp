#include "embedwasm/text/ngrams.h"

#include <cstddef>

namespace embedwasm::text {

void append_ngrams(const StringList& tokens, const std::vector<int>& widths, StringList* out) {
  const size_t n = tokens.size();
  for (const int width_int : widths) {
    const auto width = static_cast<size_t>(width_int);
    if (width > n) continue;
    for (size_t start = 0; start + width <= n; ++start) {
      out->append(tokens[start]);
      for (size_t k = 1; k < width; ++k) {
        out->append(' ');
        out->append(tokens[start + k]);
      }
      out->end_string();
    }
  }
}

double ngram_bytes_bound(double count, double token_bytes, const std::vector<int>& widths) {
  // Each token appears in at most `width` n-grams of that width, each followed by at most
  // one separator.
  double total = 0;
  for (const int width : widths) total += width * (token_bytes + count);
  return total;
}

}  // namespace embedwasm::text
