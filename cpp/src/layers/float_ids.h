#pragma once
// Ids reach the model-facing Embedding layers as float32 Tensors (one Tensor type for
// every layer, as in Keras and TF.js, where the input is float unless cast). The cores
// take int32: the conversion refuses anything that is not a whole number instead of
// truncating it, since 2.7 silently becoming id 2 would train the wrong row.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "embedwasm/core/status.h"
#include "embedwasm/core/tensor.h"

namespace embedwasm::layers {

// ids: resized to x's size. A NaN, an infinity or a fraction is kInvalidArgument naming
// the value and its position in x; a whole number outside int32 is kOutOfRange in the
// words the core uses for ids outside [0, vocab). Ids inside int32 but outside
// [0, vocab) are left for the core to report.
Status float_ids_to_int32(const Tensor& x, size_t vocab, std::vector<int32_t>* ids);

}  // namespace embedwasm::layers
