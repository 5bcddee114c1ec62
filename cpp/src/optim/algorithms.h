#pragma once
// The optimizer algorithms behind Optimizer::create, one per file. Every update is a
// function of one row (w, g and the slots' rows at the same index), run over all rows
// of a dense param or only over the rows a sparse gradient names, so a sparse step
// cannot move another row or its state.
//
// Slot use, each shaped like the value:
//   sgd     m = velocity (momentum > 0)
//   adagrad v = accumulator
//   rmsprop v = mean square, m = mean gradient (centered), u = momentum (momentum > 0)
//   adam    m, v = first and second moments (also adamw, sparse_adam)
//   adamax  m = first moment, u = infinity norm
#include <cstddef>
#include <vector>

#include "embedwasm/core/thread_pool.h"
#include "embedwasm/optim/algorithm.h"
#include "embedwasm/optim/optimizer.h"

namespace embedwasm::optim {

// Every algorithm writes its update once, as f(w, g, r): row r of the value (w) moves by
// gradient row g, and only row r of the slots with it. The dense step runs f over all
// rows; the sparse step (fused or not) is f as a RowStep, so both sparse paths are the
// same arithmetic. f outlives the call that made it (a RowStep is used after it
// returns), so it captures by value.
struct DenseRows {
  layers::Param* p;
  template <typename F>
  void operator()(F f) const {
    RowMatrix& w = *p->value;
    // A row the gradient does not mark is updated with g = 0 read from here: the same
    // arithmetic, so the same bits, without reading the zeros from the gradient.
    const std::vector<float> zeros(w.cols(), 0.0f);
    // f touches row r alone, so tasks of rows give the bits of one thread. A row update
    // reads and writes w, g and up to three slots: about 4 floats moved per column.
    parallel_for(w.rows(), row_grain(w.rows(), 4 * w.cols(), kMinTaskFloats), [&](size_t r0, size_t r1) {
      // A copy whose address stays in this task: f itself reaches the pool by address, and
      // then its float constants might be changed by the row stores as far as the
      // compiler knows, which kept the row loops scalar (a dense Adamax step of a
      // 100,000 x 128 table: 38 -> 73 ms in the SIMD build).
      const F row_update = f;
      for (size_t r = r0; r < r1; ++r) row_update(w.row(r), layers::gradient_row(*p, r, zeros.data()), r);
    });
  }
};

struct SparseRows {
  layers::Param* p;
  template <typename F>
  Optimizer::RowStep operator()(F f) const {
    RowMatrix* w = p->value;
    return [w, f](size_t r, const float* g) { f(w->row(r), g, r); };
  }
};

// Each algorithm's registration, in its own file (algorithm.h lists them).
const Algorithm& sgd_algorithm();
const Algorithm& momentum_algorithm();
const Algorithm& adagrad_algorithm();
const Algorithm& rmsprop_algorithm();
const Algorithm& adam_algorithm();
const Algorithm& adamw_algorithm();
const Algorithm& adamax_algorithm();
const Algorithm& sparse_adam_algorithm();

// A zero slot shaped like p's value, unless it already is one.
Status ensure_slot(const layers::Param& p, RowMatrix* slot);

class Sgd : public Optimizer {
 public:
  explicit Sgd(const OptimizerSpec& spec) : Optimizer(spec) {}

 protected:
  Status init_slots(const layers::Param& p, Slots* s) override;
  void update_dense(layers::Param* p, Slots* s, float lr) override;
  RowStep sparse_row_step(layers::Param* p, Slots* s, float lr) override;
};

class Adagrad : public Optimizer {
 public:
  explicit Adagrad(const OptimizerSpec& spec) : Optimizer(spec) {}

 protected:
  Status init_slots(const layers::Param& p, Slots* s) override;
  void update_dense(layers::Param* p, Slots* s, float lr) override;
  RowStep sparse_row_step(layers::Param* p, Slots* s, float lr) override;
};

class RmsProp : public Optimizer {
 public:
  explicit RmsProp(const OptimizerSpec& spec) : Optimizer(spec) {}

 protected:
  Status init_slots(const layers::Param& p, Slots* s) override;
  void update_dense(layers::Param* p, Slots* s, float lr) override;
  RowStep sparse_row_step(layers::Param* p, Slots* s, float lr) override;
};

// adam and sparse_adam: the dense step is Keras', the sparse step PyTorch's SparseAdam
// (sparse_adam.cpp); both are the same arithmetic on a row, see adam.cpp.
class Adam : public Optimizer {
 public:
  explicit Adam(const OptimizerSpec& spec) : Optimizer(spec) {}

 protected:
  Status init_slots(const layers::Param& p, Slots* s) override;
  void update_dense(layers::Param* p, Slots* s, float lr) override;
  RowStep sparse_row_step(layers::Param* p, Slots* s, float lr) override;

  struct Step {
    float one_minus_beta1, one_minus_beta2, epsilon;
    float step_size;  // lr * sqrt(1 - beta2^t) / (1 - beta1^t)
  };
  Step step(float lr) const;
  static void update_row(const Step& c, size_t d, const float* g, float* m, float* v, float* w);
  // update_row on row r of w, m and v.
  struct RowUpdate {
    Step c;
    size_t d;
    Slots* s;
    void operator()(float* w, const float* g, size_t r) const { update_row(c, d, g, s->m.row(r), s->v.row(r), w); }
  };
};

class AdamW : public Adam {
 public:
  explicit AdamW(const OptimizerSpec& spec) : Adam(spec) {}

 protected:
  void update_dense(layers::Param* p, Slots* s, float lr) override;
  RowStep sparse_row_step(layers::Param* p, Slots* s, float lr) override;
};

class Adamax : public Optimizer {
 public:
  explicit Adamax(const OptimizerSpec& spec) : Optimizer(spec) {}

 protected:
  Status init_slots(const layers::Param& p, Slots* s) override;
  void update_dense(layers::Param* p, Slots* s, float lr) override;
  RowStep sparse_row_step(layers::Param* p, Slots* s, float lr) override;
};

}  // namespace embedwasm::optim
