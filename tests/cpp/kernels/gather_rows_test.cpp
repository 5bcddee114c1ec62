// kernels/gather_rows: out (N, D) dense <- table rows ids[0..N), rows `stride` apart.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "kernels/kernel_test_util.h"
#include "kernels/kernels.h"

namespace k = embedwasm::kernels;
using namespace embedwasm::kernels::test;

namespace {

using GatherFn = void (*)(const float*, size_t, const int32_t*, size_t, size_t, float*);

constexpr size_t kRows = 13;    // V
constexpr size_t kMaxIds = 37;  // N runs 0..37: below, at and above 8- and 32-row multiples

// out: (N, D), written index by index from the (V, stride) table.
std::vector<float> Reference(const std::vector<float>& table, size_t stride, const std::vector<int32_t>& ids,
                             size_t d) {
  std::vector<float> out(ids.size() * d);
  for (size_t i = 0; i < ids.size(); ++i) {
    for (size_t j = 0; j < d; ++j) out[i * d + j] = table[static_cast<size_t>(ids[i]) * stride + j];
  }
  return out;
}

// Runs `gather` over every D in Sizes(), every stride in StridesFor(D) and N = 0..37 ids
// with repeats and the first and last row. Checks the output bit for bit against the
// reference (and, if given, against `twin` run on the same input), that no NaN from
// the padding or from past the table's end leaked into it, that nothing outside out[0, N D) was written and that the table is intact.
void CheckGather(GatherFn gather, GatherFn twin) {
  for (size_t d : Sizes()) {
    for (size_t stride : StridesFor(d)) {
      const std::vector<float> table0 = PaddedTable(kRows, d, stride, static_cast<uint32_t>(d * 1000 + stride));
      for (size_t n = 0; n <= kMaxIds; ++n) {
        INFO("D=" << d << " stride=" << stride << " N=" << n);
        const std::vector<int32_t> ids = IdsWithRepeats(n, kRows, static_cast<uint32_t>(n * 7 + d));
        const std::vector<float> ref = Reference(table0, stride, ids, d);
        const Guarded table(table0, Guard::kPoison);  // a read past the last row copies NaN
        Guarded out(n * d, Guard::kCanary, n % 4);
        gather(table.data(), stride, ids.data(), n, d, out.data());
        CHECK(FirstBitMismatch(out.data(), ref.data(), n * d) == -1);
        CHECK(FirstNaN(out.data(), n * d) == -1);
        CHECK(out.GuardsIntact());
        CHECK(FirstBitMismatch(table.data(), table0.data(), table0.size()) == -1);
        CHECK(table.GuardsIntact());
        if (twin != nullptr) {
          Guarded out_twin(n * d, Guard::kCanary);
          twin(table.data(), stride, ids.data(), n, d, out_twin.data());
          CHECK(FirstBitMismatch(out.data(), out_twin.data(), n * d) == -1);
        }
      }
    }
  }
}

// N = 0 or D = 0 must not touch out at all.
void CheckWritesNothingWhenEmpty(GatherFn gather) {
  const std::vector<float> table = PaddedTable(kRows, 5, 8, 1);
  const std::vector<int32_t> ids = IdsWithRepeats(9, kRows, 2);
  for (size_t d : {size_t{0}, size_t{5}}) {
    INFO("D=" << d);
    Guarded out(0, Guard::kCanary);
    gather(table.data(), 8, ids.data(), d == 0 ? ids.size() : 0, d, out.data());
    CHECK(out.GuardsIntact());
  }
}

}  // namespace

TEST_CASE("f32_gather_rows__scalar copies rows exactly, padding excluded, in bounds", "[kernels]") {
  CheckGather(&k::f32_gather_rows__scalar, nullptr);
}

TEST_CASE("f32_gather_rows__scalar with N = 0 or D = 0 writes nothing", "[kernels]") {
  CheckWritesNothingWhenEmpty(&k::f32_gather_rows__scalar);
  CheckWritesNothingWhenEmpty(k::f32_gather_rows);
}

TEST_CASE("kernels.h dispatches f32_gather_rows to this build's variant", "[kernels]") {
#if defined(__wasm_simd128__)
  CHECK((k::f32_gather_rows == &k::f32_gather_rows__wasmsimd));
#else
  CHECK((k::f32_gather_rows == &k::f32_gather_rows__scalar));
#endif
}

#if defined(__wasm_simd128__)

// Both the v128 path (D < 32) and the memcpy path (D >= 32) are covered by Sizes().
TEST_CASE("f32_gather_rows__wasmsimd is bit-identical to the scalar twin", "[kernels]") {
  CheckGather(&k::f32_gather_rows__wasmsimd, &k::f32_gather_rows__scalar);
}

TEST_CASE("f32_gather_rows__wasmsimd with N = 0 or D = 0 writes nothing", "[kernels]") {
  CheckWritesNothingWhenEmpty(&k::f32_gather_rows__wasmsimd);
}

#endif  // __wasm_simd128__
