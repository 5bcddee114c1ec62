#include "embedwasm/vector_files/word2vec_header.h"

#include <algorithm>
#include <vector>

#include "embedwasm/vector_files/utf8.h"
#include "embedwasm/vector_files/word_vectors.h"
#include "embedwasm/core/row_matrix.h"

namespace embedwasm::vector_files {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

}  // namespace

Status parse_word2vec_header(const std::string& line, uint64_t max_bytes, size_t* rows,
                             size_t* cols) {
  std::vector<std::string> tokens;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && is_space(line[i])) ++i;
    const size_t start = i;
    while (i < line.size() && !is_space(line[i])) ++i;
    if (i > start) tokens.push_back(line.substr(start, i - start));
  }
  const std::string shown = quote_word(line);
  if (tokens.size() != 2) {
    return Status::invalid_argument("expected a header 'V D' (vocabulary size and dimension), found " +
                                    shown);
  }
  uint64_t v[2] = {0, 0};
  for (int t = 0; t < 2; ++t) {
    for (char c : tokens[t]) {
      if (c < '0' || c > '9') {
        return Status::invalid_argument("expected a header 'V D' of two whole numbers, found " +
                                        shown);
      }
      const uint64_t d = static_cast<uint64_t>(c - '0');
      // Saturates: UINT64_MAX stays there and fails the size check below.
      v[t] = v[t] > (UINT64_MAX - d) / 10 ? UINT64_MAX : v[t] * 10 + d;
    }
  }
  if (v[0] == 0 || v[1] == 0) {
    return Status::invalid_argument("header " + shown + ": V and D must be at least 1");
  }
  const uint64_t limit = std::min(max_bytes, kMaxMatrixBytes);
  const uint64_t stride = v[1] > limit ? 0
                                       : (v[1] + RowMatrix::kAlignFloats - 1) /
                                             RowMatrix::kAlignFloats * RowMatrix::kAlignFloats;
  if (stride == 0 || v[0] > limit / sizeof(float) / stride) {
    return Status::resource_exhausted("header " + shown + ": a " + tokens[0] + " x " + tokens[1] +
                                      " float32 matrix exceeds the limit of " +
                                      std::to_string(limit) + " bytes");
  }
  *rows = static_cast<size_t>(v[0]);
  *cols = static_cast<size_t>(v[1]);
  return Status::ok();
}

std::string format_word2vec_header(size_t rows, size_t cols) {
  return std::to_string(rows) + " " + std::to_string(cols) + "\n";
}

}  // namespace embedwasm::vector_files
