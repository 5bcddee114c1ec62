#include "embedwasm/model/metric.h"

#include <cstddef>
#include <string>

#include "model/loss_kind.h"
#include "core/name_folding.h"

namespace embedwasm::model {

namespace {

enum class Accuracy { kBinary, kSparseCategorical, kCategorical };

size_t argmax(const float* x, size_t k) {
  size_t best = 0;
  for (size_t c = 1; c < k; ++c) {
    if (x[c] > x[best]) best = c;  // ties keep the first, as tf.argmax
  }
  return best;
}

// TF.js' rule (a one-unit output or a binary loss means binary accuracy, a sparse loss
// means sparse accuracy), plus Keras' shape rule for class ids with another loss.
Accuracy choose_accuracy(LossKind loss, const Tensor& pred, const Tensor& target) {
  const size_t k = pred.shape.size() == 1 ? 1 : pred.shape.back();
  if (k == 1 || loss == LossKind::kBinaryCrossentropy) return Accuracy::kBinary;
  const bool ids = target.shape.size() < pred.shape.size() ||
                   (!target.shape.empty() && target.shape.back() == 1);
  if (loss == LossKind::kSparseCategoricalCrossentropy || ids) return Accuracy::kSparseCategorical;
  return Accuracy::kCategorical;
}

}  // namespace

Status compute_metric(const std::string& metric, const LossSpec& loss, const Tensor& pred,
                      const Tensor& target, double* correct) {
  LossKind loss_kind;
  if (!parse_loss_name(loss.name, &loss_kind)) return validate(loss);
  const std::string name = fold_name(metric);
  Accuracy kind;
  if (name == "accuracy" || name == "acc") {
    kind = choose_accuracy(loss_kind, pred, target);
  } else if (name == "binaryaccuracy") {
    kind = Accuracy::kBinary;
  } else if (name == "sparsecategoricalaccuracy") {
    kind = Accuracy::kSparseCategorical;
  } else if (name == "categoricalaccuracy") {
    kind = Accuracy::kCategorical;
  } else {
    return Status::invalid_argument("unknown metric '" + metric +
                                    "'; expected accuracy, binary_accuracy, "
                                    "sparse_categorical_accuracy or categorical_accuracy");
  }
  const std::string who = metric + ": ";
  if (pred.data.size() != shape_size(pred.shape) || target.data.size() != shape_size(target.shape)) {
    return Status::invalid_argument(who + "pred or target holds a different number of values than "
                                          "its shape needs");
  }
  if (pred.shape.empty() || pred.shape[0] == 0 || pred.data.empty()) {
    return Status::invalid_argument(who + "pred has shape " + shape_to_string(pred.shape) +
                                    "; a metric needs a non-empty batch");
  }
  const size_t batch = pred.shape[0];
  const size_t k = pred.shape.size() == 1 ? 1 : pred.shape.back();
  const size_t n = pred.data.size() / k;

  // Each sample counts as the fraction of its elements that are right, so that the
  // caller's sum / samples is Keras' mean over every element.
  size_t matches = 0;
  double per_sample = 0.0;
  switch (kind) {
    case Accuracy::kBinary: {
      if (target.data.size() != pred.data.size()) {
        return Status::invalid_argument(who + "target has shape " + shape_to_string(target.shape) +
                                        " but pred has shape " + shape_to_string(pred.shape));
      }
      // A logit above 0 is a probability above 0.5.
      const float threshold = loss.from_logits ? 0.0f : 0.5f;
      for (size_t i = 0; i < pred.data.size(); ++i) {
        const float predicted = pred.data[i] > threshold ? 1.0f : 0.0f;
        matches += predicted == target.data[i];
      }
      per_sample = static_cast<double>(pred.data.size()) / static_cast<double>(batch);
      break;
    }
    case Accuracy::kSparseCategorical: {
      if (target.data.size() != n || target.shape.empty() || target.shape[0] != batch) {
        return Status::invalid_argument(who + "class-id target has shape " +
                                        shape_to_string(target.shape) + " but pred has shape " +
                                        shape_to_string(pred.shape));
      }
      for (size_t i = 0; i < n; ++i) {
        matches += static_cast<float>(argmax(pred.data.data() + i * k, k)) == target.data[i];
      }
      per_sample = static_cast<double>(n) / static_cast<double>(batch);
      break;
    }
    case Accuracy::kCategorical: {
      if (target.data.size() != pred.data.size()) {
        return Status::invalid_argument(who + "target has shape " + shape_to_string(target.shape) +
                                        " but pred has shape " + shape_to_string(pred.shape));
      }
      for (size_t i = 0; i < n; ++i) {
        matches += argmax(pred.data.data() + i * k, k) == argmax(target.data.data() + i * k, k);
      }
      per_sample = static_cast<double>(n) / static_cast<double>(batch);
      break;
    }
  }
  *correct = static_cast<double>(matches) / per_sample;
  return Status::ok();
}

}  // namespace embedwasm::model
