#pragma once
// Tensors and masks written inline in tests: MakeTensor({2, 3}, {...}).
#include <cstdint>
#include <utility>
#include <vector>

#include "embedwasm/core/shape.h"
#include "embedwasm/core/tensor.h"

namespace embedwasm::test {

inline Tensor MakeTensor(const Shape& shape, std::vector<float> data) {
  Tensor t;
  t.shape = shape;
  t.data = std::move(data);
  return t;
}

inline Mask MakeMask(const Shape& shape, std::vector<uint8_t> data) {
  Mask m;
  m.shape = shape;
  m.data = std::move(data);
  return m;
}

}  // namespace embedwasm::test
