#pragma once
// The output modes of Keras's lookup, hashing and text layers, and the dense encodings
// that Keras's encode_categorical_inputs builds from indices (float32, as Keras's
// default floatx):
// - one_hot:   one row per element, 1 at its index.
// - multi_hot: one row per sample, 1 at every index present.
// - count:     one row per sample, the number of times each index occurs.
// - tf_idf:    count * idf_weights[index], the product rounded once in float32, as
//              Keras multiplies the float32 counts by the weights.
// Indices outside [0, depth) are left out: that is how the mask token is dropped
// outside "int" mode.
#include <cstddef>
#include <cstdint>

namespace embedwasm::text {

enum class OutputMode : unsigned char { kInt, kOneHot, kMultiHot, kCount, kTfIdf };

// Keras's option value: "int", "one_hot", "multi_hot", "count", "tf_idf".
const char* output_mode_name(OutputMode mode);

// One sample: indices (n) -> out (depth). idf_weights (depth) is read in kTfIdf only.
// kOneHot and kMultiHot give the same row for one sample; kInt is not an encoding.
void encode_sample(OutputMode mode, const int32_t* indices, size_t n, size_t depth,
                   const float* idf_weights, float* out);

}  // namespace embedwasm::text
