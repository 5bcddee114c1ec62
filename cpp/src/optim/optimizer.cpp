#include "embedwasm/optim/optimizer.h"

#include <cmath>
#include <string>

#include "embedwasm/core/thread_pool.h"
#include "embedwasm/optim/algorithm.h"
#include "kernels/kernels.h"
#include "optim/algorithms.h"

namespace embedwasm::optim {

namespace {

bool slots_empty(const Optimizer::Slots& s) {
  return s.m.rows() == 0 && s.v.rows() == 0 && s.u.rows() == 0;
}

Status check_slot_shape(const layers::Param& p, const RowMatrix& slot) {
  if (slot.rows() == 0 || (slot.rows() == p.value->rows() && slot.cols() == p.value->cols())) {
    return Status::ok();
  }
  return Status::invalid_argument("param '" + p.name + "' is now " + std::to_string(p.value->rows()) +
                                  " x " + std::to_string(p.value->cols()) +
                                  " but its optimizer state is " + std::to_string(slot.rows()) + " x " +
                                  std::to_string(slot.cols()));
}

// Calls f(d, g) on every gradient row: dense rows, then a sparse param's touched rows.
template <typename F>
void for_each_gradient_row(const std::vector<layers::Param*>& params, F f) {
  for (layers::Param* p : params) {
    const size_t d = p->value->cols();
    if (p->sparse) {
      for (size_t k = 0; k < p->sparse_grad.rows.size(); ++k) f(d, p->sparse_grad.row_values(k));
    } else {
      for (size_t r = 0; r < p->grad.rows(); ++r) f(d, p->grad.row(r));
    }
  }
}

// tf.clip_by_global_norm (Keras global_clipnorm): one norm over every gradient, so
// clipping keeps the direction of the whole step. PyTorch's clip_grad_norm_ is the same
// but divides by norm + 1e-6.
void clip_by_global_norm(const std::vector<layers::Param*>& params, double clip_norm) {
  double sum_squares = 0.0;
  for_each_gradient_row(params, [&](size_t d, float* g) { sum_squares += kernels::f32_dot(d, g, g); });
  const double norm = std::sqrt(sum_squares);
  if (!(norm > clip_norm)) return;
  const float scale = static_cast<float>(clip_norm / norm);
  for_each_gradient_row(params, [&](size_t d, float* g) { kernels::f32_scale(d, scale, g, g); });
}

void clip_by_value(const std::vector<layers::Param*>& params, double clip_value) {
  const float c = static_cast<float>(clip_value);
  for_each_gradient_row(params, [&](size_t d, float* g) {
    for (size_t j = 0; j < d; ++j) {
      // Comparisons rather than min/max so that a NaN gradient stays visible.
      if (g[j] > c) g[j] = c;
      if (g[j] < -c) g[j] = -c;
    }
  });
}

// PyTorch's weight_decay: g += wd * w, after clipping as clip_grad_norm_ runs before
// step(). Sparse params decay only on the touched rows.
void add_l2_weight_decay(const std::vector<layers::Param*>& params, double weight_decay) {
  const float wd = static_cast<float>(weight_decay);
  for (layers::Param* p : params) {
    RowMatrix& w = *p->value;
    if (p->sparse) {
      embedding::SparseRowGradient& g = p->sparse_grad;
      for (size_t k = 0; k < g.rows.size(); ++k) {
        kernels::f32_axpy(w.cols(), wd, w.row(static_cast<size_t>(g.rows[k])), g.row_values(k));
      }
    } else {
      for (size_t r = 0; r < w.rows(); ++r) kernels::f32_axpy(w.cols(), wd, w.row(r), p->grad.row(r));
      p->grad_rows.clear();  // every row is written
    }
  }
}

}  // namespace

const Schema<OptimizerSpec>& optimizer_schema() {
  static const Schema<OptimizerSpec> schema = [] {
    Schema<OptimizerSpec> s("optimizer");
    std::vector<std::string> names;
    for (const Algorithm* a : algorithms()) names.push_back(a->name);
    s.add("name", &OptimizerSpec::name).choices(names);
    s.add("learning_rate", &OptimizerSpec::learning_rate).at_least(0);
    s.add("momentum", &OptimizerSpec::momentum).at_least(0).at_most(1);
    s.add("nesterov", &OptimizerSpec::nesterov);
    // beta = 1 would make Adam's bias correction 1 - beta^t zero.
    s.add("beta1", &OptimizerSpec::beta1).at_least(0).below(1);
    s.add("beta2", &OptimizerSpec::beta2).at_least(0).below(1);
    s.add("epsilon", &OptimizerSpec::epsilon).at_least(0);
    s.add("rho", &OptimizerSpec::rho).at_least(0).at_most(1);
    s.add("centered", &OptimizerSpec::centered);
    s.add("initial_accumulator_value", &OptimizerSpec::initial_accumulator_value).at_least(0);
    s.add("weight_decay", &OptimizerSpec::weight_decay).at_least(0);
    s.add("decay", &OptimizerSpec::decay).at_least(0);
    s.add("clip_norm", &OptimizerSpec::clip_norm).at_least(0);
    s.add("clip_value", &OptimizerSpec::clip_value).at_least(0);
    s.add_record("schedule", &OptimizerSpec::schedule, schedule_schema()).flat();
    return s;
  }();
  return schema;
}

Status Optimizer::create(const OptimizerSpec& spec, std::unique_ptr<Optimizer>* out) {
  EMBEDWASM_RETURN_IF_ERROR(optimizer_schema().validate(spec).prefixed("optimizer "));
  EMBEDWASM_RETURN_IF_ERROR(validate(spec.schedule));
  const Algorithm* algorithm = find_algorithm(spec.name);
  if (algorithm == nullptr) {
    std::string names;
    const auto& all = algorithms();
    for (size_t i = 0; i < all.size(); ++i) {
      names += (i == 0 ? "" : i + 1 == all.size() ? " or " : ", ") + all[i]->name;
    }
    return Status::invalid_argument("unknown optimizer '" + spec.name + "'; expected " + names);
  }
  OptimizerSpec s = spec;
  s.name = algorithm->name;
  *out = algorithm->make(s);
  return Status::ok();
}

Optimizer::Slots* Optimizer::slots_for(const layers::Param* p) {
  for (auto& entry : slots_) {
    if (entry.first == p) return entry.second.get();
  }
  slots_.emplace_back(p, std::make_unique<Slots>());
  return slots_.back().second.get();
}

const Optimizer::Slots* Optimizer::find_slots(const layers::Param* p) const {
  for (const auto& entry : slots_) {
    if (entry.first == p) return entry.second.get();
  }
  return nullptr;
}

Status Optimizer::prepare(const std::vector<layers::Param*>& params) {
  for (size_t i = 0; i < params.size(); ++i) {
    const layers::Param* p = params[i];
    if (p == nullptr) return Status::invalid_argument("param " + std::to_string(i) + " is null");
    EMBEDWASM_RETURN_IF_ERROR(validate(*p));
    for (size_t j = 0; j < i; ++j) {
      if (params[j] == p) {
        return Status::invalid_argument("param '" + p->name + "' is listed twice; it would be updated twice");
      }
    }
  }
  for (const layers::Param* p : params) {
    Slots* s = slots_for(p);
    if (slots_empty(*s)) {
      EMBEDWASM_RETURN_IF_ERROR(init_slots(*p, s).prefixed("param '" + p->name + "': "));
    } else {
      EMBEDWASM_RETURN_IF_ERROR(check_slot_shape(*p, s->m));
      EMBEDWASM_RETURN_IF_ERROR(check_slot_shape(*p, s->v));
      EMBEDWASM_RETURN_IF_ERROR(check_slot_shape(*p, s->u));
    }
  }
  return Status::ok();
}

bool Optimizer::fusable(const layers::Param& p) const {
  // AdamW's decay is decoupled: part of its row update, not of the gradient.
  const bool decay_in_gradient = spec_.weight_decay > 0.0 && spec_.name != "adamw";
  return p.sparse && spec_.clip_norm == 0.0 && spec_.clip_value == 0.0 && !decay_in_gradient &&
         !p.regularizer.active() && p.constraint.kind == layers::ConstraintKind::kNone;
}

Optimizer::RowStep Optimizer::fused_row_step(layers::Param* p, double lr) {
  return sparse_row_step(p, slots_for(p), static_cast<float>(lr));
}

void Optimizer::update_sparse(layers::Param* p, Slots* s, float lr) {
  const RowStep step = sparse_row_step(p, s, lr);
  const embedding::SparseRowGradient& g = p->sparse_grad;
  // The rows are distinct and a step touches its row alone: any split gives the same bits.
  const size_t u = g.rows.size();
  parallel_for(u, row_grain(u, 4 * g.cols, kMinTaskFloats), [&](size_t k0, size_t k1) {
    for (size_t k = k0; k < k1; ++k) step(static_cast<size_t>(g.rows[k]), g.row_values(k));
  });
}

// lr arrives scheduled and with Keras' legacy decay already applied (the model computes
// both from iterations()), so spec_.decay is not applied a second time here.
Status Optimizer::apply(const std::vector<layers::Param*>& params, double lr) {
  if (!(std::isfinite(lr) && lr >= 0.0)) {
    return Status::out_of_range("learning rate must be finite and >= 0, got " + format_number(lr));
  }
  // Everything that can fail runs before the first weight moves.
  EMBEDWASM_RETURN_IF_ERROR(prepare(params));
  std::vector<Slots*> slots(params.size());
  for (size_t i = 0; i < params.size(); ++i) slots[i] = slots_for(params[i]);

  if (spec_.clip_norm > 0.0) clip_by_global_norm(params, spec_.clip_norm);
  if (spec_.clip_value > 0.0) clip_by_value(params, spec_.clip_value);
  // AdamW decays the weights themselves (decoupled), in its own update.
  if (spec_.weight_decay > 0.0 && spec_.name != "adamw") add_l2_weight_decay(params, spec_.weight_decay);

  const float lr_f = static_cast<float>(lr);
  for (size_t i = 0; i < params.size(); ++i) {
    layers::Param* p = params[i];
    if (p->sparse) {
      update_sparse(p, slots[i], lr_f);
    } else {
      update_dense(p, slots[i], lr_f);
    }
    apply_constraint(p);
  }
  ++iterations_;
  return Status::ok();
}

Status ensure_slot(const layers::Param& p, RowMatrix* slot) {
  if (slot->rows() == p.value->rows() && slot->cols() == p.value->cols() && slot->data() != nullptr) {
    return Status::ok();
  }
  return RowMatrix::create(p.value->rows(), p.value->cols(), slot);
}

}  // namespace embedwasm::optim
