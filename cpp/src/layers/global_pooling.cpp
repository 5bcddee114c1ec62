#include "embedwasm/layers/global_pooling.h"

#include <algorithm>
#include <string>
#include <vector>

#include "kernels/kernels.h"
#include "layers/layer_checks.h"

namespace embedwasm::layers {

namespace {

Status build_pooling(const Shape& in, Shape* in_out, Shape* out) {
  if (in.size() != 2 || in[0] == 0 || in[1] == 0) {
    return Status::invalid_argument("the input must be 3-D (batch, steps, features) with steps > 0 "
                                    "and features > 0, "
                                    "got per-sample shape " + shape_to_string(in));
  }
  *in_out = in;
  *out = {in[1]};
  return Status::ok();
}

// Checks x, the mask, and (when given) dy against the built (T, D).
Status check_pooling(const Shape& in, const Tensor& x, const Mask& mask, const Tensor* dy) {
  EMBEDWASM_RETURN_IF_ERROR(check_batched("input", x, in));
  EMBEDWASM_RETURN_IF_ERROR(check_mask(mask, x.batch(), in[0]));
  if (dy != nullptr) {
    EMBEDWASM_RETURN_IF_ERROR(check_exact("dy", *dy, {x.batch(), in[1]}));
  }
  return Status::ok();
}

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

Status GlobalAveragePooling1D::build(const Shape& in, Shape* out) {
  EMBEDWASM_RETURN_IF_ERROR(build_pooling(in, &in_, out));
  built_ = true;
  return Status::ok();
}

Status GlobalAveragePooling1D::forward(const Tensor& x, const Mask& mask_in, bool /*training*/,
                                       Tensor* y, Mask* mask_out) {
  if (!built_) return not_built();
  EMBEDWASM_RETURN_IF_ERROR(check_pooling(in_, x, mask_in, nullptr));
  const size_t batch = x.batch(), steps = in_[0], dim = in_[1];
  y->resize({batch, dim});
  for (size_t b = 0; b < batch; ++b) {
    const float* xb = x.data.data() + b * steps * dim;
    float* yb = y->data.data() + b * dim;
    std::fill(yb, yb + dim, 0.0f);
    size_t count = 0;
    for (size_t t = 0; t < steps; ++t) {
      if (!real_step(mask_in, b, steps, t)) continue;
      kernels::f32_axpy(dim, 1.0f, xb + t * dim, yb);
      ++count;
    }
    // count == 0: yb stays 0 (Keras: NaN), see the header.
    if (count > 0) kernels::f32_scale(dim, 1.0f / static_cast<float>(count), yb, yb);
  }
  *mask_out = Mask();
  return Status::ok();
}

Status GlobalAveragePooling1D::backward(const Tensor& x, const Mask& mask_in, const Tensor& /*y*/,
                                        const Tensor& dy, Tensor* dx) {
  if (!built_) return not_built();
  EMBEDWASM_RETURN_IF_ERROR(check_pooling(in_, x, mask_in, &dy));
  if (dx == nullptr) return Status::ok();
  const size_t batch = x.batch(), steps = in_[0], dim = in_[1];
  dx->resize(x.shape);
  for (size_t b = 0; b < batch; ++b) {
    size_t count = 0;
    for (size_t t = 0; t < steps; ++t) count += real_step(mask_in, b, steps, t);
    const float inv = count > 0 ? 1.0f / static_cast<float>(count) : 0.0f;
    const float* dyb = dy.data.data() + b * dim;
    for (size_t t = 0; t < steps; ++t) {
      float* dxt = dx->data.data() + (b * steps + t) * dim;
      if (real_step(mask_in, b, steps, t)) {
        kernels::f32_scale(dim, inv, dyb, dxt);
      } else {
        std::fill(dxt, dxt + dim, 0.0f);
      }
    }
  }
  return Status::ok();
}

Status GlobalMaxPooling1D::build(const Shape& in, Shape* out) {
  EMBEDWASM_RETURN_IF_ERROR(build_pooling(in, &in_, out));
  built_ = true;
  return Status::ok();
}

Status GlobalMaxPooling1D::forward(const Tensor& x, const Mask& mask_in, bool /*training*/,
                                   Tensor* y, Mask* mask_out) {
  if (!built_) return not_built();
  EMBEDWASM_RETURN_IF_ERROR(check_pooling(in_, x, mask_in, nullptr));
  const size_t batch = x.batch(), steps = in_[0], dim = in_[1];
  y->resize({batch, dim});
  for (size_t b = 0; b < batch; ++b) {
    const float* xb = x.data.data() + b * steps * dim;
    float* yb = y->data.data() + b * dim;
    argmax_steps(xb, mask_in, b, steps, dim, &argmax_);
    for (size_t d = 0; d < dim; ++d) {
      const size_t t = argmax_[d];
      yb[d] = t == steps ? 0.0f : xb[t * dim + d];  // fully masked: 0, see the header
    }
  }
  *mask_out = Mask();
  return Status::ok();
}

Status GlobalMaxPooling1D::backward(const Tensor& x, const Mask& mask_in, const Tensor& /*y*/,
                                    const Tensor& dy, Tensor* dx) {
  if (!built_) return not_built();
  EMBEDWASM_RETURN_IF_ERROR(check_pooling(in_, x, mask_in, &dy));
  if (dx == nullptr) return Status::ok();
  const size_t batch = x.batch(), steps = in_[0], dim = in_[1];
  dx->resize(x.shape);
  std::fill(dx->data.begin(), dx->data.end(), 0.0f);
  for (size_t b = 0; b < batch; ++b) {
    const float* xb = x.data.data() + b * steps * dim;
    float* dxb = dx->data.data() + b * steps * dim;
    const float* dyb = dy.data.data() + b * dim;
    // Recomputed from x rather than kept from forward: backward is defined by its
    // arguments, and x is the same x the forward saw.
    argmax_steps(xb, mask_in, b, steps, dim, &argmax_);
    for (size_t d = 0; d < dim; ++d) {
      const size_t t = argmax_[d];
      if (t != steps) dxb[t * dim + d] = dyb[d];
    }
  }
  return Status::ok();
}

}  // namespace embedwasm::layers
