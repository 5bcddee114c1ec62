#pragma once
// A fastText weight matrix, (rows, D): the input matrix (word and n-gram rows) or the
// output matrix (labels, words or hierarchical-softmax nodes). Either dense float32 or
// product-quantized (fastText's QuantMatrix):
//   codes      (rows * nsubq,) one centroid index per sub-vector
//   pq         the centroids
//   qnorm      rows were divided by their L2 norm before quantizing; the norm is itself
//              quantized, by norm_pq (D = 1) with one byte per row in norm_codes, and
//              multiplies the decoded row back.
// Reading a row is what fastText does, operation for operation: x += norm * c per
// element when adding, and a float sum scaled by the norm at the end for a dot product.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "embedwasm/fasttext/product_quantizer.h"
#include "embedwasm/core/row_matrix.h"
#include "embedwasm/core/status.h"

namespace embedwasm::fasttext {

struct QuantizedMatrix {
  int64_t rows = 0;
  int64_t cols = 0;
  bool qnorm = false;
  std::vector<uint8_t> codes;       // (rows * pq.nsubq,)
  ProductQuantizer pq;              // D = cols
  std::vector<uint8_t> norm_codes;  // (rows,) when qnorm
  ProductQuantizer norm_pq;         // D = 1, when qnorm

  // Codes, centroids and norms agree with rows and cols.
  Status check_shape() const;
  float row_norm(int64_t row) const { return qnorm ? norm_pq.centroid(0, norm_codes[static_cast<size_t>(row)])[0] : 1.0f; }
};

class ModelMatrix {
 public:
  ModelMatrix() = default;
  static ModelMatrix dense(RowMatrix m);
  static ModelMatrix quantized(QuantizedMatrix m);

  bool is_quantized() const { return quantized_; }
  int64_t rows() const { return quantized_ ? quant_.rows : static_cast<int64_t>(dense_.rows()); }
  int64_t cols() const { return quantized_ ? quant_.cols : static_cast<int64_t>(dense_.cols()); }
  const RowMatrix& dense_rows() const { return dense_; }
  const QuantizedMatrix& quantized_rows() const { return quant_; }

  // The rest trusts rows and ids to be in range (the callers' indices come from a
  // checked dictionary and checked shapes).

  // out (D,) = (sum of the n rows) * float(1 / n), summed in id order: fastText's
  // averaging of a line's or a word's rows. n = 0 gives zeros.
  void average_rows(const int32_t* ids, size_t n, float* out) const;
  // x (D,) += row.
  void add_row(int64_t row, float* x) const;
  // x . row, in fastText's summation order (bit for bit its value).
  float dot_row_exact(const float* x, int64_t row) const;
  // x . row with the SIMD kernels (a different summation order: within float rounding).
  float dot_row(const float* x, int64_t row) const;

 private:
  bool quantized_ = false;
  RowMatrix dense_;
  QuantizedMatrix quant_;
};

}  // namespace embedwasm::fasttext
