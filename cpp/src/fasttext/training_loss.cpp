#include "embedwasm/fasttext/training_loss.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "embedwasm/core/reserve.h"
#include "kernels/kernels.h"

namespace embedwasm::fasttext {
namespace {

constexpr double kNegativeTableSize = 10000000.0;

// fastText's std_log: the loss of a probability that may be 0.
float log_loss(float p) { return -static_cast<float>(std::log(static_cast<double>(p) + 1e-5)); }

}  // namespace

Status NegativeTable::build(const std::vector<int64_t>& counts, NegativeTable* out) {
  if (counts.empty()) return Status::invalid_argument("negative sampling needs at least one target");
  // In float as fastText sums them, so each target gets fastText's number of slots.
  float z = 0.0f;
  for (const int64_t c : counts) z += static_cast<float>(std::pow(static_cast<double>(c), 0.5));
  NegativeTable t;
  EMBEDWASM_RETURN_IF_ERROR(reserve_or_fail(&t.cum_, counts.size() + 1, "the negative sampling table"));
  t.cum_.push_back(0);
  for (const int64_t c : counts) {
    const float root = static_cast<float>(std::pow(static_cast<double>(c), 0.5));
    const float share = root * static_cast<float>(kNegativeTableSize) / z;
    t.cum_.push_back(t.cum_.back() + static_cast<uint64_t>(std::ceil(share > 0.0f ? share : 0.0f)));
  }
  if (t.cum_.back() == 0) return Status::invalid_argument("negative sampling: every target count is 0");
  const size_t guides = size_t{1} << kGuideBits;
  t.guide_.resize(guides);
  int32_t owner = 0;
  for (size_t g = 0; g < guides; ++g) {
    const uint64_t slot = g * t.cum_.back() / guides;
    while (t.cum_[static_cast<size_t>(owner) + 1] <= slot) ++owner;
    t.guide_[g] = owner;
  }
  *out = std::move(t);
  return Status::ok();
}

int32_t NegativeTable::sample(Rng* rng) const {
  const uint64_t total = cum_.back();
  const uint64_t slot = rng->below(total);
  // slot >= g * total / 2^bits, so the guide's target never lies past slot's owner.
  int32_t t = guide_[static_cast<size_t>((slot << kGuideBits) / total)];
  while (cum_[static_cast<size_t>(t) + 1] <= slot) ++t;
  return t;
}

Status TrainingLoss::create(LossKind loss, int32_t neg, const std::vector<int64_t>& counts, TrainingLoss* out) {
  if (counts.empty()) return Status::invalid_argument("the model has no output rows to train");
  TrainingLoss l;
  l.kind_ = loss;
  l.neg_ = neg;
  if (loss == LossKind::kNegativeSampling) {
    EMBEDWASM_RETURN_IF_ERROR(NegativeTable::build(counts, &l.negatives_));
  } else if (loss == LossKind::kHierarchicalSoftmax) {
    HsTree tree;
    EMBEDWASM_RETURN_IF_ERROR(HsTree::build(counts, &tree));
    std::vector<int32_t> rows;
    std::vector<uint8_t> codes;
    l.path_offsets_.push_back(0);
    for (int32_t leaf = 0; leaf < tree.leaves(); ++leaf) {
      tree.path(leaf, &rows, &codes);
      l.path_rows_.insert(l.path_rows_.end(), rows.begin(), rows.end());
      l.path_codes_.insert(l.path_codes_.end(), codes.begin(), codes.end());
      l.path_offsets_.push_back(l.path_rows_.size());
    }
  }
  *out = std::move(l);
  return Status::ok();
}

float TrainingLoss::binary_logistic(int32_t row, bool positive, float lr, RowMatrix* output, TrainState* state) const {
  float* w = output->row(static_cast<size_t>(row));
  const size_t d = state->hidden.size();
  const float score = sigmoid_(kernels::f32_dot(d, w, state->hidden.data()));
  const float alpha = lr * (static_cast<float>(positive) - score);
  kernels::f32_axpy(d, alpha, w, state->grad.data());
  kernels::f32_axpy(d, alpha, state->hidden.data(), w);
  return positive ? log_loss(score) : log_loss(1.0f - score);
}

float TrainingLoss::forward(const int32_t* targets, size_t ntargets, int32_t target_index, float lr,
                            RowMatrix* output, TrainState* state) const {
  const size_t d = state->hidden.size();
  const int32_t osz = static_cast<int32_t>(output->rows());
  switch (kind_) {
    case LossKind::kOneVsAll: {
      float loss = 0.0f;
      for (int32_t o = 0; o < osz; ++o) {
        const bool match = std::find(targets, targets + ntargets, o) != targets + ntargets;
        loss += binary_logistic(o, match, lr, output, state);
      }
      return loss;
    }
    case LossKind::kNegativeSampling: {
      const int32_t target = targets[target_index];
      float loss = binary_logistic(target, true, lr, output, state);
      // With a single target holding every slot no negative exists (fastText would spin).
      if (negatives_.slots_of(target) == negatives_.slots()) return loss;
      for (int32_t n = 0; n < neg_; ++n) {
        int32_t negative;
        do {
          negative = negatives_.sample(&state->rng);
        } while (negative == target);
        loss += binary_logistic(negative, false, lr, output, state);
      }
      return loss;
    }
    case LossKind::kHierarchicalSoftmax: {
      const size_t t = static_cast<size_t>(targets[target_index]);
      float loss = 0.0f;
      for (size_t i = path_offsets_[t]; i < path_offsets_[t + 1]; ++i) {
        loss += binary_logistic(path_rows_[i], path_codes_[i] != 0, lr, output, state);
      }
      return loss;
    }
    case LossKind::kSoftmax: {
      const int32_t target = targets[target_index];
      float* p = state->output.data();
      for (int32_t o = 0; o < osz; ++o) p[o] = kernels::f32_dot(d, output->row(static_cast<size_t>(o)), state->hidden.data());
      float max = p[0];
      for (int32_t o = 0; o < osz; ++o) max = std::max(p[o], max);
      float z = 0.0f;
      for (int32_t o = 0; o < osz; ++o) {
        p[o] = std::exp(p[o] - max);
        z += p[o];
      }
      for (int32_t o = 0; o < osz; ++o) p[o] /= z;
      for (int32_t o = 0; o < osz; ++o) {
        const float alpha = lr * ((o == target ? 1.0f : 0.0f) - p[o]);
        float* w = output->row(static_cast<size_t>(o));
        kernels::f32_axpy(d, alpha, w, state->grad.data());
        kernels::f32_axpy(d, alpha, state->hidden.data(), w);
      }
      return log_loss(p[target]);
    }
  }
  return 0.0f;
}

float train_update(const int32_t* input, size_t n_input, const int32_t* targets, size_t ntargets,
                   int32_t target_index, float lr, bool normalize_gradient, const TrainingLoss& loss,
                   TrainWeights* weights, TrainState* state) {
  if (n_input == 0) return 0.0f;
  const size_t d = state->hidden.size();
  RowMatrix& in = weights->input;
  kernels::f32_sum_rows(in.data(), in.stride(), input, n_input, d, state->hidden.data());
  // fastText scales by float(1.0 / n): the reciprocal rounded once, then a multiply.
  const float inv_n = static_cast<float>(1.0 / static_cast<double>(n_input));
  kernels::f32_scale(d, inv_n, state->hidden.data(), state->hidden.data());
  std::fill(state->grad.begin(), state->grad.end(), 0.0f);
  const float value = loss.forward(targets, ntargets, target_index, lr, &weights->output, state);
  state->loss += value;
  ++state->examples;
  if (normalize_gradient) kernels::f32_scale(d, inv_n, state->grad.data(), state->grad.data());
  for (size_t i = 0; i < n_input; ++i) {
    kernels::f32_axpy(d, 1.0f, state->grad.data(), in.row(static_cast<size_t>(input[i])));
  }
  return value;
}

}  // namespace embedwasm::fasttext
