#pragma once
// The Embedding as a model layer (keras.layers.Embedding in a Sequential): an adapter
// from float id Tensors to the Embedding core (embedding.h), which owns the table, the
// id range checks and the gradients. It adds what a model needs: the integer check on
// float ids, the mask, and the table as a Param with its regularizer and constraint.
//
// x: (B,) or (B, T) ids -> y: (B, D) or (B, T, D). With mask_zero, mask_out = ids != 0,
// shaped like x.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "embedwasm/embedding/embedding.h"
#include "embedwasm/core/status.h"
#include "embedwasm/layers/layer.h"
#include "embedwasm/layers/param.h"
#include "embedwasm/layers/table_layer.h"

namespace embedwasm::layers {

class EmbeddingLayer : public TableLayer<embedding::Embedding, EmbeddingLayer> {
 public:
  // Its record: Embedding's options, then EmbeddingBag's mode and include_last_offset at
  // their defaults, so that both table layers save one record shape.
  static const Schema<embedding::EmbeddingConfig>& record_schema();

  const char* class_name() const override { return "Embedding"; }
  // in: () or (T,); with input_length > 0, T must equal it.
  Status build(const Shape& in, Shape* out) override;
  // Fails on a non-integer id (kInvalidArgument) or an id outside [0, V) (kOutOfRange)
  // before writing y or touching the table. mask_in is ignored: ids come first.
  Status forward(const Tensor& x, const Mask& mask_in, bool training, Tensor* y,
                 Mask* mask_out) override;
  // Sparse table (config.table.sparse): the batch's gradient is set in sparse_grad.
  // Dense: it is added into grad. When dx is asked for it is filled with zeros, shaped
  // like x: an id's output is piecewise constant in it, so 0 is its derivative wherever
  // one exists, and a layer in front of the Embedding simply learns nothing through it
  // instead of failing the batch.
  Status backward(const Tensor& x, const Mask& mask_in, const Tensor& y, const Tensor& dy,
                  Tensor* dx) override;
  // backward of a sparse table for the fused sparse step: each coalesced gradient row is
  // handed to take as soon as it is summed, and sparse_grad is left empty so that no stale
  // rows stay behind. As the first layer it has no dx to fill.
  Status backward_rows(const Tensor& x, const Tensor& dy, const embedding::GradientRowFn& take);

  // This layer and a GlobalAveragePooling1D after it as one (embedding::Embedding's
  // forward_mean): a Sequential runs them so when pools_to_mean() holds, which saves
  // writing and reading the (B, T, D) activations and their gradient (33.5 MB each for
  // B 256, T 256, D 128) four times a step. x (B, T) -> y (B, D); dy (B, D). backward_mean
  // adds into the param's gradient like backward, or, with take set (a sparse table
  // only; the fused sparse step), hands each gradient row to it instead and leaves
  // sparse_grad empty so that no stale rows stay behind.
  bool pools_to_mean() const;
  Status forward_mean(const Tensor& x, Tensor* y);
  Status backward_mean(const Tensor& x, const Tensor& dy, const embedding::GradientRowFn* take);

 private:
  friend class TableLayer<embedding::Embedding, EmbeddingLayer>;
  EmbeddingLayer() = default;
  // What every backward does first: checks x and dy, (B, T, D) or, pooled, (B, D), and
  // reads x's ids into ids_.
  Status read_backward_input(const Tensor& x, const Tensor& dy, bool pooled);
  // Before gradient rows are handed to a take function: a sparse table only (what names
  // the caller), and sparse_grad emptied so that no stale rows stay behind.
  Status start_handing_rows(const char* what);
};

}  // namespace embedwasm::layers
