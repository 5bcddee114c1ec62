#pragma once
// Accuracy metrics, counted per batch. The loss decides what "accuracy" means (binary
// for binary_crossentropy, sparse categorical for sparse_categorical_crossentropy...),
// as Keras does.
#include <string>

#include "embedwasm/core/status.h"
#include "embedwasm/core/tensor.h"
#include "embedwasm/model/loss.h"

namespace embedwasm::model {

// Metrics: accuracy (chosen from the loss as Keras does), binary_accuracy (threshold
// 0.5), sparse_categorical_accuracy, categorical_accuracy. Returns the count of
// correct samples in *correct (the caller averages over batches).
Status compute_metric(const std::string& metric, const LossSpec& loss, const Tensor& pred,
                      const Tensor& target, double* correct);

}  // namespace embedwasm::model
