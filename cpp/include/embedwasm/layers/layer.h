#pragma once
// A model layer: a forward/backward pair over batch-first Tensors. The model calls
// build once with the per-sample input shape, then forward and backward per batch;
// backward sees the same x and y its forward saw.
#include <memory>
#include <vector>

#include "embedwasm/core/shape.h"
#include "embedwasm/core/status.h"
#include "embedwasm/layers/param.h"
#include "embedwasm/core/tensor.h"

namespace embedwasm::layers {

class Layer {
 public:
  virtual ~Layer() = default;
  virtual const char* class_name() const = 0;  // Keras class name: "Dense", ...
  // in / out: per-sample shapes (no batch axis). Allocates the weights.
  virtual Status build(const Shape& in, Shape* out) = 0;
  // x: (B, in...) -> y: (B, out...). mask_in may be empty; mask_out is what the next
  // layer sees (Embedding with mask_zero creates one, pooling consumes it).
  virtual Status forward(const Tensor& x, const Mask& mask_in, bool training, Tensor* y,
                         Mask* mask_out) = 0;
  // dy -> parameter gradients (added into Param::grad / set in Param::sparse_grad) and,
  // when dx is not null, dL/dx.
  virtual Status backward(const Tensor& x, const Mask& mask_in, const Tensor& y, const Tensor& dy,
                          Tensor* dx) = 0;
  // In TF.js getWeights() order and layout: Dense gives [kernel (in, units), bias (1, units)].
  virtual std::vector<Param*> params() { return {}; }
};

}  // namespace embedwasm::layers
