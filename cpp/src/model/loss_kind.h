#pragma once
// Loss names as Keras, TF.js and PyTorch users write them, shared by the loss and the
// metric that picks "accuracy" from the loss.
#include <string>

namespace embedwasm::model {

enum class LossKind {
  kSparseCategoricalCrossentropy,
  kCategoricalCrossentropy,
  kBinaryCrossentropy,
  kMeanSquaredError,
};

// Accepts snake_case, camelCase and Keras class names ("sparse_categorical_crossentropy",
// "sparseCategoricalCrossentropy", "SparseCategoricalCrossentropy", "mse", ...).
bool parse_loss_name(const std::string& name, LossKind* kind);

}  // namespace embedwasm::model
