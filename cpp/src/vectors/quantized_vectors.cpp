#include "embedwasm/vectors/quantized_vectors.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>

#include "kernels/kernels.h"
#include "vectors/cosine_scan.h"

namespace embedwasm::vectors {
namespace {

constexpr size_t kTileRows = 256;

// Scores one tile of rows: the int32 dot with the padded query times the row's scale
// (the query's scale is common to all rows and applied to the kept results only).
EMBEDWASM_NOINLINE void push_quantized_tile(const QuantizedVectors& qv, const int8_t* query, size_t first, size_t n,
                                            TopK* top) {
  int32_t dots[kTileRows];
  kernels::i8_dot_rows(n, qv.stride(), qv.row(first), qv.stride(), query, dots);
  float scores[kTileRows];
  for (size_t i = 0; i < n; ++i) scores[i] = static_cast<float>(dots[i]) * qv.scale(first + i);
  for (size_t i = 0; i < n; ++i) {
    if (top->admits_next(scores[i])) top->push(static_cast<int32_t>(first + i), scores[i]);
  }
}

}  // namespace

void QuantizedVectors::AlignedFree::operator()(int8_t* p) const { std::free(p); }

float QuantizedVectors::quantize(size_t d, const float* x, int8_t* q) {
  double sum_squares = 0.0, max_abs = 0.0;
  for (size_t j = 0; j < d; ++j) {
    sum_squares += static_cast<double>(x[j]) * x[j];
    max_abs = std::max(max_abs, static_cast<double>(std::fabs(x[j])));
  }
  const double norm = std::sqrt(sum_squares);
  if (!(max_abs > 0.0) || !std::isfinite(norm)) {  // a zero or non-finite vector
    std::memset(q, 0, d);
    return 0.0f;
  }
  // u_j / s = (x_j / norm) / (max_abs / norm / 127) = x_j * 127 / max_abs: the norm cancels.
  // |x_j| <= max_abs keeps every value within [-127, 127]; the clamp only guards rounding.
  const double to_int = 127.0 / max_abs;
  for (size_t j = 0; j < d; ++j) {
    const double v = std::nearbyint(x[j] * to_int);
    q[j] = static_cast<int8_t>(std::max(-127.0, std::min(127.0, v)));
  }
  return static_cast<float>(max_abs / norm / 127.0);
}

Status QuantizedVectors::create(const RowMatrix& vectors, QuantizedVectors* out) {
  const size_t v = vectors.rows(), d = vectors.cols();
  if (d == 0) return Status::invalid_argument("QuantizedVectors: vectors need at least one dimension");
  if (d > kernels::kI8DotMaxN) {
    return Status::out_of_range("QuantizedVectors: dimension " + std::to_string(d) + " exceeds " +
                                std::to_string(kernels::kI8DotMaxN) + " (int32 dot products could overflow)");
  }
  if (v > static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
    return Status::out_of_range("QuantizedVectors: " + std::to_string(v) + " rows exceed the int32 row ids");
  }
  const size_t stride = (d + kAlignBytes - 1) / kAlignBytes * kAlignBytes;
  constexpr uint64_t kMaxBytes = (uint64_t{1} << 32) - 65536;  // as RowMatrix: the wasm32 heap
  if (uint64_t{v} > kMaxBytes / stride) {
    return Status::resource_exhausted("QuantizedVectors: " + std::to_string(v) + " x " + std::to_string(d) +
                                      " int8 rows exceed the 4 GiB memory limit");
  }
  QuantizedVectors q;
  const size_t bytes = v * stride;
  if (bytes > 0) {
    q.data_.reset(static_cast<int8_t*>(std::aligned_alloc(kAlignBytes, bytes)));
    if (!q.data_)
      return Status::resource_exhausted("QuantizedVectors: cannot allocate " + std::to_string(bytes) + " bytes");
    std::memset(q.data_.get(), 0, bytes);  // the padding stays zero
  }
  q.scales_.resize(v);
  q.rows_ = v;
  q.cols_ = d;
  q.stride_ = stride;
  for (size_t r = 0; r < v; ++r) q.scales_[r] = quantize(d, vectors.row(r), q.data_.get() + r * stride);
  *out = std::move(q);
  return Status::ok();
}

Status QuantizedVectors::search(const float* query, size_t dim_given, size_t topn, size_t restrict_vocab,
                                const std::vector<int32_t>& exclude, std::vector<Neighbor>* out) const {
  out->clear();
  if (dim_given != cols_) {
    return Status::invalid_argument("vector has " + std::to_string(dim_given) + " elements, expected " +
                                    std::to_string(cols_));
  }
  if (query == nullptr) return Status::invalid_argument("null query vector");
  if (topn == 0) return Status::ok();
  const size_t rows = restrict_vocab == 0 ? rows_ : std::min(restrict_vocab, rows_);
  // Padded like the rows (zeros past D), 16-byte aligned.
  std::vector<int8_t> padded(stride_ + kAlignBytes, 0);
  int8_t* q = padded.data() + (kAlignBytes - reinterpret_cast<uintptr_t>(padded.data()) % kAlignBytes) % kAlignBytes;
  const float query_scale = quantize(cols_, query, q);
  TopK top(std::min(rows, topn + exclude.size()));
  const auto push_tile = detail::tiered(&push_quantized_tile);
  for (size_t first = 0; first < rows; first += kTileRows) {
    push_tile(*this, q, first, std::min(kTileRows, rows - first), &top);
  }
  std::vector<Neighbor> sorted;
  top.take_sorted(&sorted);
  for (const Neighbor& nb : sorted) {
    if (out->size() == topn) break;
    if (std::find(exclude.begin(), exclude.end(), nb.index) == exclude.end()) {
      out->push_back({nb.index, nb.score * query_scale});
    }
  }
  return Status::ok();
}

}  // namespace embedwasm::vectors
