#include "embedwasm/fasttext/model_matrix.h"

#include <string>
#include <utility>

#include "kernels/kernels.h"

namespace embedwasm::fasttext {

Status ProductQuantizer::check_shape(int64_t dim_expected) const {
  auto bad = [&](const std::string& why) {
    return Status::invalid_argument("product quantizer (dim " + std::to_string(dim) + ", nsubq " +
                                    std::to_string(nsubq) + ", dsub " + std::to_string(dsub) + ", lastdsub " +
                                    std::to_string(last_dsub) + "): " + why);
  };
  if (dim != dim_expected) return bad("dim should be " + std::to_string(dim_expected));
  if (dim < 1 || dsub < 1 || dsub > dim) return bad("needs 1 <= dsub <= dim");
  const int32_t subvectors = (dim + dsub - 1) / dsub;
  const int32_t last = dim - (subvectors - 1) * dsub;
  if (nsubq != subvectors || last_dsub != last) {
    return bad("dim / dsub gives " + std::to_string(subvectors) + " sub-vectors, the last of " +
               std::to_string(last) + " floats");
  }
  return Status::ok();
}

Status QuantizedMatrix::check_shape() const {
  EMBEDWASM_RETURN_IF_ERROR(pq.check_shape(cols));
  if (static_cast<uint64_t>(rows) * static_cast<uint64_t>(pq.nsubq) != codes.size() ||
      pq.centroids.size() != static_cast<size_t>(cols) * ProductQuantizer::kCentroids) {
    return Status::invalid_argument("quantized matrix: codes or centroids do not match its shape");
  }
  if (qnorm) {
    EMBEDWASM_RETURN_IF_ERROR(norm_pq.check_shape(1));
    if (norm_codes.size() != static_cast<uint64_t>(rows) ||
        norm_pq.centroids.size() != static_cast<size_t>(ProductQuantizer::kCentroids)) {
      return Status::invalid_argument("quantized matrix: norm codes do not match its rows");
    }
  }
  return Status::ok();
}

ModelMatrix ModelMatrix::dense(RowMatrix m) {
  ModelMatrix out;
  out.dense_ = std::move(m);
  return out;
}

ModelMatrix ModelMatrix::quantized(QuantizedMatrix m) {
  ModelMatrix out;
  out.quantized_ = true;
  out.quant_ = std::move(m);
  return out;
}

void ModelMatrix::average_rows(const int32_t* ids, size_t n, float* out) const {
  const size_t d = static_cast<size_t>(cols());
  if (quantized_) {
    for (size_t j = 0; j < d; ++j) out[j] = 0.0f;
    for (size_t i = 0; i < n; ++i) add_row(ids[i], out);
  } else {
    kernels::f32_sum_rows(dense_.data(), dense_.stride(), ids, n, d, out);
  }
  if (n == 0) return;
  // fastText scales by float(1.0 / n): the reciprocal rounded once, then a multiply.
  const float scale = static_cast<float>(1.0 / static_cast<double>(n));
  kernels::f32_scale(d, scale, out, out);
}

void ModelMatrix::add_row(int64_t row, float* x) const {
  if (quantized_) {
    const ProductQuantizer& pq = quant_.pq;
    kernels::u8_pq_add(static_cast<size_t>(pq.nsubq), static_cast<size_t>(pq.dsub), static_cast<size_t>(pq.last_dsub),
                       quant_.codes.data() + static_cast<size_t>(row) * static_cast<size_t>(pq.nsubq),
                       pq.centroids.data(), quant_.row_norm(row), x);
  } else {
    kernels::f32_axpy(dense_.cols(), 1.0f, dense_.row(static_cast<size_t>(row)), x);
  }
}

float ModelMatrix::dot_row_exact(const float* x, int64_t row) const {
  if (quantized_) {
    const ProductQuantizer& pq = quant_.pq;
    return kernels::u8_pq_dot__scalar(static_cast<size_t>(pq.nsubq), static_cast<size_t>(pq.dsub),
                                      static_cast<size_t>(pq.last_dsub),
                                      quant_.codes.data() + static_cast<size_t>(row) * static_cast<size_t>(pq.nsubq),
                                      pq.centroids.data(), x) *
           quant_.row_norm(row);
  }
  return kernels::f32_dot__scalar(dense_.cols(), dense_.row(static_cast<size_t>(row)), x);
}

float ModelMatrix::dot_row(const float* x, int64_t row) const {
  if (quantized_) {
    const ProductQuantizer& pq = quant_.pq;
    return kernels::u8_pq_dot(static_cast<size_t>(pq.nsubq), static_cast<size_t>(pq.dsub),
                              static_cast<size_t>(pq.last_dsub),
                              quant_.codes.data() + static_cast<size_t>(row) * static_cast<size_t>(pq.nsubq),
                              pq.centroids.data(), x) *
           quant_.row_norm(row);
  }
  return kernels::f32_dot(dense_.cols(), dense_.row(static_cast<size_t>(row)), x);
}

}  // namespace embedwasm::fasttext
