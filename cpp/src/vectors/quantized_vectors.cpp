#include "embedwasm/vectors/quantized_vectors.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>

#include "embedwasm/core/thread_pool.h"
#include "kernels/kernels.h"
#include "vectors/cosine_scan.h"

namespace embedwasm::vectors {
namespace {

constexpr size_t kTileRows = 256;

// Queries scored against one tile while it is in cache (256 rows of D = 100 are 28 KB, 53
// KB widened to int16): a batch reads the table, and widens it, once per group. (A batch
// of 100 in groups of 128 against groups of 32, in Node on a shared 2-core Xeon, two
// alternating runs each: 3.13 and 2.22 ms per query against 3.36 and 3.15 on one thread,
// 1.67 and 1.33 against 1.92 and 1.60 on two.)
constexpr size_t kQueryGroup = 128;

// Queries per kernel call in a batch, so that their dots, (32, kTileRows) int32 = 32 KB,
// are still in cache when pushed.
constexpr size_t kDotsQueries = 32;

// Rows scored together whose scores are screened by one compare against the worst kept
// (TopK::admits_any): most blocks of a long scan hold no row that enters.
constexpr size_t kScreenRows = 16;

// The n dots of one query with rows first.. times each row's scale (the query's own scale
// is common to all rows and applied to the kept results only), into its top-k.
void push_scores(const QuantizedVectors& qv, size_t first, size_t n, const int32_t* dots, TopK* top) {
  float scores[kTileRows];
  for (size_t i = 0; i < n; ++i) scores[i] = static_cast<float>(dots[i]) * qv.scale(first + i);
  for (size_t i0 = 0; i0 < n; i0 += kScreenRows) {
    const size_t i1 = std::min(n, i0 + kScreenRows);
    if (!top->admits_any(scores + i0, i1 - i0)) continue;
    for (size_t i = i0; i < i1; ++i) {
      if (top->admits_next(scores[i])) top->push(static_cast<int32_t>(first + i), scores[i]);
    }
  }
}

// One query against one tile: the int8 rows as they are, read once (memory bounds a
// single query, and int8 is half the bytes of int16).
EMBEDWASM_NOINLINE void push_quantized_tile(const QuantizedVectors& qv, const int8_t* query, size_t first, size_t n,
                                            TopK* top) {
  int32_t dots[kTileRows];
  kernels::i8_dot_rows(n, qv.stride(), qv.row(first), qv.stride(), query, dots);
  push_scores(qv, first, n, dots, top);
}

// What one task of a batched scan reuses from tile to tile: the tile's rows widened to
// int16, `width` values each, and the dots of up to kDotsQueries queries with them,
// (kDotsQueries, kTileRows).
struct WideTile {
  explicit WideTile(size_t width) : rows(kTileRows * width), dots(kDotsQueries * kTileRows) {}
  std::vector<int16_t> rows;
  std::vector<int32_t> dots;
};

// `count` queries (widened, `width` values each) against one tile: the rows are widened
// once here for all the queries, so the kernel's inner loop is only multiply-adds.
EMBEDWASM_NOINLINE void push_quantized_tile_batch(const QuantizedVectors& qv, const int16_t* queries, size_t count,
                                                  size_t width, size_t first, size_t n, WideTile* tile, TopK* tops) {
  int16_t* wide = tile->rows.data();
  for (size_t i = 0; i < n; ++i) {
    const int8_t* row = qv.row(first + i);
    for (size_t j = 0; j < width; ++j) wide[i * width + j] = row[j];
  }
  int32_t* dots = tile->dots.data();
  for (size_t b0 = 0; b0 < count; b0 += kDotsQueries) {
    const size_t m = std::min(kDotsQueries, count - b0);
    kernels::i16_dot_rows(n, m, width, wide, width, queries + b0 * width, width, dots, kTileRows);
    for (size_t b = 0; b < m; ++b) push_scores(qv, first, n, dots + b * kTileRows, tops + b0 + b);
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

void QuantizedVectors::scan(const int8_t* queries, size_t count, size_t rows, size_t k,
                            std::vector<std::vector<Neighbor>>* out) const {
  out->assign(count, {});
  // A batch reads every row as int16, widened once per tile for all its queries: D rounded
  // up to 8 values, the kernel's step, which stays within the zero padding of the stride
  // (a multiple of 16), so the padded values add nothing.
  const size_t width = (cols_ + 7) / 8 * 8;
  std::vector<int16_t> wide_queries;
  if (count > 1) {
    wide_queries.resize(count * width);
    for (size_t b = 0; b < count; ++b) {
      for (size_t j = 0; j < width; ++j) wide_queries[b * width + j] = queries[b * stride_ + j];
    }
  }
  const auto push_tile = detail::tiered(&push_quantized_tile);
  const auto push_tile_batch = detail::tiered(&push_quantized_tile_batch);
  // Split by rows, whole tiles per task, each with its own top-k per query; merged through
  // TopK::push, whose order is total (score, then lower row), so any split keeps the same
  // K entries in the same order. An int8 row costs about a quarter of a float row.
  const size_t tiles = (rows + kTileRows - 1) / kTileRows;
  for (size_t g0 = 0; g0 < count; g0 += kQueryGroup) {
    const size_t g = std::min(kQueryGroup, count - g0);
    const size_t grain = row_grain(tiles, kTileRows * cols_ * g / 4, kMinTaskFloats);
    const size_t n_parts = std::max<size_t>(1, (tiles + grain - 1) / grain);
    std::vector<TopK> tops(n_parts * g);
    parallel_for(tiles, grain, [&](size_t t0, size_t t1) {
      TopK* mine = tops.data() + (t0 / grain) * g;
      for (size_t b = 0; b < g; ++b) mine[b].reset(k);
      const size_t end = std::min(rows, t1 * kTileRows);
      if (count == 1) {
        for (size_t first = t0 * kTileRows; first < end; first += kTileRows) {
          push_tile(*this, queries, first, std::min(kTileRows, rows - first), mine);
        }
        return;
      }
      WideTile tile(width);
      for (size_t first = t0 * kTileRows; first < end; first += kTileRows) {
        push_tile_batch(*this, wide_queries.data() + g0 * width, g, width, first, std::min(kTileRows, rows - first),
                        &tile, mine);
      }
    });
    for (size_t b = 0; b < g; ++b) {
      take_merged(n_parts, k, [&](size_t p) -> TopK& { return tops[p * g + b]; }, &(*out)[g0 + b]);
    }
  }
}

namespace {

// Rows of stride bytes, 16-byte aligned, zero past D: what the kernels read queries as.
struct PaddedQueries {
  PaddedQueries(size_t count, size_t stride) : bytes(count * stride + QuantizedVectors::kAlignBytes, 0) {
    const size_t a = QuantizedVectors::kAlignBytes;
    data = bytes.data() + (a - reinterpret_cast<uintptr_t>(bytes.data()) % a) % a;
  }
  std::vector<int8_t> bytes;
  int8_t* data;
};

}  // namespace

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
  PaddedQueries q(1, stride_);
  const float query_scale = quantize(cols_, query, q.data);
  std::vector<std::vector<Neighbor>> sorted;
  scan(q.data, 1, rows, std::min(rows, topn + exclude.size()), &sorted);
  for (const Neighbor& nb : sorted[0]) {
    if (out->size() == topn) break;
    if (std::find(exclude.begin(), exclude.end(), nb.index) == exclude.end()) {
      out->push_back({nb.index, nb.score * query_scale});
    }
  }
  return Status::ok();
}

Status QuantizedVectors::search_batch(const float* queries, size_t count, size_t dim_given, size_t topn,
                                      size_t restrict_vocab, std::vector<std::vector<Neighbor>>* out) const {
  out->clear();
  if (dim_given != cols_) {
    return Status::invalid_argument("vectors have " + std::to_string(dim_given) + " elements, expected " +
                                    std::to_string(cols_));
  }
  if (count > 0 && queries == nullptr) return Status::invalid_argument("null query vectors");
  if (topn == 0) {
    out->resize(count);
    return Status::ok();
  }
  const size_t rows = restrict_vocab == 0 ? rows_ : std::min(restrict_vocab, rows_);
  PaddedQueries q(count, stride_);
  std::vector<float> scales(count);
  for (size_t b = 0; b < count; ++b) scales[b] = quantize(cols_, queries + b * cols_, q.data + b * stride_);
  scan(q.data, count, rows, std::min(rows, topn), out);
  for (size_t b = 0; b < count; ++b) {
    for (Neighbor& nb : (*out)[b]) nb.score *= scales[b];
  }
  return Status::ok();
}

}  // namespace embedwasm::vectors
