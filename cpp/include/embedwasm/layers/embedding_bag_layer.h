#pragma once
// The EmbeddingBag as a model layer: an adapter from float id Tensors to the
// EmbeddingBag core (embedding_bag.h) in its 2-D form, B fixed-size bags of L ids:
// x: (B, L) -> y: (B, D). padding_idx ids are left out of each bag by the core, which
// is how variable-length bags are written in this form. per_sample_weights and the
// 1-D offsets form need a second input and are left to the core's own API.
// No mask is produced (like pooling, the bag reduction consumes the time axis).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "embedwasm/embedding/embedding_bag.h"
#include "embedwasm/core/status.h"
#include "embedwasm/layers/layer.h"
#include "embedwasm/layers/param.h"
#include "embedwasm/layers/table_layer.h"

namespace embedwasm::layers {

class EmbeddingBagLayer : public TableLayer<embedding::EmbeddingBag, EmbeddingBagLayer> {
 public:
  // Its record: the table's options, Embedding's mask_zero and input_length at their
  // defaults (one record shape for both table layers), then mode and include_last_offset.
  static const Schema<embedding::EmbeddingBagConfig>& record_schema();

  const char* class_name() const override { return "EmbeddingBag"; }
  // in: (L,).
  Status build(const Shape& in, Shape* out) override;
  // Non-integer ids are kInvalidArgument, ids outside [0, V) kOutOfRange, before y or the
  // table is touched. mask_in is ignored; mask_out is empty.
  Status forward(const Tensor& x, const Mask& mask_in, bool training, Tensor* y,
                 Mask* mask_out) override;
  // As EmbeddingLayer: sparse tables set sparse_grad, dense ones add into grad, dx (when
  // asked) is zeros.
  Status backward(const Tensor& x, const Mask& mask_in, const Tensor& y, const Tensor& dy,
                  Tensor* dx) override;

 private:
  friend class TableLayer<embedding::EmbeddingBag, EmbeddingBagLayer>;
  EmbeddingBagLayer() = default;
  embedding::BagInput bag_input(const Tensor& x) const;
};

}  // namespace embedwasm::layers
