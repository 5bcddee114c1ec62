#pragma once
// fastText's training step (Model::update and Loss::forward with backprop), one example:
//
//   hidden (D,) = mean of the input rows
//   grad   (D,) = sum over the loss's binary/softmax outputs o of alpha_o * output[o],
//                 each output row then moved by alpha_o * hidden
//   input rows  += grad (scaled by 1/n for supervised models: normalize_gradient)
//
// with, per loss (lr the current learning rate, sigma fastText's table, sigmoid_table.h):
//   softmax  p = softmax(output . hidden) in float; alpha_o = lr * ([o == target] - p_o)
//            for every output row; loss -log(p_target + 1e-5)
//   ova      every output row o: alpha_o = lr * ([o in targets] - sigma(out_o . hidden))
//   ns       the target (label 1) and `neg` negatives (label 0) drawn from counts^0.5,
//            never the target: alpha = lr * (label - sigma(x))
//   hs       the inner nodes on the target's Huffman path, label = the step's code
// Each binary output o is updated before the next one is scored (fastText's order),
// and its loss is -log(s + 1e-5) or -log(1 - s + 1e-5).
//
// TrainState is fastText's Model::State: one worker's scratch and random stream, never
// shared; TrainWeights are the weights all workers update without locks (Hogwild).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "embedwasm/fasttext/args.h"
#include "embedwasm/fasttext/hs_tree.h"
#include "embedwasm/fasttext/sigmoid_table.h"
#include "embedwasm/core/rng.h"
#include "embedwasm/core/row_matrix.h"
#include "embedwasm/core/status.h"

namespace embedwasm::fasttext {

struct TrainWeights {
  RowMatrix input;   // (nwords + n-gram rows, D)
  RowMatrix output;  // (O, D): O = labels (supervised) or words
};

struct TrainState {
  explicit TrainState(size_t dim = 0, size_t outputs = 0, uint64_t seed = 0)
      : hidden(dim), grad(dim), output(outputs), rng(seed) {}
  std::vector<float> hidden;  // (D,)
  std::vector<float> grad;    // (D,)
  std::vector<float> output;  // (O,) softmax's probabilities
  Rng rng;
  double loss = 0.0;      // summed over examples
  int64_t examples = 0;
};

// Negative sampling's noise distribution: target i with probability n_i / sum(n), where
// n_i = ceil(sqrt(count_i) * 10^7 / sum_j sqrt(count_j)) is the number of slots fastText's
// 10^7-entry table gives it. Stored as cumulative counts plus a guide table (one start
// per 1/4096 of the range), so it costs 4 bytes per target instead of fastText's 40 MB
// table and a draw is O(1) on average.
class NegativeTable {
 public:
  static Status build(const std::vector<int64_t>& counts, NegativeTable* out);
  int32_t targets() const { return static_cast<int32_t>(cum_.size()) - 1; }
  uint64_t slots() const { return cum_.back(); }
  uint64_t slots_of(int32_t target) const { return cum_[static_cast<size_t>(target) + 1] - cum_[static_cast<size_t>(target)]; }
  int32_t sample(Rng* rng) const;

 private:
  static constexpr uint32_t kGuideBits = 12;
  std::vector<uint64_t> cum_;    // (targets + 1,), cum_[0] = 0
  std::vector<int32_t> guide_;   // (2^kGuideBits,) the target owning each range start
};

class TrainingLoss {
 public:
  // The ova target list value meaning "every label of the example" (fastText's
  // kAllLabelsAsTarget).
  static constexpr int32_t kAllTargets = -1;

  // counts: (O,) the targets' counts, descending (a dictionary's order), for hs and ns.
  static Status create(LossKind loss, int32_t neg, const std::vector<int64_t>& counts, TrainingLoss* out);

  LossKind kind() const { return kind_; }
  // Adds the hidden-side gradient to state->grad and updates the output rows; returns
  // the example's loss. targets: (ntargets,) label or word ids; target_index selects
  // the target (ova: kAllTargets, every one of them).
  float forward(const int32_t* targets, size_t ntargets, int32_t target_index, float lr, RowMatrix* output,
                TrainState* state) const;

 private:
  float binary_logistic(int32_t row, bool positive, float lr, RowMatrix* output, TrainState* state) const;

  LossKind kind_ = LossKind::kSoftmax;
  int32_t neg_ = 0;
  SigmoidTable sigmoid_;
  NegativeTable negatives_;
  std::vector<uint64_t> path_offsets_;  // hs: (O + 1,) into path_rows_ / path_codes_
  std::vector<int32_t> path_rows_;
  std::vector<uint8_t> path_codes_;
};

// One example (fastText's Model::update): nothing happens when n_input is 0. Returns
// the loss and counts it in state.
float train_update(const int32_t* input, size_t n_input, const int32_t* targets, size_t ntargets,
                   int32_t target_index, float lr, bool normalize_gradient, const TrainingLoss& loss,
                   TrainWeights* weights, TrainState* state);

}  // namespace embedwasm::fasttext
