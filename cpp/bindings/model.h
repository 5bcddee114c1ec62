#pragma once
// The Sequential model adapter: layers are added from option records through the
// core's layer registry (or adopted from standalone table layers), data crosses as heap pointers one batch per call, and the
// last batch's logs and outputs stay here for JS to read.
#include <memory>
#include <string>
#include <vector>

#include "bindings/core.h"
#include "bindings/embedding.h"
#include "embedwasm/core/reserve.h"
#include "embedwasm/layers/layer_registry.h"
#include "embedwasm/model/sequential.h"
#include "embedwasm/optim/algorithm.h"

namespace embedwasm::bindings {

class SequentialJs {
 public:
  // Adopts a standalone table layer (EmbeddingJs, EmbeddingBagJs): the model's layer is
  // made from its config and weights, and the standalone object then points into it.
  // layer_options: its {embeddingsRegularizer, embeddingsConstraint} record.
  template <typename Layer, typename Js>
  StatusJs add_table(Js& standalone, const emscripten::val& layer_options) {
    layers::TableLayerOptions options;
    Status s = spec_from_js(layer_options, layers::table_layer_options_schema(), &options);
    if (!s.is_ok()) return to_js(s);
    const auto& from = *standalone.layer();
    const RowMatrix& w = from.table().weights();
    std::vector<float> dense(w.rows() * w.cols());
    w.copy_to_dense(dense.data());
    std::unique_ptr<Layer> layer;
    s = Layer::create(from.config(), options, dense.data(), dense.size(), &layer);
    if (!s.is_ok()) return to_js(s);
    standalone.adopt(model_, &layer->core());
    model_->add(std::move(layer));
    return to_js(Status::ok());
  }

  // record: the layer's option record, its kind under "kind" (layer_registry.h).
  // kernel_ptr / bias_ptr: initial weights (in * units and units floats) or 0.
  StatusJs add_layer(const emscripten::val& options, uintptr_t kernel_ptr, uint32_t kernel_len, uintptr_t bias_ptr,
                     uint32_t bias_len) {
    OptionRecord record;
    Status s = record_from_js(options, &record);
    if (!s.is_ok()) return to_js(s);
    const OptionValue* kind = record.find("kind");
    if (kind == nullptr || kind->kind() != OptionValue::Kind::kString) {
      return to_js(Status::invalid_argument("a layer record needs its kind as a string"));
    }
    std::vector<layers::InitialWeights> weights;
    if (kernel_ptr) weights.push_back({ptr<const float>(kernel_ptr), kernel_len});
    if (kernel_ptr && bias_ptr) weights.push_back({ptr<const float>(bias_ptr), bias_len});
    std::unique_ptr<layers::Layer> layer;
    s = layers::create_layer(kind->text(), record, OptionRecord(), weights, &layer);
    if (s.is_ok()) model_->add(std::move(layer));
    return to_js(s);
  }

  StatusJs build(uintptr_t shape, uint32_t rank) { return to_js(model_->build(read_shape(shape, rank))); }
  uint32_t output_rank() const { return model_->output_shape().size(); }
  uint32_t output_dim(uint32_t axis) const { return model_->output_shape()[axis]; }

  // optimizer: a train.* record (optim/algorithm.h); metrics: an array of names.
  StatusJs compile(const emscripten::val& optimizer, const std::string& loss, bool from_logits,
                   const emscripten::val& metrics) {
    OptionRecord record;
    optim::OptimizerSpec spec;
    Status s = record_from_js(optimizer, &record);
    if (s.is_ok()) s = optim::spec_from_record(record, &spec);
    if (!s.is_ok()) return to_js(s);
    return to_js(model_->compile(spec, model::LossSpec{loss, from_logits},
                                 emscripten::vecFromJSArray<std::string>(metrics)));
  }

  // x: float (B, in...); y: float as the loss expects; sample_weight: B floats or 0.
  StatusJs train_on_batch(uintptr_t x, uintptr_t x_shape, uint32_t x_rank, uintptr_t y,
                          uintptr_t y_shape, uint32_t y_rank, uintptr_t sample_weight) {
    return on_batch(&model::Sequential::train_on_batch, x, x_shape, x_rank, y, y_shape, y_rank, sample_weight);
  }
  StatusJs test_on_batch(uintptr_t x, uintptr_t x_shape, uint32_t x_rank, uintptr_t y,
                         uintptr_t y_shape, uint32_t y_rank, uintptr_t sample_weight) {
    return on_batch(&model::Sequential::test_on_batch, x, x_shape, x_rank, y, y_shape, y_rank, sample_weight);
  }
  double last_loss() const { return logs_.loss; }
  double last_metric(uint32_t i) const { return i < logs_.metric_correct.size() ? logs_.metric_correct[i] : 0.0; }
  double last_samples() const { return static_cast<double>(logs_.samples); }

  StatusJs predict(uintptr_t x, uintptr_t x_shape, uint32_t x_rank) {
    Status loaded = load(x, x_shape, x_rank, &x_, "x");
    if (!loaded.is_ok()) return failed(loaded);
    return checked(model_->predict(x_, &out_));
  }
  uintptr_t output_ptr() const { return reinterpret_cast<uintptr_t>(out_.data.data()); }
  uint32_t output_size() const { return out_.data.size(); }

  uint32_t num_layers() const { return model_->num_layers(); }
  uint32_t num_weights(uint32_t layer) { return model_->layer(layer)->params().size(); }
  uint32_t weight_rows(uint32_t layer, uint32_t k) { return param(layer, k)->value->rows(); }
  uint32_t weight_cols(uint32_t layer, uint32_t k) { return param(layer, k)->value->cols(); }
  void get_weight(uint32_t layer, uint32_t k, uintptr_t out) { param(layer, k)->value->copy_to_dense(ptr<float>(out)); }
  StatusJs set_weight(uint32_t layer, uint32_t k, uintptr_t dense, uint32_t rows, uint32_t cols) {
    RowMatrix* value = param(layer, k)->value;
    if (value->rows() != rows || value->cols() != cols) {
      return to_js(Status::invalid_argument(
          "weight " + std::to_string(k) + " of layer " + std::to_string(layer) + " must be (" +
          std::to_string(value->rows()) + ", " + std::to_string(value->cols()) + "), got (" +
          std::to_string(rows) + ", " + std::to_string(cols) + ")"));
    }
    value->copy_from_dense(ptr<const float>(dense));
    return to_js(Status::ok());
  }
  double learning_rate() const { return model_->current_learning_rate(); }
  double iterations() const { return static_cast<double>(model_->iterations()); }

 private:
  // Loads the batch and runs `step` (train_on_batch or test_on_batch) on it.
  template <typename Step>
  StatusJs on_batch(Step step, uintptr_t x, uintptr_t x_shape, uint32_t x_rank, uintptr_t y, uintptr_t y_shape,
                    uint32_t y_rank, uintptr_t sample_weight) {
    Status loaded = load(x, x_shape, x_rank, &x_, "x");
    if (loaded.is_ok()) loaded = load(y, y_shape, y_rank, &y_, "y");
    if (!loaded.is_ok()) return failed(loaded);
    return checked(((*model_).*step)(x_, y_, sample_weight ? ptr<const float>(sample_weight) : nullptr, &logs_));
  }

  // A batch the model refused is not worth keeping a copy of: it may be the one that did
  // not fit in memory.
  StatusJs failed(const Status& s) {
    x_ = Tensor();
    y_ = Tensor();
    return to_js(s);
  }
  StatusJs checked(const Status& s) { return s.is_ok() ? to_js(s) : failed(s); }

  // The copy of a batch is as large as the batch: claimed without aborting (reserve.h).
  static Status load(uintptr_t data, uintptr_t shape, uint32_t rank, Tensor* t, const char* what) {
    t->shape = read_shape(shape, rank);
    const size_t n = shape_size(t->shape);
    EMBEDWASM_RETURN_IF_ERROR(reserve_or_fail(&t->data, n, std::string("the copy of ") + what));
    const float* p = ptr<const float>(data);
    t->data.assign(p, p + n);
    return Status::ok();
  }
  layers::Param* param(uint32_t layer, uint32_t k) { return model_->layer(layer)->params()[k]; }

  std::shared_ptr<model::Sequential> model_ = std::make_shared<model::Sequential>();
  Tensor x_, y_, out_;  // scratch reused across batches
  model::BatchLogs logs_;
};

}  // namespace embedwasm::bindings
