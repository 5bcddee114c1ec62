// embedding/embedding_bag: PyTorch nn.EmbeddingBag forward, both weight backwards and the
// per_sample_weights gradient, checked against hand values, a one-hot reference written
// here and central differences of L = sum(g * forward(W)).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <numeric>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "embedwasm/embedding/embedding_bag.h"

using namespace embedwasm;
using namespace embedwasm::embedding;
using Mode = EmbeddingBagMode;

namespace {

constexpr Mode kModes[] = {Mode::kSum, Mode::kMean, Mode::kMax};
constexpr double kU = 0x1p-24;  // float unit roundoff
const float kNaN = std::numeric_limits<float>::quiet_NaN();

EmbeddingBagConfig MakeConfig(int64_t v, int64_t d, Mode mode) {
  EmbeddingBagConfig c;
  c.table.input_dim = v;
  c.table.output_dim = d;
  c.mode = mode;
  return c;
}

EmbeddingBag MakeBag(const EmbeddingBagConfig& c, const std::vector<float>& w) {
  EmbeddingBag bag;
  const Status s = EmbeddingBag::create(c, w.data(), &bag);
  INFO(s.message());
  REQUIRE(s.is_ok());
  return bag;
}

std::vector<float> Arange(size_t n) {
  std::vector<float> w(n);
  std::iota(w.begin(), w.end(), 0.0f);
  return w;
}

// A present but empty offsets array must be a non-null pointer, which an empty
// vector's data() need not be.
const int32_t kEmptyOffsets[1] = {0};

BagInput Input1d(const std::vector<int32_t>& ids, const std::vector<int32_t>& offsets,
                 const std::vector<float>* psw = nullptr) {
  BagInput in;
  in.ids = ids.data();
  in.ids_shape = {ids.size()};
  in.offsets = offsets.empty() ? kEmptyOffsets : offsets.data();
  in.num_offsets = offsets.size();
  in.per_sample_weights = psw != nullptr ? psw->data() : nullptr;
  return in;
}

BagInput Input2d(const std::vector<int32_t>& ids, size_t b, size_t l,
                 const std::vector<float>* psw = nullptr) {
  BagInput in;
  in.ids = ids.data();
  in.ids_shape = {b, l};
  in.per_sample_weights = psw != nullptr ? psw->data() : nullptr;
  return in;
}

// out starts as NaN so that every value checked was written.
std::vector<float> Forward(EmbeddingBag& bag, const BagInput& in) {
  size_t b = 0;
  Status s = bag.output_rows(in, &b);
  INFO(s.message());
  REQUIRE(s.is_ok());
  std::vector<float> out(b * bag.dim(), kNaN);
  s = bag.forward(in, out.data());
  INFO(s.message());
  REQUIRE(s.is_ok());
  return out;
}

std::vector<float> TableDense(const EmbeddingBag& bag) {
  std::vector<float> w(bag.vocab_size() * bag.dim());
  bag.table().weights().copy_to_dense(w.data());
  return w;
}

bool SameBytes(const std::vector<float>& a, const std::vector<float>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

RowMatrix ZeroGrad(size_t v, size_t d) {
  RowMatrix g;
  REQUIRE(RowMatrix::create(v, d, &g).is_ok());
  return g;
}

std::vector<float> DenseOf(const RowMatrix& m) {
  std::vector<float> out(m.rows() * m.cols());
  m.copy_to_dense(out.data());
  return out;
}

// ---- random bags, with the bag ranges kept from their construction -------------------

struct RandomCase {
  std::vector<int32_t> ids;      // (N,)
  std::vector<int32_t> offsets;  // 1-D form
  std::vector<float> psw;        // (N,) multiples of 1/8, 0 included
  std::vector<std::pair<size_t, size_t>> ranges;  // (B,) [begin, end) of each bag
  bool two_d = false;
  size_t l = 0;

  BagInput input(bool with_psw) const {
    const std::vector<float>* p = with_psw ? &psw : nullptr;
    return two_d ? Input2d(ids, ranges.size(), l, p) : Input1d(ids, offsets, p);
  }
};

// 1 to 5 bags of 0 to 5 ids (one length L for 2-D), at least one empty bag in the 1-D
// form when there are two or more, and, once there are 3 ids, the padding id and a
// repeated id somewhere.
RandomCase MakeCase(std::mt19937& rng, int32_t v, int32_t padding, bool two_d, bool include_last) {
  auto uni = [&rng](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  RandomCase c;
  c.two_d = two_d;
  const size_t b = static_cast<size_t>(uni(1, 5));
  std::vector<size_t> lengths(b);
  if (two_d) {
    c.l = static_cast<size_t>(uni(0, 4));
    std::fill(lengths.begin(), lengths.end(), c.l);
  } else {
    for (size_t& len : lengths) len = static_cast<size_t>(uni(0, 5));
    if (b >= 2) lengths[static_cast<size_t>(uni(0, static_cast<int>(b) - 1))] = 0;
  }
  size_t n = 0;
  for (size_t len : lengths) {
    c.ranges.emplace_back(n, n + len);
    c.offsets.push_back(static_cast<int32_t>(n));
    n += len;
  }
  if (include_last) c.offsets.push_back(static_cast<int32_t>(n));
  for (size_t i = 0; i < n; ++i) c.ids.push_back(uni(0, v - 1));
  if (n >= 3) {
    const int last = static_cast<int>(n) - 1;
    c.ids[static_cast<size_t>(uni(0, last))] = padding;
    const size_t a = static_cast<size_t>(uni(0, last));
    size_t d = static_cast<size_t>(uni(0, last));
    if (d == a) d = (a + 1) % n;
    c.ids[d] = c.ids[a];
  }
  for (size_t i = 0; i < n; ++i) c.psw.push_back(static_cast<float>(uni(-8, 8)) / 8.0f);
  return c;
}

// The layer written as the math: per bag, coef[r] = sum of the weights of the
// non-padding entries naming row r; sum = coef · W, mean = that / count, max = the max
// over rows with an entry. In double. bound[k]: the float rounding allowed for out[k].
void Reference(Mode mode, const std::vector<float>& w, size_t v, size_t d, int32_t padding,
               const RandomCase& c, bool with_psw, std::vector<double>* out, std::vector<double>* bound) {
  out->assign(c.ranges.size() * d, 0.0);
  bound->assign(c.ranges.size() * d, 0.0);
  for (size_t b = 0; b < c.ranges.size(); ++b) {
    std::vector<double> coef(v, 0.0), abs_coef(v, 0.0);
    std::vector<int> hits(v, 0);
    size_t count = 0;
    for (size_t i = c.ranges[b].first; i < c.ranges[b].second; ++i) {
      if (c.ids[i] == padding) continue;
      const double wi = with_psw ? c.psw[i] : 1.0;
      coef[c.ids[i]] += wi;
      abs_coef[c.ids[i]] += std::fabs(wi);
      ++hits[c.ids[i]];
      ++count;
    }
    for (size_t j = 0; j < d; ++j) {
      double value = 0.0, abs_sum = 0.0;
      if (mode == Mode::kMax) {
        bool any = false;
        for (size_t r = 0; r < v; ++r) {
          if (hits[r] == 0) continue;
          value = any ? std::max(value, static_cast<double>(w[r * d + j])) : w[r * d + j];
          any = true;
        }
      } else {
        for (size_t r = 0; r < v; ++r) {
          value += coef[r] * w[r * d + j];
          abs_sum += abs_coef[r] * std::fabs(w[r * d + j]);
        }
        if (mode == Mode::kMean && count > 0) {
          value /= static_cast<double>(count);
          abs_sum /= static_cast<double>(count);
        }
      }
      // count products and count adds each round once (Higham); the mean's division
      // once more. Max selects, so it is exact.
      (*out)[b * d + j] = value;
      (*bound)[b * d + j] = (2.0 * static_cast<double>(count) + 2.0) * kU * abs_sum * (1.0 + 1e-9);
    }
  }
}

// Each column is a shuffled 0..V-1 over 16, shifted: rows differ by >= 1/16 in every
// dim (so a max-mode step of 1/64 never changes the arg-max), and every sum of a few
// such values times weights in 1/8 is exact in float.
std::vector<float> GridTable(std::mt19937& rng, size_t v, size_t d) {
  std::vector<float> w(v * d);
  std::vector<int> perm(v);
  for (size_t j = 0; j < d; ++j) {
    std::iota(perm.begin(), perm.end(), 0);
    std::shuffle(perm.begin(), perm.end(), rng);
    for (size_t r = 0; r < v; ++r) w[r * d + j] = (static_cast<float>(perm[r]) - 2.5f) / 16.0f;
  }
  return w;
}

double Loss(EmbeddingBag& bag, const BagInput& in, const std::vector<float>& g) {
  const std::vector<float> out = Forward(bag, in);
  REQUIRE(out.size() == g.size());
  double loss = 0.0;
  for (size_t k = 0; k < out.size(); ++k) loss += static_cast<double>(g[k]) * out[k];
  return loss;
}

struct GradCase {
  Mode mode;
  bool by_freq;
  bool with_psw;
  bool two_d;
};

// Central differences of L(W) = sum(g * forward(W)) for every weight, and of L(psw) for
// every per-sample weight, against backward_dense / backward_per_sample_weights; then
// backward_sparse against backward_dense bit for bit.
void CheckGradients(const GradCase& gc, uint32_t seed) {
  constexpr size_t kV = 6, kD = 5;
  constexpr int32_t kPadding = 4;
  // sum and mean are linear in W and psw, so any step is exact up to rounding and a big
  // one keeps that rounding small; max is piecewise linear and needs a step below half
  // the 1/16 gap between rows.
  const float eps = gc.mode == Mode::kMax ? 1.0f / 64.0f : 0.5f;
  std::mt19937 rng(seed);
  EmbeddingBagConfig config = MakeConfig(kV, kD, gc.mode);
  config.table.padding_idx = kPadding;
  config.table.scale_grad_by_freq = gc.by_freq;
  EmbeddingBag bag = MakeBag(config, GridTable(rng, kV, kD));

  for (int trial = 0; trial < 6; ++trial) {
    const RandomCase c = MakeCase(rng, kV, kPadding, gc.two_d, false);
    RandomCase perturbed = c;
    const BagInput in = c.input(gc.with_psw);
    const size_t b = c.ranges.size();
    std::vector<float> g(b * kD);
    for (float& x : g) x = static_cast<float>(std::uniform_int_distribution<int>(-16, 16)(rng)) / 16.0f;
    INFO("trial " << trial << " n=" << c.ids.size() << " bags=" << b);

    RowMatrix dense = ZeroGrad(kV, kD);
    Status s = bag.backward_dense(in, g.data(), &dense);
    INFO(s.message());
    REQUIRE(s.is_ok());
    SparseRowGradient sparse;
    s = bag.backward_sparse(in, g.data(), &sparse);
    REQUIRE(s.is_ok());

    // Counted here from the ids, independently of the layer's grouping.
    std::vector<int> freq(kV, 0);
    for (int32_t id : c.ids) ++freq[id];

    RowMatrix& w = bag.table().weights();
    for (size_t r = 0; r < kV; ++r) {
      for (size_t j = 0; j < kD; ++j) {
        const float w0 = w.row(r)[j];
        w.row(r)[j] = w0 + eps;
        const double lp = Loss(bag, in, g);
        w.row(r)[j] = w0 - eps;
        const double lm = Loss(bag, in, g);
        w.row(r)[j] = w0;
        double expected = (lp - lm) / (2.0 * eps);
        if (gc.by_freq && freq[r] > 0) expected /= freq[r];
        INFO("row " << r << " dim " << j << " freq " << freq[r]);
        CHECK(std::fabs(dense.row(r)[j] - expected) <= 1e-5 * (1.0 + std::fabs(expected)));
      }
    }
    for (size_t j = 0; j < kD; ++j) CHECK(dense.row(kPadding)[j] == 0.0f);

    // Sparse: the sorted unique non-padding ids, each row the dense row's exact bits.
    std::vector<int32_t> rows;
    for (int32_t id : c.ids) if (id != kPadding) rows.push_back(id);
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    REQUIRE(sparse.rows == rows);
    REQUIRE(sparse.cols == kD);
    REQUIRE(sparse.values.size() == rows.size() * kD);
    for (size_t k = 0; k < rows.size(); ++k) {
      CHECK(std::memcmp(sparse.row_values(k), dense.row(rows[k]), kD * sizeof(float)) == 0);
    }
    for (size_t r = 0; r < kV; ++r) {
      if (std::binary_search(rows.begin(), rows.end(), static_cast<int32_t>(r))) continue;
      for (size_t j = 0; j < kD; ++j) CHECK(dense.row(r)[j] == 0.0f);
    }

    if (gc.mode != Mode::kSum) continue;
    std::vector<float> grad_psw(c.ids.size(), kNaN);
    s = bag.backward_per_sample_weights(in, g.data(), grad_psw.data());
    REQUIRE(s.is_ok());
    // Differentiate in psw even when the call passes none (they are then all 1).
    if (!gc.with_psw) std::fill(perturbed.psw.begin(), perturbed.psw.end(), 1.0f);
    for (size_t i = 0; i < c.ids.size(); ++i) {
      const float p0 = perturbed.psw[i];
      perturbed.psw[i] = p0 + eps;
      const double lp = Loss(bag, perturbed.input(true), g);
      perturbed.psw[i] = p0 - eps;
      const double lm = Loss(bag, perturbed.input(true), g);
      perturbed.psw[i] = p0;
      const double expected = (lp - lm) / (2.0 * eps);
      INFO("psw " << i << " id " << c.ids[i]);
      CHECK(std::fabs(grad_psw[i] - expected) <= 1e-5 * (1.0 + std::fabs(expected)));
      if (c.ids[i] == kPadding) CHECK(grad_psw[i] == 0.0f);
    }
  }
}

}  // namespace

// ---- hand-computed values --------------------------------------------------------------
// W = arange(15).reshape(3, 5):
//   row 0:  0  1  2  3  4
//   row 1:  5  6  7  8  9
//   row 2: 10 11 12 13 14

TEST_CASE("EmbeddingBag modes on arange(15): offsets, an empty bag, duplicates", "[embedding_bag]") {
  const std::vector<int32_t> ids = {0, 2, 1, 1, 2};
  const std::vector<int32_t> offsets = {0, 2, 2};  // bags {0, 2}, {}, {1, 1, 2}
  const BagInput in = Input1d(ids, offsets);

  EmbeddingBag sum = MakeBag(MakeConfig(3, 5, Mode::kSum), Arange(15));
  CHECK(Forward(sum, in) == std::vector<float>{10, 12, 14, 16, 18, 0, 0, 0, 0, 0,  //
                                               20, 23, 26, 29, 32});
  EmbeddingBag mean = MakeBag(MakeConfig(3, 5, Mode::kMean), Arange(15));
  CHECK(Forward(mean, in) == std::vector<float>{5, 6, 7, 8, 9, 0, 0, 0, 0, 0,  //
                                                20.0f / 3, 23.0f / 3, 26.0f / 3, 29.0f / 3, 32.0f / 3});
  EmbeddingBag max = MakeBag(MakeConfig(3, 5, Mode::kMax), Arange(15));
  CHECK(Forward(max, in) == std::vector<float>{10, 11, 12, 13, 14, 0, 0, 0, 0, 0,  //
                                               10, 11, 12, 13, 14});
}

TEST_CASE("EmbeddingBag max takes each dimension's max from a different row", "[embedding_bag]") {
  const std::vector<float> w = {0, 9, 2, 7, 4,  //
                                5, 1, 8, 3, 6,  //
                                3, 3, 3, 9, -1};
  EmbeddingBag max = MakeBag(MakeConfig(3, 5, Mode::kMax), w);
  const std::vector<int32_t> ids = {0, 1, 2, 1};
  const std::vector<int32_t> offsets = {0, 2};  // {0, 1}, {2, 1}
  CHECK(Forward(max, Input1d(ids, offsets)) == std::vector<float>{5, 9, 8, 7, 6, 5, 3, 8, 9, 6});

  // dy goes to the arg-max row of each dim: bag 0 -> rows 1 0 1 0 1, bag 1 -> 1 2 1 2 1.
  const std::vector<float> dy = {1, 2, 3, 4, 5, 10, 20, 30, 40, 50};
  RowMatrix grad = ZeroGrad(3, 5);
  REQUIRE(max.backward_dense(Input1d(ids, offsets), dy.data(), &grad).is_ok());
  CHECK(DenseOf(grad) == std::vector<float>{0, 2, 0, 4, 0,  //
                                            11, 0, 33, 0, 55,  //
                                            0, 20, 0, 40, 0});
}

TEST_CASE("EmbeddingBag max ties go to the first occurrence", "[embedding_bag]") {
  const std::vector<float> w = {1, 5,  //
                                1, 2,  //
                                0, 5};
  EmbeddingBag max = MakeBag(MakeConfig(3, 2, Mode::kMax), w);
  const std::vector<int32_t> ids = {1, 0, 2};  // dim 0: rows 1 and 0 tie; dim 1: rows 0 and 2
  const std::vector<int32_t> offsets = {0};
  CHECK(Forward(max, Input1d(ids, offsets)) == std::vector<float>{1, 5});
  const std::vector<float> dy = {10, 20};
  RowMatrix grad = ZeroGrad(3, 2);
  REQUIRE(max.backward_dense(Input1d(ids, offsets), dy.data(), &grad).is_ok());
  CHECK(DenseOf(grad) == std::vector<float>{0, 20, 10, 0, 0, 0});
  SparseRowGradient sparse;
  REQUIRE(max.backward_sparse(Input1d(ids, offsets), dy.data(), &sparse).is_ok());
  CHECK(sparse.rows == std::vector<int32_t>{0, 1, 2});
  CHECK(sparse.values == std::vector<float>{0, 20, 10, 0, 0, 0});
}

TEST_CASE("EmbeddingBag include_last_offset gives the same bags as plain offsets", "[embedding_bag]") {
  const std::vector<int32_t> ids = {0, 2, 1, 1, 2};
  for (Mode mode : kModes) {
    EmbeddingBagConfig with_last = MakeConfig(3, 5, mode);
    with_last.include_last_offset = true;
    EmbeddingBag a = MakeBag(with_last, Arange(15));
    EmbeddingBag b = MakeBag(MakeConfig(3, 5, mode), Arange(15));
    const std::vector<int32_t> csr = {0, 2, 2, 5};
    const std::vector<int32_t> starts = {0, 2, 2};
    size_t rows = 0;
    REQUIRE(a.output_rows(Input1d(ids, csr), &rows).is_ok());
    CHECK(rows == 3);
    CHECK(Forward(a, Input1d(ids, csr)) == Forward(b, Input1d(ids, starts)));
    // With no ids, the single offset [0] = [N] closes zero bags.
    const std::vector<int32_t> only_end = {0};
    const std::vector<int32_t> none;
    CHECK(Forward(a, Input1d(none, only_end)).empty());
  }
}

TEST_CASE("EmbeddingBag 2-D ids are B bags of L, include_last_offset or not", "[embedding_bag]") {
  const std::vector<int32_t> ids = {0, 1, 2,  //
                                    2, 2, 0};
  for (bool include_last : {false, true}) {
    EmbeddingBagConfig c = MakeConfig(3, 5, Mode::kSum);
    c.include_last_offset = include_last;  // PyTorch issue 167974: ignored for 2-D
    EmbeddingBag sum = MakeBag(c, Arange(15));
    CHECK(Forward(sum, Input2d(ids, 2, 3)) == std::vector<float>{15, 18, 21, 24, 27, 20, 23, 26, 29, 32});
  }
  EmbeddingBag mean = MakeBag(MakeConfig(3, 5, Mode::kMean), Arange(15));
  CHECK(Forward(mean, Input2d(ids, 2, 3)) == std::vector<float>{5, 6, 7, 8, 9,  //
                                                                20.0f / 3, 23.0f / 3, 26.0f / 3,
                                                                29.0f / 3, 32.0f / 3});
  // (3, 0): three empty bags.
  const std::vector<int32_t> none;
  CHECK(Forward(mean, Input2d(none, 3, 0)) == std::vector<float>(15, 0.0f));
}

TEST_CASE("EmbeddingBag sum with per_sample_weights, and its gradients by hand", "[embedding_bag]") {
  EmbeddingBag sum = MakeBag(MakeConfig(3, 5, Mode::kSum), Arange(15));
  const std::vector<int32_t> ids = {0, 2, 1};
  const std::vector<int32_t> offsets = {0, 2};
  const std::vector<float> psw = {2.0f, 0.5f, -1.0f};
  const BagInput in = Input1d(ids, offsets, &psw);
  // 2 row0 + 0.5 row2 ; -row1
  CHECK(Forward(sum, in) == std::vector<float>{5, 7.5f, 10, 12.5f, 15, -5, -6, -7, -8, -9});

  const std::vector<float> dy = {1, 0, 0, 0, 1,  //
                                 0, 1, 0, 0, 0};
  RowMatrix grad = ZeroGrad(3, 5);
  REQUIRE(sum.backward_dense(in, dy.data(), &grad).is_ok());
  CHECK(DenseOf(grad) == std::vector<float>{2, 0, 0, 0, 2, 0, -1, 0, 0, 0, 0.5f, 0, 0, 0, 0.5f});
  // grad_psw[i] = W[ids[i]] · dy[bag(i)]: 0 + 4, 10 + 14, 6.
  std::vector<float> grad_psw(3, kNaN);
  REQUIRE(sum.backward_per_sample_weights(in, dy.data(), grad_psw.data()).is_ok());
  CHECK(grad_psw == std::vector<float>{4, 24, 6});

  // Dense accumulates into what the buffer holds.
  RowMatrix ones = ZeroGrad(3, 5);
  const std::vector<float> all_ones(15, 1.0f);
  ones.copy_from_dense(all_ones.data());
  REQUIRE(sum.backward_dense(in, dy.data(), &ones).is_ok());
  CHECK(DenseOf(ones) == std::vector<float>{3, 1, 1, 1, 3, 1, 0, 1, 1, 1, 1.5f, 1, 1, 1, 1.5f});
}

TEST_CASE("EmbeddingBag leaves padding out of every reduction and the mean's count", "[embedding_bag]") {
  // Given weights are kept as given, so the padding row (1) is 5..9, not zeros: any use
  // of it would show.
  const std::vector<int32_t> ids = {2, 1, 2, 1, 0, 1};
  const std::vector<int32_t> offsets = {0, 3, 4};  // {2, 1, 2}, {1}, {0, 1}
  for (int64_t padding_idx : {int64_t{1}, int64_t{-2}}) {
    INFO("padding_idx " << padding_idx);
    std::vector<std::vector<float>> expected = {
        {20, 22, 24, 26, 28, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4},   // sum
        {10, 11, 12, 13, 14, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4},   // mean: count 2, not 3
        {10, 11, 12, 13, 14, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4}};  // max: row 1 would win bag 2
    for (size_t m = 0; m < 3; ++m) {
      EmbeddingBagConfig c = MakeConfig(3, 5, kModes[m]);
      c.table.padding_idx = padding_idx;
      EmbeddingBag bag = MakeBag(c, Arange(15));
      CHECK(Forward(bag, Input1d(ids, offsets)) == expected[m]);
    }
  }
  // Mean's gradient divides by the non-padding count: bag {2, 1, 2} gives row 2 dy/2 twice.
  EmbeddingBagConfig c = MakeConfig(3, 5, Mode::kMean);
  c.table.padding_idx = 1;
  EmbeddingBag mean = MakeBag(c, Arange(15));
  const std::vector<float> dy = {2, 4, 6, 8, 10, 1, 1, 1, 1, 1, 3, 3, 3, 3, 3};
  SparseRowGradient sparse;
  REQUIRE(mean.backward_sparse(Input1d(ids, offsets), dy.data(), &sparse).is_ok());
  CHECK(sparse.rows == std::vector<int32_t>{0, 2});
  CHECK(sparse.values == std::vector<float>{3, 3, 3, 3, 3, 2, 4, 6, 8, 10});
}

TEST_CASE("EmbeddingBag with no ids: zero bags or empty bags", "[embedding_bag]") {
  const std::vector<int32_t> none;
  for (Mode mode : kModes) {
    EmbeddingBag bag = MakeBag(MakeConfig(3, 5, mode), Arange(15));
    CHECK(Forward(bag, Input1d(none, {})).empty());                           // B = 0
    CHECK(Forward(bag, Input1d(none, {0, 0})) == std::vector<float>(10, 0));  // two empty bags
    RowMatrix grad = ZeroGrad(3, 5);
    const std::vector<float> dy(10, 1.0f);
    REQUIRE(bag.backward_dense(Input1d(none, {0, 0}), dy.data(), &grad).is_ok());
    CHECK(DenseOf(grad) == std::vector<float>(15, 0));
  }
}

TEST_CASE("EmbeddingBag parses and names its modes", "[embedding_bag]") {
  for (Mode mode : kModes) {
    Mode parsed = Mode::kSum;
    REQUIRE(parse_embedding_bag_mode(embedding_bag_mode_name(mode), &parsed).is_ok());
    CHECK(parsed == mode);
  }
  Mode parsed = Mode::kSum;
  const Status s = parse_embedding_bag_mode("avg", &parsed);
  CHECK(s.code() == StatusCode::kInvalidArgument);
  CHECK_THAT(s.message(), Catch::Contains("'avg'"));
  CHECK(EmbeddingBagConfig().mode == Mode::kMean);  // PyTorch's default
}

// ---- random inputs against the one-hot reference -----------------------------------------

TEST_CASE("EmbeddingBag forward matches a one-hot reference on random bags", "[embedding_bag]") {
  constexpr size_t kV = 7, kD = 9;  // D = 9 crosses the kernels' 8-float step with a tail
  constexpr int32_t kPadding = 3;
  std::mt19937 rng(1234);
  std::uniform_real_distribution<float> uni(-1.0f, 1.0f);
  std::vector<float> w(kV * kD);
  for (float& x : w) x = uni(rng);
  for (Mode mode : kModes) {
    for (bool two_d : {false, true}) {
      for (bool include_last : {false, true}) {
        for (bool with_psw : {false, true}) {
          if (with_psw && mode != Mode::kSum) continue;
          EmbeddingBagConfig c = MakeConfig(kV, kD, mode);
          c.table.padding_idx = kPadding;
          c.include_last_offset = include_last;
          EmbeddingBag bag = MakeBag(c, w);
          for (int trial = 0; trial < 25; ++trial) {
            const RandomCase rc = MakeCase(rng, kV, kPadding, two_d, include_last && !two_d);
            INFO("mode " << embedding_bag_mode_name(mode) << " 2-D " << two_d << " include_last "
                         << include_last << " psw " << with_psw << " trial " << trial);
            const std::vector<float> out = Forward(bag, rc.input(with_psw));
            std::vector<double> ref, bound;
            Reference(mode, w, kV, kD, kPadding, rc, with_psw, &ref, &bound);
            REQUIRE(out.size() == ref.size());
            for (size_t k = 0; k < out.size(); ++k) {
              INFO("k " << k << " got " << out[k] << " want " << ref[k]);
              CHECK(std::fabs(out[k] - ref[k]) <= bound[k]);
            }
            // With data that rounds (unlike the gradient checks' grid), the sparse rows
            // must still carry the dense path's exact bits: same terms, same order.
            std::vector<float> dy(out.size());
            for (float& x : dy) x = uni(rng);
            RowMatrix dense = ZeroGrad(kV, kD);
            REQUIRE(bag.backward_dense(rc.input(with_psw), dy.data(), &dense).is_ok());
            SparseRowGradient sparse;
            REQUIRE(bag.backward_sparse(rc.input(with_psw), dy.data(), &sparse).is_ok());
            RowMatrix from_sparse = ZeroGrad(kV, kD);
            REQUIRE(sparse.add_to(&from_sparse).is_ok());
            CHECK(SameBytes(DenseOf(from_sparse), DenseOf(dense)));
          }
        }
      }
    }
  }
}

// ---- finite differences ----------------------------------------------------------------

TEST_CASE("EmbeddingBag gradients match central differences", "[embedding_bag]") {
  uint32_t seed = 50;
  for (Mode mode : kModes) {
    for (bool two_d : {false, true}) {
      INFO("mode " << embedding_bag_mode_name(mode) << " 2-D " << two_d);
      CheckGradients({mode, false, false, two_d}, ++seed);
    }
  }
}

TEST_CASE("EmbeddingBag gradients with per_sample_weights match central differences", "[embedding_bag]") {
  CheckGradients({Mode::kSum, false, true, false}, 71);
  CheckGradients({Mode::kSum, false, true, true}, 72);
}

TEST_CASE("EmbeddingBag scale_grad_by_freq divides by each id's count in the input", "[embedding_bag]") {
  CheckGradients({Mode::kSum, true, false, false}, 81);
  CheckGradients({Mode::kMean, true, false, false}, 82);
  CheckGradients({Mode::kMean, true, false, true}, 83);
  CheckGradients({Mode::kSum, true, true, false}, 84);
}

// ---- max_norm --------------------------------------------------------------------------

TEST_CASE("EmbeddingBag max_norm renormalises the looked-up rows only", "[embedding_bag]") {
  EmbeddingBagConfig c = MakeConfig(3, 5, Mode::kSum);
  c.table.max_norm = 2.0;
  EmbeddingBag bag = MakeBag(c, Arange(15));  // every row's norm is > 2
  const std::vector<float> before = TableDense(bag);
  const std::vector<int32_t> ids = {0, 2, 2};
  const std::vector<float> out = Forward(bag, Input1d(ids, {0}));
  const std::vector<float> after = TableDense(bag);
  for (size_t r : {size_t{0}, size_t{2}}) {
    double norm = 0.0;
    for (size_t j = 0; j < 5; ++j) norm += static_cast<double>(after[r * 5 + j]) * after[r * 5 + j];
    INFO("row " << r);
    CHECK(std::sqrt(norm) <= 2.0 * (1.0 + 1e-6));
    CHECK(std::sqrt(norm) >= 2.0 * (1.0 - 1e-5));
    // Direction kept: still proportional to the original row.
    for (size_t j = 1; j < 5; ++j) {
      CHECK(after[r * 5 + j] * before[r * 5 + 1] == Approx(after[r * 5 + 1] * before[r * 5 + j]));
    }
  }
  CHECK(std::memcmp(after.data() + 5, before.data() + 5, 5 * sizeof(float)) == 0);  // row 1
  // The output reduces the renormalised rows.
  for (size_t j = 0; j < 5; ++j) {
    CHECK(out[j] == Approx(after[j] + 2.0f * after[10 + j]).epsilon(1e-6));
  }
}

// ---- errors ----------------------------------------------------------------------------

namespace {

struct BadCall {
  const char* what;
  EmbeddingBagConfig config;
  std::vector<int32_t> ids;
  Shape shape;
  bool has_offsets;
  std::vector<int32_t> offsets;
  bool has_psw;
  StatusCode code;
  std::vector<std::string> message_parts;
  bool structural;  // output_rows sees it too (it does not read ids)
};

// Every entry point refuses the call, writes nothing, leaves the table's bytes as they
// were (max_norm = 1 would change every row a lookup touched), and a valid call after it
// works.
void CheckRefused(const BadCall& bad) {
  INFO(bad.what);
  constexpr size_t kV = 4, kD = 3;
  EmbeddingBag bag = MakeBag(bad.config, Arange(kV * kD));
  const std::vector<float> table_before = TableDense(bag);
  std::vector<float> psw(shape_size(bad.shape), 1.0f);
  BagInput in;
  in.ids = bad.ids.data();
  in.ids_shape = bad.shape;
  if (bad.has_offsets) {
    in.offsets = bad.offsets.empty() ? kEmptyOffsets : bad.offsets.data();
    in.num_offsets = bad.offsets.size();
  }
  in.per_sample_weights = bad.has_psw ? psw.data() : nullptr;

  const auto check_status = [&bad](const Status& s) {
    CHECK(s.code() == bad.code);
    for (const std::string& part : bad.message_parts) CHECK_THAT(s.message(), Catch::Contains(part));
  };
  const std::vector<float> dy(64, 1.0f);
  std::vector<float> out(64, kNaN);
  check_status(bag.forward(in, out.data()));
  CHECK(std::all_of(out.begin(), out.end(), [](float x) { return std::isnan(x); }));
  RowMatrix dense = ZeroGrad(kV, kD);
  check_status(bag.backward_dense(in, dy.data(), &dense));
  CHECK(DenseOf(dense) == std::vector<float>(kV * kD, 0.0f));
  SparseRowGradient sparse;
  sparse.cols = 99;
  check_status(bag.backward_sparse(in, dy.data(), &sparse));
  CHECK(sparse.cols == 99);
  CHECK(sparse.rows.empty());
  if (bad.config.mode == Mode::kSum) {
    std::vector<float> grad_psw(64, kNaN);
    check_status(bag.backward_per_sample_weights(in, dy.data(), grad_psw.data()));
    CHECK(std::all_of(grad_psw.begin(), grad_psw.end(), [](float x) { return std::isnan(x); }));
  }
  size_t rows = 12345;
  const Status s = bag.output_rows(in, &rows);
  if (bad.structural) {
    check_status(s);
    CHECK(rows == 12345);
  } else {
    CHECK(s.is_ok());
  }
  CHECK(SameBytes(TableDense(bag), table_before));

  // The layer is still usable: a valid call works and renormalises as it should.
  const std::vector<int32_t> ids = {0, 1, 3};
  const std::vector<int32_t> offsets = bad.config.include_last_offset ? std::vector<int32_t>{0, 1, 3}
                                                                      : std::vector<int32_t>{0, 1};
  const std::vector<float> good = Forward(bag, Input1d(ids, offsets));
  CHECK(good.size() == 2 * kD);
  CHECK_FALSE(SameBytes(TableDense(bag), table_before));
}

}  // namespace

TEST_CASE("EmbeddingBag refuses bad calls without touching anything", "[embedding_bag]") {
  EmbeddingBagConfig sum = MakeConfig(4, 3, Mode::kSum);
  sum.table.max_norm = 1.0;
  EmbeddingBagConfig mean = sum, max = sum, last = sum;
  mean.mode = Mode::kMean;
  max.mode = Mode::kMax;
  last.include_last_offset = true;
  using C = StatusCode;
  const C kRange = C::kOutOfRange, kArg = C::kInvalidArgument;
  const std::vector<BadCall> calls = {
      {"id == V", sum, {0, 1, 4, 2}, {4}, true, {0, 2}, false, kRange, {"id 4", "position [2]", "input_dim 4"}, false},
      {"negative id, 2-D", sum, {0, 1, -1, 2}, {2, 2}, false, {}, false, kRange, {"id -1", "position [1, 0]"}, false},
      {"big id, max", max, {3, 2, 1, 70}, {4}, true, {0, 1}, false, kRange, {"id 70", "position [3]"}, false},
      {"decreasing offsets", sum, {0, 1, 2, 3}, {4}, true, {0, 3, 2}, false, kRange,
       {"offsets[2] = 2", "offsets[1] = 3", "non-decreasing"}, true},
      {"offset > N", sum, {0, 1, 2, 3}, {4}, true, {0, 5}, false, kRange, {"offsets[1] = 5", "number of ids 4"}, true},
      {"first offset != 0", sum, {0, 1, 2, 3}, {4}, true, {1, 2}, false, kRange, {"offsets[0] must be 0", "got 1"}, true},
      {"negative offset", sum, {0, 1, 2, 3}, {4}, true, {0, -1}, false, kRange, {"offsets[1] = -1", "negative"}, true},
      {"offsets empty with ids", sum, {0, 1}, {2}, true, {}, false, kArg, {"no bags", "2 ids"}, true},
      {"include_last_offset, last != N", last, {0, 1, 2, 3}, {4}, true, {0, 2, 3}, false, kRange,
       {"include_last_offset", "offsets[2] = 3", "number of ids 4"}, true},
      {"include_last_offset, no offsets", last, {}, {0}, true, {}, false, kArg, {"at least 1 offset"}, true},
      {"rank 0", sum, {1}, {}, false, {}, false, kArg, {"1-D", "2-D", "shape ()"}, true},
      {"rank 3", sum, {0, 1, 2, 3}, {1, 2, 2}, false, {}, false, kArg, {"shape (1, 2, 2)"}, true},
      {"2-D with offsets", sum, {0, 1, 2, 3}, {2, 2}, true, {0, 1}, false, kArg, {"2-D", "offsets must be absent"}, true},
      {"1-D without offsets", sum, {0, 1, 2, 3}, {4}, false, {}, false, kArg, {"1-D", "need offsets"}, true},
      {"per_sample_weights in mean", mean, {0, 1}, {2}, true, {0}, true, kArg,
       {"per_sample_weights is only supported for mode='sum'", "mode='mean'"}, true},
      {"per_sample_weights in max", max, {0, 1}, {1, 2}, false, {}, true, kArg,
       {"per_sample_weights is only supported for mode='sum'", "mode='max'"}, true},
  };
  for (const BadCall& bad : calls) CheckRefused(bad);
}

TEST_CASE("EmbeddingBag refuses bad options and buffers", "[embedding_bag]") {
  EmbeddingBag bag;
  EmbeddingBagConfig c = MakeConfig(4, 3, Mode::kMax);
  c.table.scale_grad_by_freq = true;
  Status s = EmbeddingBag::create(c, nullptr, &bag);
  CHECK(s.code() == StatusCode::kInvalidArgument);
  CHECK_THAT(s.message(), Catch::Contains("scale_grad_by_freq") && Catch::Contains("max"));

  c = MakeConfig(4, 3, static_cast<Mode>(7));
  s = EmbeddingBag::create(c, nullptr, &bag);
  CHECK(s.code() == StatusCode::kInvalidArgument);
  CHECK_THAT(s.message(), Catch::Contains("got 7"));

  c = MakeConfig(4, 3, Mode::kSum);
  c.table.padding_idx = 4;  // the table's own checks still apply
  CHECK(EmbeddingBag::create(c, nullptr, &bag).code() == StatusCode::kOutOfRange);

  // per_sample_weights' gradient exists in sum mode only, even without the weights.
  EmbeddingBag mean = MakeBag(MakeConfig(4, 3, Mode::kMean), Arange(12));
  const std::vector<int32_t> ids = {0, 1};
  const std::vector<float> dy(3, 1.0f);
  std::vector<float> grad_psw(2, kNaN);
  s = mean.backward_per_sample_weights(Input1d(ids, {0}), dy.data(), grad_psw.data());
  CHECK(s.code() == StatusCode::kInvalidArgument);
  CHECK_THAT(s.message(), Catch::Contains("mode='sum'"));
  CHECK(std::isnan(grad_psw[0]));

  RowMatrix wrong = ZeroGrad(4, 2);
  s = mean.backward_dense(Input1d(ids, {0}), dy.data(), &wrong);
  CHECK(s.code() == StatusCode::kInvalidArgument);
  CHECK_THAT(s.message(), Catch::Contains("(4, 3)"));
}
