#include "embedwasm/model/sequential.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "embedwasm/core/reserve.h"
#include "embedwasm/layers/embedding_layer.h"
#include "embedwasm/layers/flatten.h"
#include "embedwasm/layers/global_pooling.h"
#include "embedwasm/model/metric.h"

namespace embedwasm::model {

Status Sequential::build(const Shape& in) {
  if (layers_.empty()) return Status::invalid_argument("a model needs at least one layer");
  if (built_) return Status::invalid_argument("the model is already built");
  Shape shape = in;
  std::vector<Shape> shapes = {in};
  for (auto& layer : layers_) {
    Shape out;
    EMBEDWASM_RETURN_IF_ERROR(layer->build(shape, &out).prefixed(std::string(layer->class_name()) + ": "));
    shape = out;
    shapes.push_back(out);
  }
  shapes_ = std::move(shapes);
  input_shape_ = in;
  output_shape_ = shape;
  acts_.resize(layers_.size() + 1);
  masks_.resize(layers_.size() + 1);
  grads_.resize(layers_.size() + 1);
  built_ = true;
  return Status::ok();
}

Status Sequential::compile(const optim::OptimizerSpec& optimizer, const LossSpec& loss,
                           const std::vector<std::string>& metrics) {
  if (!built_) return Status::invalid_argument("build the model before compile");
  EMBEDWASM_RETURN_IF_ERROR(validate(loss));
  std::unique_ptr<optim::Optimizer> opt;
  EMBEDWASM_RETURN_IF_ERROR(optim::Optimizer::create(optimizer, &opt));
  optimizer_ = std::move(opt);
  loss_ = loss;
  metrics_ = metrics;
  return Status::ok();
}

double Sequential::current_learning_rate() const {
  if (!optimizer_) return 0.0;
  const optim::OptimizerSpec& spec = optimizer_->spec();
  double lr = optim::scheduled_learning_rate(spec.schedule, spec.learning_rate, optimizer_->iterations());
  // Keras' legacy `decay` acts on top of any schedule.
  if (spec.decay > 0) lr /= 1.0 + spec.decay * static_cast<double>(optimizer_->iterations());
  return lr;
}

std::vector<layers::Param*> Sequential::params() {
  std::vector<layers::Param*> all;
  for (auto& layer : layers_) {
    for (layers::Param* p : layer->params()) all.push_back(p);
  }
  return all;
}

Status Sequential::check_input(const Tensor& x) const {
  if (!built_) return Status::invalid_argument("the model is not built");
  bool ok = x.shape.size() == input_shape_.size() + 1;
  for (size_t i = 0; ok && i < input_shape_.size(); ++i) ok = x.shape[i + 1] == input_shape_[i];
  if (!ok) {
    Shape expected = {0};
    expected.insert(expected.end(), input_shape_.begin(), input_shape_.end());
    std::string text = shape_to_string(expected);
    text.replace(1, 1, "batch");
    return Status::invalid_argument("the model expects input of shape " + text + ", got " +
                                    shape_to_string(x.shape));
  }
  if (x.data.size() != shape_size(x.shape)) {
    return Status::invalid_argument("input data holds " + std::to_string(x.data.size()) +
                                    " values but its shape " + shape_to_string(x.shape) + " needs " +
                                    std::to_string(shape_size(x.shape)));
  }
  return Status::ok();
}

namespace {

// batch * a per-sample size, saturating instead of wrapping: the result is only
// compared against the memory limit.
uint64_t times(uint64_t batch, uint64_t n) {
  if (n != 0 && batch > UINT64_MAX / n) return UINT64_MAX;
  return batch * n;
}

uint64_t plus(uint64_t a, uint64_t b) { return a > UINT64_MAX - b ? UINT64_MAX : a + b; }

}  // namespace

Status Sequential::reserve_batch(size_t batch, bool training) {
  const size_t num = layers_.size();
  std::vector<uint64_t> n(num + 1);
  for (size_t i = 0; i <= num; ++i) n[i] = times(batch, shape_size(shapes_[i]));
  // Named with the full shape, batch first, so the message shows which sizes multiply.
  auto name = [&](size_t i) {
    Shape full = {batch};
    full.insert(full.end(), shapes_[i].begin(), shapes_[i].end());
    return (i == 0 ? std::string("the model input")
                   : "the output of layer " + std::to_string(i - 1) + " (" + layers_[i - 1]->class_name() + ")") +
           " of shape " + shape_to_string(full);
  };
  // The capacity tests first: a step like the last one builds no message strings.
  for (size_t i = 0; i <= num; ++i) {
    if (n[i] > acts_[i].data.capacity()) {
      EMBEDWASM_RETURN_IF_ERROR(reserve_or_fail(&acts_[i].data, n[i], name(i)));
    }
    if (training && i > 0 && n[i] > grads_[i].data.capacity()) {
      EMBEDWASM_RETURN_IF_ERROR(reserve_or_fail(&grads_[i].data, n[i], "the gradient of " + name(i)));
    }
  }
  // What layers allocate inside a step, bounded from above: per input value up to 24
  // bytes (int32 ids, a mask, row groups of 3 uint32, frequency scales), per output
  // value 4 (sparse gradient rows, Dense's dz, Dropout's keep mask); plus the loss's
  // gradient and scratch. Kept buffers make a repeated batch size need only the
  // per-step part (the row groups).
  const bool larger = batch > largest_batch_[training];
  uint64_t scratch = 0;
  for (size_t i = 0; i < num; ++i) {
    scratch = plus(scratch, larger ? plus(times(24, n[i]), times(4, n[i + 1])) : times(16, n[i]));
  }
  if (larger) scratch = plus(scratch, times(8, n[num]));
  static const std::string kScratch = "the layers' scratch memory";  // not rebuilt every step
  const Status probed = check_allocatable(scratch, kScratch);
  if (!probed.is_ok()) return probed.prefixed("a batch of " + std::to_string(batch) + " samples: ");
  if (larger) largest_batch_[training] = batch;
  return Status::ok();
}

layers::Flatten* Sequential::moving_flatten(size_t i) const {
  return fuse_ ? dynamic_cast<layers::Flatten*>(layers_[i].get()) : nullptr;
}

layers::EmbeddingLayer* Sequential::first_embedding() const {
  return fuse_ && !layers_.empty() ? dynamic_cast<layers::EmbeddingLayer*>(layers_[0].get()) : nullptr;
}

layers::EmbeddingLayer* Sequential::pooled_embedding() const {
  layers::EmbeddingLayer* embedding = first_embedding();
  if (embedding == nullptr || layers_.size() < 2 || !embedding->pools_to_mean()) return nullptr;
  return dynamic_cast<layers::GlobalAveragePooling1D*>(layers_[1].get()) != nullptr ? embedding : nullptr;
}

Status Sequential::run_forward(const Tensor& x, bool training) {
  EMBEDWASM_RETURN_IF_ERROR(check_input(x));
  const Status reserved = reserve_batch(x.batch(), training);
  if (!reserved.is_ok()) {
    // What was claimed before the failure would otherwise stay held by a model that
    // cannot use it; every step refills these buffers anyway.
    for (auto* tensors : {&acts_, &grads_}) {
      for (Tensor& t : *tensors) t = Tensor();
    }
    largest_batch_[0] = largest_batch_[1] = 0;
    return reserved;
  }
  acts_[0] = x;
  masks_[0] = Mask();
  size_t first = 0;
  if (layers::EmbeddingLayer* pooled = pooled_embedding()) {
    // Layers 0 and 1 in one pass; acts_[1] (B, T, D) is never written.
    masks_[1] = masks_[2] = Mask();
    EMBEDWASM_RETURN_IF_ERROR(pooled->forward_mean(acts_[0], &acts_[2]).prefixed("Embedding: "));
    first = 2;
  }
  for (size_t i = first; i < layers_.size(); ++i) {
    masks_[i + 1] = Mask();
    if (layers::Flatten* flatten = moving_flatten(i)) {
      EMBEDWASM_RETURN_IF_ERROR(flatten->forward_moving(&acts_[i], &acts_[i + 1], &masks_[i + 1]).prefixed("Flatten: "));
      continue;
    }
    EMBEDWASM_RETURN_IF_ERROR(
        layers_[i]->forward(acts_[i], masks_[i], training, &acts_[i + 1], &masks_[i + 1])
            .prefixed(std::string(layers_[i]->class_name()) + ": "));
  }
  return Status::ok();
}

Status Sequential::score(const Tensor& y, const float* sample_weight, BatchLogs* logs, Tensor* dloss) {
  const Tensor& pred = acts_.back();
  double loss = 0.0;
  Tensor scratch;
  EMBEDWASM_RETURN_IF_ERROR(compute_loss(loss_, pred, y, sample_weight, &loss, dloss ? dloss : &scratch));
  logs->loss = loss;
  logs->samples = pred.batch();
  logs->metric_correct.assign(metrics_.size(), 0.0);
  for (size_t m = 0; m < metrics_.size(); ++m) {
    EMBEDWASM_RETURN_IF_ERROR(compute_metric(metrics_[m], loss_, pred, y, &logs->metric_correct[m]));
  }
  return Status::ok();
}

Status Sequential::train_on_batch(const Tensor& x, const Tensor& y, const float* sample_weight,
                                  BatchLogs* logs) {
  if (!optimizer_) return Status::invalid_argument("compile the model before training it");
  EMBEDWASM_RETURN_IF_ERROR(run_forward(x, /*training=*/true));
  Tensor& dy = grads_.back();
  EMBEDWASM_RETURN_IF_ERROR(score(y, sample_weight, logs, &dy));

  std::vector<layers::Param*> all = params();
  for (layers::Param* p : all) {
    clear_gradient(p);
  }
  // The fused sparse step: the first layer's backward runs last, so its table's rows can
  // move as their gradients are summed; nothing after it reads them. With the pooled
  // embedding dy (B, D) stays in cache. Without it, summing a row at a time reads its
  // positions' rows of a (B, T, D) dy in id order, at random, but with those reads
  // overlapped (embedding::Embedding::backward_sparse_rows) it still beats the unfused
  // step's pass over dy plus its (U, D) buffer: ids 1024 x 64 over 100k x 128 with
  // SparseAdam, wasm, 25-32 ms against 39-46 ms.
  layers::EmbeddingLayer* pooled = pooled_embedding();
  layers::EmbeddingLayer* fused = pooled != nullptr ? pooled : first_embedding();
  layers::Param* fused_param = fused != nullptr ? fused->params()[0] : nullptr;
  if (fused_param != nullptr && !optimizer_->fusable(*fused_param)) fused = nullptr;
  const double lr = current_learning_rate();
  // A learning rate apply() refuses must fail the step before any row moves.
  if (!(std::isfinite(lr) && lr >= 0.0)) fused = nullptr;
  // Everything that can fail in the update runs before the first row moves.
  if (fused != nullptr) EMBEDWASM_RETURN_IF_ERROR(optimizer_->prepare(all));
  const optim::Optimizer::RowStep step = fused != nullptr ? optimizer_->fused_row_step(fused_param, lr) : nullptr;
  for (size_t i = layers_.size(); i-- > 0;) {
    if (i == 1 && pooled != nullptr) {
      EMBEDWASM_RETURN_IF_ERROR(pooled->backward_mean(acts_[0], grads_[2], fused != nullptr ? &step : nullptr));
      break;
    }
    if (i == 0 && fused != nullptr) {
      EMBEDWASM_RETURN_IF_ERROR(fused->backward_rows(acts_[0], grads_[1], step));
      break;
    }
    // The first layer's input gradient is never needed (ids have none).
    Tensor* dx = i > 0 ? &grads_[i] : nullptr;
    if (layers::Flatten* flatten = moving_flatten(i)) {
      EMBEDWASM_RETURN_IF_ERROR(flatten->backward_moving(&acts_[i], &acts_[i + 1], &grads_[i + 1], dx));
      continue;
    }
    EMBEDWASM_RETURN_IF_ERROR(layers_[i]->backward(acts_[i], masks_[i], acts_[i + 1], grads_[i + 1], dx));
  }
  for (layers::Param* p : all) logs->loss += apply_regularizer(p);
  if (fused != nullptr) all.erase(std::find(all.begin(), all.end(), fused_param));
  return optimizer_->apply(all, lr);
}

Status Sequential::test_on_batch(const Tensor& x, const Tensor& y, const float* sample_weight,
                                 BatchLogs* logs) {
  if (!compiled()) return Status::invalid_argument("compile the model before evaluating it");
  EMBEDWASM_RETURN_IF_ERROR(run_forward(x, /*training=*/false));
  EMBEDWASM_RETURN_IF_ERROR(score(y, sample_weight, logs, nullptr));
  // Keras reports the regularization penalty in evaluate's loss as well.
  for (layers::Param* p : params()) logs->loss += regularization_penalty(*p);
  return Status::ok();
}

Status Sequential::predict(const Tensor& x, Tensor* out) {
  EMBEDWASM_RETURN_IF_ERROR(run_forward(x, /*training=*/false));
  EMBEDWASM_RETURN_IF_ERROR(reserve_or_fail(&out->data, acts_.back().data.size(), "the model output"));
  *out = acts_.back();
  return Status::ok();
}

}  // namespace embedwasm::model
