#include "embedwasm/text/category_encoding.h"

#include <algorithm>

namespace embedwasm::text {

const char* output_mode_name(OutputMode mode) {
  switch (mode) {
    case OutputMode::kInt: return "int";
    case OutputMode::kOneHot: return "one_hot";
    case OutputMode::kMultiHot: return "multi_hot";
    case OutputMode::kCount: return "count";
    case OutputMode::kTfIdf: return "tf_idf";
  }
  return "?";
}

void encode_sample(OutputMode mode, const int32_t* indices, size_t n, size_t depth,
                   const float* idf_weights, float* out) {
  std::fill(out, out + depth, 0.0f);
  const bool binary = mode == OutputMode::kOneHot || mode == OutputMode::kMultiHot;
  for (size_t i = 0; i < n; ++i) {
    const int32_t index = indices[i];
    if (index < 0 || static_cast<size_t>(index) >= depth) continue;
    out[index] = binary ? 1.0f : out[index] + 1.0f;
  }
  // The whole row, as Keras multiplies the count vector by the weight vector.
  if (mode == OutputMode::kTfIdf) {
    for (size_t d = 0; d < depth; ++d) out[d] *= idf_weights[d];
  }
}

}  // namespace embedwasm::text
