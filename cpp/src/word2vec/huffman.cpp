#include "embedwasm/word2vec/huffman.h"

#include <limits>
#include <string>

namespace embedwasm::word2vec {

Status HuffmanTree::build(const std::vector<uint64_t>& counts, HuffmanTree* out) {
  const size_t v = counts.size();
  for (size_t i = 1; i < v; ++i) {
    if (counts[i] > counts[i - 1]) {
      return Status::invalid_argument("Huffman counts must be in descending order (word " +
                                      std::to_string(i) + " outnumbers word " + std::to_string(i - 1) + ")");
    }
  }
  HuffmanTree tree;
  tree.offsets_.assign(v + 1, 0);
  if (v <= 1) {
    *out = std::move(tree);
    return Status::ok();
  }
  // word2vec.c's linear-time build: leaves sorted by count and inner nodes created in
  // increasing order form two sorted queues, so each merge takes the two smallest
  // fronts. On ties a leaf loses to an inner node (strict <), as in word2vec.c.
  std::vector<uint64_t> count(2 * v - 1);  // leaves 0..V-1, inner node k at V + k
  std::vector<uint32_t> parent(2 * v - 1, 0);
  std::vector<uint8_t> binary(2 * v - 1, 0);
  for (size_t i = 0; i < v; ++i) count[i] = counts[i];
  ptrdiff_t leaf = static_cast<ptrdiff_t>(v) - 1;  // the smallest leaf not yet merged
  size_t inner = v;                                 // the smallest inner node not yet merged
  size_t next = v;                                  // the node being created
  auto take_min = [&]() -> size_t {
    if (leaf >= 0 && (inner == next || count[leaf] < count[inner])) return static_cast<size_t>(leaf--);
    return inner++;
  };
  for (; next < 2 * v - 1; ++next) {
    const size_t min1 = take_min();
    const size_t min2 = take_min();
    count[next] = count[min1] + count[min2];  // sums of uint64 word counts cannot overflow in practice
    parent[min1] = parent[min2] = static_cast<uint32_t>(next);
    binary[min2] = 1;
  }
  const size_t root = 2 * v - 2;

  std::vector<size_t> length(v);
  size_t total = 0;
  for (size_t w = 0; w < v; ++w) {
    size_t n = 0;
    for (size_t b = w; b != root; b = parent[b]) ++n;
    if (n > kMaxCodeLength) {
      return Status::out_of_range("hierarchical softmax: word " + std::to_string(w) + " needs a " +
                                  std::to_string(n) + "-bit Huffman code, more than " +
                                  std::to_string(kMaxCodeLength) + "; use negative sampling (hs: 0)");
    }
    length[w] = n;
    total += n;
  }
  if (total > std::numeric_limits<uint32_t>::max()) {
    return Status::resource_exhausted("hierarchical softmax: the Huffman codes are too long to store");
  }
  tree.codes_.resize(total);
  tree.points_.resize(total);
  for (size_t w = 0; w < v; ++w) {
    const size_t n = length[w];
    tree.offsets_[w + 1] = tree.offsets_[w] + static_cast<uint32_t>(n);
    uint8_t* code = tree.codes_.data() + tree.offsets_[w];
    int32_t* point = tree.points_.data() + tree.offsets_[w];
    // Walking up from the leaf gives the path leaf first; store it root first. The
    // decision made at a node is the code of the child the path goes through.
    size_t i = n;
    for (size_t b = w; b != root; b = parent[b]) {
      --i;
      code[i] = binary[b];
      point[i] = static_cast<int32_t>(parent[b] - v);
    }
  }
  *out = std::move(tree);
  return Status::ok();
}

}  // namespace embedwasm::word2vec
