// kernels/f32_gather_rows: out (N, D) dense <- table rows ids[0..N), rows `stride` apart.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "kernels/kernel_test_util.h"
#include "kernels/kernels.h"

namespace k = embedwasm::kernels;
using namespace embedwasm::kernels::test;

namespace {

using GatherFn = void (*)(const float*, size_t, const int32_t*, size_t, size_t, float*);

// out: (N, D), written index by index from the (V, stride) table.
std::vector<float> Reference(const std::vector<float>& table, size_t stride, const std::vector<int32_t>& ids,
                             size_t d) {
  std::vector<float> out(ids.size() * d);
  for (size_t i = 0; i < ids.size(); ++i) {
    for (size_t j = 0; j < d; ++j) out[i * d + j] = table[static_cast<size_t>(ids[i]) * stride + j];
  }
  return out;
}

// Over every ForEachTableCase, checks the output bit for bit against the reference (and against the twin run on the same input), that no NaN from the padding
// or from past the table's end leaked into it, that nothing outside out[0, N D) was
// written and that the table is intact.
void CheckGather(const Variant<GatherFn>& v) {
  ForEachTableCase([&](size_t d, size_t stride, const std::vector<float>& table0, const std::vector<int32_t>& ids) {
    const size_t n = ids.size();
    const std::vector<float> ref = Reference(table0, stride, ids, d);
    const Guarded table(table0, Guard::kPoison);  // a read past the last row copies NaN
    Guarded out(n * d, Guard::kCanary, n % 4);
    v.fn(table.data(), stride, ids.data(), n, d, out.data());
    CHECK(FirstBitMismatch(out.data(), ref.data(), n * d) == -1);
    CHECK(FirstNaN(out.data(), n * d) == -1);
    CHECK(out.GuardsIntact());
    CHECK(FirstBitMismatch(table.data(), table0.data(), table0.size()) == -1);
    CHECK(table.GuardsIntact());
    if (v.twin != nullptr) {
      Guarded out_twin(n * d, Guard::kCanary);
      v.twin(table.data(), stride, ids.data(), n, d, out_twin.data());
      CHECK(FirstBitMismatch(out.data(), out_twin.data(), n * d) == -1);
    }
  });
}

// N = 0 or D = 0 must not touch out at all.
void CheckWritesNothingWhenEmpty(const Variant<GatherFn>& v) {
  const std::vector<float> table = PaddedTable(kTableRows, 5, 8, 1);
  const std::vector<int32_t> ids = IdsWithRepeats(9, kTableRows, 2);
  for (size_t d : {size_t{0}, size_t{5}}) {
    INFO("D=" << d);
    Guarded out(0, Guard::kCanary);
    v.fn(table.data(), 8, ids.data(), d == 0 ? ids.size() : 0, d, out.data());
    CHECK(out.GuardsIntact());
  }
}

}  // namespace

// Both the v128 path (D < 32) and the memcpy path (D >= 32) of the SIMD twin are
// covered by Sizes().
KERNEL_TEST(f32_gather_rows, CheckGather, "copies rows exactly, padding excluded, in bounds; twins bit-identical")
KERNEL_TEST(f32_gather_rows, CheckWritesNothingWhenEmpty, "N = 0 or D = 0 writes nothing")
KERNEL_DISPATCH_TEST(f32_gather_rows)
