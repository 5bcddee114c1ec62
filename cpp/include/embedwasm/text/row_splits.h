#pragma once
// Row splits describe B samples of varying length over N flat elements (TensorFlow's
// RaggedTensor row_splits): sample b is elements [splits[b], splits[b + 1]), with
// B + 1 splits that start at 0, never decrease and end at N.
#include <cstddef>
#include <cstdint>

#include "embedwasm/core/status.h"

namespace embedwasm::text {

Status check_row_splits(const uint32_t* splits, size_t num_samples, size_t num_elements);

}  // namespace embedwasm::text
