#pragma once
// Losses with their gradient, numerically stable (log-sum-exp, clipped logs as Keras:
// probabilities are clipped to [eps, 1 - eps] with eps = 1e-7). The loss is the mean
// over the batch of per-sample losses times sample weights (Keras
// SUM_OVER_BATCH_SIZE: divided by B, not by the sum of weights).
#include <cstddef>
#include <string>

#include "embedwasm/core/status.h"
#include "embedwasm/core/tensor.h"

namespace embedwasm::model {

struct LossSpec {
  // sparse_categorical_crossentropy, categorical_crossentropy, binary_crossentropy,
  // mean_squared_error (camelCase accepted)
  std::string name = "mean_squared_error";
  bool from_logits = false;
};

// pred: (B, ...) model output; target: sparse CE -> (B,) or (B, 1) class ids, others
// the shape of pred. sample_weight: (B,) or null. Writes dL/dpred into grad (resized to
// pred's shape) and the loss into *loss. Shape and class-id errors are Status errors.
Status compute_loss(const LossSpec& spec, const Tensor& pred, const Tensor& target,
                    const float* sample_weight, double* loss, Tensor* grad);
Status validate(const LossSpec& spec);

}  // namespace embedwasm::model
