// PyTorch's SparseAdam (torch/optim/_functional.py, sparse_adam), the sparse step of
// both "adam" and "sparse_adam". For each touched row, with t the global step count:
//   m += (g - m)(1 - beta1); v += (g^2 - v)(1 - beta2)
//   w -= lr sqrt(1 - beta2^t) / (1 - beta1^t) * m / (sqrt(v) + eps)
// Untouched rows keep their m and v: they are not decayed towards zero as a dense Adam
// step with a zero gradient would do. PyTorch counts steps per param, and every param
// here gets a gradient at every step, so its count equals iterations + 1.
#include "optim/algorithms.h"

namespace embedwasm::optim {

Optimizer::RowStep Adam::sparse_row_step(layers::Param* p, Slots* s, float lr) {
  return SparseRows{p}(RowUpdate{step(lr), p->value->cols(), s});
}

// PyTorch's SparseAdam defaults (eps 1e-8). Adam's sparse path already is SparseAdam, and
// SparseAdam on a dense param is Adam, so it makes an Adam.
const Algorithm& sparse_adam_algorithm() {
  static const Algorithm algorithm{
      "sparse_adam", "sparse_adam", "sparseAdam", {"learning_rate", "beta1", "beta2", "epsilon"}, {},
      [](OptimizerSpec* spec) {
        spec->learning_rate = 0.001;
        spec->epsilon = 1e-8;
      },
      [](const OptimizerSpec& spec) -> std::unique_ptr<Optimizer> { return std::make_unique<Adam>(spec); }};
  return algorithm;
}

}  // namespace embedwasm::optim
