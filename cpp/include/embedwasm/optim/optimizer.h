#pragma once
// Optimizers with the hyper-parameters Keras and PyTorch expose. Dense params get the
// update Keras (and PyTorch with sparse=False) makes; sparse params are updated only
// on the rows their gradient names, and only those rows' state moves:
//   sgd / momentum : w[r] -= lr g[r]; momentum state moves on touched rows only (TF's
//                    sparse Keras momentum; PyTorch's sparse momentum buffer densifies)
//   adagrad        : PyTorch Adagrad's sparse path
//   adam           : PyTorch SparseAdam (bias correction by the global step count)
//   others         : the dense formula applied to the touched rows ("lazy" updates)
// Which of Keras' and PyTorch's formulas each algorithm follows is written at the top
// of its file in cpp/src/optim/, beside the algorithm's registration (algorithm.h): its
// names, TF.js' positional arguments and its own defaults. The learning-rate schedule
// that drives lr is in schedule.h.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "embedwasm/core/option_schema.h"
#include "embedwasm/core/row_matrix.h"
#include "embedwasm/core/status.h"
#include "embedwasm/layers/param.h"
#include "embedwasm/optim/schedule.h"

namespace embedwasm::optim {

// The defaults here are every algorithm's; an algorithm's own (adam's learning rate) are
// in its registration (algorithm.h), applied by default_spec().
struct OptimizerSpec {
  // sgd, momentum, adagrad, rmsprop, adam, adamw, adamax, sparse_adam
  std::string name = "sgd";
  double learning_rate = 0.01;
  double momentum = 0.0;        // sgd, rmsprop (0.9 when name is "momentum" and this is 0)
  bool nesterov = false;        // sgd
  double beta1 = 0.9, beta2 = 0.999;  // adam, adamw, adamax, sparse_adam
  double epsilon = 1e-7;        // Keras default; PyTorch uses 1e-8
  double rho = 0.9;             // rmsprop (Keras rho = PyTorch alpha)
  bool centered = false;        // rmsprop
  double initial_accumulator_value = 0.1;  // adagrad (Keras 0.1, PyTorch 0)
  double weight_decay = 0.0;    // adamw: decoupled; others: L2 added to the gradient (PyTorch)
  double decay = 0.0;           // Keras legacy: lr / (1 + decay * iterations), applied by
                                // the caller to the lr it passes to apply()
  double clip_norm = 0.0;       // > 0: clip all gradients by their global norm
  double clip_value = 0.0;      // > 0: clip every gradient value to [-clip_value, clip_value]
  ScheduleSpec schedule;        // the learning rate over the steps (Keras: a schedule as
                                // learning_rate); lr above is its starting value
};

// learning_rate, epsilon, initial_accumulator_value, weight_decay, decay, clip_norm,
// clip_value >= 0; momentum, rho in [0, 1]; beta1, beta2 in [0, 1) (1 would make Adam's
// bias correction 1 - beta^t zero). The schedule's fields sit in the record itself, its
// name under "schedule".
const Schema<OptimizerSpec>& optimizer_schema();

class Optimizer {
 public:
  static Status create(const OptimizerSpec& spec, std::unique_ptr<Optimizer>* out);
  virtual ~Optimizer() = default;
  const OptimizerSpec& spec() const { return spec_; }
  int64_t iterations() const { return iterations_; }

  // One step over all params: clipping (by global norm across params, then by value),
  // the update with learning rate lr, then each param's constraint. Each Param is
  // matched to its state by its address, so a model must keep params where they are.
  Status apply(const std::vector<layers::Param*>& params, double lr);

  // The fused sparse step. A sparse param is fusable when its update is a function of one
  // gradient row at a time: no clipping (a global norm needs every gradient first), no
  // weight decay, no regularizer and no constraint on it (those stay on the unfused path,
  // which handles them in the order Keras does). Then the table's backward can hand each
  // coalesced gradient row to fused_row_step(p, lr) as soon as it is summed, and no
  // (U, D) gradient buffer is written or read again. Order of calls in one step:
  // prepare(all params) before any weight moves, the rows through the RowStep, then
  // apply(the other params, lr), which counts the step. Bit for bit the unfused step: the
  // unfused sparse update runs the same RowStep over the rows of the gradient buffer.
  using RowStep = std::function<void(size_t row, const float* grad)>;
  bool fusable(const layers::Param& p) const;
  // Everything in a step that can fail: validation and the state's memory.
  Status prepare(const std::vector<layers::Param*>& params);
  // For a param prepare() has seen, with the lr the following apply() gets.
  RowStep fused_row_step(layers::Param* p, double lr);

  struct Slots {
    RowMatrix m, v, u;            // per-algorithm moments, allocated on first use
    std::vector<int64_t> row_steps;  // per-row step counts where an algorithm needs them
  };
  // The state kept for p, or null before p's first step: read-only, for saving a
  // checkpoint and for tests that check which rows an update touched.
  const Slots* find_slots(const layers::Param* p) const;

 protected:
  explicit Optimizer(const OptimizerSpec& spec) : spec_(spec) {}
  // Allocates the slots the algorithm needs for p (shaped like p's value) before its
  // first update. Kept apart from the updates, which cannot fail, so that running out
  // of memory stops apply() before any weight has moved.
  virtual Status init_slots(const layers::Param& p, Slots* s) = 0;
  virtual void update_dense(layers::Param* p, Slots* s, float lr) = 0;
  // Row r of p's value and of its state moves by gradient row g; nothing else does.
  // Valid for the current step (it may hold step constants such as Adam's bias correction).
  virtual RowStep sparse_row_step(layers::Param* p, Slots* s, float lr) = 0;
  // The unfused sparse update: sparse_row_step over p's gradient rows.
  void update_sparse(layers::Param* p, Slots* s, float lr);
  Slots* slots_for(const layers::Param* p);

  OptimizerSpec spec_;
  int64_t iterations_ = 0;  // steps taken; Adam's bias correction counts these

 private:
  std::vector<std::pair<const layers::Param*, std::unique_ptr<Slots>>> slots_;
};

}  // namespace embedwasm::optim
