#include "embedwasm/word2vec/sigmoid_table.h"

#include <cmath>

namespace embedwasm::word2vec {

SigmoidTable::SigmoidTable() {
  for (int i = 0; i <= kSize; ++i) {
    // Entry i is sigma at the left edge of its bucket, exactly as word2vec.c fills expTable.
    const double e = std::exp((static_cast<double>(i) / kSize * 2.0 - 1.0) * kMaxExp);
    const double s = e / (e + 1.0);
    sigmoid_[i] = static_cast<float>(s);
    log_sigmoid_[i] = static_cast<float>(std::log(s));
  }
}

}  // namespace embedwasm::word2vec
