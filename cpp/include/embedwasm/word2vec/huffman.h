#pragma once
// The Huffman tree of hierarchical softmax, built as word2vec.c's CreateBinaryTree
// (and gensim's assign_binary_codes): word w is predicted by the binary decisions on
// the path from the root to its leaf. Node k of the V - 1 inner nodes owns row k of
// syn1; the root is node V - 2. At each merge the smaller node gets code 0.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "embedwasm/core/status.h"

namespace embedwasm::word2vec {

class HuffmanTree {
 public:
  // word2vec.c's fixed code arrays hold 40 decisions; a longer path needs counts that
  // grow like Fibonacci numbers (a corpus of ~10^8 words at least).
  static constexpr size_t kMaxCodeLength = 40;

  // counts: (V,) sorted in descending order, as a Vocabulary's. V = 1 gives an empty
  // code (the only word needs no decision). Fails when a code would exceed 40.
  static Status build(const std::vector<uint64_t>& counts, HuffmanTree* out);

  size_t size() const { return offsets_.empty() ? 0 : offsets_.size() - 1; }  // V
  size_t code_length(int32_t word) const { return offsets_[word + 1] - offsets_[word]; }
  // Root first: codes (0 or 1) and the inner node (syn1 row) deciding each of them.
  const uint8_t* codes(int32_t word) const { return codes_.data() + offsets_[word]; }
  const int32_t* points(int32_t word) const { return points_.data() + offsets_[word]; }

 private:
  std::vector<uint32_t> offsets_;  // (V + 1,) word w's path is [offsets_[w], offsets_[w+1])
  std::vector<uint8_t> codes_;
  std::vector<int32_t> points_;
};

}  // namespace embedwasm::word2vec
