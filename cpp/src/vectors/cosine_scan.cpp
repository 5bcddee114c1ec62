#include "vectors/cosine_scan.h"

#include "kernels/kernels.h"

namespace embedwasm::vectors::detail {
namespace {

EMBEDWASM_NOINLINE void score_tile(const RowMatrix& x, const float* inv_norms, size_t first, size_t n,
                                   const float* queries, size_t count, size_t query_stride, float* out) {
  kernels::f32_dot_rows(n, count, x.cols(), x.row(first), x.stride(), queries, query_stride, out, kTileRows);
  for (size_t b = 0; b < count; ++b) {
    float* o = out + b * kTileRows;
    for (size_t i = 0; i < n; ++i) o[i] *= inv_norms[first + i];
  }
}

}  // namespace

void scan_cosines(const RowMatrix& x, const float* inv_norms, size_t rows, const float* queries, size_t count,
                  size_t query_stride, float* scratch, const TileConsumer& consume, size_t begin) {
  if (count == 0) return;
  const auto score = tiered(&score_tile);
  for (size_t first = begin; first < rows; first += kTileRows) {
    const size_t n = rows - first < kTileRows ? rows - first : kTileRows;
    score(x, inv_norms, first, n, queries, count, query_stride, scratch);
    consume(first, n, scratch);
  }
}

}  // namespace embedwasm::vectors::detail
