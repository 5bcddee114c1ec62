#include "embedwasm/fasttext/output_layer.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "kernels/kernels.h"

namespace embedwasm::fasttext {

float fasttext_log(float p) { return static_cast<float>(std::log(static_cast<double>(p) + 1e-5)); }

Status OutputLayer::create(LossKind loss, const ModelMatrix* output, const std::vector<int64_t>& counts,
                           OutputLayer* out) {
  if (counts.empty()) return Status::invalid_argument("a supervised model needs at least one label");
  if (output->rows() != static_cast<int64_t>(counts.size())) {
    return Status::invalid_argument("the output matrix has " + std::to_string(output->rows()) + " rows for " +
                                    std::to_string(counts.size()) + " labels");
  }
  OutputLayer layer;
  layer.loss_ = loss;
  layer.output_ = output;
  layer.labels_ = static_cast<int32_t>(counts.size());
  if (loss == LossKind::kHierarchicalSoftmax) EMBEDWASM_RETURN_IF_ERROR(HsTree::build(counts, &layer.tree_));
  *out = std::move(layer);
  return Status::ok();
}

void OutputLayer::label_probabilities(const float* hidden, std::vector<float>* scores) const {
  const int64_t n = labels_;
  scores->resize(static_cast<size_t>(n));
  float* s = scores->data();
  if (loss_ == LossKind::kSoftmax) {
    if (output_->is_quantized()) {
      for (int64_t i = 0; i < n; ++i) s[i] = output_->dot_row(hidden, i);
    } else {
      const RowMatrix& m = output_->dense_rows();
      kernels::f32_dot_rows(m.rows(), 1, m.cols(), m.data(), m.stride(), hidden, m.cols(), s, m.rows());
    }
    float max = s[0], z = 0.0f;
    for (int64_t i = 0; i < n; ++i) max = std::max(s[i], max);
    for (int64_t i = 0; i < n; ++i) {
      s[i] = static_cast<float>(std::exp(static_cast<double>(s[i] - max)));
      z += s[i];
    }
    for (int64_t i = 0; i < n; ++i) s[i] /= z;
    return;
  }
  // The table turns a 1-ulp difference at a bucket edge into a whole table step, so the
  // dot products keep fastText's summation order here.
  for (int64_t i = 0; i < n; ++i) s[i] = sigmoid_(output_->dot_row_exact(hidden, i));
}

void OutputLayer::walk_tree(const float* hidden, float threshold, OutputScratch* scratch) const {
  const float log_threshold = fasttext_log(threshold);
  ScoreHeap& heap = scratch->heap;
  auto& stack = scratch->stack;
  stack.clear();
  stack.emplace_back(tree_.root(), 0.0f);
  while (!stack.empty()) {
    const auto [node, score] = stack.back();
    stack.pop_back();
    if (score < log_threshold || heap.refuses(score)) continue;
    if (tree_.is_leaf(node)) {
      heap.push(score, node);
      continue;
    }
    float f = output_->dot_row(hidden, node - labels_);
    f = static_cast<float>(1.0 / static_cast<double>(1.0f + std::exp(-f)));
    // Right pushed first so that the left subtree is walked first, as fastText recurses.
    stack.emplace_back(tree_.right(node), score + fasttext_log(static_cast<float>(static_cast<double>(f))));
    stack.emplace_back(tree_.left(node), score + fasttext_log(static_cast<float>(1.0 - static_cast<double>(f))));
  }
}

void OutputLayer::predict(const float* hidden, int32_t k, float threshold, OutputScratch* scratch,
                          std::vector<ScoredId>* out) const {
  ScoreHeap& heap = scratch->heap;
  heap.reset(static_cast<size_t>(k));
  if (loss_ == LossKind::kHierarchicalSoftmax) {
    walk_tree(hidden, threshold, scratch);
  } else {
    label_probabilities(hidden, &scratch->scores);
    const float* s = scratch->scores.data();
    for (int32_t i = 0; i < labels_; ++i) {
      if (s[i] < threshold) continue;
      const float score = fasttext_log(s[i]);
      if (heap.refuses(score)) continue;
      heap.push(score, i);
    }
  }
  heap.take_sorted(out);
}

}  // namespace embedwasm::fasttext
