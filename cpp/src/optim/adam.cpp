// Adam in Keras 2's form (the ApplyAdam kernel; Keras 3 is the same):
//   m += (g - m)(1 - beta1); v += (g^2 - v)(1 - beta2)
//   w -= lr sqrt(1 - beta2^t) / (1 - beta1^t) * m / (sqrt(v) + eps)
// with t = iterations + 1. eps is the paper's "epsilon hat": it sits outside the
// bias-corrected root. PyTorch's Adam (and TF.js) divide by sqrt(v / (1 - beta2^t)) + eps
// instead, which differs by a factor sqrt(1 - beta2^t) on eps; PyTorch's SparseAdam uses
// the Keras form, which is why one row update serves both paths (sparse_adam.cpp).
#include <cmath>

#include "optim/algorithms.h"

namespace embedwasm::optim {

Adam::Step Adam::step(float lr) const {
  const double t = static_cast<double>(iterations_ + 1);
  const double bias1 = 1.0 - std::pow(spec_.beta1, t);
  const double bias2 = 1.0 - std::pow(spec_.beta2, t);
  Step c;
  c.one_minus_beta1 = static_cast<float>(1.0 - spec_.beta1);
  c.one_minus_beta2 = static_cast<float>(1.0 - spec_.beta2);
  c.epsilon = static_cast<float>(spec_.epsilon);
  c.step_size = static_cast<float>(static_cast<double>(lr) * std::sqrt(bias2) / bias1);
  return c;
}

void Adam::update_row(const Step& c, size_t d, const float* g, float* m, float* v, float* w) {
  // Locals, not c's fields: c is a float the stores below could alias as far as the
  // compiler knows (once a caller's RowUpdate is passed to the thread pool by address),
  // which kept this loop scalar: a dense step of a 100,000 x 128 table took 57-107 ms
  // in the SIMD build instead of 35-50.
  const float one_minus_beta1 = c.one_minus_beta1;
  const float one_minus_beta2 = c.one_minus_beta2;
  const float step_size = c.step_size;
  const float epsilon = c.epsilon;
  for (size_t j = 0; j < d; ++j) {
    m[j] += (g[j] - m[j]) * one_minus_beta1;
    v[j] += (g[j] * g[j] - v[j]) * one_minus_beta2;
    w[j] -= step_size * (m[j] / (std::sqrt(v[j]) + epsilon));
  }
}

Status Adam::init_slots(const layers::Param& p, Slots* s) {
  EMBEDWASM_RETURN_IF_ERROR(ensure_slot(p, &s->m));
  return ensure_slot(p, &s->v);
}

void Adam::update_dense(layers::Param* p, Slots* s, float lr) {
  DenseRows{p}(RowUpdate{step(lr), p->value->cols(), s});
}

const Algorithm& adam_algorithm() {
  static const Algorithm algorithm{
      "adam", "adam", "adam", {"learning_rate", "beta1", "beta2", "epsilon"}, {},
      [](OptimizerSpec* spec) { spec->learning_rate = 0.001; },
      [](const OptimizerSpec& spec) -> std::unique_ptr<Optimizer> { return std::make_unique<Adam>(spec); }};
  return algorithm;
}

}  // namespace embedwasm::optim
