#pragma once
// A Dense layer for tests, from the options they vary.
#include <cstdint>
#include <memory>

#include "embedwasm/layers/dense.h"
#include "layers/layer_gradient_check.h"

namespace embedwasm::layers_test {

inline std::unique_ptr<layers::Dense> MakeDense(int64_t units, layers::ActivationKind activation, bool use_bias = true,
                                                uint64_t seed = 7) {
  layers::DenseConfig c;
  c.units = units;
  c.activation = activation;
  c.use_bias = use_bias;
  c.seed = seed;
  std::unique_ptr<layers::Dense> d;
  TL_REQUIRE_OK(layers::Dense::create(c, &d));
  return d;
}

}  // namespace embedwasm::layers_test
