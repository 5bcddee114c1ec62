#include "embedwasm/embedding/embedding.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "embedding/table_gradient_check.h"
#include "embedding/embedding_test_util.h"

namespace embedwasm::embedding {
namespace {

using test::FiniteDifferenceGradient;
using test::FirstGradientMismatch;
using test::RandomUpstream;

// ---------------------------------------------------------------------------------------
// Helpers

EmbeddingConfig Config(int64_t v, int64_t d) {
  EmbeddingConfig c;
  c.table.input_dim = v;
  c.table.output_dim = d;
  return c;
}

Embedding Make(const EmbeddingConfig& c, const float* weights) {
  Embedding layer;
  const Status s = Embedding::create(c, weights, &layer);
  INFO(s.message());
  REQUIRE(s.is_ok());
  return layer;
}

std::vector<float> Dense(const RowMatrix& m) {
  std::vector<float> w(m.rows() * m.cols());
  m.copy_to_dense(w.data());
  return w;
}

std::vector<uint32_t> Bits(const float* p, size_t n) {
  std::vector<uint32_t> bits(n);
  if (n > 0) std::memcpy(bits.data(), p, n * sizeof(float));
  return bits;
}
// Every float of the padded layout, padding included.
std::vector<uint32_t> Bits(const RowMatrix& m) { return Bits(m.data(), m.rows() * m.stride()); }

// A quiet NaN with a payload no copy of finite values produces: marks "never written".
float Sentinel() {
  constexpr uint32_t kBits = 0x7fc0dead;
  float f;
  std::memcpy(&f, &kBits, sizeof f);
  return f;
}
bool AllSentinel(const float* p, size_t n) {
  const float s = Sentinel();
  for (size_t i = 0; i < n; ++i) {
    if (std::memcmp(&p[i], &s, sizeof s) != 0) return false;
  }
  return true;
}

std::vector<float> RandomTable(size_t v, size_t d, uint32_t seed, float lo = -1.0f, float hi = 1.0f) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(lo, hi);
  std::vector<float> w(v * d);
  for (float& x : w) x = dist(rng);
  return w;
}

std::vector<int32_t> RandomIds(size_t n, size_t v, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int32_t> pick(0, static_cast<int32_t>(v) - 1);
  std::vector<int32_t> ids(n);
  for (int32_t& id : ids) id = pick(rng);
  return ids;
}

// Naive twin of the lookup: out[i] = W[ids[i]], D floats each.
std::vector<float> NaiveLookup(const std::vector<float>& w, size_t d, const std::vector<int32_t>& ids) {
  std::vector<float> out;
  for (int32_t id : ids) out.insert(out.end(), w.begin() + id * d, w.begin() + (id + 1) * d);
  return out;
}

// out sized n * d plus a guard band, all sentinel; returns a pointer to the payload.
struct GuardedOut {
  static constexpr size_t kGuard = 8;
  explicit GuardedOut(size_t n) : buf(n + kGuard, Sentinel()), n(n) {}
  float* data() { return buf.data(); }
  std::vector<float> payload() const { return std::vector<float>(buf.begin(), buf.begin() + n); }
  bool GuardIntact() const { return AllSentinel(buf.data() + n, kGuard); }
  std::vector<float> buf;
  size_t n;
};

// ---------------------------------------------------------------------------------------
// 1. The documentation examples

TEST_CASE("Lasagne example: W = arange(15).reshape(3, 5), x = [[0, 2], [1, 2]]", "[embedding]") {
  std::vector<float> w(15);
  for (size_t i = 0; i < 15; ++i) w[i] = static_cast<float>(i);
  Embedding layer = Make(Config(3, 5), w.data());
  const std::vector<int32_t> x{0, 2, 1, 2};
  GuardedOut out(2 * 2 * 5);
  REQUIRE(layer.forward(x.data(), {2, 2}, out.data()).is_ok());
  const std::vector<float> expected{0, 1, 2, 3, 4, 10, 11, 12, 13, 14,
                                    5, 6, 7, 8, 9, 10, 11, 12, 13, 14};
  CHECK(out.payload() == expected);
  CHECK(out.GuardIntact());
}

TEST_CASE("Keras example: input_dim 21, output_dim 2, ids [[4], [20]]", "[embedding]") {
  EmbeddingConfig c = Config(21, 2);
  c.table.seed = 42;
  Embedding layer = Make(c, nullptr);
  const std::vector<float> w = Dense(layer.table().weights());
  REQUIRE(w.size() == 42);

  const std::vector<int32_t> ids{4, 20};  // shape (2, 1) -> output (2, 1, 2)
  GuardedOut out(2 * 1 * 2);
  REQUIRE(layer.forward(ids.data(), {2, 1}, out.data()).is_ok());
  CHECK(out.payload() == std::vector<float>{w[8], w[9], w[40], w[41]});
  CHECK(out.GuardIntact());

  // The default initializer is uniform on [-0.05, 0.05] and actually spreads over it.
  const auto [lo, hi] = std::minmax_element(w.begin(), w.end());
  CHECK(*lo >= -0.05f);
  CHECK(*hi <= 0.05f);
  CHECK(*lo < -0.02f);
  CHECK(*hi > 0.02f);

  // A seed fixes the table; another seed gives another table.
  CHECK(Dense(Make(c, nullptr).table().weights()) == w);
  c.table.seed = 43;
  CHECK(Dense(Make(c, nullptr).table().weights()) != w);
}

// ---------------------------------------------------------------------------------------
// 2. forward is one-hot(ids) · W

TEST_CASE("forward equals one-hot(ids) times W computed as a matrix product", "[embedding]") {
  const size_t v = 50, b = 3, t = 7, n = b * t;
  for (size_t d : {size_t{1}, size_t{4}, size_t{13}, size_t{16}, size_t{33}}) {
    INFO("D " << d);
    const std::vector<float> w = RandomTable(v, d, static_cast<uint32_t>(d));
    const std::vector<int32_t> ids = RandomIds(n, v, 100 + static_cast<uint32_t>(d));
    Embedding layer = Make(Config(v, d), w.data());
    GuardedOut out(n * d);
    REQUIRE(layer.forward(ids.data(), {b, t}, out.data()).is_ok());
    CHECK(out.GuardIntact());

    // one_hot: (N, V); product (N, V) x (V, D) in double. Exactly one nonzero term per
    // sum, so the reference is exact and must match bit for bit.
    std::vector<double> one_hot(n * v, 0.0);
    for (size_t i = 0; i < n; ++i) one_hot[i * v + ids[i]] = 1.0;
    for (size_t i = 0; i < n; ++i) {
      for (size_t j = 0; j < d; ++j) {
        double acc = 0.0;
        for (size_t k = 0; k < v; ++k) acc += one_hot[i * v + k] * w[k * d + j];
        INFO("i " << i << " j " << j);
        REQUIRE(out.buf[i * d + j] == static_cast<float>(acc));
      }
    }
  }
}

// ---------------------------------------------------------------------------------------
// 3. Ids of any shape S give S + (D)

TEST_CASE("ids of rank 0, 1 and 3 give S + (D)", "[embedding]") {
  const size_t v = 9, d = 5;
  const std::vector<float> w = RandomTable(v, d, 3);
  Embedding layer = Make(Config(v, d), w.data());
  for (const Shape& shape : {Shape{}, Shape{1}, Shape{6}, Shape{2, 3, 4}}) {
    INFO("shape " << shape_to_string(shape));
    const size_t n = shape_size(shape);
    const std::vector<int32_t> ids = RandomIds(n, v, 7);
    GuardedOut out(n * d);
    REQUIRE(layer.forward(ids.data(), shape, out.data()).is_ok());
    CHECK(out.payload() == NaiveLookup(w, d, ids));
    CHECK(out.GuardIntact());
  }
}

TEST_CASE("a shape with a 0 dimension writes nothing", "[embedding]") {
  const size_t v = 9, d = 5;
  Embedding layer = Make(Config(v, d), RandomTable(v, d, 3).data());
  const std::vector<int32_t> ids{1, 2, 3};  // present but not to be read
  for (const Shape& shape : {Shape{0}, Shape{3, 0}, Shape{3, 0, 2}}) {
    INFO("shape " << shape_to_string(shape));
    GuardedOut out(0);
    REQUIRE(layer.forward(ids.data(), shape, out.data()).is_ok());
    CHECK(out.GuardIntact());
    REQUIRE(layer.forward(nullptr, shape, nullptr).is_ok());
  }
}

// ---------------------------------------------------------------------------------------
// 4. Keras options: mask_zero, input_length

TEST_CASE("compute_mask is ids != 0 with mask_zero, an error without", "[embedding]") {
  const std::vector<int32_t> ids{0, 3, 0, 1, 2, 0};
  EmbeddingConfig c = Config(4, 2);
  c.mask_zero = true;
  Embedding masked = Make(c, nullptr);
  std::vector<uint8_t> mask(6, 77);
  REQUIRE(masked.compute_mask(ids.data(), {2, 3}, mask.data()).is_ok());
  CHECK(mask == std::vector<uint8_t>{0, 1, 0, 1, 1, 0});

  uint8_t one = 77;
  REQUIRE(masked.compute_mask(&ids[1], {}, &one).is_ok());
  CHECK(one == 1);

  // Bad ids are caught here too, and the mask is not written.
  const std::vector<int32_t> bad{0, 3, 4};
  std::fill(mask.begin(), mask.end(), 77);
  CHECK(masked.compute_mask(bad.data(), {3}, mask.data()).code() == StatusCode::kOutOfRange);
  CHECK(mask == std::vector<uint8_t>(6, 77));

  Embedding plain = Make(Config(4, 2), nullptr);
  const Status s = plain.compute_mask(ids.data(), {2, 3}, mask.data());
  CHECK(s.code() == StatusCode::kInvalidArgument);
  CHECK_THAT(s.message(), Catch::Contains("mask_zero"));
  CHECK(mask == std::vector<uint8_t>(6, 77));
}

TEST_CASE("input_length: the last axis must match, the error names the shape", "[embedding]") {
  const size_t v = 6, d = 3;
  const std::vector<float> w = RandomTable(v, d, 9);
  EmbeddingConfig c = Config(v, d);
  c.input_length = 3;
  Embedding layer = Make(c, w.data());
  const std::vector<int32_t> ids{1, 2, 3, 4, 5, 0};

  GuardedOut ok(6 * d);
  REQUIRE(layer.forward(ids.data(), {2, 3}, ok.data()).is_ok());
  CHECK(ok.payload() == NaiveLookup(w, d, ids));
  REQUIRE(layer.forward(ids.data(), {3}, ok.data()).is_ok());

  for (const auto& [shape, text] : std::vector<std::pair<Shape, std::string>>{
           {{3, 2}, "(3, 2)"}, {{6}, "(6,)"}, {{}, "()"}, {{1, 2, 3, 1}, "(1, 2, 3, 1)"}}) {
    INFO("shape " << text);
    GuardedOut out(6 * d);
    const Status s = layer.forward(ids.data(), shape, out.data());
    CHECK(s.code() == StatusCode::kInvalidArgument);
    CHECK_THAT(s.message(), Catch::Contains(text) && Catch::Contains("input_length"));
    CHECK(AllSentinel(out.buf.data(), out.buf.size()));
  }

  c.input_length = -1;
  Embedding bad;
  CHECK(Embedding::create(c, nullptr, &bad).code() == StatusCode::kOutOfRange);
}

// ---------------------------------------------------------------------------------------
// 5. padding_idx through the layer

TEST_CASE("the padding row looks up as zeros from an initializer, as given otherwise", "[embedding]") {
  EmbeddingConfig c = Config(5, 4);
  c.table.embeddings_initializer.name = "ones";
  c.table.padding_idx = -1;  // row 4
  Embedding layer = Make(c, nullptr);
  const std::vector<int32_t> ids{4, 0, 4};
  std::vector<float> out(12, -1.0f);
  REQUIRE(layer.forward(ids.data(), {3}, out.data()).is_ok());
  CHECK(out == std::vector<float>{0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0});

  const std::vector<float> w = RandomTable(5, 4, 21);
  Embedding given = Make(c, w.data());
  REQUIRE(given.forward(ids.data(), {3}, out.data()).is_ok());
  CHECK(out == NaiveLookup(w, 4, ids));
}

// ---------------------------------------------------------------------------------------
// 6. max_norm through forward

using test::LpNorm;

TEST_CASE("max_norm: forward renormalises looked-up rows and returns them", "[embedding]") {
  const double inf = std::numeric_limits<double>::infinity();
  const size_t v = 16, d = 7;
  const double max_norm = 1.5;
  for (double p : {2.0, 1.0, inf, 3.0}) {
    INFO("norm_type " << p);
    // Rows 0..7 above max_norm (even rows far, odd rows by 5%), 8..15 below it.
    std::vector<float> w = RandomTable(v, d, 31);
    for (size_t r = 0; r < v; ++r) {
      const double target = (r < 8 ? (r % 2 == 0 ? 4.0 : 1.05) : (r % 2 == 0 ? 0.3 : 0.95)) * max_norm;
      const double norm = LpNorm(&w[r * d], d, p);
      for (size_t j = 0; j < d; ++j) w[r * d + j] = static_cast<float>(w[r * d + j] * target / norm);
    }
    EmbeddingConfig c = Config(v, d);
    c.table.max_norm = max_norm;
    c.table.norm_type = p;
    Embedding layer = Make(c, w.data());

    const std::vector<int32_t> ids{0, 9, 3, 0, 12, 3, 3, 5, 14};  // shape (3, 3)
    const std::set<int32_t> looked_up(ids.begin(), ids.end());
    GuardedOut out(ids.size() * d);
    REQUIRE(layer.forward(ids.data(), {3, 3}, out.data()).is_ok());
    CHECK(out.GuardIntact());

    const std::vector<float> after = Dense(layer.table().weights());
    // The output is the table as it stands after the renorm.
    CHECK(out.payload() == NaiveLookup(after, d, ids));
    for (size_t r = 0; r < v; ++r) {
      INFO("row " << r);
      const float* old_row = &w[r * d];
      const float* new_row = &after[r * d];
      const double norm = LpNorm(old_row, d, p);
      if (looked_up.count(static_cast<int32_t>(r)) == 0 || norm <= max_norm) {
        CHECK(Bits(old_row, d) == Bits(new_row, d));
        continue;
      }
      // PyTorch: row * max_norm / (norm + 1e-7), here in double; the layer is float32.
      const double scale = max_norm / (norm + 1e-7);
      for (size_t j = 0; j < d; ++j) {
        CHECK(new_row[j] == Approx(old_row[j] * scale).epsilon(4e-6).margin(1e-12));
      }
      CHECK(LpNorm(new_row, d, p) <= max_norm * (1.0 + 4e-6));
    }
  }
}

// ---------------------------------------------------------------------------------------
// 7. Backward, against central finite differences of L = sum(g * forward(W))

// Counts of each id in the batch, computed independently of the layer's grouping.
std::map<int32_t, int> Counts(const std::vector<int32_t>& ids) {
  std::map<int32_t, int> counts;
  for (int32_t id : ids) ++counts[id];
  return counts;
}

// FD gradient of a plain lookup holding table w (no options: the PyTorch options change
// what the gradient is, not the lookup it is of).
std::vector<double> LookupGradientFD(const std::vector<float>& w, size_t v, size_t d,
                                     const std::vector<int32_t>& ids, const Shape& shape,
                                     const std::vector<float>& g) {
  Embedding ref = Make(Config(static_cast<int64_t>(v), static_cast<int64_t>(d)), w.data());
  return FiniteDifferenceGradient(w, g, [&](const std::vector<float>& wt, std::vector<float>* out) {
    REQUIRE(ref.table().set_weights(wt.data(), v, d).is_ok());
    out->assign(shape_size(shape) * d, 0.0f);
    REQUIRE(ref.forward(ids.data(), shape, out->data()).is_ok());
  });
}

constexpr double kAtol = 1e-5, kRtol = 1e-5;

// Runs forward then both backwards of a layer built from c and w on ids, and checks them
// against the FD gradient with PyTorch's rules applied in the test.
void CheckBackward(const EmbeddingConfig& c, const std::vector<float>& w, const std::vector<int32_t>& ids,
                   const Shape& shape, uint32_t seed) {
  const size_t v = static_cast<size_t>(c.table.input_dim), d = static_cast<size_t>(c.table.output_dim);
  const size_t n = shape_size(shape);
  REQUIRE(ids.size() == n);
  Embedding layer = Make(c, w.data());
  std::vector<float> out(n * d);
  REQUIRE(layer.forward(ids.data(), shape, out.data()).is_ok());  // renorms with max_norm
  // The gradient is of the lookup of the table as it stands after forward's renorm;
  // PyTorch does not differentiate through the renorm.
  const std::vector<float> w_after = Dense(layer.table().weights());
  const std::vector<uint32_t> table_bits = Bits(layer.table().weights());

  const std::vector<float> g = RandomUpstream(n * d, seed);
  std::vector<double> expected = LookupGradientFD(w_after, v, d, ids, shape, g);

  const int32_t pad = layer.table().padding_row();
  const std::map<int32_t, int> counts = Counts(ids);
  for (size_t r = 0; r < v; ++r) {
    double factor = 1.0;
    if (static_cast<int32_t>(r) == pad) factor = 0.0;
    else if (c.table.scale_grad_by_freq && counts.count(static_cast<int32_t>(r)))
      factor = 1.0 / counts.at(static_cast<int32_t>(r));
    for (size_t j = 0; j < d; ++j) expected[r * d + j] *= factor;
  }

  // Dense.
  RowMatrix dense;
  REQUIRE(RowMatrix::create(v, d, &dense).is_ok());
  REQUIRE(layer.backward_dense(ids.data(), shape, g.data(), &dense).is_ok());
  const std::vector<float> dense_values = Dense(dense);
  {
    const long bad = FirstGradientMismatch(dense_values.data(), expected, kAtol, kRtol);
    INFO("dense mismatch at flat " << bad << (bad >= 0 ? " got " + std::to_string(dense_values[bad]) +
                                                             " expected " + std::to_string(expected[bad])
                                                       : ""));
    CHECK(bad == -1);
  }
  if (pad >= 0) {
    for (size_t j = 0; j < d; ++j) CHECK(dense.row(pad)[j] == 0.0f);
  }

  // Sparse: sorted unique rows, padding absent, values as the dense rows.
  SparseRowGradient sparse;
  REQUIRE(layer.backward_sparse(ids.data(), shape, g.data(), &sparse).is_ok());
  std::set<int32_t> expected_rows(ids.begin(), ids.end());
  expected_rows.erase(pad);
  CHECK(sparse.cols == d);
  CHECK(sparse.rows == std::vector<int32_t>(expected_rows.begin(), expected_rows.end()));
  REQUIRE(sparse.values.size() == sparse.rows.size() * d);
  for (size_t k = 0; k < sparse.rows.size(); ++k) {
    const size_t r = static_cast<size_t>(sparse.rows[k]);
    const std::vector<double> row_expected(expected.begin() + r * d, expected.begin() + (r + 1) * d);
    INFO("sparse row " << r);
    CHECK(FirstGradientMismatch(sparse.row_values(k), row_expected, kAtol, kRtol) == -1);
  }

  // Sparse added to zeros is the dense gradient, bit for bit (same summation order).
  RowMatrix from_sparse;
  REQUIRE(RowMatrix::create(v, d, &from_sparse).is_ok());
  REQUIRE(sparse.add_to(&from_sparse).is_ok());
  CHECK(Bits(from_sparse) == Bits(dense));

  // backward_dense accumulates.
  REQUIRE(layer.backward_dense(ids.data(), shape, g.data(), &dense).is_ok());
  std::vector<double> twice(expected);
  for (double& x : twice) x *= 2.0;
  CHECK(FirstGradientMismatch(Dense(dense).data(), twice, 2 * kAtol, kRtol) == -1);

  // Backward never touches the table.
  CHECK(Bits(layer.table().weights()) == table_bits);
}

// Random ids of shape (4, 6) into V rows with duplicates guaranteed and the padding id
// (when given) present twice.
std::vector<int32_t> BackwardIds(size_t v, int32_t pad, uint32_t seed) {
  std::vector<int32_t> ids = RandomIds(24, v, seed);
  ids[5] = ids[1];
  ids[17] = ids[1];
  ids[9] = ids[2];
  if (pad >= 0) {
    ids[0] = pad;
    ids[13] = pad;
  }
  return ids;
}

TEST_CASE("backward matches finite differences", "[embedding]") {
  const size_t v = 11;
  const Shape shape{4, 6};
  for (size_t d : {size_t{6}, size_t{8}}) {
    const std::vector<float> w = RandomTable(v, d, 50 + static_cast<uint32_t>(d));
    SECTION("plain, D " + std::to_string(d)) {
      CheckBackward(Config(v, d), w, BackwardIds(v, -1, 1), shape, 2);
    }
    SECTION("many duplicates, D " + std::to_string(d)) {
      std::vector<int32_t> ids = RandomIds(24, 3, 3);  // 24 ids over 3 rows
      ids[0] = 10;
      CheckBackward(Config(v, d), w, ids, shape, 4);
    }
    SECTION("padding_idx, D " + std::to_string(d)) {
      for (int64_t p : {int64_t{3}, int64_t{-1}, int64_t{0}}) {
        EmbeddingConfig c = Config(v, d);
        c.table.padding_idx = p;
        INFO("padding_idx " << p);
        CheckBackward(c, w, BackwardIds(v, static_cast<int32_t>(p < 0 ? p + v : p), 5), shape, 6);
      }
    }
    SECTION("scale_grad_by_freq, D " + std::to_string(d)) {
      EmbeddingConfig c = Config(v, d);
      c.table.scale_grad_by_freq = true;
      CheckBackward(c, w, BackwardIds(v, -1, 7), shape, 8);
      c.table.padding_idx = 4;
      CheckBackward(c, w, BackwardIds(v, 4, 9), shape, 10);
    }
    SECTION("max_norm, D " + std::to_string(d)) {
      const double inf = std::numeric_limits<double>::infinity();
      for (double p : {2.0, 1.0, inf}) {
        INFO("norm_type " << p);
        EmbeddingConfig c = Config(v, d);
        c.table.max_norm = 0.5;  // most rows of U[-1, 1)^D are above it in every norm
        c.table.norm_type = p;
        CheckBackward(c, w, BackwardIds(v, -1, 11), shape, 12);
        c.table.padding_idx = 2;
        c.table.scale_grad_by_freq = true;
        CheckBackward(c, w, BackwardIds(v, 2, 13), shape, 14);
      }
    }
  }
}

TEST_CASE("max_norm backward is the lookup gradient of the renormalised table", "[embedding]") {
  // The same check stated directly: a max_norm layer after forward and a plain layer
  // holding its renormalised table give the same gradients.
  const size_t v = 7, d = 5;
  std::vector<float> w = RandomTable(v, d, 77, -3.0f, 3.0f);
  EmbeddingConfig c = Config(v, d);
  c.table.max_norm = 1.0;
  Embedding with_norm = Make(c, w.data());
  const std::vector<int32_t> ids{1, 3, 1, 6, 0, 3};
  std::vector<float> out(ids.size() * d);
  REQUIRE(with_norm.forward(ids.data(), {6}, out.data()).is_ok());
  const std::vector<float> renormed = Dense(with_norm.table().weights());
  REQUIRE(renormed != w);
  Embedding plain = Make(Config(v, d), renormed.data());

  const std::vector<float> g = RandomUpstream(ids.size() * d, 78);
  RowMatrix a, b;
  REQUIRE(RowMatrix::create(v, d, &a).is_ok());
  REQUIRE(RowMatrix::create(v, d, &b).is_ok());
  REQUIRE(with_norm.backward_dense(ids.data(), {6}, g.data(), &a).is_ok());
  REQUIRE(plain.backward_dense(ids.data(), {6}, g.data(), &b).is_ok());
  CHECK(Bits(a) == Bits(b));
}

TEST_CASE("scale_grad_by_freq by hand: ids {1, 1, 2}", "[embedding]") {
  EmbeddingConfig c = Config(3, 2);
  c.table.scale_grad_by_freq = true;
  Embedding layer = Make(c, nullptr);
  const std::vector<int32_t> ids{1, 1, 2};
  const std::vector<float> dy{1.0f, 2.0f, 3.0f, 6.0f, 5.0f, -7.0f};
  SparseRowGradient sparse;
  REQUIRE(layer.backward_sparse(ids.data(), {3}, dy.data(), &sparse).is_ok());
  CHECK(sparse.rows == std::vector<int32_t>{1, 2});
  CHECK(sparse.values == std::vector<float>{2.0f, 4.0f, 5.0f, -7.0f});
}

TEST_CASE("backward of a rank-0 id and of an empty batch", "[embedding]") {
  Embedding layer = Make(Config(4, 3), RandomTable(4, 3, 1).data());
  const int32_t id = 2;
  const std::vector<float> dy{1.0f, -2.0f, 0.5f};
  SparseRowGradient sparse;
  REQUIRE(layer.backward_sparse(&id, {}, dy.data(), &sparse).is_ok());
  CHECK(sparse.rows == std::vector<int32_t>{2});
  CHECK(sparse.values == dy);

  REQUIRE(layer.backward_sparse(nullptr, {0, 5}, nullptr, &sparse).is_ok());
  CHECK(sparse.rows.empty());
  CHECK(sparse.values.empty());
  RowMatrix dense;
  REQUIRE(RowMatrix::create(4, 3, &dense).is_ok());
  REQUIRE(layer.backward_dense(nullptr, {0}, nullptr, &dense).is_ok());
  for (float x : Dense(dense)) CHECK(x == 0.0f);
}

// ---------------------------------------------------------------------------------------
// 8. Errors leave the layer unchanged and usable

TEST_CASE("a bad id fails before anything is written or renormalised", "[embedding]") {
  const size_t v = 6, d = 5;
  const std::vector<float> w = RandomTable(v, d, 40, -2.0f, 2.0f);  // rows well above max_norm
  for (bool with_max_norm : {false, true}) {
    INFO("max_norm " << with_max_norm);
    EmbeddingConfig c = Config(v, d);
    if (with_max_norm) c.table.max_norm = 0.5;
    Embedding layer = Make(c, w.data());
    const std::vector<uint32_t> table_bits = Bits(layer.table().weights());

    // shape (2, 3); the bad id sits at [1, 0], after valid ids that would be renormed.
    for (int32_t bad : {int32_t{-1}, static_cast<int32_t>(v), std::numeric_limits<int32_t>::min(),
                        std::numeric_limits<int32_t>::max()}) {
      INFO("bad id " << bad);
      const std::vector<int32_t> ids{0, 1, 2, bad, 3, 4};
      GuardedOut out(ids.size() * d);
      const Status s = layer.forward(ids.data(), {2, 3}, out.data());
      CHECK(s.code() == StatusCode::kOutOfRange);
      CHECK_THAT(s.message(), Catch::Contains("id " + std::to_string(bad)) && Catch::Contains("[1, 0]"));
      CHECK(AllSentinel(out.buf.data(), out.buf.size()));
      CHECK(Bits(layer.table().weights()) == table_bits);

      SparseRowGradient sparse;
      sparse.cols = 99;
      sparse.rows = {42};
      const std::vector<float> dy(ids.size() * d, 1.0f);
      CHECK(layer.backward_sparse(ids.data(), {2, 3}, dy.data(), &sparse).code() == StatusCode::kOutOfRange);
      CHECK(sparse.cols == 99);
      CHECK(sparse.rows == std::vector<int32_t>{42});

      RowMatrix dense;
      REQUIRE(RowMatrix::create(v, d, &dense).is_ok());
      dense.row(0)[0] = 3.0f;
      const std::vector<uint32_t> dense_bits = Bits(dense);
      CHECK(layer.backward_dense(ids.data(), {2, 3}, dy.data(), &dense).code() == StatusCode::kOutOfRange);
      CHECK(Bits(dense) == dense_bits);
    }

    // The next valid call works, and (with max_norm) renorms only now.
    const std::vector<int32_t> ids{0, 1, 2, 5, 3, 4};
    GuardedOut out(ids.size() * d);
    REQUIRE(layer.forward(ids.data(), {2, 3}, out.data()).is_ok());
    const std::vector<float> after = Dense(layer.table().weights());
    CHECK(out.payload() == NaiveLookup(after, d, ids));
    CHECK((after != w) == with_max_norm);
  }
}

TEST_CASE("invalid sizes are errors at create; a failed create keeps the old layer", "[embedding]") {
  for (const auto& [v, d] : std::vector<std::pair<int64_t, int64_t>>{{0, 3}, {-2, 3}, {4, 0}, {4, -1}}) {
    INFO("V " << v << " D " << d);
    Embedding layer;
    CHECK_FALSE(Embedding::create(Config(v, d), nullptr, &layer).is_ok());
  }
  const std::vector<float> w = RandomTable(4, 3, 2);
  Embedding layer = Make(Config(4, 3), w.data());
  CHECK_FALSE(Embedding::create(Config(0, 3), nullptr, &layer).is_ok());
  const std::vector<int32_t> ids{3, 0};
  std::vector<float> out(6);
  REQUIRE(layer.forward(ids.data(), {2}, out.data()).is_ok());
  CHECK(out == NaiveLookup(w, 3, ids));
}

TEST_CASE("set_weights through the layer: wrong shape is refused, right shape used", "[embedding]") {
  const std::vector<float> w0 = RandomTable(4, 3, 5), w1 = RandomTable(4, 3, 6);
  Embedding layer = Make(Config(4, 3), w0.data());
  CHECK(layer.table().set_weights(w1.data(), 3, 4).code() == StatusCode::kInvalidArgument);
  const std::vector<int32_t> ids{0, 1, 2, 3};
  std::vector<float> out(12);
  REQUIRE(layer.forward(ids.data(), {4}, out.data()).is_ok());
  CHECK(out == w0);
  REQUIRE(layer.table().set_weights(w1.data(), 4, 3).is_ok());
  REQUIRE(layer.forward(ids.data(), {4}, out.data()).is_ok());
  CHECK(out == w1);
}

TEST_CASE("a dense gradient buffer of the wrong shape is an error", "[embedding]") {
  Embedding layer = Make(Config(5, 4), nullptr);
  const std::vector<int32_t> ids{1, 2};
  const std::vector<float> dy(8, 1.0f);
  for (const auto& [rows, cols] : std::vector<std::pair<size_t, size_t>>{{6, 4}, {5, 3}, {5, 5}, {4, 4}, {0, 0}}) {
    INFO(rows << " x " << cols);
    RowMatrix grad;
    REQUIRE(RowMatrix::create(rows, cols, &grad).is_ok());
    const std::vector<uint32_t> before = Bits(grad);
    const Status s = layer.backward_dense(ids.data(), {2}, dy.data(), &grad);
    CHECK(s.code() == StatusCode::kInvalidArgument);
    CHECK_THAT(s.message(), Catch::Contains("(5, 4)"));
    CHECK(Bits(grad) == before);
  }
}

TEST_CASE("SparseRowGradient::add_to checks the dense buffer", "[embedding]") {
  SparseRowGradient g;
  g.cols = 3;
  g.rows = {0, 4};
  g.values = {1, 2, 3, 4, 5, 6};
  RowMatrix dense;
  REQUIRE(RowMatrix::create(5, 3, &dense).is_ok());
  dense.row(4)[1] = 10.0f;
  REQUIRE(g.add_to(&dense).is_ok());
  CHECK(Dense(dense) == std::vector<float>{1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 15, 6});

  RowMatrix narrow, short_rows;
  REQUIRE(RowMatrix::create(5, 2, &narrow).is_ok());
  CHECK(g.add_to(&narrow).code() == StatusCode::kInvalidArgument);
  REQUIRE(RowMatrix::create(4, 3, &short_rows).is_ok());
  const std::vector<uint32_t> before = Bits(short_rows);
  CHECK(g.add_to(&short_rows).code() == StatusCode::kOutOfRange);
  CHECK(Bits(short_rows) == before);
}

}  // namespace
}  // namespace embedwasm::embedding
