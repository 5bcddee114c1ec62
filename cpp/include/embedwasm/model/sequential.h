#pragma once
// A Keras Sequential model: layers in a chain, one loss, one optimizer. The fit loop
// (epochs, shuffling, validation, callbacks) lives in the caller, which calls
// train_on_batch once per batch. V8 has no on-stack replacement for wasm: a function
// runs in the baseline compiler until a later call picks up its optimised code, so a
// whole fit inside one call would run 3-4x slower; a call per batch also lets the
// caller report progress and stop.
#include <memory>
#include <string>
#include <vector>

#include "embedwasm/core/shape.h"
#include "embedwasm/core/status.h"
#include "embedwasm/layers/layer.h"
#include "embedwasm/model/loss.h"
#include "embedwasm/optim/optimizer.h"
#include "embedwasm/optim/schedule.h"
#include "embedwasm/core/tensor.h"

namespace embedwasm::layers {
class EmbeddingLayer;
class Flatten;
}

namespace embedwasm::model {

struct BatchLogs {
  double loss = 0.0;                  // mean loss of the batch, regularization included
  std::vector<double> metric_correct; // per compiled metric: correct samples in the batch
  size_t samples = 0;
};

class Sequential {
 public:
  // Layers are added before build; the first must accept the model input.
  void add(std::unique_ptr<layers::Layer> layer) { layers_.push_back(std::move(layer)); }
  size_t num_layers() const { return layers_.size(); }
  layers::Layer* layer(size_t i) { return layers_[i].get(); }

  // in: the per-sample input shape (no batch axis), e.g. (T,) ids for an Embedding.
  Status build(const Shape& in);
  bool built() const { return built_; }
  const Shape& input_shape() const { return input_shape_; }
  const Shape& output_shape() const { return output_shape_; }

  // The optimizer brings its learning-rate schedule (OptimizerSpec::schedule).
  Status compile(const optim::OptimizerSpec& optimizer, const LossSpec& loss, const std::vector<std::string>& metrics);
  bool compiled() const { return optimizer_ != nullptr; }
  int64_t iterations() const { return optimizer_ ? optimizer_->iterations() : 0; }
  double current_learning_rate() const;

  // x: (B, in...) ; y: what the loss expects; sample_weight: (B,) or null.
  Status train_on_batch(const Tensor& x, const Tensor& y, const float* sample_weight, BatchLogs* logs);
  Status test_on_batch(const Tensor& x, const Tensor& y, const float* sample_weight, BatchLogs* logs);
  Status predict(const Tensor& x, Tensor* out);

  // Fusions of the first layers, on by default; off runs every layer on its own, which
  // tests and benchmarks compare them with (the results have the same bits):
  // - the pooled embedding (layers::EmbeddingLayer::pools_to_mean): an Embedding followed
  //   by GlobalAveragePooling1D runs as one mean of looked-up rows, forward and backward,
  //   without the (B, T, D) activations and gradient between them;
  // - the fused sparse step (optim::Optimizer::fusable), with a sparse Embedding first,
  //   pooled or not, and an optimizer that updates row by row: each touched row is
  //   updated as soon as its gradient is summed, with no (U, D) gradient buffer;
  // - Flatten moves its values between the model's tensors instead of copying them.
  void set_fusions(bool on) { fuse_ = on; }

  std::vector<layers::Param*> params();

 private:
  Status check_input(const Tensor& x) const;
  Status run_forward(const Tensor& x, bool training);
  Status score(const Tensor& y, const float* sample_weight, BatchLogs* logs, Tensor* dloss);
  // Claims, before a step starts, the memory it will need for `batch` samples, so that
  // running out is a kResourceExhausted status rather than an abort (embedwasm/reserve.h).
  Status reserve_batch(size_t batch, bool training);

  std::vector<std::unique_ptr<layers::Layer>> layers_;
  bool built_ = false;
  Shape input_shape_, output_shape_;
  std::unique_ptr<optim::Optimizer> optimizer_;
  LossSpec loss_;
  std::vector<std::string> metrics_;
  // Activations of the last forward: acts_[0] is a copy of x, acts_[i+1]
  // the output of layer i; masks likewise. Kept for backward.
  std::vector<Tensor> acts_;
  std::vector<Mask> masks_;
  std::vector<Tensor> grads_;  // scratch: dL/d(acts_[i])
  std::vector<Shape> shapes_;  // per-sample shape of acts_[i]
  // The largest batch a step has run with, training and not: layer scratch kept from it
  // is reused, so only a larger batch needs the whole scratch estimate again.
  size_t largest_batch_[2] = {0, 0};
  bool fuse_ = true;
  // The first layer when it and the second run as one pooled embedding, else null.
  layers::EmbeddingLayer* pooled_embedding() const;
  // The first layer if it is an Embedding and fusions are on: the candidate for the
  // fused sparse step when it is not pooled.
  layers::EmbeddingLayer* first_embedding() const;
  // Layer i if it is a Flatten and fusions are on: its values then move between the
  // model's tensors instead of being copied (layers::Flatten::forward_moving).
  layers::Flatten* moving_flatten(size_t i) const;
};

}  // namespace embedwasm::model
