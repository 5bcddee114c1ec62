#pragma once
// The Sequential model adapter: layers are added from option records (or adopted from
// standalone table layers), data crosses as heap pointers one batch per call, and the
// last batch's logs and outputs stay here for JS to read.
#include <memory>
#include <string>
#include <vector>

#include "bindings/core.h"
#include "bindings/embedding.h"
#include "embedwasm/layers/activation.h"
#include "embedwasm/layers/dense.h"
#include "embedwasm/layers/dropout.h"
#include "embedwasm/layers/embedding_bag_layer.h"
#include "embedwasm/layers/embedding_layer.h"
#include "embedwasm/layers/flatten.h"
#include "embedwasm/layers/global_pooling.h"
#include "embedwasm/core/reserve.h"
#include "embedwasm/model/sequential.h"

namespace embedwasm::bindings {

struct RegularizerJs {
  double l1 = 0, l2 = 0;
};

struct ConstraintJs {
  std::string kind = "none";  // none, maxNorm, unitNorm, nonNeg, minMaxNorm
  double max_value = 2, min_value = 0, rate = 1;
};

// dense, flatten, globalAveragePooling1d, globalMaxPooling1d, dropout, activation
struct LayerOptionsJs {
  std::string kind;
  double units = 0;
  std::string activation = "linear";
  bool use_bias = true;
  std::string kernel_initializer = "glorot_uniform";
  std::string bias_initializer = "zeros";
  double seed = 0;
  RegularizerJs kernel_regularizer, bias_regularizer;
  ConstraintJs kernel_constraint, bias_constraint;
  double rate = 0;  // dropout
};

struct OptimizerJs {
  std::string name = "sgd";
  double learning_rate = 0.01, momentum = 0;
  bool nesterov = false;
  double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7, rho = 0.9;
  bool centered = false;
  double initial_accumulator_value = 0.1, weight_decay = 0, decay = 0, clip_norm = 0, clip_value = 0;
  std::string schedule = "constant";
  double final_learning_rate = 0, decay_rate = 0.96, decay_steps = 1000;
  bool staircase = false;
  double alpha = 0, total_steps = 0;
};

inline Status to_constraint(const ConstraintJs& c, bool per_row, layers::ConstraintSpec* out) {
  static const std::pair<const char*, layers::ConstraintKind> kKinds[] = {
      {"none", layers::ConstraintKind::kNone},         {"maxNorm", layers::ConstraintKind::kMaxNorm},
      {"unitNorm", layers::ConstraintKind::kUnitNorm}, {"nonNeg", layers::ConstraintKind::kNonNeg},
      {"minMaxNorm", layers::ConstraintKind::kMinMaxNorm}};
  for (const auto& [name, kind] : kKinds) {
    if (c.kind == name) {
      out->kind = kind;
      out->max_value = c.max_value;
      out->min_value = c.min_value;
      out->rate = c.rate;
      out->per_row = per_row;
      return validate(*out);
    }
  }
  return Status::invalid_argument("unknown constraint '" + c.kind +
                                  "' (valid: maxNorm, unitNorm, nonNeg, minMaxNorm)");
}

inline Status to_regularizer(const RegularizerJs& r, layers::RegularizerSpec* out) {
  out->l1 = r.l1;
  out->l2 = r.l2;
  return validate(*out);
}

class SequentialJs {
 public:
  StatusJs add_embedding(EmbeddingJs& standalone, const RegularizerJs& reg, const ConstraintJs& con) {
    layers::TableLayerOptions options;
    Status s = to_regularizer(reg, &options.embeddings_regularizer);
    if (s.is_ok()) s = to_constraint(con, /*per_row=*/true, &options.embeddings_constraint);
    if (!s.is_ok()) return to_js(s);
    const embedding::Embedding& from = *standalone.layer();
    const RowMatrix& w = from.table().weights();
    std::vector<float> dense(w.rows() * w.cols());
    w.copy_to_dense(dense.data());
    std::unique_ptr<layers::EmbeddingLayer> layer;
    s = layers::EmbeddingLayer::create(from.config(), options, dense.data(), dense.size(), &layer);
    if (!s.is_ok()) return to_js(s);
    standalone.adopt(model_, &layer->core());
    model_->add(std::move(layer));
    return to_js(Status::ok());
  }

  StatusJs add_embedding_bag(EmbeddingBagJs& standalone, const RegularizerJs& reg, const ConstraintJs& con) {
    layers::TableLayerOptions options;
    Status s = to_regularizer(reg, &options.embeddings_regularizer);
    if (s.is_ok()) s = to_constraint(con, /*per_row=*/true, &options.embeddings_constraint);
    if (!s.is_ok()) return to_js(s);
    const embedding::EmbeddingBag& from = *standalone.layer();
    const RowMatrix& w = from.table().weights();
    std::vector<float> dense(w.rows() * w.cols());
    w.copy_to_dense(dense.data());
    std::unique_ptr<layers::EmbeddingBagLayer> layer;
    s = layers::EmbeddingBagLayer::create(from.config(), options, dense.data(), dense.size(), &layer);
    if (!s.is_ok()) return to_js(s);
    standalone.adopt(model_, &layer->core());
    model_->add(std::move(layer));
    return to_js(Status::ok());
  }

  // kernel_ptr / bias_ptr: initial weights (in * units and units floats) or 0.
  StatusJs add_layer(const LayerOptionsJs& o, uintptr_t kernel_ptr, uint32_t kernel_len,
                     uintptr_t bias_ptr, uint32_t bias_len) {
    std::unique_ptr<layers::Layer> layer;
    Status s = make_layer(o, kernel_ptr, kernel_len, bias_ptr, bias_len, &layer);
    if (s.is_ok()) model_->add(std::move(layer));
    return to_js(s);
  }

  StatusJs build(uintptr_t shape, uint32_t rank) { return to_js(model_->build(read_shape(shape, rank))); }
  uint32_t output_rank() const { return model_->output_shape().size(); }
  uint32_t output_dim(uint32_t axis) const { return model_->output_shape()[axis]; }

  StatusJs compile(const OptimizerJs& o, const std::string& loss, bool from_logits,
                   const std::string& metrics_csv) {
    optim::OptimizerSpec spec;
    spec.name = o.name;
    spec.learning_rate = o.learning_rate;
    spec.momentum = o.momentum;
    spec.nesterov = o.nesterov;
    spec.beta1 = o.beta1;
    spec.beta2 = o.beta2;
    spec.epsilon = o.epsilon;
    spec.rho = o.rho;
    spec.centered = o.centered;
    spec.initial_accumulator_value = o.initial_accumulator_value;
    spec.weight_decay = o.weight_decay;
    spec.decay = o.decay;
    spec.clip_norm = o.clip_norm;
    spec.clip_value = o.clip_value;
    optim::ScheduleSpec schedule;
    schedule.name = o.schedule;
    schedule.final_learning_rate = o.final_learning_rate;
    schedule.decay_rate = o.decay_rate;
    schedule.decay_steps = static_cast<int64_t>(o.decay_steps);
    schedule.staircase = o.staircase;
    schedule.alpha = o.alpha;
    schedule.total_steps = static_cast<int64_t>(o.total_steps);
    model::LossSpec loss_spec{loss, from_logits};
    std::vector<std::string> metrics;
    for (size_t start = 0; start < metrics_csv.size();) {
      size_t end = metrics_csv.find(',', start);
      if (end == std::string::npos) end = metrics_csv.size();
      if (end > start) metrics.push_back(metrics_csv.substr(start, end - start));
      start = end + 1;
    }
    return to_js(model_->compile(spec, schedule, loss_spec, metrics));
  }

  // x: float (B, in...); y: float as the loss expects; sample_weight: B floats or 0.
  StatusJs train_on_batch(uintptr_t x, uintptr_t x_shape, uint32_t x_rank, uintptr_t y,
                          uintptr_t y_shape, uint32_t y_rank, uintptr_t sample_weight) {
    Status loaded = load(x, x_shape, x_rank, &x_, "x");
    if (loaded.is_ok()) loaded = load(y, y_shape, y_rank, &y_, "y");
    if (!loaded.is_ok()) return failed(loaded);
    return checked(model_->train_on_batch(x_, y_, sample_weight ? ptr<const float>(sample_weight) : nullptr, &logs_));
  }
  StatusJs test_on_batch(uintptr_t x, uintptr_t x_shape, uint32_t x_rank, uintptr_t y,
                         uintptr_t y_shape, uint32_t y_rank, uintptr_t sample_weight) {
    Status loaded = load(x, x_shape, x_rank, &x_, "x");
    if (loaded.is_ok()) loaded = load(y, y_shape, y_rank, &y_, "y");
    if (!loaded.is_ok()) return failed(loaded);
    return checked(model_->test_on_batch(x_, y_, sample_weight ? ptr<const float>(sample_weight) : nullptr, &logs_));
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

  static Status make_layer(const LayerOptionsJs& o, uintptr_t kernel_ptr, uint32_t kernel_len,
                           uintptr_t bias_ptr, uint32_t bias_len, std::unique_ptr<layers::Layer>* out) {
    if (o.kind == "dense") {
      layers::DenseConfig c;
      c.units = static_cast<int64_t>(o.units);
      EMBEDWASM_RETURN_IF_ERROR(layers::parse_activation(o.activation, &c.activation));
      c.use_bias = o.use_bias;
      c.kernel_initializer.name = o.kernel_initializer;
      c.bias_initializer.name = o.bias_initializer;
      c.seed = static_cast<uint64_t>(o.seed);
      EMBEDWASM_RETURN_IF_ERROR(to_regularizer(o.kernel_regularizer, &c.kernel_regularizer));
      EMBEDWASM_RETURN_IF_ERROR(to_regularizer(o.bias_regularizer, &c.bias_regularizer));
      EMBEDWASM_RETURN_IF_ERROR(to_constraint(o.kernel_constraint, /*per_row=*/false, &c.kernel_constraint));
      EMBEDWASM_RETURN_IF_ERROR(to_constraint(o.bias_constraint, /*per_row=*/true, &c.bias_constraint));
      std::unique_ptr<layers::Dense> dense;
      EMBEDWASM_RETURN_IF_ERROR(layers::Dense::create(c, &dense));
      if (kernel_ptr) {
        std::vector<std::vector<float>> weights;
        const float* k = ptr<const float>(kernel_ptr);
        weights.emplace_back(k, k + kernel_len);
        if (bias_ptr) {
          const float* b = ptr<const float>(bias_ptr);
          weights.emplace_back(b, b + bias_len);
        }
        EMBEDWASM_RETURN_IF_ERROR(dense->set_weights(weights));
      }
      *out = std::move(dense);
      return Status::ok();
    }
    if (o.kind == "dropout") {
      std::unique_ptr<layers::Dropout> dropout;
      EMBEDWASM_RETURN_IF_ERROR(layers::Dropout::create(layers::DropoutConfig{o.rate, static_cast<uint64_t>(o.seed)}, &dropout));
      *out = std::move(dropout);
      return Status::ok();
    }
    if (o.kind == "activation") {
      layers::ActivationKind kind;
      EMBEDWASM_RETURN_IF_ERROR(layers::parse_activation(o.activation, &kind));
      *out = std::make_unique<layers::Activation>(kind);
      return Status::ok();
    }
    if (o.kind == "flatten") {
      *out = std::make_unique<layers::Flatten>();
    } else if (o.kind == "globalAveragePooling1d") {
      *out = std::make_unique<layers::GlobalAveragePooling1D>();
    } else if (o.kind == "globalMaxPooling1d") {
      *out = std::make_unique<layers::GlobalMaxPooling1D>();
    } else {
      return Status::invalid_argument("unknown layer kind '" + o.kind + "'");
    }
    return Status::ok();
  }

  std::shared_ptr<model::Sequential> model_ = std::make_shared<model::Sequential>();
  Tensor x_, y_, out_;  // scratch reused across batches
  model::BatchLogs logs_;
};

}  // namespace embedwasm::bindings
