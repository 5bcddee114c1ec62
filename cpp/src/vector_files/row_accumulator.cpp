#include "embedwasm/vector_files/row_accumulator.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "embedwasm/vector_files/word_vectors.h"

namespace embedwasm::vector_files {
namespace {

uint64_t padded_cols(size_t cols) {
  return (uint64_t{cols} + RowMatrix::kAlignFloats - 1) / RowMatrix::kAlignFloats *
         RowMatrix::kAlignFloats;
}

// Bytes of a (rows, cols) RowMatrix, saturating.
uint64_t matrix_bytes(uint64_t rows, size_t cols) {
  const uint64_t row_bytes = padded_cols(cols) * sizeof(float);
  if (row_bytes != 0 && rows > UINT64_MAX / row_bytes) return UINT64_MAX;
  return rows * row_bytes;
}

Status too_big(uint64_t rows, size_t cols, uint64_t max_bytes) {
  return Status::resource_exhausted("a " + std::to_string(rows) + " x " + std::to_string(cols) +
                                    " float32 matrix exceeds the limit of " +
                                    std::to_string(max_bytes) + " bytes");
}

}  // namespace

Status RowAccumulator::start_fixed(size_t rows, size_t cols, uint64_t max_bytes) {
  max_bytes = std::min(max_bytes, kMaxMatrixBytes);
  if (uint64_t{cols} > max_bytes || matrix_bytes(rows, cols) > max_bytes) {
    return too_big(rows, cols, max_bytes);
  }
  EMBEDWASM_RETURN_IF_ERROR(RowMatrix::create(rows, cols, &matrix_));
  started_ = fixed_ = true;
  cols_ = cols;
  rows_ = 0;
  max_bytes_ = max_bytes;
  return Status::ok();
}

Status RowAccumulator::start_growing(size_t cols, uint64_t max_bytes) {
  max_bytes = std::min(max_bytes, kMaxMatrixBytes);
  if (uint64_t{cols} > max_bytes || matrix_bytes(1, cols) > max_bytes) {
    return too_big(1, cols, max_bytes);
  }
  started_ = true;
  fixed_ = false;
  cols_ = cols;
  rows_ = 0;
  max_bytes_ = max_bytes;
  blocks_.clear();
  return Status::ok();
}

Status RowAccumulator::append_row(float** row) {
  if (fixed_) {
    if (rows_ >= matrix_.rows()) {
      return Status::out_of_range("more rows than the " + std::to_string(matrix_.rows()) +
                                  " preallocated");
    }
    *row = matrix_.row(rows_++);
    return Status::ok();
  }
  if (matrix_bytes(uint64_t{rows_} + 1, cols_) > max_bytes_) {
    return too_big(uint64_t{rows_} + 1, cols_, max_bytes_);
  }
  if (blocks_.empty() || blocks_.back().used == blocks_.back().rows) {
    constexpr size_t kMaxBlockBytes = size_t{1} << 20;
    const size_t row_bytes = cols_ * sizeof(float);
    const size_t cap_rows = std::max<size_t>(1, kMaxBlockBytes / row_bytes);
    const size_t rows = blocks_.empty() ? std::min<size_t>(16, cap_rows)
                                        : std::min(blocks_.back().rows * 2, cap_rows);
    Block b;
    b.data.reset(static_cast<float*>(std::calloc(rows, row_bytes)));
    if (!b.data) {
      return Status::resource_exhausted("cannot allocate " + std::to_string(rows * row_bytes) +
                                        " bytes for rows of vectors");
    }
    b.rows = rows;
    blocks_.push_back(std::move(b));
  }
  Block& b = blocks_.back();
  *row = b.data.get() + b.used * cols_;
  ++b.used;
  ++rows_;
  return Status::ok();
}

Status RowAccumulator::finish(RowMatrix* out) {
  if (fixed_) {
    if (rows_ != matrix_.rows()) {
      return Status::out_of_range(std::to_string(rows_) + " of " +
                                  std::to_string(matrix_.rows()) + " rows were filled");
    }
    *out = std::move(matrix_);
    started_ = false;
    return Status::ok();
  }
  RowMatrix m;
  EMBEDWASM_RETURN_IF_ERROR(RowMatrix::create(rows_, cols_, &m));
  size_t r = 0;
  for (Block& b : blocks_) {
    for (size_t i = 0; i < b.used; ++i, ++r) {
      std::memcpy(m.row(r), b.data.get() + i * cols_, cols_ * sizeof(float));
    }
    b.data.reset();
  }
  blocks_.clear();
  *out = std::move(m);
  started_ = false;
  return Status::ok();
}

}  // namespace embedwasm::vector_files
