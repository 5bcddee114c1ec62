// kernels/f32_sum_rows: out (D,) <- the sum of table rows ids[0..N), in id order.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "kernels/kernel_test_util.h"
#include "kernels/kernels.h"

using namespace embedwasm::kernels::test;

namespace {

using SumRowsFn = void (*)(const float*, size_t, const int32_t*, size_t, size_t, float*);

// The sum written the plain way, from +0, row after row: fastText's order, which every
// twin must keep bit for bit (each lane adds the same rows in the same order). Padding
// is never read (it holds the sentinel NaN) and out is not overrun.
void CheckSumRows(const Variant<SumRowsFn>& v) {
  ForEachTableCase([&](size_t d, size_t stride, const std::vector<float>& table0, const std::vector<int32_t>& ids) {
    const size_t n = ids.size();
    std::vector<float> ref(d, 0.0f);
    for (size_t i = 0; i < n; ++i) {
      for (size_t j = 0; j < d; ++j) ref[j] += table0[static_cast<size_t>(ids[i]) * stride + j];
    }
    const Guarded table(table0, Guard::kPoison);
    Guarded out(d, Guard::kCanary, n % 4);
    v.fn(table.data(), stride, ids.data(), n, d, out.data());
    CHECK(FirstBitMismatch(out.data(), ref.data(), d) == -1);
    CHECK(out.GuardsIntact());
    CHECK(table.GuardsIntact());
    if (v.twin != nullptr) {
      Guarded twin_out(d, Guard::kCanary);
      v.twin(table.data(), stride, ids.data(), n, d, twin_out.data());
      CHECK(FirstBitMismatch(out.data(), twin_out.data(), d) == -1);
    }
  });
}

}  // namespace

KERNEL_TEST(f32_sum_rows, CheckSumRows, "the rows' sum in id order, bit for bit")
KERNEL_DISPATCH_TEST(f32_sum_rows)
