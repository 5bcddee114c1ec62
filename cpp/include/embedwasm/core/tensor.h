#pragma once
// Activations and gradients flowing between the layers of a model: float32, dense,
// row-major, batch first. Ids entering an Embedding travel as floats too (exact up to
// 2^24) and the Embedding checks that they are integers.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "embedwasm/core/shape.h"

namespace embedwasm {

struct Tensor {
  Shape shape;              // (B, ...)
  std::vector<float> data;  // shape_size(shape) values

  void resize(const Shape& s) {
    shape = s;
    data.resize(shape_size(s));
  }
  size_t batch() const { return shape.empty() ? 0 : shape[0]; }
};

// Keras masks: (B, T), 1 where a time step is real, 0 where it is padding. Empty when
// no layer produces one.
struct Mask {
  Shape shape;
  std::vector<uint8_t> data;
  bool empty() const { return data.empty(); }
};

}  // namespace embedwasm
