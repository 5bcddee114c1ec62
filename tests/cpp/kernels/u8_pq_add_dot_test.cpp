// kernels/u8_pq_add and kernels/u8_pq_dot: decoding product-quantized rows.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

#include "kernels/kernel_test_util.h"
#include "kernels/kernels.h"

using namespace embedwasm::kernels::test;

namespace {

using AddFn = void (*)(size_t, size_t, size_t, const uint8_t*, const float*, float, float*);
using DotFn = float (*)(size_t, size_t, size_t, const uint8_t*, const float*, const float*);

struct Layout {
  size_t dim, dsub, nsubq, last;
};

// D from 1 to 40 with dsub 1..5 and 8: the dsub = 2 pairs, dsub % 4 == 0 and the scalar
// path, with and without a shorter last sub-vector.
std::vector<Layout> Layouts() {
  std::vector<Layout> out;
  for (size_t dim = 1; dim <= 40; ++dim) {
    for (size_t dsub : {1, 2, 3, 4, 5, 8}) {
      if (dsub > dim) continue;
      const size_t nsubq = (dim + dsub - 1) / dsub;
      out.push_back({dim, dsub, nsubq, dim - (nsubq - 1) * dsub});
    }
  }
  return out;
}

// The decoded row, written from the layout's definition: sub-vector m is centroid code[m]
// of quantizer m, whose centroids start at m * 256 * dsub, each as long as the sub-vector.
std::vector<float> Decode(const Layout& l, const std::vector<uint8_t>& code, const std::vector<float>& centroids) {
  std::vector<float> row;
  for (size_t m = 0; m < l.nsubq; ++m) {
    const size_t d = m + 1 == l.nsubq ? l.last : l.dsub;
    for (size_t t = 0; t < d; ++t) row.push_back(centroids[m * 256 * l.dsub + code[m] * d + t]);
  }
  return row;
}

void CheckAdd(const Variant<AddFn>& v) {
  for (const Layout& l : Layouts()) {
    INFO("dim=" << l.dim << " dsub=" << l.dsub);
    const std::vector<float> centroids = Uniform(l.dim * 256, static_cast<uint32_t>(l.dim * 7 + l.dsub));
    std::vector<uint8_t> code(l.nsubq);
    for (size_t m = 0; m < l.nsubq; ++m) code[m] = static_cast<uint8_t>((m * 97 + l.dim * 13) % 256);
    const Guarded c(centroids, Guard::kPoison);
    const std::vector<float> x0 = Uniform(l.dim, static_cast<uint32_t>(l.dim));
    Guarded x(x0, Guard::kCanary, l.dim % 4);
    const float alpha = 1.75f;
    v.fn(l.nsubq, l.dsub, l.last, code.data(), c.data(), alpha, x.data());
    const std::vector<float> row = Decode(l, code, centroids);
    std::vector<float> ref = x0;
    for (size_t j = 0; j < l.dim; ++j) ref[j] += alpha * row[j];
    CHECK(FirstBitMismatch(x.data(), ref.data(), l.dim) == -1);
    CHECK(x.GuardsIntact());
  }
}

// The scalar twin keeps fastText's order bit for bit; the SIMD one sums in lanes, so it
// is held to the rounding bound only.
void CheckDot(const Variant<DotFn>& v) {
  const bool same_order = v.twin == nullptr;
  for (const Layout& l : Layouts()) {
    INFO("dim=" << l.dim << " dsub=" << l.dsub);
    const std::vector<float> centroids = Uniform(l.dim * 256, static_cast<uint32_t>(l.dim * 5 + l.dsub));
    std::vector<uint8_t> code(l.nsubq);
    for (size_t m = 0; m < l.nsubq; ++m) code[m] = static_cast<uint8_t>((m * 31 + 255) % 256);
    const Guarded c(centroids, Guard::kPoison);
    const Guarded x(Uniform(l.dim, static_cast<uint32_t>(l.dim + 3)), Guard::kPoison, l.dim % 3);
    const float got = v.fn(l.nsubq, l.dsub, l.last, code.data(), c.data(), x.data());
    const std::vector<float> row = Decode(l, code, centroids);
    float in_order = 0.0f;
    double ref = 0.0, abs_sum = 0.0;
    for (size_t j = 0; j < l.dim; ++j) {
      in_order += x.data()[j] * row[j];
      ref += static_cast<double>(x.data()[j]) * row[j];
      abs_sum += std::fabs(static_cast<double>(x.data()[j]) * row[j]);
    }
    if (same_order) CHECK(SameBits(got, in_order));
    CHECK(std::fabs(got - ref) <= Gamma(l.dim) * abs_sum * kBoundSlack);
  }
}

}  // namespace

// Each element is one multiply and one add in every twin: bit for bit the definition.
KERNEL_TEST(u8_pq_add, CheckAdd, "x += alpha * decoded row, bit for bit")
KERNEL_DISPATCH_TEST(u8_pq_add)
KERNEL_TEST(u8_pq_dot, CheckDot, "x . decoded row within rounding (scalar: fastText's order)")
KERNEL_DISPATCH_TEST(u8_pq_dot)
