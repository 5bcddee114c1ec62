#pragma once
// Keras initializers for a rows × cols weight (an Embedding table is (V, D)), drawn
// from a seeded generator so that a seed gives the same table in Node, browsers and
// natively. Fans follow Keras for 2-D weights: fan_in = rows, fan_out = cols.
#include <cstddef>
#include <cstdint>
#include <string>

#include "embedwasm/core/option_schema.h"
#include "embedwasm/core/row_matrix.h"
#include "embedwasm/core/status.h"

namespace embedwasm {

struct InitializerSpec {
  // uniform, normal (alias random_normal), truncated_normal, glorot_uniform,
  // glorot_normal, he_uniform, he_normal, lecun_uniform, lecun_normal, zeros, ones,
  // constant, orthogonal; tfjs camelCase names (glorotUniform, leCunNormal, ...) and
  // Keras class names (GlorotUniform, ...) are accepted too.
  std::string name = "uniform";
  double minval = -0.05, maxval = 0.05;  // uniform (Keras defaults for Embedding)
  double mean = 0.0, stddev = 0.05;      // normal, truncated_normal
  double value = 0.0;                    // constant
  double gain = 1.0;                     // orthogonal
};

// name: the names JS lists (tfjs' spellings); every parameter a finite float32 (one
// beyond float32's range would fill the table with inf), stddev >= 0.
const Schema<InitializerSpec>& initializer_schema();

// Fills every row of `out` (its padding stays zero). Unknown names and minval > maxval
// (for uniform) are kInvalidArgument; parameters outside the schema's ranges kOutOfRange.
Status initialize(const InitializerSpec& spec, uint64_t seed, RowMatrix* out);

}  // namespace embedwasm
