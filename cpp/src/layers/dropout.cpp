#include "embedwasm/layers/dropout.h"

#include <cmath>
#include <string>

#include "layers/layer_checks.h"

namespace embedwasm::layers {

const Schema<DropoutConfig>& dropout_schema() {
  static const Schema<DropoutConfig> schema = [] {
    Schema<DropoutConfig> s("dropout");
    s.add("rate", &DropoutConfig::rate).at_least(0).below(1);
    s.add("seed", &DropoutConfig::seed).random_seed();
    return s;
  }();
  return schema;
}

Status Dropout::create(const DropoutConfig& config, std::unique_ptr<Dropout>* out) {
  EMBEDWASM_RETURN_IF_ERROR(dropout_schema().validate(config));
  out->reset(new Dropout(config));
  return Status::ok();
}

Status Dropout::build(const Shape& in, Shape* out) {
  in_ = in;
  *out = in;
  built_ = true;
  return Status::ok();
}

Status Dropout::forward(const Tensor& x, const Mask& mask_in, bool training, Tensor* y,
                        Mask* mask_out) {
  if (!built_) return not_built();
  EMBEDWASM_RETURN_IF_ERROR(check_batched("input", x, in_));
  last_shape_ = x.shape;
  *mask_out = mask_in;
  if (!training || config_.rate == 0.0) {
    keep_.clear();
    *y = x;
    return Status::ok();
  }
  const size_t n = x.data.size();
  const float scale = static_cast<float>(1.0 / (1.0 - config_.rate));
  keep_.resize(n);
  y->resize(x.shape);
  for (size_t i = 0; i < n; ++i) {
    // One draw per value, in index order: the mask depends only on the seed and on how
    // many values earlier calls drew.
    keep_[i] = rng_.uniform01() >= config_.rate;
    y->data[i] = keep_[i] ? x.data[i] * scale : 0.0f;
  }
  return Status::ok();
}

Status Dropout::backward(const Tensor& x, const Mask& /*mask_in*/, const Tensor& /*y*/,
                         const Tensor& dy, Tensor* dx) {
  if (!built_) return not_built();
  EMBEDWASM_RETURN_IF_ERROR(check_batched("input", x, in_));
  if (x.shape != last_shape_) {
    return Status::invalid_argument("backward got input of shape " + shape_to_string(x.shape) +
                                    " but the last forward saw " + shape_to_string(last_shape_));
  }
  EMBEDWASM_RETURN_IF_ERROR(check_exact("dy", dy, x.shape));
  if (dx == nullptr) return Status::ok();
  if (keep_.empty()) {
    *dx = dy;
    return Status::ok();
  }
  const float scale = static_cast<float>(1.0 / (1.0 - config_.rate));
  dx->resize(x.shape);
  for (size_t i = 0; i < keep_.size(); ++i) dx->data[i] = keep_[i] ? dy.data[i] * scale : 0.0f;
  return Status::ok();
}

}  // namespace embedwasm::layers
