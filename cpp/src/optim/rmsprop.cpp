// RMSprop exactly as tf.keras 2.x (optimizer_v2/rmsprop.py), which has two forms:
//   momentum = 0 : ms = rho ms + (1 - rho) g^2; w -= lr g / (sqrt(ms) + eps)
//                  (centered: mg = rho mg + (1 - rho) g; ms - mg^2 under the root)
//   momentum > 0 : the ApplyRMSProp kernel, epsilon inside the root:
//                  mom = momentum mom + lr g / sqrt(ms + eps); w -= mom
//                  (centered: sqrt(ms - mg^2 + eps))
// PyTorch (alpha = rho) and Keras 3 put eps outside / inside the root respectively in
// every case; TF.js always uses the kernel form. Sparse params: the same update on the
// touched rows only (TF's sparse kernels are lazy the same way with momentum).
#include <algorithm>
#include <cmath>

#include "optim/algorithms.h"

namespace embedwasm::optim {

namespace {

template <typename Rows>
auto update(const OptimizerSpec& spec, layers::Param* p, Optimizer::Slots* s, float lr, Rows rows) {
  const size_t d = p->value->cols();
  const float rho = static_cast<float>(spec.rho);
  const float one_minus_rho = static_cast<float>(1.0 - spec.rho);
  const float eps = static_cast<float>(spec.epsilon);
  const float momentum = static_cast<float>(spec.momentum);
  const bool centered = spec.centered;
  if (spec.momentum == 0.0) {
    return rows([d, rho, one_minus_rho, eps, centered, lr, s](float* w, const float* g, size_t r) {
      float* ms = s->v.row(r);
      float* mg = centered ? s->m.row(r) : nullptr;
      for (size_t j = 0; j < d; ++j) {
        ms[j] = rho * ms[j] + one_minus_rho * g[j] * g[j];
        float denom = ms[j];
        if (centered) {
          mg[j] = rho * mg[j] + one_minus_rho * g[j];
          // ms >= mg^2 in exact arithmetic; rounding must not turn that into sqrt(< 0).
          denom = std::max(ms[j] - mg[j] * mg[j], 0.0f);
        }
        w[j] -= lr * g[j] / (std::sqrt(denom) + eps);
      }
    });
  }
  return rows([d, one_minus_rho, eps, momentum, centered, lr, s](float* w, const float* g, size_t r) {
    float* ms = s->v.row(r);
    float* mg = centered ? s->m.row(r) : nullptr;
    float* mom = s->u.row(r);
    for (size_t j = 0; j < d; ++j) {
      ms[j] += (g[j] * g[j] - ms[j]) * one_minus_rho;
      float denom = ms[j];
      if (centered) {
        mg[j] += (g[j] - mg[j]) * one_minus_rho;
        denom = std::max(ms[j] - mg[j] * mg[j], 0.0f);
      }
      mom[j] = momentum * mom[j] + lr * g[j] / std::sqrt(denom + eps);
      w[j] -= mom[j];
    }
  });
}

}  // namespace

Status RmsProp::init_slots(const layers::Param& p, Slots* s) {
  EMBEDWASM_RETURN_IF_ERROR(ensure_slot(p, &s->v));
  if (spec_.centered) EMBEDWASM_RETURN_IF_ERROR(ensure_slot(p, &s->m));
  if (spec_.momentum > 0.0) EMBEDWASM_RETURN_IF_ERROR(ensure_slot(p, &s->u));
  return Status::ok();
}

void RmsProp::update_dense(layers::Param* p, Slots* s, float lr) { update(spec_, p, s, lr, DenseRows{p}); }
Optimizer::RowStep RmsProp::sparse_row_step(layers::Param* p, Slots* s, float lr) {
  return update(spec_, p, s, lr, SparseRows{p});
}

const Algorithm& rmsprop_algorithm() {
  static const Algorithm algorithm{
      "rmsprop", "rmsprop", "rmsprop", {"learning_rate", "rho", "momentum", "epsilon", "centered"}, {},
      [](OptimizerSpec* spec) { spec->learning_rate = 0.001; },
      [](const OptimizerSpec& spec) -> std::unique_ptr<Optimizer> { return std::make_unique<RmsProp>(spec); }};
  return algorithm;
}

}  // namespace embedwasm::optim
