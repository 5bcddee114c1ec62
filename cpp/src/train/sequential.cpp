#include "embedwasm/train/sequential.h"

#include <string>

namespace embedwasm {

Status Sequential::build(const Shape& in) {
  if (layers_.empty()) return Status::invalid_argument("a model needs at least one layer");
  if (built_) return Status::invalid_argument("the model is already built");
  Shape shape = in;
  for (auto& layer : layers_) {
    Shape out;
    EMBEDWASM_RETURN_IF_ERROR(layer->build(shape, &out).prefixed(std::string(layer->class_name()) + ": "));
    shape = out;
  }
  input_shape_ = in;
  output_shape_ = shape;
  acts_.resize(layers_.size() + 1);
  masks_.resize(layers_.size() + 1);
  grads_.resize(layers_.size() + 1);
  built_ = true;
  return Status::ok();
}

Status Sequential::compile(const OptimizerSpec& optimizer, const ScheduleSpec& schedule,
                           const LossSpec& loss, const std::vector<std::string>& metrics) {
  if (!built_) return Status::invalid_argument("build the model before compile");
  EMBEDWASM_RETURN_IF_ERROR(validate(loss));
  EMBEDWASM_RETURN_IF_ERROR(validate(schedule));
  std::unique_ptr<Optimizer> opt;
  EMBEDWASM_RETURN_IF_ERROR(Optimizer::create(optimizer, &opt));
  optimizer_ = std::move(opt);
  schedule_ = schedule;
  loss_ = loss;
  metrics_ = metrics;
  return Status::ok();
}

double Sequential::current_learning_rate() const {
  if (!optimizer_) return 0.0;
  const OptimizerSpec& spec = optimizer_->spec();
  double lr = scheduled_learning_rate(schedule_, spec.learning_rate, optimizer_->iterations());
  // Keras' legacy `decay` acts on top of any schedule.
  if (spec.decay > 0) lr /= 1.0 + spec.decay * static_cast<double>(optimizer_->iterations());
  return lr;
}

std::vector<Param*> Sequential::params() {
  std::vector<Param*> all;
  for (auto& layer : layers_) {
    for (Param* p : layer->params()) all.push_back(p);
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

Status Sequential::run_forward(const Tensor& x, bool training) {
  EMBEDWASM_RETURN_IF_ERROR(check_input(x));
  acts_[0] = x;
  masks_[0] = Mask();
  for (size_t i = 0; i < layers_.size(); ++i) {
    masks_[i + 1] = Mask();
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

  const std::vector<Param*> all = params();
  for (Param* p : all) {
    if (!p->sparse) p->grad.fill_zero();
  }
  for (size_t i = layers_.size(); i-- > 0;) {
    // The first layer's input gradient is never needed (ids have none).
    Tensor* dx = i > 0 ? &grads_[i] : nullptr;
    EMBEDWASM_RETURN_IF_ERROR(layers_[i]->backward(acts_[i], masks_[i], acts_[i + 1], grads_[i + 1], dx));
  }
  for (Param* p : all) logs->loss += apply_regularizer(p);
  return optimizer_->apply(all, current_learning_rate());
}

Status Sequential::test_on_batch(const Tensor& x, const Tensor& y, const float* sample_weight,
                                 BatchLogs* logs) {
  if (!compiled()) return Status::invalid_argument("compile the model before evaluating it");
  EMBEDWASM_RETURN_IF_ERROR(run_forward(x, /*training=*/false));
  EMBEDWASM_RETURN_IF_ERROR(score(y, sample_weight, logs, nullptr));
  // Keras reports the regularization penalty in evaluate's loss as well.
  for (Param* p : params()) logs->loss += regularization_penalty(*p);
  return Status::ok();
}

Status Sequential::predict(const Tensor& x, Tensor* out) {
  EMBEDWASM_RETURN_IF_ERROR(run_forward(x, /*training=*/false));
  *out = acts_.back();
  return Status::ok();
}

}  // namespace embedwasm
