// kernels/f32_scatter_add_rows: table[ids[i]] += rows[i] for i in order; rows (N, D) dense,
// table rows `stride` apart.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

#include "kernels/kernel_test_util.h"
#include "kernels/kernels.h"

namespace k = embedwasm::kernels;
using namespace embedwasm::kernels::test;

namespace {

using ScatterAddFn = void (*)(const float*, const int32_t*, size_t, size_t, float*, size_t);

// The deterministic contract, written per destination row: each table row accumulates
// its contributions in increasing i, one float add at a time. Padding is never touched.
std::vector<float> InOrderReference(std::vector<float> table, size_t stride, const std::vector<float>& rows,
                                    const std::vector<int32_t>& ids, size_t d) {
  for (size_t r = 0; r < kTableRows; ++r) {
    for (size_t i = 0; i < ids.size(); ++i) {
      if (static_cast<size_t>(ids[i]) != r) continue;
      for (size_t j = 0; j < d; ++j) table[r * stride + j] = table[r * stride + j] + rows[i * d + j];
    }
  }
  return table;
}

// Index (into the padded table) of the first element farther from the double-precision
// sum than rounding allows, or -1. An element with m contributions went through m float
// adds, so |err| <= gamma_m (|t0| + sum |row|); adds never underflow inexactly.
long FirstOutsideBound(const std::vector<float>& table0, size_t stride, const std::vector<float>& rows,
                       const std::vector<int32_t>& ids, size_t d, const float* got) {
  for (size_t r = 0; r < kTableRows; ++r) {
    for (size_t j = 0; j < d; ++j) {
      const size_t at = r * stride + j;
      double sum = table0[at], abs_sum = std::fabs(table0[at]);
      size_t m = 0;
      for (size_t i = 0; i < ids.size(); ++i) {
        if (static_cast<size_t>(ids[i]) != r) continue;
        sum += rows[i * d + j];
        abs_sum += std::fabs(rows[i * d + j]);
        ++m;
      }
      if (!(std::fabs(got[at] - sum) <= Gamma(m) * abs_sum * kBoundSlack)) return static_cast<long>(at);
    }
  }
  return -1;
}

// Over every ForEachTableCase, with rows of mixed exponents: the whole padded table is
// compared bit for bit with the in-order reference (and with the twin), so padding and
// rows no id names must come back untouched; guards catch writes outside the table, and
// rows must be left as they were.
void CheckScatterAdd(const Variant<ScatterAddFn>& v) {
  ForEachTableCase([&](size_t d, size_t stride, const std::vector<float>& table0, const std::vector<int32_t>& ids) {
    const size_t n = ids.size();
    const std::vector<float> rows0 = WideRange(n * d, static_cast<uint32_t>(n * 31 + d));
    const std::vector<float> ref = InOrderReference(table0, stride, rows0, ids, d);
    Guarded table(table0, Guard::kCanary, n % 4);
    const Guarded rows(rows0, Guard::kPoison, n % 3);
    v.fn(rows.data(), ids.data(), n, d, table.data(), stride);
    CHECK(FirstBitMismatch(table.data(), ref.data(), ref.size()) == -1);
    CHECK(FirstOutsideBound(table0, stride, rows0, ids, d, table.data()) == -1);
    CHECK(table.GuardsIntact());
    CHECK(FirstBitMismatch(rows.data(), rows0.data(), rows0.size()) == -1);
    CHECK(rows.GuardsIntact());
    if (v.twin != nullptr) {
      Guarded table_twin(table0, Guard::kCanary);
      v.twin(rows.data(), ids.data(), n, d, table_twin.data(), stride);
      CHECK(FirstBitMismatch(table.data(), table_twin.data(), table0.size()) == -1);
    }
  });
}

// N = 0 or D = 0 must leave the table, padding included, exactly as it was.
void CheckWritesNothingWhenEmpty(const Variant<ScatterAddFn>& v) {
  const std::vector<float> table0 = PaddedTable(kTableRows, 5, 8, 3);
  const std::vector<int32_t> ids = IdsWithRepeats(9, kTableRows, 4);
  const std::vector<float> rows = Uniform(9 * 5, 5);
  for (size_t d : {size_t{0}, size_t{5}}) {
    INFO("D=" << d);
    Guarded table(table0, Guard::kCanary);
    v.fn(rows.data(), ids.data(), d == 0 ? ids.size() : 0, d, table.data(), 8);
    CHECK(FirstBitMismatch(table.data(), table0.data(), table0.size()) == -1);
    CHECK(table.GuardsIntact());
  }
}

}  // namespace

KERNEL_TEST(f32_scatter_add_rows, CheckScatterAdd, "sums duplicates in order, in bounds; twins bit-identical")
KERNEL_TEST(f32_scatter_add_rows, CheckWritesNothingWhenEmpty, "N = 0 or D = 0 writes nothing")
KERNEL_DISPATCH_TEST(f32_scatter_add_rows)
