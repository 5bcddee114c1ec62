#include "embedwasm/layers/dense.h"

#include <algorithm>
#include <string>
#include <utility>

#include "embedwasm/core/thread_pool.h"
#include "kernels/kernels.h"
#include "layers/layer_checks.h"

namespace embedwasm::layers {

namespace {

// Draws into a 1 x 1 scratch so that an unknown initializer name or a bad parameter
// fails at create, as Keras fails at construction, and not later at build.
Status check_initializer(const char* what, const InitializerSpec& spec) {
  RowMatrix scratch;
  EMBEDWASM_RETURN_IF_ERROR(RowMatrix::create(1, 1, &scratch));
  return initialize(spec, 0, &scratch).prefixed(option_name(what) + ": ");
}

std::string weights_layout(bool use_bias) {
  return use_bias ? "[kernel (in * units), bias (units)]"
                  : "[kernel (in * units)] (" + option_name("use_bias") + " is false)";
}

// A layer with fewer units than this is narrow: its forward and backward run over the
// kernel's columns, each of `in` contiguous floats, not over rows of `units` floats. A
// row of 1 float (a classifier's last Dense(1) after Flatten, in 8,192 wide) made the
// row-wise loops one kernel call per multiply-add: 50 ms forward and 150 ms backward
// for 1,024 samples in wasm, where the columns take 5 and 10 ms. Measured in wasm,
// forward / backward ms, rows against columns: 16 units, 1,024 x 1,024 inputs, 8.9 / 22.7
// against 2.3 / 6.9; 32 units, 10.5 / 30.2 against 6.1 / 17.7, but 4,096 x 128 inputs
// 3.9 / 10.5 against 3.5 / 11.6, about even; 64 units no better on columns.
constexpr size_t kNarrowUnits = 32;

// columns (units, in) = m (in, units) transposed, and back.
void transpose_into(const RowMatrix& m, std::vector<float>* columns) {
  const size_t in = m.rows(), units = m.cols();
  columns->resize(in * units);
  for (size_t k = 0; k < in; ++k) {
    for (size_t u = 0; u < units; ++u) (*columns)[u * in + k] = m.row(k)[u];
  }
}

void transpose_back(const std::vector<float>& columns, RowMatrix* m) {
  const size_t in = m->rows(), units = m->cols();
  for (size_t k = 0; k < in; ++k) {
    for (size_t u = 0; u < units; ++u) m->row(k)[u] = columns[u * in + k];
  }
}

}  // namespace

const Schema<DenseConfig>& dense_schema() {
  static const Schema<DenseConfig> schema = [] {
    Schema<DenseConfig> s("dense");
    // The cap keeps units exact in wasm32's 32-bit size_t, as for an Embedding's input_dim.
    s.add("units", &DenseConfig::units).at_least(1).at_most(2147483647);
    s.add_enum("activation", &DenseConfig::activation, activation_kinds(), activation_name);
    s.add("use_bias", &DenseConfig::use_bias);
    const std::vector<std::string>& names = initializer_schema().find("name")->choices;
    s.add("kernel_initializer", [](auto& c) -> auto& { return c.kernel_initializer.name; }).choices(names);
    s.add("bias_initializer", [](auto& c) -> auto& { return c.bias_initializer.name; }).choices(names);
    s.add("seed", &DenseConfig::seed).random_seed();
    s.add_record("kernel_regularizer", &DenseConfig::kernel_regularizer, regularizer_schema());
    s.add_record("bias_regularizer", &DenseConfig::bias_regularizer, regularizer_schema());
    s.add_record("kernel_constraint", &DenseConfig::kernel_constraint, constraint_schema());
    s.add_record("bias_constraint", &DenseConfig::bias_constraint, constraint_schema());
    return s;
  }();
  return schema;
}

Status Dense::create(const DenseConfig& config, std::unique_ptr<Dense>* out) {
  EMBEDWASM_RETURN_IF_ERROR(dense_schema().validate(config));
  EMBEDWASM_RETURN_IF_ERROR(check_initializer("kernel_initializer", config.kernel_initializer));
  if (config.use_bias) {
    EMBEDWASM_RETURN_IF_ERROR(check_initializer("bias_initializer", config.bias_initializer));
  }
  EMBEDWASM_RETURN_IF_ERROR(validate(config.kernel_constraint).prefixed(option_name("kernel_constraint") + " "));
  EMBEDWASM_RETURN_IF_ERROR(validate(config.bias_constraint).prefixed(option_name("bias_constraint") + " "));
  out->reset(new Dense(config));
  return Status::ok();
}

Status Dense::check_weights(const std::vector<std::vector<float>>& weights, size_t in) const {
  const size_t units = static_cast<size_t>(config_.units);
  const size_t expected = config_.use_bias ? 2 : 1;
  if (weights.size() != expected) {
    return Status::invalid_argument("Dense expects " + std::to_string(expected) + " weight arrays " +
                                    weights_layout(config_.use_bias) + ", got " +
                                    std::to_string(weights.size()));
  }
  if (weights[0].size() != in * units) {
    return Status::invalid_argument("the kernel must hold in * units = " + std::to_string(in) +
                                    " * " + std::to_string(units) + " values for shape (" +
                                    std::to_string(in) + ", " + std::to_string(units) + "), got " +
                                    std::to_string(weights[0].size()));
  }
  if (config_.use_bias && weights[1].size() != units) {
    return Status::invalid_argument("the bias must hold units = " + std::to_string(units) +
                                    " values, got " + std::to_string(weights[1].size()));
  }
  return Status::ok();
}

void Dense::copy_weights_in(const std::vector<std::vector<float>>& weights) {
  kernel_.copy_from_dense(weights[0].data());
  if (config_.use_bias) bias_.copy_from_dense(weights[1].data());
}

Status Dense::set_weights(const std::vector<std::vector<float>>& weights) {
  if (built_) {
    EMBEDWASM_RETURN_IF_ERROR(check_weights(weights, in_.back()));
    copy_weights_in(weights);
    return Status::ok();
  }
  // `in` is unknown until build: check what can be checked now, the kernel at build.
  const size_t units = static_cast<size_t>(config_.units);
  if (!weights.empty() && (weights[0].empty() || weights[0].size() % units != 0)) {
    return Status::invalid_argument("the kernel must hold in * units values, a positive multiple of "
                                    "units = " + std::to_string(units) + ", got " +
                                    std::to_string(weights[0].size()));
  }
  EMBEDWASM_RETURN_IF_ERROR(check_weights(weights, weights.empty() ? 0 : weights[0].size() / units));
  pending_weights_ = weights;
  return Status::ok();
}

Status Dense::get_weights(std::vector<std::vector<float>>* weights) const {
  if (!built_) return not_built();
  weights->assign(config_.use_bias ? 2 : 1, {});
  (*weights)[0].resize(kernel_.rows() * kernel_.cols());
  kernel_.copy_to_dense((*weights)[0].data());
  if (config_.use_bias) {
    (*weights)[1].resize(bias_.cols());
    bias_.copy_to_dense((*weights)[1].data());
  }
  return Status::ok();
}

Status Dense::build(const Shape& in, Shape* out) {
  if (built_) {
    if (in != in_) {
      return Status::invalid_argument("already built for per-sample shape " + shape_to_string(in_) +
                                      ", cannot rebuild for " + shape_to_string(in));
    }
    *out = out_;
    return Status::ok();
  }
  if (in.empty() || in.back() == 0) {
    return Status::invalid_argument(
        "the input must be (batch, ..., in) with in > 0, got per-sample shape " +
        shape_to_string(in) + " (a (batch,) input needs a trailing axis of 1)");
  }
  const size_t fan_in = in.back();
  const size_t units = static_cast<size_t>(config_.units);
  if (!pending_weights_.empty()) {
    EMBEDWASM_RETURN_IF_ERROR(check_weights(pending_weights_, fan_in).prefixed("weights: "));
  }
  RowMatrix kernel, bias, kernel_grad, bias_grad;
  EMBEDWASM_RETURN_IF_ERROR(RowMatrix::create(fan_in, units, &kernel));
  EMBEDWASM_RETURN_IF_ERROR(RowMatrix::create(fan_in, units, &kernel_grad));
  if (config_.use_bias) {
    EMBEDWASM_RETURN_IF_ERROR(RowMatrix::create(1, units, &bias));
    EMBEDWASM_RETURN_IF_ERROR(RowMatrix::create(1, units, &bias_grad));
  }
  if (pending_weights_.empty()) {
    EMBEDWASM_RETURN_IF_ERROR(initialize(config_.kernel_initializer, config_.seed, &kernel));
    if (config_.use_bias) {
      EMBEDWASM_RETURN_IF_ERROR(initialize(config_.bias_initializer, config_.seed + 1, &bias));
    }
  }
  kernel_ = std::move(kernel);
  bias_ = std::move(bias);
  if (!pending_weights_.empty()) {
    copy_weights_in(pending_weights_);
    pending_weights_.clear();
  }

  kernel_param_.name = "kernel";
  kernel_param_.value = &kernel_;
  kernel_param_.grad = std::move(kernel_grad);
  kernel_param_.regularizer = config_.kernel_regularizer;
  kernel_param_.constraint = config_.kernel_constraint;
  bias_param_.name = "bias";
  bias_param_.value = &bias_;
  bias_param_.grad = std::move(bias_grad);
  bias_param_.regularizer = config_.bias_regularizer;
  bias_param_.constraint = config_.bias_constraint;

  in_ = in;
  out_ = in;
  out_.back() = units;
  *out = out_;
  built_ = true;
  return Status::ok();
}

std::vector<Param*> Dense::params() {
  if (!built_) return {};
  if (!config_.use_bias) return {&kernel_param_};
  return {&kernel_param_, &bias_param_};
}

Status Dense::forward(const Tensor& x, const Mask& mask_in, bool /*training*/, Tensor* y,
                      Mask* mask_out) {
  if (!built_) return not_built();
  EMBEDWASM_RETURN_IF_ERROR(check_batched("input", x, in_));
  const size_t in = in_.back();
  const size_t units = kernel_.cols();
  const size_t rows = x.data.size() / in;  // B * (middle axes)
  y->resize(with_batch(x.batch(), out_));
  const float* bias = config_.use_bias ? bias_.row(0) : nullptr;
  if (units < kNarrowUnits) {
    // Each output is its bias plus one dot product of the input row and a kernel column.
    transpose_into(kernel_, &columns_);
    parallel_for(rows, row_grain(rows, in * units, kMinTaskFloats), [&](size_t r0, size_t r1) {
      for (size_t r = r0; r < r1; ++r) {
        const float* xr = x.data.data() + r * in;
        float* yr = y->data.data() + r * units;
        for (size_t u = 0; u < units; ++u) {
          const float dot = kernels::f32_dot(in, xr, columns_.data() + u * in);
          yr[u] = bias != nullptr ? bias[u] + dot : dot;
        }
      }
    });
    activation_forward(config_.activation, rows, units, y->data.data(), y->data.data());
    *mask_out = mask_in;
    return Status::ok();
  }
  // i-k-j: each output row is built by axpy of kernel rows, so the inner loop runs over
  // contiguous memory of both operands (the classifier's hot loop). Split by output rows.
  parallel_for(rows, row_grain(rows, in * units, kMinTaskFloats), [&](size_t r0, size_t r1) {
    for (size_t r = r0; r < r1; ++r) {
      const float* xr = x.data.data() + r * in;
      float* yr = y->data.data() + r * units;
      if (config_.use_bias) {
        std::copy(bias_.row(0), bias_.row(0) + units, yr);
      } else {
        std::fill(yr, yr + units, 0.0f);
      }
      for (size_t k = 0; k < in; ++k) kernels::f32_axpy(units, xr[k], kernel_.row(k), yr);
    }
  });
  activation_forward(config_.activation, rows, units, y->data.data(), y->data.data());
  *mask_out = mask_in;
  return Status::ok();
}

Status Dense::backward(const Tensor& x, const Mask& /*mask_in*/, const Tensor& y, const Tensor& dy,
                       Tensor* dx) {
  if (!built_) return not_built();
  EMBEDWASM_RETURN_IF_ERROR(check_batched("input", x, in_));
  const Shape out_shape = with_batch(x.batch(), out_);
  EMBEDWASM_RETURN_IF_ERROR(check_exact("y", y, out_shape));
  EMBEDWASM_RETURN_IF_ERROR(check_exact("dy", dy, out_shape));
  const size_t in = in_.back();
  const size_t units = kernel_.cols();
  const size_t rows = x.data.size() / in;

  const float* dz = dy.data.data();
  if (config_.activation != ActivationKind::kLinear) {
    dz_.resize(dy.data.size());
    activation_backward(config_.activation, rows, units, y.data.data(), dy.data.data(), dz_.data());
    dz = dz_.data();
  }

  // dW = x^T dz, k outer: one kernel-gradient row stays in cache while every sample's
  // contribution is added to it. Split by kernel rows k: each sums its samples in order.
  RowMatrix& kernel_grad = kernel_param_.grad;
  if (units < kNarrowUnits) {
    // Column u of dW gains dz[r][u] * x[r] for each sample r in order: the same terms in
    // the same order as the row-wise loop below, so the same bits.
    transpose_into(kernel_grad, &columns_);
    parallel_for(in, row_grain(in, rows * units, kMinTaskFloats), [&](size_t k0, size_t k1) {
      for (size_t r = 0; r < rows; ++r) {
        for (size_t u = 0; u < units; ++u) {
          kernels::f32_axpy(k1 - k0, dz[r * units + u], x.data.data() + r * in + k0, columns_.data() + u * in + k0);
        }
      }
    });
    transpose_back(columns_, &kernel_grad);
  } else {
    parallel_for(in, row_grain(in, rows * units, kMinTaskFloats), [&](size_t k0, size_t k1) {
      for (size_t k = k0; k < k1; ++k) {
        float* gk = kernel_grad.row(k);
        for (size_t r = 0; r < rows; ++r) kernels::f32_axpy(units, x.data[r * in + k], dz + r * units, gk);
      }
    });
  }
  if (config_.use_bias) {
    float* gb = bias_param_.grad.row(0);
    for (size_t r = 0; r < rows; ++r) kernels::f32_axpy(units, 1.0f, dz + r * units, gb);
  }
  if (dx != nullptr) {
    // dx = dz W^T: row k of W is column k of W^T, so each entry is one contiguous dot.
    dx->resize(x.shape);
    if (units < kNarrowUnits) {
      // Each row of dx is the kernel's columns weighted by the row's dz, added in unit order.
      transpose_into(kernel_, &columns_);
      parallel_for(rows, row_grain(rows, in * units, kMinTaskFloats), [&](size_t r0, size_t r1) {
        for (size_t r = r0; r < r1; ++r) {
          float* dxr = dx->data.data() + r * in;
          std::fill(dxr, dxr + in, 0.0f);
          for (size_t u = 0; u < units; ++u) kernels::f32_axpy(in, dz[r * units + u], columns_.data() + u * in, dxr);
        }
      });
      return Status::ok();
    }
    parallel_for(rows, row_grain(rows, in * units, kMinTaskFloats), [&](size_t r0, size_t r1) {
      for (size_t r = r0; r < r1; ++r) {
        const float* dzr = dz + r * units;
        float* dxr = dx->data.data() + r * in;
        for (size_t k = 0; k < in; ++k) dxr[k] = kernels::f32_dot(units, dzr, kernel_.row(k));
      }
    });
  }
  return Status::ok();
}

}  // namespace embedwasm::layers
