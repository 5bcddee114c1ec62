// SGD in Keras' form: v = momentum * v - lr * g; w += v (nesterov: w += momentum * v -
// lr * g). PyTorch keeps buf = momentum * buf + g and steps -lr * buf instead; the two
// agree while lr is constant and differ once a schedule changes it.
//
// Sparse params move only the touched rows' weights and velocities ("lazy" momentum,
// as TF's ResourceSparseApplyKerasMomentum). PyTorch's SGD with momentum keeps a sparse
// buffer that goes on decaying and stepping rows after they stop being touched, i.e. it
// densifies over time; that is not a sparse update, so it is not followed here.
#include "kernels/kernels.h"
#include "optim/algorithms.h"

namespace embedwasm::optim {

namespace {

template <typename Rows>
auto update(const OptimizerSpec& spec, layers::Param* p, Optimizer::Slots* s, float lr, Rows rows) {
  const size_t d = p->value->cols();
  if (spec.momentum == 0.0) {
    return rows([d, lr](float* w, const float* g, size_t) { kernels::f32_axpy(d, -lr, g, w); });
  }
  const float momentum = static_cast<float>(spec.momentum);
  const bool nesterov = spec.nesterov;
  return rows([d, lr, s, momentum, nesterov](float* w, const float* g, size_t r) {
    float* v = s->m.row(r);
    kernels::f32_scale(d, momentum, v, v);
    kernels::f32_axpy(d, -lr, g, v);
    if (nesterov) {
      kernels::f32_axpy(d, momentum, v, w);
      kernels::f32_axpy(d, -lr, g, w);
    } else {
      kernels::f32_axpy(d, 1.0f, v, w);
    }
  });
}

}  // namespace

Status Sgd::init_slots(const layers::Param& p, Slots* s) {
  return spec_.momentum > 0.0 ? ensure_slot(p, &s->m) : Status::ok();
}

void Sgd::update_dense(layers::Param* p, Slots* s, float lr) { update(spec_, p, s, lr, DenseRows{p}); }
Optimizer::RowStep Sgd::sparse_row_step(layers::Param* p, Slots* s, float lr) {
  return update(spec_, p, s, lr, SparseRows{p});
}

const Algorithm& sgd_algorithm() {
  static const Algorithm algorithm{
      "sgd", "sgd", "sgd", {"learning_rate"}, {"momentum", "nesterov"}, [](OptimizerSpec*) {},
      [](const OptimizerSpec& spec) -> std::unique_ptr<Optimizer> { return std::make_unique<Sgd>(spec); }};
  return algorithm;
}

// TF.js' train.momentum: SGD with momentum 0.9 unless told otherwise. Its JS record is an
// sgd record, as the optimizer it makes is.
namespace {
void momentum_defaults(OptimizerSpec* spec) { spec->momentum = 0.9; }
}  // namespace

const Algorithm& momentum_algorithm() {
  static const Algorithm algorithm{
      "momentum", "sgd", "momentum", {"learning_rate", "momentum", "nesterov"}, {}, momentum_defaults,
      [](const OptimizerSpec& spec) -> std::unique_ptr<Optimizer> {
        // A momentum optimizer without momentum would be plain SGD.
        OptimizerSpec s = spec;
        if (s.momentum == 0.0) momentum_defaults(&s);
        return std::make_unique<Sgd>(s);
      }};
  return algorithm;
}

}  // namespace embedwasm::optim
