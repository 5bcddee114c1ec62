#include "embedwasm/core/row_matrix.h"

#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>

#include "embedwasm/core/thread_pool.h"

namespace embedwasm {

void RowMatrix::AlignedFree::operator()(float* p) const { std::free(p); }

Status RowMatrix::create(size_t rows, size_t cols, RowMatrix* out) {
  // wasm32 addresses 4 GiB (and size_t is 32 bits there); natively the same cap keeps
  // behaviour identical across builds.
  constexpr uint64_t kMaxBytes = (uint64_t{1} << 32) - 65536;
  // cols is checked before rounding up: within 3 of UINT64_MAX the rounding would wrap
  // the stride to 0 and a null matrix would pass as empty.
  const bool cols_too_big = uint64_t{cols} > kMaxBytes / sizeof(float);
  const uint64_t stride =
      cols_too_big ? 0 : (uint64_t{cols} + kAlignFloats - 1) / kAlignFloats * kAlignFloats;
  if (cols_too_big || (stride != 0 && uint64_t{rows} > kMaxBytes / sizeof(float) / stride)) {
    return Status::resource_exhausted("a " + std::to_string(rows) + " x " + std::to_string(cols) +
                                      " float32 matrix exceeds the 4 GiB memory limit");
  }
  const size_t bytes = static_cast<size_t>(uint64_t{rows} * stride * sizeof(float));
  float* p = nullptr;
  if (bytes > 0) {
    p = static_cast<float*>(std::aligned_alloc(16, bytes));
    if (p == nullptr) {
      return Status::resource_exhausted("cannot allocate " + std::to_string(bytes) +
                                        " bytes for a " + std::to_string(rows) + " x " +
                                        std::to_string(cols) + " float32 matrix");
    }
    std::memset(p, 0, bytes);
  }
  out->rows_ = rows;
  out->cols_ = cols;
  out->stride_ = static_cast<size_t>(stride);
  out->data_.reset(p);
  return Status::ok();
}

// Zeroing and copying split over the thread pool by rows, like every pass over a whole
// table: one core does not saturate memory (a native pass over three 51 MB arrays took
// 10.9-12.0 ms on one thread, 6.0-6.7 ms on two), and the gradient of a 100k x 128 table
// through the public backward is zeroed and copied once per call.
void RowMatrix::fill_zero() {
  if (!data_) return;
  parallel_for(rows_, row_grain(rows_, stride_, kMinTaskFloats), [this](size_t r0, size_t r1) {
    std::memset(row(r0), 0, (r1 - r0) * stride_ * sizeof(float));
  });
}

// A matrix with no floats has no buffer, and memcpy on a null pointer is undefined even
// for 0 bytes; hence the data_ checks below.
void RowMatrix::copy_from_dense(const float* dense) {
  if (!data_) return;
  parallel_for(rows_, row_grain(rows_, cols_, kMinTaskFloats), [this, dense](size_t r0, size_t r1) {
    for (size_t r = r0; r < r1; ++r) std::memcpy(row(r), dense + r * cols_, cols_ * sizeof(float));
  });
}

void RowMatrix::copy_to_dense(float* dense) const {
  if (!data_) return;
  parallel_for(rows_, row_grain(rows_, cols_, kMinTaskFloats), [this, dense](size_t r0, size_t r1) {
    for (size_t r = r0; r < r1; ++r) std::memcpy(dense + r * cols_, row(r), cols_ * sizeof(float));
  });
}

Status RowMatrix::clone(RowMatrix* out) const {
  EMBEDWASM_RETURN_IF_ERROR(create(rows_, cols_, out));
  if (data_) std::memcpy(out->data_.get(), data_.get(), rows_ * stride_ * sizeof(float));
  return Status::ok();
}

}  // namespace embedwasm
