// Adamax as Keras 2 (the ApplyAdaMax kernel):
//   m += (g - m)(1 - beta1); u = max(beta2 u, |g|)
//   w -= lr / (1 - beta1^t) * m / (u + eps),  t = iterations + 1
// PyTorch folds eps into the norm instead: u = max(beta2 u, |g| + eps); w -= ... m / u.
// Sparse params: the same update on the touched rows, bias-corrected with the global t
// (as Keras' sparse Adamax).
#include <algorithm>
#include <cmath>

#include "optim/algorithms.h"

namespace embedwasm::optim {

namespace {

template <typename Rows>
auto update(const OptimizerSpec& spec, int64_t iterations, layers::Param* p, Optimizer::Slots* s, float lr, Rows rows) {
  const size_t d = p->value->cols();
  const double t = static_cast<double>(iterations + 1);
  const float step_size = static_cast<float>(static_cast<double>(lr) / (1.0 - std::pow(spec.beta1, t)));
  const float one_minus_beta1 = static_cast<float>(1.0 - spec.beta1);
  const float beta2 = static_cast<float>(spec.beta2);
  const float eps = static_cast<float>(spec.epsilon);
  return rows([d, step_size, one_minus_beta1, beta2, eps, s](float* w, const float* g, size_t r) {
    float* m = s->m.row(r);
    float* u = s->u.row(r);
    for (size_t j = 0; j < d; ++j) {
      m[j] += (g[j] - m[j]) * one_minus_beta1;
      u[j] = std::max(beta2 * u[j], std::fabs(g[j]));
      w[j] -= step_size * (m[j] / (u[j] + eps));
    }
  });
}

}  // namespace

Status Adamax::init_slots(const layers::Param& p, Slots* s) {
  EMBEDWASM_RETURN_IF_ERROR(ensure_slot(p, &s->m));
  return ensure_slot(p, &s->u);
}

void Adamax::update_dense(layers::Param* p, Slots* s, float lr) { update(spec_, iterations_, p, s, lr, DenseRows{p}); }
Optimizer::RowStep Adamax::sparse_row_step(layers::Param* p, Slots* s, float lr) {
  return update(spec_, iterations_, p, s, lr, SparseRows{p});
}

const Algorithm& adamax_algorithm() {
  static const Algorithm algorithm{
      "adamax", "adamax", "adamax", {"learning_rate", "beta1", "beta2", "epsilon"}, {},
      [](OptimizerSpec* spec) { spec->learning_rate = 0.002; },
      [](const OptimizerSpec& spec) -> std::unique_ptr<Optimizer> { return std::make_unique<Adamax>(spec); }};
  return algorithm;
}

}  // namespace embedwasm::optim
