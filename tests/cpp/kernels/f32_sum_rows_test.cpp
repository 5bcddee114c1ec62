// kernels/f32_sum_rows: out (D,) <- the sum of table rows ids[0..N), in id order.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "kernels/kernel_test_util.h"
#include "kernels/kernels.h"

namespace k = embedwasm::kernels;
using namespace embedwasm::kernels::test;

namespace {

using SumRowsFn = void (*)(const float*, size_t, const int32_t*, size_t, size_t, float*);

// Every D in Sizes(), every stride, N = 0..37 ids with repeats: bit for bit the sum
// written the plain way (from +0, row after row), padding never read, out not overrun.
void CheckSumRows(SumRowsFn fn) {
  constexpr size_t kRows = 11;
  for (size_t d : Sizes()) {
    for (size_t stride : StridesFor(d)) {
      const std::vector<float> table0 = PaddedTable(kRows, d, stride, static_cast<uint32_t>(d * 131 + stride));
      const Guarded table(table0, Guard::kPoison);
      for (size_t n = 0; n <= 37; n += (n < 9 ? 1 : 7)) {
        INFO("D=" << d << " stride=" << stride << " N=" << n);
        const std::vector<int32_t> ids = IdsWithRepeats(n, kRows, static_cast<uint32_t>(n + d));
        std::vector<float> ref(d, 0.0f);
        for (size_t i = 0; i < n; ++i) {
          for (size_t j = 0; j < d; ++j) ref[j] += table0[static_cast<size_t>(ids[i]) * stride + j];
        }
        Guarded out(d, Guard::kCanary, n % 4);
        fn(table.data(), stride, ids.data(), n, d, out.data());
        CHECK(FirstBitMismatch(out.data(), ref.data(), d) == -1);
        CHECK(out.GuardsIntact());
      }
    }
  }
}

}  // namespace

TEST_CASE("f32_sum_rows__scalar: the rows' sum in id order", "[kernels]") { CheckSumRows(&k::f32_sum_rows__scalar); }

TEST_CASE("kernels.h dispatches f32_sum_rows to this build's variant", "[kernels]") {
#if defined(__wasm_simd128__)
  CHECK((k::f32_sum_rows == &k::f32_sum_rows__wasmsimd));
#else
  CHECK((k::f32_sum_rows == &k::f32_sum_rows__scalar));
#endif
}

#if defined(__wasm_simd128__)
TEST_CASE("f32_sum_rows__wasmsimd is bit-identical to the plain sum", "[kernels]") {
  CheckSumRows(&k::f32_sum_rows__wasmsimd);
}
#endif
