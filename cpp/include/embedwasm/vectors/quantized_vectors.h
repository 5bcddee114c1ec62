#pragma once
// An int8 copy of unit-normalised word vectors for approximate cosine search in a quarter
// of the memory of float32 (plus padding and one float per row).
//
// Row r of the (V, D) vectors is scaled to unit length u_r, then quantised symmetrically
// with its own scale s_r = max_j |u_rj| / 127: q_rj = round(u_rj / s_r) in [-127, 127]
// (-128 is never used, so negation is exact). A query is quantised the same way, and
//   cos(x_r, query) ~ s_r * s_q * sum_j q_rj * q_qj
// with the sum exact in int32 (kernels/i8_dot). A zero row has scale 0 and scores 0.
// The per-row scale adapts to each row's largest coordinate. Rounding errors are about
// uniform, so a score's error has a standard deviation of about sqrt((s_r^2 + s_q^2) / 12):
// 0.0009 for random unit vectors of D = 100 (s ~ 0.0022; measured 0.0009, largest 0.005).
// Neighbours whose cosines differ by less can swap places (the test checks recall@10 >=
// 0.95 against float search on clustered vectors; measured 0.97-0.99).
//
// Rows are padded with zeros to a multiple of 16 bytes, so the dot product runs over whole
// v128 vectors with no tail, and start on 16-byte boundaries.
//
// A snapshot: it does not follow later writes to the float vectors (create it again after
// training, or use KeyedVectors while training). Row r is row r of the KeyedVectors it was
// made from, so results map to words through KeyedVectors::word().
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "embedwasm/core/row_matrix.h"
#include "embedwasm/vectors/top_k.h"
#include "embedwasm/core/status.h"

namespace embedwasm::vectors {

class QuantizedVectors {
 public:
  static constexpr size_t kAlignBytes = 16;

  QuantizedVectors() = default;
  QuantizedVectors(QuantizedVectors&&) noexcept = default;
  QuantizedVectors& operator=(QuantizedVectors&&) noexcept = default;

  // vectors: (V, D) raw (not necessarily unit) rows, D <= kernels::kI8DotMaxN.
  static Status create(const RowMatrix& vectors, QuantizedVectors* out);

  size_t size() const { return rows_; }      // V
  size_t dim() const { return cols_; }       // D
  size_t stride() const { return stride_; }  // bytes between row starts
  const int8_t* row(size_t r) const { return data_.get() + r * stride_; }
  float scale(size_t r) const { return scales_[r]; }
  // Bytes held: the int8 rows and the scales.
  size_t memory_bytes() const { return rows_ * stride_ + scales_.size() * sizeof(float); }

  // Quantises x (D,) after scaling it to unit length into q (D,); returns the scale (0 for a
  // zero vector, with q all zeros).
  static float quantize(size_t d, const float* x, int8_t* q);

  // The topn rows (of the first restrict_vocab; 0: all) with the highest approximate cosine
  // to query (D,), best first, leaving out the rows in `exclude` (as most_similar leaves out
  // its input words).
  Status search(const float* query, size_t dim, size_t topn, size_t restrict_vocab, const std::vector<int32_t>& exclude,
                std::vector<Neighbor>* out) const;
  // search() for each of `count` queries (count, D), nothing excluded: out[b] is what
  // search(queries + b * D, ...) gives, bit for bit. Each tile of rows is read once and
  // scored against the whole block of queries while it is in cache.
  Status search_batch(const float* queries, size_t count, size_t dim, size_t topn, size_t restrict_vocab,
                      std::vector<std::vector<Neighbor>>* out) const;

 private:
  struct AlignedFree {
    void operator()(int8_t* p) const;
  };
  // The kept rows per query, best first, with their scores before the query's scale;
  // queries: (count, stride_) int8, padded with zeros, 16-byte aligned.
  void scan(const int8_t* queries, size_t count, size_t rows, size_t k, std::vector<std::vector<Neighbor>>* out) const;

  size_t rows_ = 0, cols_ = 0, stride_ = 0;
  std::unique_ptr<int8_t[], AlignedFree> data_;  // (V, stride)
  std::vector<float> scales_;                    // (V,)
};

}  // namespace embedwasm::vectors
