#pragma once
// Keras activations (keras.activations / the `activation` option of Dense) and the
// standalone Activation layer (keras.layers.Activation).
//
// The enum is ActivationKind, not Activation, because the layer owns that name, as in
// Keras where `activation=` takes a function and layers.Activation is the layer.
#include <cstddef>
#include <string>
#include <vector>

#include "embedwasm/core/option_schema.h"
#include "embedwasm/core/status.h"
#include "embedwasm/layers/layer.h"

namespace embedwasm::layers {

enum class ActivationKind : int { kLinear = 0, kRelu = 1, kSigmoid = 2, kTanh = 3, kSoftmax = 4 };

// "linear", "relu", "sigmoid", "tanh", "softmax": the Keras and TF.js names.
const char* activation_name(ActivationKind kind);
// The inverse; any other name is kInvalidArgument listing the valid ones.
Status parse_activation(const std::string& name, ActivationKind* kind);
// Every kind, in the order above.
const std::vector<ActivationKind>& activation_kinds();

// The Activation layer's options (Dense's `activation` defaults the same way).
struct ActivationConfig {
  ActivationKind activation = ActivationKind::kLinear;
};
const Schema<ActivationConfig>& activation_schema();

// x, y: (R, C), dense; C is the last axis, over which softmax normalises (the others are
// elementwise and ignore the split). y may equal x.
void activation_forward(ActivationKind kind, size_t rows, size_t cols, const float* x, float* y);
// dx = dL/dx from y = f(x) and dy = dL/dy, all (R, C). Every derivative here is
// expressed through y, so callers keep the output and not the pre-activation. relu
// takes derivative 0 at x = 0 (y = 0), as TensorFlow does. softmax is the
// Jacobian-vector product dx = y * (dy - <dy, y>) per row. dx may equal dy.
void activation_backward(ActivationKind kind, size_t rows, size_t cols, const float* y,
                         const float* dy, float* dx);

// keras.layers.Activation: y = f(x), any shape (B, ...); softmax over the last axis.
// The mask passes through, as Keras' Activation supports masking.
class Activation : public Layer {
 public:
  explicit Activation(ActivationKind kind) : kind_(kind) {}
  explicit Activation(const ActivationConfig& config) : kind_(config.activation) {}
  ActivationKind kind() const { return kind_; }

  const char* class_name() const override { return "Activation"; }
  // softmax needs an axis to normalise over, so a per-sample shape () is refused (Keras 3
  // refuses softmax of a 1-D tensor too).
  Status build(const Shape& in, Shape* out) override;
  Status forward(const Tensor& x, const Mask& mask_in, bool training, Tensor* y,
                 Mask* mask_out) override;
  Status backward(const Tensor& x, const Mask& mask_in, const Tensor& y, const Tensor& dy,
                  Tensor* dx) override;

 private:
  ActivationKind kind_;
  bool built_ = false;
  Shape in_;  // per sample
};

}  // namespace embedwasm::layers
