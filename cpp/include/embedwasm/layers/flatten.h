#pragma once
// keras.layers.Flatten: (B, ...) -> (B, prod(...)), a reshape of the same row-major
// data. A per-sample shape () becomes (1,), as Keras turns (B,) into (B, 1). It drops
// any mask: the time axis it described is gone.
#include "embedwasm/core/status.h"
#include "embedwasm/layers/layer.h"

namespace embedwasm::layers {

class Flatten : public Layer {
 public:
  const char* class_name() const override { return "Flatten"; }
  Status build(const Shape& in, Shape* out) override;
  Status forward(const Tensor& x, const Mask& mask_in, bool training, Tensor* y,
                 Mask* mask_out) override;
  Status backward(const Tensor& x, const Mask& mask_in, const Tensor& y, const Tensor& dy,
                  Tensor* dx) override;

 private:
  bool built_ = false;
  Shape in_;   // per sample
  Shape out_;  // (prod(in),)
};

}  // namespace embedwasm::layers
