// AdamW: decoupled weight decay, w -= lr * weight_decay * w on the weights before the
// Adam step (Keras AdamW and PyTorch's w *= 1 - lr * weight_decay are the same), then
// Keras' Adam (adam.cpp; PyTorch's AdamW uses its own eps placement as for Adam). The
// decay is not added to the gradient, so clipping and the moments never see it.
// Sparse params decay and step only on the touched rows.
#include "kernels/kernels.h"
#include "optim/algorithms.h"

namespace embedwasm::optim {

namespace {

template <typename Rows, typename RowUpdate>
auto decay_then(const OptimizerSpec& spec, layers::Param* p, float lr, RowUpdate row_update, Rows rows) {
  const size_t d = p->value->cols();
  const float decay = static_cast<float>(static_cast<double>(lr) * spec.weight_decay);
  return rows([d, decay, row_update](float* w, const float* g, size_t r) {
    if (decay != 0.0f) kernels::f32_axpy(d, -decay, w, w);
    row_update(w, g, r);
  });
}

}  // namespace

void AdamW::update_dense(layers::Param* p, Slots* s, float lr) {
  decay_then(spec_, p, lr, RowUpdate{step(lr), p->value->cols(), s}, DenseRows{p});
}

Optimizer::RowStep AdamW::sparse_row_step(layers::Param* p, Slots* s, float lr) {
  return decay_then(spec_, p, lr, RowUpdate{step(lr), p->value->cols(), s}, SparseRows{p});
}

// Keras AdamW's defaults.
const Algorithm& adamw_algorithm() {
  static const Algorithm algorithm{
      "adamw", "adamw", "adamw", {"learning_rate", "beta1", "beta2", "epsilon", "weight_decay"}, {},
      [](OptimizerSpec* spec) {
        spec->learning_rate = 0.001;
        spec->weight_decay = 0.004;
      },
      [](const OptimizerSpec& spec) -> std::unique_ptr<Optimizer> { return std::make_unique<AdamW>(spec); }};
  return algorithm;
}

}  // namespace embedwasm::optim
