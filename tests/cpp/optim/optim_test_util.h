#pragma once
// Three optimizer steps on a small param checked against a per-element reference
// written in double by each test (the formula as its source states it, not as the
// implementation factors it). The learning rate changes between steps so that forms
// equal only under a constant lr (Keras vs PyTorch momentum) are told apart.
//
// Dense: a 4 x 3 param, every row stepped. Sparse: a 6 x 3 param whose gradient touches
// rows {1, 4}, then {0, 4}, then {4, 5}: rows 2 and 3 are never touched and row 1 only
// once, so its weights and state must stay bit-for-bit as they were after step 1.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "embedwasm/optim/optimizer.h"
#include "embedwasm/layers/param.h"

namespace embedwasm::test {

struct RefState {
  double m = 0.0, v = 0.0, u = 0.0;
};

// One element's update: w and s in place, g as the optimizer receives it, t = 1, 2, 3.
using RefStep = std::function<void(double& w, double g, RefState& s, int t, double lr)>;

// Which slot holds which reference state, e.g. {&Optimizer::Slots::m, &RefState::m}.
using SlotMap = std::vector<std::pair<RowMatrix optim::Optimizer::Slots::*, double RefState::*>>;

constexpr size_t kD = 3;
constexpr double kLr[3] = {0.05, 0.03, 0.02};
const std::vector<std::vector<int32_t>> kTouched = {{1, 4}, {0, 4}, {4, 5}};

// Away from zero (|w| >= 0.5) so that a relative tolerance is meaningful after 3 steps.
inline float InitialWeight(size_t r, size_t j) {
  const float sign = (r + j) % 2 ? -1.0f : 1.0f;
  return sign * (0.5f + 0.1f * static_cast<float>(r * kD + j));
}

// Mixed signs and sizes, one exact zero per step.
inline float Gradient(int t, size_t r, size_t j) {
  if ((r + j + static_cast<size_t>(t)) % 7 == 0) return 0.0f;
  return static_cast<float>(0.6 * std::sin(1.3 * t + 0.7 * static_cast<double>(r) + 1.1 * static_cast<double>(j)));
}

struct OwnedParam {
  RowMatrix value;
  layers::Param param;
};

inline std::unique_ptr<OwnedParam> MakeParam(size_t rows, size_t cols, bool sparse) {
  auto owned = std::make_unique<OwnedParam>();
  REQUIRE(RowMatrix::create(rows, cols, &owned->value).is_ok());
  for (size_t r = 0; r < rows; ++r) {
    for (size_t j = 0; j < cols; ++j) owned->value.row(r)[j] = InitialWeight(r, j);
  }
  owned->param.name = sparse ? "embeddings" : "kernel";
  owned->param.value = &owned->value;
  owned->param.sparse = sparse;
  if (sparse) {
    owned->param.sparse_grad.cols = cols;
  } else {
    REQUIRE(RowMatrix::create(rows, cols, &owned->param.grad).is_ok());
  }
  return owned;
}

inline void SetSparseGradient(layers::Param* p, const std::vector<int32_t>& rows, int t) {
  embedding::SparseRowGradient& g = p->sparse_grad;
  g.rows = rows;
  g.values.clear();
  for (int32_t r : rows) {
    for (size_t j = 0; j < g.cols; ++j) g.values.push_back(Gradient(t, static_cast<size_t>(r), j));
  }
}

inline void SetDenseGradient(layers::Param* p, int t) {
  for (size_t r = 0; r < p->grad.rows(); ++r) {
    for (size_t j = 0; j < p->grad.cols(); ++j) p->grad.row(r)[j] = Gradient(t, r, j);
  }
}

// A spec for one of the Adam family (adam, adamw, adamax, sparse_adam) with the test's
// betas and epsilon, chosen away from the defaults so a formula ignoring one shows.
inline optim::OptimizerSpec AdamFamilySpec(const char* name, double beta1, double beta2, double epsilon) {
  optim::OptimizerSpec spec;
  spec.name = name;
  spec.beta1 = beta1;
  spec.beta2 = beta2;
  spec.epsilon = epsilon;
  return spec;
}

inline std::unique_ptr<optim::Optimizer> MakeOptimizer(const optim::OptimizerSpec& spec) {
  std::unique_ptr<optim::Optimizer> opt;
  const Status s = optim::Optimizer::create(spec, &opt);
  INFO(s.message());
  REQUIRE(s.is_ok());
  return opt;
}

inline void Apply(optim::Optimizer* opt, layers::Param* p, double lr) {
  const Status s = opt->apply({p}, lr);
  INFO(s.message());
  REQUIRE(s.is_ok());
}

// Relative 1e-6. The margin is for slots: a moment can be a small difference of
// order-1 float inputs, so its error is float rounding of those inputs (~1e-8).
inline void CheckClose(double got, double want, const std::string& what, double margin = 1e-12) {
  INFO(what << ": got " << got << ", want " << want);
  CHECK(std::fabs(got - want) <= 1e-6 * std::fabs(want) + margin);
}

inline void CheckPaddingZero(const RowMatrix& m) {
  for (size_t r = 0; r < m.rows(); ++r) {
    for (size_t j = m.cols(); j < m.stride(); ++j) CHECK(m.row(r)[j] == 0.0f);
  }
}

inline std::string Where(int t, size_t r, size_t j) {
  return "step " + std::to_string(t) + " w[" + std::to_string(r) + "][" + std::to_string(j) + "]";
}

inline void CheckSlots(const optim::Optimizer& opt, const layers::Param* p, const std::vector<std::vector<RefState>>& ref,
                       const SlotMap& map, const std::set<size_t>& rows, int t) {
  const optim::Optimizer::Slots* slots = opt.find_slots(p);
  REQUIRE(slots != nullptr);
  for (const auto& [slot, field] : map) {
    const RowMatrix& m = slots->*slot;
    REQUIRE(m.rows() == p->value->rows());
    for (size_t r : rows) {
      for (size_t j = 0; j < kD; ++j) CheckClose(m.row(r)[j], ref[r][j].*field, "slot of " + Where(t, r, j), 1e-7);
    }
  }
}

// The double-precision twin of a (rows, kD) param: weights from InitialWeight and each
// element's optimizer state, stepped by the reference formula.
struct ReferenceParam {
  std::vector<std::vector<double>> w;
  std::vector<std::vector<RefState>> state;

  ReferenceParam(size_t rows, RefState initial)
      : w(rows, std::vector<double>(kD)), state(rows, std::vector<RefState>(kD, initial)) {
    for (size_t r = 0; r < rows; ++r) {
      for (size_t j = 0; j < kD; ++j) w[r][j] = InitialWeight(r, j);
    }
  }

  // Steps row r of the reference as step t did and checks the float row against it.
  void StepRowAndCheck(const RefStep& step, int t, size_t r, const RowMatrix& value) {
    for (size_t j = 0; j < kD; ++j) {
      step(w[r][j], Gradient(t, r, j), state[r][j], t, kLr[t - 1]);
      CheckClose(value.row(r)[j], w[r][j], Where(t, r, j));
    }
  }
};

inline void RunDense(const optim::OptimizerSpec& spec, const RefStep& step, RefState initial = {},
                     const SlotMap& map = {}) {
  constexpr size_t kRows = 4;
  auto owned = MakeParam(kRows, kD, /*sparse=*/false);
  layers::Param* p = &owned->param;
  auto opt = MakeOptimizer(spec);
  ReferenceParam ref(kRows, initial);
  std::set<size_t> all;
  for (size_t r = 0; r < kRows; ++r) all.insert(r);
  for (int t = 1; t <= 3; ++t) {
    SetDenseGradient(p, t);
    Apply(opt.get(), p, kLr[t - 1]);
    CHECK(opt->iterations() == t);
    for (size_t r = 0; r < kRows; ++r) ref.StepRowAndCheck(step, t, r, owned->value);
    CheckSlots(*opt, p, ref.state, map, all, t);
    CheckPaddingZero(owned->value);
  }
}

inline std::vector<float> RowCopy(const RowMatrix& m, size_t r) {
  return std::vector<float>(m.row(r), m.row(r) + m.stride());
}

// Bit-for-bit: memcmp, so that even a -0.0 for a 0.0 or a rewritten NaN would show.
inline bool SameBits(const std::vector<float>& before, const RowMatrix& m, size_t r) {
  return std::memcmp(before.data(), m.row(r), m.stride() * sizeof(float)) == 0;
}

inline void RunSparse(const optim::OptimizerSpec& spec, const RefStep& step, RefState initial = {},
                      const SlotMap& map = {}) {
  constexpr size_t kRows = 6;
  auto owned = MakeParam(kRows, kD, /*sparse=*/true);
  layers::Param* p = &owned->param;
  auto opt = MakeOptimizer(spec);
  ReferenceParam ref(kRows, initial);
  const RowMatrix optim::Optimizer::Slots::*kAllSlots[] = {&optim::Optimizer::Slots::m, &optim::Optimizer::Slots::v,
                                                    &optim::Optimizer::Slots::u};
  for (int t = 1; t <= 3; ++t) {
    const std::vector<int32_t>& touched = kTouched[t - 1];
    const std::set<size_t> touched_set(touched.begin(), touched.end());
    std::vector<std::vector<float>> value_before(kRows);
    for (size_t r = 0; r < kRows; ++r) value_before[r] = RowCopy(owned->value, r);
    // Slots exist from the first step on; before it there is nothing to compare.
    std::vector<std::vector<std::vector<float>>> slots_before(3);
    if (const optim::Optimizer::Slots* s = opt->find_slots(p)) {
      for (size_t k = 0; k < 3; ++k) {
        const RowMatrix& m = s->*kAllSlots[k];
        for (size_t r = 0; r < m.rows(); ++r) slots_before[k].push_back(RowCopy(m, r));
      }
    }

    SetSparseGradient(p, touched, t);
    Apply(opt.get(), p, kLr[t - 1]);

    for (size_t r = 0; r < kRows; ++r) {
      if (touched_set.count(r)) {
        ref.StepRowAndCheck(step, t, r, owned->value);
        continue;
      }
      INFO("untouched row " << r << " at step " << t);
      CHECK(SameBits(value_before[r], owned->value, r));
      const optim::Optimizer::Slots* s = opt->find_slots(p);
      REQUIRE(s != nullptr);
      for (size_t k = 0; k < 3; ++k) {
        const RowMatrix& m = s->*kAllSlots[k];
        if (m.rows() == 0) continue;
        if (t > 1) {
          CHECK(SameBits(slots_before[k][r], m, r));
        } else {
          // Never touched yet: still exactly the initial state.
          for (const auto& [slot, field] : map) {
            if (&(s->*slot) != &m) continue;
            for (size_t j = 0; j < kD; ++j) CHECK(m.row(r)[j] == static_cast<float>(initial.*field));
          }
        }
      }
    }
    CheckSlots(*opt, p, ref.state, map, touched_set, t);
    CheckPaddingZero(owned->value);
  }
}

}  // namespace embedwasm::test
