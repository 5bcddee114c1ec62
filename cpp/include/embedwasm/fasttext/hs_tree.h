#pragma once
// fastText's hierarchical-softmax tree (HierarchicalSoftmaxLoss::buildTree): a Huffman
// tree over the V target counts (labels of a supervised model, words otherwise), built
// by merging, at each step, the two smallest of the remaining leaves (taken from the
// end, so the counts are expected in descending order, as a dictionary keeps them) and
// the merged nodes. Nodes 0..V-1 are the leaves, V..2V-2 the merges in order, the root
// is 2V - 2; merged node n owns output-matrix row n - V. At each merge the first node
// taken becomes the left child (code 0) and the second the right child (code 1).
//
// Ties are broken as fastText does (a leaf is taken only when strictly smaller than the
// next merged node), which fixes the tree, and so the predictions, exactly.
#include <cstdint>
#include <vector>

#include "embedwasm/core/status.h"

namespace embedwasm::fasttext {

class HsTree {
 public:
  // counts: (V,) with V >= 1, none negative; fails when a sum overflows int64.
  static Status build(const std::vector<int64_t>& counts, HsTree* out);

  int32_t leaves() const { return leaves_; }                       // V
  int32_t root() const { return 2 * leaves_ - 2; }
  bool is_leaf(int32_t node) const { return node < leaves_; }
  int32_t left(int32_t node) const { return left_[static_cast<size_t>(node)]; }
  int32_t right(int32_t node) const { return right_[static_cast<size_t>(node)]; }
  int32_t parent(int32_t node) const { return parent_[static_cast<size_t>(node)]; }
  // 1 when `node` is its parent's right child.
  bool is_right(int32_t node) const { return right_child_[static_cast<size_t>(node)] != 0; }

  // Leaf to root, as fastText's paths and codes: the output rows of the inner nodes
  // above `leaf` and whether each step came from the right.
  void path(int32_t leaf, std::vector<int32_t>* rows, std::vector<uint8_t>* codes) const;

 private:
  int32_t leaves_ = 0;
  std::vector<int32_t> left_, right_, parent_;
  std::vector<uint8_t> right_child_;
};

}  // namespace embedwasm::fasttext
