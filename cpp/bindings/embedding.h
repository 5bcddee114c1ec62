#pragma once
// Adapters for the standalone table layers (layers.embedding, layers.embeddingBag).
// When a model takes such a layer it moves the table into its own layer object and
// the adapter then points there (adopt), so the JS object and the model share one
// table, as a Keras layer object and its model do.
#include <memory>

#include "bindings/core.h"
#include "embedwasm/core/row_matrix.h"
#include "embedwasm/embedding/embedding.h"
#include "embedwasm/embedding/embedding_bag.h"
#include "embedwasm/embedding/sparse_row_gradient.h"
#include "embedwasm/layers/embedding_bag_layer.h"
#include "embedwasm/layers/embedding_layer.h"

namespace embedwasm::bindings {

// Gradient results stay in the handle until the next backward, so JS can copy them
// out of the heap without a second allocation on either side.
class GradientBuffers {
 public:
  // Zeroes (or first allocates) the (V, D) dense gradient.
  Status reset_dense(size_t v, size_t d) {
    if (dense_.rows() != v || dense_.cols() != d) return RowMatrix::create(v, d, &dense_);
    dense_.fill_zero();
    return Status::ok();
  }
  RowMatrix* dense() { return &dense_; }
  embedding::SparseRowGradient* sparse() { return &sparse_; }
  uint32_t sparse_rows() const { return sparse_.rows.size(); }
  uintptr_t sparse_rows_ptr() const { return reinterpret_cast<uintptr_t>(sparse_.rows.data()); }
  uintptr_t sparse_values_ptr() const { return reinterpret_cast<uintptr_t>(sparse_.values.data()); }

 private:
  RowMatrix dense_;
  embedding::SparseRowGradient sparse_;
};

// What both table adapters do: made from the option record their model layer is saved
// as (Layer::record_schema()), weights in and out, and handing the table to a model.
// Layer: layers::EmbeddingLayer or layers::EmbeddingBagLayer.
template <typename Layer>
class TableJs : public GradientBuffers {
 public:
  using Core = typename Layer::TableCore;

  StatusJs init(const emscripten::val& options, uintptr_t weights_ptr) {
    typename Layer::Config config;
    Status s = spec_from_js(options, Layer::record_schema(), &config);
    if (s.is_ok()) s = Core::create(config, weights_ptr ? ptr<const float>(weights_ptr) : nullptr, &own_);
    return to_js(s);
  }
  void get_weights(uintptr_t out) const { layer_->table().weights().copy_to_dense(ptr<float>(out)); }
  StatusJs set_weights(uintptr_t dense, uint32_t rows, uint32_t cols) {
    return to_js(layer_->table().set_weights(ptr<const float>(dense), rows, cols));
  }

  Core* layer() { return layer_; }
  // From now on the table lives in a model's layer; owner keeps that model alive for
  // as long as this adapter is.
  void adopt(std::shared_ptr<void> owner, Core* layer) {
    owner_ = std::move(owner);
    layer_ = layer;
    own_ = Core();
  }

 protected:
  Core own_;
  Core* layer_ = &own_;
  std::shared_ptr<void> owner_;
};

class EmbeddingJs : public TableJs<layers::EmbeddingLayer> {
 public:
  StatusJs forward(uintptr_t ids, uintptr_t shape, uint32_t rank, uintptr_t out) {
    return to_js(layer_->forward(ptr<const int32_t>(ids), read_shape(shape, rank), ptr<float>(out)));
  }
  StatusJs compute_mask(uintptr_t ids, uintptr_t shape, uint32_t rank, uintptr_t mask) {
    return to_js(layer_->compute_mask(ptr<const int32_t>(ids), read_shape(shape, rank),
                                     ptr<uint8_t>(mask)));
  }
  // Dense gradient written as a dense (V, D) array at out.
  StatusJs backward_dense(uintptr_t ids, uintptr_t shape, uint32_t rank, uintptr_t dy, uintptr_t out) {
    Status s = reset_dense(layer_->vocab_size(), layer_->dim());
    if (s.is_ok()) {
      s = layer_->backward_dense(ptr<const int32_t>(ids), read_shape(shape, rank), ptr<const float>(dy),
                                dense());
    }
    if (s.is_ok()) dense()->copy_to_dense(ptr<float>(out));
    return to_js(s);
  }
  StatusJs backward_sparse(uintptr_t ids, uintptr_t shape, uint32_t rank, uintptr_t dy) {
    return to_js(layer_->backward_sparse(ptr<const int32_t>(ids), read_shape(shape, rank),
                                        ptr<const float>(dy), sparse()));
  }
};

// Where a batch of bags sits in the heap; pointers are 0 when absent.
struct BagArgsJs {
  uintptr_t ids = 0, shape = 0;
  uint32_t rank = 0;
  uintptr_t offsets = 0;
  uint32_t num_offsets = 0;
  bool has_offsets = false;
  uintptr_t per_sample_weights = 0;
};

inline embedding::BagInput bag_input(const BagArgsJs& a) {
  embedding::BagInput in;
  in.ids = ptr<const int32_t>(a.ids);
  in.ids_shape = read_shape(a.shape, a.rank);
  // The core tells "no offsets" (nullptr) from "empty offsets" (non-null, 0 of them).
  in.offsets = a.has_offsets ? ptr<const int32_t>(a.offsets) : nullptr;
  in.num_offsets = a.num_offsets;
  in.per_sample_weights = a.per_sample_weights ? ptr<const float>(a.per_sample_weights) : nullptr;
  return in;
}

class EmbeddingBagJs : public TableJs<layers::EmbeddingBagLayer> {
 public:
  StatusJs count_bags(const BagArgsJs& a) {
    size_t bags = 0;
    Status s = layer_->output_rows(bag_input(a), &bags);
    last_bags_ = static_cast<uint32_t>(bags);
    return to_js(s);
  }
  uint32_t last_bags() const { return last_bags_; }
  StatusJs forward(const BagArgsJs& a, uintptr_t out) {
    return to_js(layer_->forward(bag_input(a), ptr<float>(out)));
  }
  StatusJs backward_dense(const BagArgsJs& a, uintptr_t dy, uintptr_t out) {
    Status s = reset_dense(layer_->vocab_size(), layer_->dim());
    if (s.is_ok()) s = layer_->backward_dense(bag_input(a), ptr<const float>(dy), dense());
    if (s.is_ok()) dense()->copy_to_dense(ptr<float>(out));
    return to_js(s);
  }
  StatusJs backward_sparse(const BagArgsJs& a, uintptr_t dy) {
    return to_js(layer_->backward_sparse(bag_input(a), ptr<const float>(dy), sparse()));
  }
  StatusJs backward_per_sample_weights(const BagArgsJs& a, uintptr_t dy, uintptr_t out) {
    return to_js(layer_->backward_per_sample_weights(bag_input(a), ptr<const float>(dy), ptr<float>(out)));
  }

 private:
  uint32_t last_bags_ = 0;
};

// A method a table adapter inherits from TableJs, typed as the adapter's own: Embind takes
// the class from the member pointer's type.
template <typename Js, typename R, typename B, typename... A>
R (Js::*own(R (B::*method)(A...)))(A...) {
  return method;
}
template <typename Js, typename R, typename B, typename... A>
R (Js::*own(R (B::*method)(A...) const))(A...) const {
  return method;
}

}  // namespace embedwasm::bindings
