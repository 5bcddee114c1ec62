#pragma once
// A rows × cols float32 matrix whose rows start on 16-byte boundaries, so that every
// row can be read with aligned v128 loads and rows never share a vector. The padding
// floats at the end of each row are kept at zero.
#include <cstddef>
#include <cstdint>
#include <memory>

#include "embedwasm/core/status.h"

namespace embedwasm {

class RowMatrix {
 public:
  static constexpr size_t kAlignFloats = 4;  // 16 bytes

  RowMatrix() = default;
  RowMatrix(RowMatrix&&) noexcept = default;
  RowMatrix& operator=(RowMatrix&&) noexcept = default;

  // Zero-filled. Fails (without throwing) when the size overflows or cannot be allocated.
  static Status create(size_t rows, size_t cols, RowMatrix* out);

  size_t rows() const { return rows_; }
  size_t cols() const { return cols_; }
  size_t stride() const { return stride_; }  // floats between row starts
  float* data() { return data_.get(); }
  const float* data() const { return data_.get(); }
  float* row(size_t r) { return data_.get() + r * stride_; }
  const float* row(size_t r) const { return data_.get() + r * stride_; }

  void fill_zero();
  // Dense (rows, cols) copies in and out of the padded layout.
  void copy_from_dense(const float* dense);
  void copy_to_dense(float* dense) const;
  Status clone(RowMatrix* out) const;

 private:
  struct AlignedFree {
    void operator()(float* p) const;
  };
  size_t rows_ = 0, cols_ = 0, stride_ = 0;
  std::unique_ptr<float[], AlignedFree> data_;
};

}  // namespace embedwasm
