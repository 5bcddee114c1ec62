#include "embedwasm/fasttext/hs_tree.h"

#include <string>
#include <utility>

#include "embedwasm/core/reserve.h"

namespace embedwasm::fasttext {

Status HsTree::build(const std::vector<int64_t>& counts, HsTree* out) {
  if (counts.empty()) return Status::invalid_argument("hierarchical softmax needs at least one target");
  if (counts.size() > (size_t{1} << 30)) return Status::invalid_argument("too many hierarchical softmax targets");
  const int32_t v = static_cast<int32_t>(counts.size());
  const size_t nodes = 2 * static_cast<size_t>(v) - 1;
  HsTree t;
  EMBEDWASM_RETURN_IF_ERROR(reserve_or_fail(&t.left_, nodes, "the hierarchical softmax tree"));
  EMBEDWASM_RETURN_IF_ERROR(reserve_or_fail(&t.right_, nodes, "the hierarchical softmax tree"));
  EMBEDWASM_RETURN_IF_ERROR(reserve_or_fail(&t.parent_, nodes, "the hierarchical softmax tree"));
  EMBEDWASM_RETURN_IF_ERROR(reserve_or_fail(&t.right_child_, nodes, "the hierarchical softmax tree"));
  t.leaves_ = v;
  t.left_.assign(nodes, -1);
  t.right_.assign(nodes, -1);
  t.parent_.assign(nodes, -1);
  t.right_child_.assign(nodes, 0);
  // fastText gives nodes not merged yet the count 1e15, so that any leaf is smaller; a
  // larger count would make a merge pick a node that does not exist yet.
  constexpr int64_t kUnmerged = 1000000000000000;
  std::vector<int64_t> count(nodes, kUnmerged);
  for (int32_t i = 0; i < v; ++i) {
    if (counts[static_cast<size_t>(i)] < 0 || counts[static_cast<size_t>(i)] >= kUnmerged) {
      return Status::invalid_argument("hierarchical softmax: target " + std::to_string(i) + " has the count " +
                                      std::to_string(counts[static_cast<size_t>(i)]) + ", outside [0, 10^15)");
    }
    count[static_cast<size_t>(i)] = counts[static_cast<size_t>(i)];
  }
  int32_t leaf = v - 1, node = v;
  for (int32_t i = v; i < 2 * v - 1; ++i) {
    int32_t pick[2];
    for (int32_t& p : pick) {
      p = leaf >= 0 && count[static_cast<size_t>(leaf)] < count[static_cast<size_t>(node)] ? leaf-- : node++;
    }
    const size_t n = static_cast<size_t>(i);
    t.left_[n] = pick[0];
    t.right_[n] = pick[1];
    if (__builtin_add_overflow(count[static_cast<size_t>(pick[0])], count[static_cast<size_t>(pick[1])], &count[n])) {
      return Status::invalid_argument("hierarchical softmax: the target counts overflow a 64-bit sum");
    }
    t.parent_[static_cast<size_t>(pick[0])] = i;
    t.parent_[static_cast<size_t>(pick[1])] = i;
    t.right_child_[static_cast<size_t>(pick[1])] = 1;
  }
  *out = std::move(t);
  return Status::ok();
}

void HsTree::path(int32_t leaf, std::vector<int32_t>* rows, std::vector<uint8_t>* codes) const {
  rows->clear();
  codes->clear();
  for (int32_t j = leaf; parent(j) != -1; j = parent(j)) {
    rows->push_back(parent(j) - leaves_);
    codes->push_back(right_child_[static_cast<size_t>(j)]);
  }
}

}  // namespace embedwasm::fasttext
