#include "embedwasm/layers/embedding_layer.h"

#include <algorithm>
#include <string>
#include <utility>

#include "embedwasm/embedding/embedding_bag.h"
#include "layers/float_ids.h"
#include "layers/layer_checks.h"

namespace embedwasm::layers {

const Schema<embedding::EmbeddingConfig>& EmbeddingLayer::record_schema() {
  static const Schema<embedding::EmbeddingConfig> schema = [] {
    Schema<embedding::EmbeddingConfig> s = embedding::embedding_schema();
    const OptionSchema& bag = embedding::embedding_bag_schema();
    s.add_slot(*bag.find("mode"));
    s.add_slot(*bag.find("include_last_offset"));
    return s;
  }();
  return schema;
}

Status EmbeddingLayer::build(const Shape& in, Shape* out) {
  if (in.size() > 1) {
    return Status::invalid_argument("the ids must be (batch,) or (batch, steps), got per-sample shape " +
                                    shape_to_string(in));
  }
  const int64_t input_length = core_.config().input_length;
  if (input_length > 0 && (in.empty() || in[0] != static_cast<size_t>(input_length))) {
    return Status::invalid_argument(option_name("input_length") + " is " + std::to_string(input_length) +
                                    " but the per-sample ids have shape " + shape_to_string(in));
  }
  in_ = in;
  *out = in;
  out->push_back(core_.dim());
  built_ = true;
  return Status::ok();
}

Status EmbeddingLayer::forward(const Tensor& x, const Mask& /*mask_in*/, bool /*training*/, Tensor* y,
                               Mask* mask_out) {
  if (!built_) return not_built();
  EMBEDWASM_RETURN_IF_ERROR(check_batched("input", x, in_));
  EMBEDWASM_RETURN_IF_ERROR(float_ids_to_int32(x, core_.vocab_size(), &ids_));
  // Checked into a scratch first so that a bad id leaves y untouched.
  EMBEDWASM_RETURN_IF_ERROR(core_.table().check_ids(ids_.data(), x.shape));
  Shape out_shape = x.shape;
  out_shape.push_back(core_.dim());
  y->resize(out_shape);
  EMBEDWASM_RETURN_IF_ERROR(core_.forward(ids_.data(), x.shape, y->data.data()));
  *mask_out = Mask();
  if (core_.config().mask_zero) {
    mask_out->shape = x.shape;
    mask_out->data.resize(ids_.size());
    EMBEDWASM_RETURN_IF_ERROR(core_.compute_mask(ids_.data(), x.shape, mask_out->data.data()));
  }
  return Status::ok();
}

Status EmbeddingLayer::backward(const Tensor& x, const Mask& /*mask_in*/, const Tensor& /*y*/,
                                const Tensor& dy, Tensor* dx) {
  EMBEDWASM_RETURN_IF_ERROR(read_backward_input(x, dy, false));
  if (param_.sparse) {
    EMBEDWASM_RETURN_IF_ERROR(
        core_.backward_sparse(ids_.data(), x.shape, dy.data.data(), &param_.sparse_grad));
  } else {
    EMBEDWASM_RETURN_IF_ERROR(core_.backward_dense(ids_.data(), x.shape, dy.data.data(), &param_.grad));
    mark_gradient_rows(&param_, ids_.data(), ids_.size());
  }
  if (dx != nullptr) {
    dx->resize(x.shape);
    std::fill(dx->data.begin(), dx->data.end(), 0.0f);
  }
  return Status::ok();
}

Status EmbeddingLayer::backward_rows(const Tensor& x, const Tensor& dy, const embedding::GradientRowFn& take) {
  EMBEDWASM_RETURN_IF_ERROR(read_backward_input(x, dy, false));
  EMBEDWASM_RETURN_IF_ERROR(start_handing_rows("backward_rows"));
  return core_.backward_sparse_rows(ids_.data(), x.shape, dy.data.data(), take);
}

Status EmbeddingLayer::read_backward_input(const Tensor& x, const Tensor& dy, bool pooled) {
  if (!built_) return not_built();
  EMBEDWASM_RETURN_IF_ERROR(check_batched("input", x, in_));
  Shape dy_shape = pooled ? Shape{x.batch()} : x.shape;
  dy_shape.push_back(core_.dim());
  EMBEDWASM_RETURN_IF_ERROR(check_exact("dy", dy, dy_shape));
  return float_ids_to_int32(x, core_.vocab_size(), &ids_);
}

Status EmbeddingLayer::start_handing_rows(const char* what) {
  if (!param_.sparse) return Status::invalid_argument(std::string(what) + " with take needs a sparse table");
  param_.sparse_grad.rows.clear();
  param_.sparse_grad.values.clear();
  return Status::ok();
}

bool EmbeddingLayer::pools_to_mean() const {
  // A mask would change the mean's count per sample, and scale_grad_by_freq's scale
  // rounds differently when applied to dy / T.
  return built_ && in_.size() == 1 && !core_.config().mask_zero && !core_.table().config().scale_grad_by_freq;
}

Status EmbeddingLayer::forward_mean(const Tensor& x, Tensor* y) {
  if (!built_) return not_built();
  EMBEDWASM_RETURN_IF_ERROR(check_batched("input", x, in_));
  EMBEDWASM_RETURN_IF_ERROR(float_ids_to_int32(x, core_.vocab_size(), &ids_));
  EMBEDWASM_RETURN_IF_ERROR(core_.table().check_ids(ids_.data(), x.shape));
  y->resize({x.batch(), core_.dim()});
  return core_.forward_mean(ids_.data(), x.shape, y->data.data());
}

Status EmbeddingLayer::backward_mean(const Tensor& x, const Tensor& dy, const embedding::GradientRowFn* take) {
  EMBEDWASM_RETURN_IF_ERROR(read_backward_input(x, dy, true));
  if (take != nullptr) {
    EMBEDWASM_RETURN_IF_ERROR(start_handing_rows("backward_mean"));
    return core_.backward_mean_sparse_rows(ids_.data(), x.shape, dy.data.data(), *take);
  }
  if (param_.sparse) return core_.backward_mean_sparse(ids_.data(), x.shape, dy.data.data(), &param_.sparse_grad);
  EMBEDWASM_RETURN_IF_ERROR(core_.backward_mean_dense(ids_.data(), x.shape, dy.data.data(), &param_.grad));
  mark_gradient_rows(&param_, ids_.data(), ids_.size());
  return Status::ok();
}

}  // namespace embedwasm::layers
