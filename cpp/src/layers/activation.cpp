#include "embedwasm/layers/activation.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "kernels/kernels.h"
#include "layers/layer_checks.h"

namespace embedwasm::layers {

namespace {

// Both branches keep exp's argument <= 0, so neither overflows to inf / inf.
inline float stable_sigmoid(float x) {
  if (x >= 0.0f) return 1.0f / (1.0f + std::exp(-x));
  const float e = std::exp(x);
  return e / (1.0f + e);
}

// Subtracting the row max keeps every exp in (0, 1]; the sum is >= 1, so it can
// neither overflow nor vanish.
void softmax_row(size_t cols, const float* x, float* y) {
  if (cols == 0) return;
  float m = x[0];
  for (size_t j = 1; j < cols; ++j) m = x[j] > m ? x[j] : m;
  float sum = 0.0f;
  for (size_t j = 0; j < cols; ++j) {
    y[j] = std::exp(x[j] - m);
    sum += y[j];
  }
  kernels::f32_scale(cols, 1.0f / sum, y, y);
}
}  // namespace

const char* activation_name(ActivationKind kind) {
  switch (kind) {
    case ActivationKind::kLinear: return "linear";
    case ActivationKind::kRelu: return "relu";
    case ActivationKind::kSigmoid: return "sigmoid";
    case ActivationKind::kTanh: return "tanh";
    case ActivationKind::kSoftmax: return "softmax";
  }
  return "unknown";
}

const std::vector<ActivationKind>& activation_kinds() {
  static const std::vector<ActivationKind> kinds = {ActivationKind::kLinear, ActivationKind::kRelu,
                                                    ActivationKind::kSigmoid, ActivationKind::kTanh,
                                                    ActivationKind::kSoftmax};
  return kinds;
}

Status parse_activation(const std::string& name, ActivationKind* kind) {
  for (ActivationKind k : activation_kinds()) {
    if (name == activation_name(k)) {
      *kind = k;
      return Status::ok();
    }
  }
  return Status::invalid_argument("must be 'linear', 'relu', 'sigmoid', 'tanh' or 'softmax', got '" + name + "'")
      .with_field("activation");
}

const Schema<ActivationConfig>& activation_schema() {
  static const Schema<ActivationConfig> schema = [] {
    Schema<ActivationConfig> s("activation");
    s.add_enum("activation", &ActivationConfig::activation, activation_kinds(), activation_name);
    return s;
  }();
  return schema;
}

void activation_forward(ActivationKind kind, size_t rows, size_t cols, const float* x, float* y) {
  const size_t n = rows * cols;
  switch (kind) {
    case ActivationKind::kLinear:
      if (y != x) std::copy(x, x + n, y);
      return;
    case ActivationKind::kRelu:
      for (size_t i = 0; i < n; ++i) y[i] = x[i] > 0.0f ? x[i] : 0.0f;
      return;
    case ActivationKind::kSigmoid:
      for (size_t i = 0; i < n; ++i) y[i] = stable_sigmoid(x[i]);
      return;
    case ActivationKind::kTanh:
      for (size_t i = 0; i < n; ++i) y[i] = std::tanh(x[i]);
      return;
    case ActivationKind::kSoftmax:
      for (size_t r = 0; r < rows; ++r) softmax_row(cols, x + r * cols, y + r * cols);
      return;
  }
}

void activation_backward(ActivationKind kind, size_t rows, size_t cols, const float* y,
                         const float* dy, float* dx) {
  const size_t n = rows * cols;
  switch (kind) {
    case ActivationKind::kLinear:
      if (dx != dy) std::copy(dy, dy + n, dx);
      return;
    case ActivationKind::kRelu:
      for (size_t i = 0; i < n; ++i) dx[i] = y[i] > 0.0f ? dy[i] : 0.0f;
      return;
    case ActivationKind::kSigmoid:
      for (size_t i = 0; i < n; ++i) dx[i] = dy[i] * y[i] * (1.0f - y[i]);
      return;
    case ActivationKind::kTanh:
      for (size_t i = 0; i < n; ++i) dx[i] = dy[i] * (1.0f - y[i] * y[i]);
      return;
    case ActivationKind::kSoftmax:
      // J = diag(y) - y y^T is symmetric, so J^T dy = y * dy - y <y, dy>.
      for (size_t r = 0; r < rows; ++r) {
        const float* yr = y + r * cols;
        const float* dyr = dy + r * cols;
        float* dxr = dx + r * cols;
        const float s = kernels::f32_dot(cols, dyr, yr);
        for (size_t j = 0; j < cols; ++j) dxr[j] = yr[j] * (dyr[j] - s);
      }
      return;
  }
}

Status Activation::build(const Shape& in, Shape* out) {
  if (kind_ == ActivationKind::kSoftmax && in.empty()) {
    return Status::invalid_argument(
        "softmax normalises over the last axis of each sample, so it needs a per-sample shape "
        "of rank >= 1, got " + shape_to_string(in));
  }
  in_ = in;
  *out = in;
  built_ = true;
  return Status::ok();
}

namespace {
// The last axis of a (B, ...) tensor: the softmax axis. Elementwise kinds treat the
// data as one row.
size_t last_axis(const Shape& s) { return s.size() > 1 ? s.back() : 1; }
}  // namespace

Status Activation::forward(const Tensor& x, const Mask& mask_in, bool /*training*/, Tensor* y,
                           Mask* mask_out) {
  if (!built_) return not_built();
  EMBEDWASM_RETURN_IF_ERROR(check_batched("input", x, in_));
  y->resize(x.shape);
  const size_t cols = last_axis(x.shape);
  const size_t rows = cols == 0 ? 0 : x.data.size() / cols;
  activation_forward(kind_, rows, cols, x.data.data(), y->data.data());
  *mask_out = mask_in;
  return Status::ok();
}

Status Activation::backward(const Tensor& x, const Mask& /*mask_in*/, const Tensor& y,
                            const Tensor& dy, Tensor* dx) {
  if (!built_) return not_built();
  EMBEDWASM_RETURN_IF_ERROR(check_batched("input", x, in_));
  EMBEDWASM_RETURN_IF_ERROR(check_exact("y", y, x.shape));
  EMBEDWASM_RETURN_IF_ERROR(check_exact("dy", dy, x.shape));
  if (dx == nullptr) return Status::ok();
  dx->resize(x.shape);
  const size_t cols = last_axis(x.shape);
  const size_t rows = cols == 0 ? 0 : x.data.size() / cols;
  activation_backward(kind_, rows, cols, y.data.data(), dy.data.data(), dx->data.data());
  return Status::ok();
}

}  // namespace embedwasm::layers
