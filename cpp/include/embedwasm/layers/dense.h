#pragma once
// keras.layers.Dense: y = f(x · W + b) over the last axis, so (B, ..., in) ->
// (B, ..., units), as Keras applies Dense to every position of a sequence.
//
// W is the kernel (in, units) and b the bias (1, units), both RowMatrix so that the
// optimizer sees one layout. Weights are drawn at build, when `in` is known.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "embedwasm/core/initializers.h"
#include "embedwasm/core/row_matrix.h"
#include "embedwasm/core/status.h"
#include "embedwasm/layers/layer.h"
#include "embedwasm/layers/activation.h"
#include "embedwasm/layers/param.h"

namespace embedwasm::layers {

struct DenseConfig {
  int64_t units = 0;
  ActivationKind activation = ActivationConfig().activation;
  bool use_bias = true;
  // tfjs' spelling, as JS records hold it (the core takes Keras' glorot_uniform too).
  InitializerSpec kernel_initializer = [] {
    InitializerSpec s;
    s.name = "glorotUniform";
    return s;
  }();
  InitializerSpec bias_initializer = [] {
    InitializerSpec s;
    s.name = "zeros";
    return s;
  }();
  // The kernel is drawn from `seed` and the bias from seed + 1, so a seeded bias
  // initializer does not repeat the kernel's first numbers.
  uint64_t seed = 0;
  RegularizerSpec kernel_regularizer;
  RegularizerSpec bias_regularizer;
  // Keras' max_norm / unit_norm / min_max_norm default to axis = 0: each unit's incoming
  // weights, a column of the (in, units) kernel.
  ConstraintSpec kernel_constraint = [] {
    ConstraintSpec c;
    c.per_row = false;
    return c;
  }();
  // A (1, units) bias has one row, so per_row = true is the whole vector, which is what
  // Keras' axis = 0 means for a 1-D bias.
  ConstraintSpec bias_constraint;
};

// units in [1, 2^31 - 1]; the initializers by name; regularizers and constraints as
// nested records.
const Schema<DenseConfig>& dense_schema();

class Dense : public Layer {
 public:
  // Validates units (> 0), the initializer names and the regularizer / constraint specs.
  static Status create(const DenseConfig& config, std::unique_ptr<Dense>* out);

  Dense(const Dense&) = delete;  // params() hands out pointers to the weights
  Dense& operator=(const Dense&) = delete;

  const DenseConfig& config() const { return config_; }
  const char* class_name() const override { return "Dense"; }
  // in: (..., in) with rank >= 1 and in > 0. out: (..., units).
  Status build(const Shape& in, Shape* out) override;
  // The mask passes through: Keras' Dense supports masking and keeps the time axis.
  Status forward(const Tensor& x, const Mask& mask_in, bool training, Tensor* y,
                 Mask* mask_out) override;
  // Adds dW = x^T dz and db = sum dz into the params' grads (dz = f'(.) * dy) and sets
  // dx = dz W^T when asked.
  Status backward(const Tensor& x, const Mask& mask_in, const Tensor& y, const Tensor& dy,
                  Tensor* dx) override;
  // [kernel, bias], or [kernel] without bias.
  std::vector<Param*> params() override;

  // TF.js setWeights / Keras `weights`: [kernel (in * units, row-major), bias (units)]
  // (no bias entry when use_bias is false). Before build they are kept and checked and
  // copied in at build (in place of the initializers); after build, now.
  Status set_weights(const std::vector<std::vector<float>>& weights);
  // Same layout as set_weights. Needs build.
  Status get_weights(std::vector<std::vector<float>>* weights) const;

 private:
  explicit Dense(const DenseConfig& config) : config_(config) {}
  Status check_weights(const std::vector<std::vector<float>>& weights, size_t in) const;
  void copy_weights_in(const std::vector<std::vector<float>>& weights);

  DenseConfig config_;
  bool built_ = false;
  Shape in_;             // per sample, (..., in)
  Shape out_;            // per sample, (..., units)
  RowMatrix kernel_;     // (in, units)
  RowMatrix bias_;       // (1, units)
  Param kernel_param_;
  Param bias_param_;
  std::vector<std::vector<float>> pending_weights_;  // set before build
  std::vector<float> dz_;  // scratch: f'(.) * dy, (rows, units)
  // scratch of a narrow layer (fewer units than kNarrowUnits in dense.cpp): the kernel or
  // its gradient transposed, (units, in), so that each unit's column is contiguous
  std::vector<float> columns_;
};

}  // namespace embedwasm::layers
