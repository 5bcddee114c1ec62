#include "embedwasm/layers/global_pooling.h"

#include <algorithm>
#include <string>
#include <vector>

#include "kernels/kernels.h"
#include "layers/layer_checks.h"

namespace embedwasm::layers {

namespace {

// Step t of sample b is real: no mask means every step is.
inline bool real_step(const Mask& mask, size_t b, size_t steps, size_t t) {
  return mask.empty() || mask.data[b * steps + t] != 0;
}

// For sample b, the first unmasked step holding the max of each feature, or `steps`
// for every feature when all steps are masked. Comparing with > keeps the first step on
// ties; taking the first real step unconditionally lets a column of -inf still choose.
void argmax_steps(const float* xb, const Mask& mask, size_t b, size_t steps, size_t dim,
                  std::vector<size_t>* argmax) {
  argmax->assign(dim, steps);
  for (size_t t = 0; t < steps; ++t) {
    if (!real_step(mask, b, steps, t)) continue;
    const float* xt = xb + t * dim;
    for (size_t d = 0; d < dim; ++d) {
      const size_t best = (*argmax)[d];
      if (best == steps || xt[d] > xb[best * dim + d]) (*argmax)[d] = t;
    }
  }
}

}  // namespace

Status GlobalPooling1D::build(const Shape& in, Shape* out) {
  if (in.size() != 2 || in[0] == 0 || in[1] == 0) {
    return Status::invalid_argument("the input must be 3-D (batch, steps, features) with steps > 0 "
                                    "and features > 0, "
                                    "got per-sample shape " + shape_to_string(in));
  }
  in_ = in;
  *out = {in[1]};
  built_ = true;
  return Status::ok();
}

Status GlobalPooling1D::forward(const Tensor& x, const Mask& mask_in, bool /*training*/, Tensor* y,
                                Mask* mask_out) {
  if (!built_) return not_built();
  EMBEDWASM_RETURN_IF_ERROR(check_batched("input", x, in_));
  EMBEDWASM_RETURN_IF_ERROR(check_mask(mask_in, x.batch(), steps()));
  const size_t sample = steps() * dim();
  y->resize({x.batch(), dim()});
  for (size_t b = 0; b < x.batch(); ++b) pool(x.data.data() + b * sample, mask_in, b, y->data.data() + b * dim());
  *mask_out = Mask();
  return Status::ok();
}

Status GlobalPooling1D::backward(const Tensor& x, const Mask& mask_in, const Tensor& /*y*/, const Tensor& dy,
                                 Tensor* dx) {
  if (!built_) return not_built();
  EMBEDWASM_RETURN_IF_ERROR(check_batched("input", x, in_));
  EMBEDWASM_RETURN_IF_ERROR(check_mask(mask_in, x.batch(), steps()));
  EMBEDWASM_RETURN_IF_ERROR(check_exact("dy", dy, {x.batch(), dim()}));
  if (dx == nullptr) return Status::ok();
  const size_t sample = steps() * dim();
  dx->resize(x.shape);
  for (size_t b = 0; b < x.batch(); ++b) {
    unpool(x.data.data() + b * sample, mask_in, b, dy.data.data() + b * dim(), dx->data.data() + b * sample);
  }
  return Status::ok();
}

void GlobalAveragePooling1D::pool(const float* xb, const Mask& mask, size_t b, float* yb) {
  const size_t steps = this->steps(), dim = this->dim();
  std::fill(yb, yb + dim, 0.0f);
  size_t count = 0;
  for (size_t t = 0; t < steps; ++t) {
    if (!real_step(mask, b, steps, t)) continue;
    kernels::f32_axpy(dim, 1.0f, xb + t * dim, yb);
    ++count;
  }
  // count == 0: yb stays 0 (Keras: NaN), see the header.
  if (count > 0) kernels::f32_scale(dim, 1.0f / static_cast<float>(count), yb, yb);
}

void GlobalAveragePooling1D::unpool(const float* /*xb*/, const Mask& mask, size_t b, const float* dyb,
                                    float* dxb) {
  const size_t steps = this->steps(), dim = this->dim();
  size_t count = 0;
  for (size_t t = 0; t < steps; ++t) count += real_step(mask, b, steps, t);
  const float inv = count > 0 ? 1.0f / static_cast<float>(count) : 0.0f;
  for (size_t t = 0; t < steps; ++t) {
    float* dxt = dxb + t * dim;
    if (real_step(mask, b, steps, t)) {
      kernels::f32_scale(dim, inv, dyb, dxt);
    } else {
      std::fill(dxt, dxt + dim, 0.0f);
    }
  }
}

void GlobalMaxPooling1D::pool(const float* xb, const Mask& mask, size_t b, float* yb) {
  const size_t steps = this->steps(), dim = this->dim();
  argmax_steps(xb, mask, b, steps, dim, &argmax_);
  for (size_t d = 0; d < dim; ++d) {
    const size_t t = argmax_[d];
    yb[d] = t == steps ? 0.0f : xb[t * dim + d];  // fully masked: 0, see the header
  }
}

void GlobalMaxPooling1D::unpool(const float* xb, const Mask& mask, size_t b, const float* dyb, float* dxb) {
  const size_t steps = this->steps(), dim = this->dim();
  std::fill(dxb, dxb + steps * dim, 0.0f);
  // Recomputed from x rather than kept from forward: backward is defined by its
  // arguments, and x is the same x the forward saw.
  argmax_steps(xb, mask, b, steps, dim, &argmax_);
  for (size_t d = 0; d < dim; ++d) {
    const size_t t = argmax_[d];
    if (t != steps) dxb[t * dim + d] = dyb[d];
  }
}

}  // namespace embedwasm::layers
