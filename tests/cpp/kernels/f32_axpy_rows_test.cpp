// kernels/f32_axpy_rows: y (D,) += a * table rows ids[0..N), in id order.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "kernels/kernel_test_util.h"
#include "kernels/kernels.h"

using namespace embedwasm::kernels::test;

namespace {

using AxpyRowsFn = void (*)(const float*, size_t, const int32_t*, size_t, size_t, float, float*);

// a values: generic, exact negation and a mean's 1 / T.
const float kAlphas[] = {0.37f, -1.0f, 1.0f / 256.0f};

// The axpys written the plain way, one row after another into y: the order every twin
// must keep bit for bit, since the embedding gradient built with it must equal the one
// built by one f32_axpy per position. y starts from values of its own (the kernel adds
// into it, it does not overwrite it); padding is never read (it holds the sentinel NaN)
// and y is not overrun.
void CheckAxpyRows(const Variant<AxpyRowsFn>& v) {
  ForEachTableCase([&](size_t d, size_t stride, const std::vector<float>& table0, const std::vector<int32_t>& ids) {
    const size_t n = ids.size();
    for (float a : kAlphas) {
      INFO("a=" << a);
      const std::vector<float> y0 = Data(0, d, 300 + d);
      std::vector<float> ref = y0;
      for (size_t i = 0; i < n; ++i) {
        for (size_t j = 0; j < d; ++j) ref[j] += a * table0[static_cast<size_t>(ids[i]) * stride + j];
      }
      const Guarded table(table0, Guard::kPoison);
      Guarded y(y0, Guard::kCanary, n % 4);
      v.fn(table.data(), stride, ids.data(), n, d, a, y.data());
      CHECK(FirstBitMismatch(y.data(), ref.data(), d) == -1);
      CHECK(y.GuardsIntact());
      CHECK(table.GuardsIntact());
      if (v.twin != nullptr) {
        Guarded twin_y(y0, Guard::kCanary);
        v.twin(table.data(), stride, ids.data(), n, d, a, twin_y.data());
        CHECK(FirstBitMismatch(y.data(), twin_y.data(), d) == -1);
      }
    }
  });
}

}  // namespace

KERNEL_TEST(f32_axpy_rows, CheckAxpyRows, "the rows' axpys in id order, bit for bit")
KERNEL_DISPATCH_TEST(f32_axpy_rows)
