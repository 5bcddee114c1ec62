#include "embedwasm/word2vec/huffman.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

using embedwasm::word2vec::HuffmanTree;

namespace {

std::string code_string(const HuffmanTree& tree, int32_t w) {
  std::string s;
  for (size_t k = 0; k < tree.code_length(w); ++k) s += static_cast<char>('0' + tree.codes(w)[k]);
  return s;
}

std::vector<int32_t> point_list(const HuffmanTree& tree, int32_t w) {
  return std::vector<int32_t>(tree.points(w), tree.points(w) + tree.code_length(w));
}

}  // namespace

TEST_CASE("HuffmanTree: counts {5,4,3,2,1} against a tree built by hand", "[word2vec]") {
  // Merges (smaller node first, it gets code 0; inner node k is syn1 row k):
  //   node 0 = w4 (1) + w3 (2)        = 3
  //   node 1 = node 0 (3) + w2 (3)    = 6   (on a tie the inner node goes first, as word2vec.c)
  //   node 2 = w1 (4) + w0 (5)        = 9
  //   node 3 = node 1 (6) + node 2 (9) = 15 (the root, V - 2)
  //                 3
  //            0 /     \ 1
  //             1        2
  //         0 /  \ 1  0 / \ 1
  //          0    w2  w1   w0
  //      0 / \ 1
  //       w4  w3
  HuffmanTree tree;
  REQUIRE(HuffmanTree::build({5, 4, 3, 2, 1}, &tree).is_ok());
  REQUIRE(tree.size() == 5);
  CHECK(code_string(tree, 0) == "11");
  CHECK(code_string(tree, 1) == "10");
  CHECK(code_string(tree, 2) == "01");
  CHECK(code_string(tree, 3) == "001");
  CHECK(code_string(tree, 4) == "000");
  CHECK(point_list(tree, 0) == std::vector<int32_t>{3, 2});
  CHECK(point_list(tree, 1) == std::vector<int32_t>{3, 2});
  CHECK(point_list(tree, 2) == std::vector<int32_t>{3, 1});
  CHECK(point_list(tree, 3) == std::vector<int32_t>{3, 1, 0});
  CHECK(point_list(tree, 4) == std::vector<int32_t>{3, 1, 0});
}

TEST_CASE("HuffmanTree: prefix-free, optimal length, frequent words shorter", "[word2vec]") {
  // Zipf-like counts with ties.
  std::vector<uint64_t> counts;
  for (int i = 1; i <= 200; ++i) counts.push_back(10000 / i + (i % 7 == 0 ? 0 : 1));
  std::sort(counts.rbegin(), counts.rend());
  HuffmanTree tree;
  REQUIRE(HuffmanTree::build(counts, &tree).is_ok());
  std::vector<std::string> codes;
  for (int32_t w = 0; w < 200; ++w) codes.push_back(code_string(tree, w));
  for (size_t a = 0; a < codes.size(); ++a) {
    for (size_t b = 0; b < codes.size(); ++b) {
      if (a != b) REQUIRE(codes[b].compare(0, codes[a].size(), codes[a]) != 0);  // not a prefix
    }
    if (a > 0) REQUIRE(codes[a].size() >= codes[a - 1].size());
    REQUIRE(tree.points(static_cast<int32_t>(a))[0] == 198);  // every path starts at the root
  }
  // Kraft equality: a full binary tree's leaves satisfy sum 2^-len = 1.
  double kraft = 0.0;
  for (const auto& c : codes) kraft += std::ldexp(1.0, -static_cast<int>(c.size()));
  CHECK(kraft == Approx(1.0).epsilon(1e-12));
}

TEST_CASE("HuffmanTree: one word, bad order, and codes over 40 bits", "[word2vec]") {
  HuffmanTree tree;
  REQUIRE(HuffmanTree::build({7}, &tree).is_ok());
  CHECK(tree.code_length(0) == 0);
  REQUIRE(HuffmanTree::build({3, 3}, &tree).is_ok());
  CHECK(tree.code_length(0) == 1);
  CHECK(tree.code_length(1) == 1);
  CHECK(tree.codes(0)[0] != tree.codes(1)[0]);
  CHECK_FALSE(HuffmanTree::build({1, 2}, &tree).is_ok());
  // Fibonacci counts make the most lopsided tree: the rarest word is 42 levels deep.
  std::vector<uint64_t> fib = {1, 1};
  while (fib.size() < 43) fib.push_back(fib[fib.size() - 1] + fib[fib.size() - 2]);
  std::sort(fib.rbegin(), fib.rend());
  const auto status = HuffmanTree::build(fib, &tree);
  CHECK(status.code() == embedwasm::StatusCode::kOutOfRange);
  CHECK(status.message().find("more than 40") != std::string::npos);
}
