#include "embedwasm/layers/embedding_bag_layer.h"

#include <algorithm>
#include <string>
#include <utility>

#include "embedwasm/embedding/embedding.h"
#include "layers/float_ids.h"
#include "layers/layer_checks.h"

namespace embedwasm::layers {

const Schema<embedding::EmbeddingBagConfig>& EmbeddingBagLayer::record_schema() {
  static const Schema<embedding::EmbeddingBagConfig> schema = [] {
    const Schema<embedding::EmbeddingBagConfig>& bag = embedding::embedding_bag_schema();
    const OptionSchema& embedding = embedding::embedding_schema();
    Schema<embedding::EmbeddingBagConfig> s("embeddingBag");
    s.add_from(bag, "table");
    s.add_slot(*embedding.find("mask_zero"));
    s.add_slot(*embedding.find("input_length"));
    s.add_from(bag, "mode");
    s.add_from(bag, "include_last_offset");
    return s;
  }();
  return schema;
}

Status EmbeddingBagLayer::build(const Shape& in, Shape* out) {
  if (in.size() != 1) {
    return Status::invalid_argument("the ids must be 2-D (batch, bag_size), got per-sample shape " +
                                    shape_to_string(in));
  }
  in_ = in;
  *out = {core_.dim()};
  built_ = true;
  return Status::ok();
}

embedding::BagInput EmbeddingBagLayer::bag_input(const Tensor& x) const {
  embedding::BagInput input;
  input.ids = ids_.data();
  input.ids_shape = x.shape;
  return input;
}

Status EmbeddingBagLayer::forward(const Tensor& x, const Mask& /*mask_in*/, bool /*training*/,
                                  Tensor* y, Mask* mask_out) {
  if (!built_) return not_built();
  EMBEDWASM_RETURN_IF_ERROR(check_batched("input", x, in_));
  EMBEDWASM_RETURN_IF_ERROR(float_ids_to_int32(x, core_.vocab_size(), &ids_));
  // Checked into a scratch first so that a bad id leaves y untouched.
  EMBEDWASM_RETURN_IF_ERROR(core_.table().check_ids(ids_.data(), x.shape));
  y->resize({x.batch(), core_.dim()});
  EMBEDWASM_RETURN_IF_ERROR(core_.forward(bag_input(x), y->data.data()));
  *mask_out = Mask();
  return Status::ok();
}

Status EmbeddingBagLayer::backward(const Tensor& x, const Mask& /*mask_in*/, const Tensor& /*y*/,
                                   const Tensor& dy, Tensor* dx) {
  if (!built_) return not_built();
  EMBEDWASM_RETURN_IF_ERROR(check_batched("input", x, in_));
  EMBEDWASM_RETURN_IF_ERROR(check_exact("dy", dy, {x.batch(), core_.dim()}));
  EMBEDWASM_RETURN_IF_ERROR(float_ids_to_int32(x, core_.vocab_size(), &ids_));
  if (param_.sparse) {
    EMBEDWASM_RETURN_IF_ERROR(core_.backward_sparse(bag_input(x), dy.data.data(), &param_.sparse_grad));
  } else {
    EMBEDWASM_RETURN_IF_ERROR(core_.backward_dense(bag_input(x), dy.data.data(), &param_.grad));
    mark_gradient_rows(&param_, ids_.data(), ids_.size());
  }
  if (dx != nullptr) {
    dx->resize(x.shape);
    std::fill(dx->data.begin(), dx->data.end(), 0.0f);
  }
  return Status::ok();
}

}  // namespace embedwasm::layers
