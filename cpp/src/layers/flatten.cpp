#include "embedwasm/layers/flatten.h"

#include "layers/layer_checks.h"

namespace embedwasm::layers {

Status Flatten::build(const Shape& in, Shape* out) {
  in_ = in;
  out_ = {shape_size(in)};
  *out = out_;
  built_ = true;
  return Status::ok();
}

Status Flatten::forward(const Tensor& x, const Mask& /*mask_in*/, bool /*training*/, Tensor* y,
                        Mask* mask_out) {
  if (!built_) return not_built();
  EMBEDWASM_RETURN_IF_ERROR(check_batched("input", x, in_));
  y->shape = with_batch(x.batch(), out_);
  y->data = x.data;
  *mask_out = Mask();
  return Status::ok();
}

Status Flatten::backward(const Tensor& x, const Mask& /*mask_in*/, const Tensor& /*y*/,
                         const Tensor& dy, Tensor* dx) {
  if (!built_) return not_built();
  EMBEDWASM_RETURN_IF_ERROR(check_batched("input", x, in_));
  EMBEDWASM_RETURN_IF_ERROR(
      check_exact("dy", dy, with_batch(x.batch(), out_)));
  if (dx == nullptr) return Status::ok();
  dx->shape = x.shape;
  dx->data = dy.data;
  return Status::ok();
}

Status Flatten::forward_moving(Tensor* x, Tensor* y, Mask* mask_out) {
  if (!built_) return not_built();
  EMBEDWASM_RETURN_IF_ERROR(check_batched("input", *x, in_));
  y->shape = with_batch(x->batch(), out_);
  y->data.swap(x->data);
  *mask_out = Mask();
  return Status::ok();
}

Status Flatten::backward_moving(Tensor* x, Tensor* y, Tensor* dy, Tensor* dx) {
  if (!built_) return not_built();
  x->data.swap(y->data);
  EMBEDWASM_RETURN_IF_ERROR(check_batched("input", *x, in_));
  EMBEDWASM_RETURN_IF_ERROR(check_exact("dy", *dy, with_batch(x->batch(), out_)));
  if (dx == nullptr) return Status::ok();
  dx->shape = x->shape;
  dx->data.swap(dy->data);
  return Status::ok();
}

}  // namespace embedwasm::layers
