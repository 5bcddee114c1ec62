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

  // forward and backward for a caller that owns the tensors (model::Sequential): the
  // values move between x and y, and from dy to dx, instead of being copied (33.5 MB
  // each way for a batch of 256 x 256 x 128). forward_moving leaves y's old buffer in x;
  // backward_moving moves x's values back, since the layer before reads its output in
  // its own backward, and dy's into dx (dx may be null).
  Status forward_moving(Tensor* x, Tensor* y, Mask* mask_out);
  Status backward_moving(Tensor* x, Tensor* y, Tensor* dy, Tensor* dx);

 private:
  bool built_ = false;
  Shape in_;   // per sample
  Shape out_;  // (prod(in),)
};

}  // namespace embedwasm::layers
