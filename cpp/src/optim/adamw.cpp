// AdamW: decoupled weight decay, w -= lr * weight_decay * w on the weights before the
// Adam step (Keras AdamW and PyTorch's w *= 1 - lr * weight_decay are the same), then
// Keras' Adam (adam.cpp; PyTorch's AdamW uses its own eps placement as for Adam). The
// decay is not added to the gradient, so clipping and the moments never see it.
// Sparse params decay and step only on the touched rows.
#include "kernels/kernels.h"
#include "optim/algorithms.h"

namespace embedwasm::optim {

namespace {

template <bool kSparse, typename RowUpdate>
void decay_then(const OptimizerSpec& spec, layers::Param* p, float lr, RowUpdate row_update) {
  const size_t d = p->value->cols();
  const float decay = static_cast<float>(static_cast<double>(lr) * spec.weight_decay);
  for_each_row<kSparse>(p, [&](float* w, const float* g, size_t r) {
    if (decay != 0.0f) kernels::f32_axpy(d, -decay, w, w);
    row_update(w, g, r);
  });
}

}  // namespace

void AdamW::update_dense(layers::Param* p, Slots* s, float lr) {
  const Step c = step(lr);
  const size_t d = p->value->cols();
  decay_then<false>(spec_, p, lr, [&](float* w, const float* g, size_t r) {
    update_row(c, d, g, s->m.row(r), s->v.row(r), w);
  });
}

void AdamW::update_sparse(layers::Param* p, Slots* s, float lr) {
  const Step c = step(lr);
  const size_t d = p->value->cols();
  decay_then<true>(spec_, p, lr, [&](float* w, const float* g, size_t r) {
    update_row(c, d, g, s->m.row(r), s->v.row(r), w);
  });
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
