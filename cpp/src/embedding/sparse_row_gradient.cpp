#include "embedwasm/embedding/sparse_row_gradient.h"

#include <string>

#include "kernels/kernels.h"

namespace embedwasm::embedding {

Status SparseRowGradient::add_to(RowMatrix* dense) const {
  if (dense->cols() != cols) {
    return Status::invalid_argument("gradient has " + std::to_string(cols) +
                                    " columns but the dense buffer has " +
                                    std::to_string(dense->cols()));
  }
  for (int32_t r : rows) {
    if (r < 0 || static_cast<size_t>(r) >= dense->rows()) {
      return Status::out_of_range("gradient row " + std::to_string(r) +
                                  " is outside the dense buffer of " +
                                  std::to_string(dense->rows()) + " rows");
    }
  }
  kernels::f32_scatter_add_rows(values.data(), rows.data(), rows.size(), cols, dense->data(),
                                dense->stride());
  return Status::ok();
}

}  // namespace embedwasm::embedding
