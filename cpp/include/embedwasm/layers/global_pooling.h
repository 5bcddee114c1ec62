#pragma once
// keras.layers.GlobalAveragePooling1D and GlobalMaxPooling1D (channels_last, keepdims
// false): (B, T, D) -> (B, D), reducing over the time axis T. Both consume the mask
// (mask_out is empty), so the layers after them see one vector per sample.
//
// With a (B, T) mask from an Embedding with mask_zero:
//   average = sum over unmasked t of x[b, t] / (number of unmasked t), as Keras 3 does
//     (it selects with ops.where, so values at masked steps never enter, not even a
//     NaN). A sample whose steps are all masked gives 0 where Keras gives 0 / 0 = NaN,
//     so a batch holding one empty sequence does not turn the loss into NaN.
//   max = max over unmasked t only (masked steps count as -inf). Keras 3's
//     GlobalMaxPooling1D ignores the mask and lets padding steps win; leaving them out
//     is what mask_zero is for, so this layer does. A fully masked sample gives 0.
#include <cstddef>
#include <vector>

#include "embedwasm/core/status.h"
#include "embedwasm/layers/layer.h"

namespace embedwasm::layers {

// What both poolings share: the (T, D) input they are built for, the checks, and the
// loop over the batch; each subclass reduces one sample and routes its gradient back.
class GlobalPooling1D : public Layer {
 public:
  // in: (T, D) with T > 0 and D > 0.
  Status build(const Shape& in, Shape* out) override;
  // y[b] = pool(x[b]); mask_out is empty (the mask is consumed).
  Status forward(const Tensor& x, const Mask& mask_in, bool training, Tensor* y,
                 Mask* mask_out) override;
  // dx[b] = unpool(x[b], dy[b]).
  Status backward(const Tensor& x, const Mask& mask_in, const Tensor& y, const Tensor& dy,
                  Tensor* dx) override;

 protected:
  // xb: (T, D), sample b of the batch, whose steps `mask` (possibly empty) tells apart;
  // yb: (D,).
  virtual void pool(const float* xb, const Mask& mask, size_t b, float* yb) = 0;
  // dyb: (D,); writes all of dxb: (T, D).
  virtual void unpool(const float* xb, const Mask& mask, size_t b, const float* dyb, float* dxb) = 0;
  size_t steps() const { return in_[0]; }  // T
  size_t dim() const { return in_[1]; }    // D

 private:
  bool built_ = false;
  Shape in_;  // (T, D)
};

class GlobalAveragePooling1D : public GlobalPooling1D {
 public:
  const char* class_name() const override { return "GlobalAveragePooling1D"; }

 protected:
  void pool(const float* xb, const Mask& mask, size_t b, float* yb) override;
  // dx[b, t] = dy[b] / count(b) at unmasked t, 0 at masked t and for a fully masked b.
  void unpool(const float* xb, const Mask& mask, size_t b, const float* dyb, float* dxb) override;
};

class GlobalMaxPooling1D : public GlobalPooling1D {
 public:
  const char* class_name() const override { return "GlobalMaxPooling1D"; }

 protected:
  void pool(const float* xb, const Mask& mask, size_t b, float* yb) override;
  // dy[b, d] goes to the arg-max step of x[b, :, d] among unmasked steps, the first one
  // on ties (as the forward picked it); nothing for a fully masked b.
  void unpool(const float* xb, const Mask& mask, size_t b, const float* dyb, float* dxb) override;

 private:
  std::vector<size_t> argmax_;  // scratch: (D,) arg-max step of one sample
};

}  // namespace embedwasm::layers
