// Adagrad as Keras (and PyTorch, whose sparse path is the same update on the touched
// rows): acc += g^2; w -= lr * g / (sqrt(acc) + eps). The accumulator starts at
// initial_accumulator_value (Keras 0.1, PyTorch 0). TF.js differs: sqrt(acc + eps).
#include <cmath>

#include "optim/algorithms.h"

namespace embedwasm::optim {

namespace {

template <typename Rows>
auto update(const OptimizerSpec& spec, layers::Param* p, Optimizer::Slots* s, float lr, Rows rows) {
  const size_t d = p->value->cols();
  const float eps = static_cast<float>(spec.epsilon);
  return rows([d, eps, lr, s](float* w, const float* g, size_t r) {
    float* acc = s->v.row(r);
    for (size_t j = 0; j < d; ++j) {
      acc[j] += g[j] * g[j];
      w[j] -= lr * g[j] / (std::sqrt(acc[j]) + eps);
    }
  });
}

}  // namespace

Status Adagrad::init_slots(const layers::Param& p, Slots* s) {
  EMBEDWASM_RETURN_IF_ERROR(ensure_slot(p, &s->v));
  // Only the D real columns: row padding stays zero as RowMatrix promises.
  const float initial = static_cast<float>(spec_.initial_accumulator_value);
  for (size_t r = 0; r < s->v.rows(); ++r) {
    float* acc = s->v.row(r);
    for (size_t j = 0; j < s->v.cols(); ++j) acc[j] = initial;
  }
  return Status::ok();
}

void Adagrad::update_dense(layers::Param* p, Slots* s, float lr) { update(spec_, p, s, lr, DenseRows{p}); }
Optimizer::RowStep Adagrad::sparse_row_step(layers::Param* p, Slots* s, float lr) {
  return update(spec_, p, s, lr, SparseRows{p});
}

const Algorithm& adagrad_algorithm() {
  static const Algorithm algorithm{
      "adagrad", "adagrad", "adagrad", {"learning_rate", "initial_accumulator_value"}, {"epsilon"},
      [](OptimizerSpec*) {},
      [](const OptimizerSpec& spec) -> std::unique_ptr<Optimizer> { return std::make_unique<Adagrad>(spec); }};
  return algorithm;
}

}  // namespace embedwasm::optim
