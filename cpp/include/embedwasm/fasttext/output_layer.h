#pragma once
// A supervised fastText model's output: the labels' probabilities given the hidden
// vector (the average of a line's input rows), and the k best of them, as fastText's
// Loss::predict computes them for each loss:
//   softmax  softmax of the output rows' dot products (exp in double, sums in float)
//   ova, ns  each label's sigmoid, read from fastText's 512-entry table (sigmoid_table.h)
//   hs       depth-first walk of the Huffman tree (hs_tree.h) from the root: a node's
//            right child has log sigma(x . row) added to its score, the left child
//            log(1 - sigma), subtrees whose score is already below log(threshold) or
//            below the k-th best found are skipped, leaves are labels.
// Scores are fastText's "log probabilities", log(p + 1e-5) in float; a prediction's
// probability is exp(score), which is what `fasttext predict-prob` prints (p + 1e-5,
// rounded). Labels with p < threshold are left out. Ties keep fastText's order
// (score_heap.h).
#include <cstdint>
#include <vector>

#include "embedwasm/fasttext/args.h"
#include "embedwasm/fasttext/hs_tree.h"
#include "embedwasm/fasttext/model_matrix.h"
#include "embedwasm/fasttext/score_heap.h"
#include "embedwasm/fasttext/sigmoid_table.h"
#include "embedwasm/core/status.h"

namespace embedwasm::fasttext {

// Per-call buffers, kept by the caller so that repeated predictions do not allocate.
struct OutputScratch {
  std::vector<float> scores;  // (labels,)
  std::vector<std::pair<int32_t, float>> stack;  // hs: (node, score) still to visit
  ScoreHeap heap;
};

class OutputLayer {
 public:
  // output: (labels, D) for softmax, ova and ns; hs reads rows 0..labels-2 (the inner
  // nodes). counts: the labels' counts, for the hs tree. `output` must outlive this.
  static Status create(LossKind loss, const ModelMatrix* output, const std::vector<int64_t>& counts,
                       OutputLayer* out);

  int32_t labels() const { return labels_; }
  // out: at most k (label, log-probability) pairs, best first. k >= 1.
  void predict(const float* hidden, int32_t k, float threshold, OutputScratch* scratch,
               std::vector<ScoredId>* out) const;

 private:
  void label_probabilities(const float* hidden, std::vector<float>* scores) const;
  void walk_tree(const float* hidden, float threshold, OutputScratch* scratch) const;

  LossKind loss_ = LossKind::kSoftmax;
  const ModelMatrix* output_ = nullptr;
  int32_t labels_ = 0;
  HsTree tree_;
  SigmoidTable sigmoid_;
};

// fastText's std_log: log(p + 1e-5), in double, rounded to float.
float fasttext_log(float p);

}  // namespace embedwasm::fasttext
