#include "embedwasm/embedding/embedding_table.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "embedding/embedding_test_util.h"

namespace embedwasm::embedding {
namespace {

EmbeddingTableConfig Config(int64_t v, int64_t d) {
  EmbeddingTableConfig c;
  c.input_dim = v;
  c.output_dim = d;
  return c;
}

std::vector<float> Dense(const EmbeddingTable& t) {
  std::vector<float> w(t.vocab_size() * t.dim());
  t.weights().copy_to_dense(w.data());
  return w;
}

// Every float of the padded layout, padding included, for bit-exact "unchanged" checks.
std::vector<uint32_t> Bits(const RowMatrix& m) {
  std::vector<uint32_t> bits(m.rows() * m.stride());
  if (!bits.empty()) std::memcpy(bits.data(), m.data(), bits.size() * sizeof(float));
  return bits;
}

std::vector<float> RandomTable(size_t v, size_t d, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  std::vector<float> w(v * d);
  for (float& x : w) x = dist(rng);
  return w;
}

using test::LpNorm;

// ---------------------------------------------------------------------------------------
// Options are validated before anything is allocated or written.

TEST_CASE("EmbeddingTable rejects non-positive sizes", "[embedding_table]") {
  const std::vector<std::pair<int64_t, int64_t>> bad = {{0, 4}, {-1, 4}, {5, 0}, {5, -3}, {0, 0}};
  for (const auto& [v, d] : bad) {
    INFO("V " << v << " D " << d);
    EmbeddingTable t;
    const Status s = EmbeddingTable::create(Config(v, d), nullptr, &t);
    CHECK(s.code() == StatusCode::kOutOfRange);
    CHECK_THAT(s.message(), Catch::Contains(v <= 0 ? "input_dim" : "output_dim"));
  }
}

TEST_CASE("EmbeddingTable refuses sizes it cannot index or hold", "[embedding_table]") {
  EmbeddingTable t;
  // V above int32: ids could not name its rows.
  Status s = EmbeddingTable::create(Config(int64_t{1} << 31, 1), nullptr, &t);
  CHECK(s.code() == StatusCode::kOutOfRange);
  CHECK_THAT(s.message(), Catch::Contains("input_dim"));
  // Tables over the 4 GiB cap, including a D that does not fit a 32-bit size_t (wasm32),
  // where a silent wrap to D = 1 or 4 would hand back the wrong table.
  const std::vector<std::pair<int64_t, int64_t>> huge = {
      {std::numeric_limits<int32_t>::max(), 1},
      {2, int64_t{1} << 31},
      {1, (int64_t{1} << 32) + 1},
      {3, (int64_t{1} << 32) + 4},
      {1, (int64_t{1} << 32) - 1},
      {1, std::numeric_limits<int64_t>::max()},
  };
  for (const auto& [v, d] : huge) {
    INFO("V " << v << " D " << d);
    s = EmbeddingTable::create(Config(v, d), nullptr, &t);
    CHECK_FALSE(s.is_ok());
    CHECK(s.code() == StatusCode::kResourceExhausted);
  }
}

TEST_CASE("EmbeddingTable validates max_norm and norm_type", "[embedding_table]") {
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (double max_norm : {0.0, -1.0, inf, nan}) {
    INFO("max_norm " << max_norm);
    EmbeddingTableConfig c = Config(4, 3);
    c.max_norm = max_norm;
    EmbeddingTable t;
    CHECK_FALSE(EmbeddingTable::create(c, nullptr, &t).is_ok());
  }
  for (double p : {0.0, -2.0, nan, -inf}) {
    INFO("norm_type " << p);
    EmbeddingTableConfig c = Config(4, 3);
    c.max_norm = 1.0;
    c.norm_type = p;
    EmbeddingTable t;
    CHECK_FALSE(EmbeddingTable::create(c, nullptr, &t).is_ok());
  }
  for (double p : {0.5, 1.0, 2.0, 3.0, inf}) {
    EmbeddingTableConfig c = Config(4, 3);
    c.max_norm = 1.0;
    c.norm_type = p;
    EmbeddingTable t;
    CHECK(EmbeddingTable::create(c, nullptr, &t).is_ok());
  }
}

TEST_CASE("a failed create leaves the existing table as it was", "[embedding_table]") {
  const std::vector<float> w = RandomTable(6, 5, 1);
  EmbeddingTable t;
  REQUIRE(EmbeddingTable::create(Config(6, 5), w.data(), &t).is_ok());
  EmbeddingTableConfig bad = Config(9, 2);
  bad.padding_idx = 9;
  CHECK_FALSE(EmbeddingTable::create(bad, nullptr, &t).is_ok());
  CHECK(t.vocab_size() == 6);
  CHECK(t.dim() == 5);
  CHECK(Dense(t) == w);
}

// ---------------------------------------------------------------------------------------
// padding_idx

TEST_CASE("padding_idx zeroes its row when the table comes from an initializer", "[embedding_table]") {
  EmbeddingTableConfig c = Config(6, 5);
  c.embeddings_initializer.name = "ones";
  c.padding_idx = 2;
  EmbeddingTable t;
  REQUIRE(EmbeddingTable::create(c, nullptr, &t).is_ok());
  CHECK(t.padding_row() == 2);
  const std::vector<float> w = Dense(t);
  for (size_t r = 0; r < 6; ++r) {
    for (size_t j = 0; j < 5; ++j) {
      INFO("row " << r << " col " << j);
      CHECK(w[r * 5 + j] == (r == 2 ? 0.0f : 1.0f));
    }
  }
}

TEST_CASE("padding_idx zeroes its row of the default uniform table only", "[embedding_table]") {
  EmbeddingTableConfig plain = Config(8, 6);
  plain.seed = 99;
  EmbeddingTableConfig padded = plain;
  padded.padding_idx = 5;
  EmbeddingTable a, b;
  REQUIRE(EmbeddingTable::create(plain, nullptr, &a).is_ok());
  REQUIRE(EmbeddingTable::create(padded, nullptr, &b).is_ok());
  const std::vector<float> wa = Dense(a), wb = Dense(b);
  for (size_t r = 0; r < 8; ++r) {
    for (size_t j = 0; j < 6; ++j) CHECK(wb[r * 6 + j] == (r == 5 ? 0.0f : wa[r * 6 + j]));
  }
  for (size_t j = 0; j < 6; ++j) CHECK(wa[5 * 6 + j] != 0.0f);
}

TEST_CASE("negative padding_idx wraps to V + padding_idx", "[embedding_table]") {
  const int64_t v = 7;
  for (int64_t p = -v; p < v; ++p) {
    INFO("padding_idx " << p);
    EmbeddingTableConfig c = Config(v, 3);
    c.embeddings_initializer.name = "ones";
    c.padding_idx = p;
    EmbeddingTable t;
    REQUIRE(EmbeddingTable::create(c, nullptr, &t).is_ok());
    const int32_t expected = static_cast<int32_t>(p < 0 ? p + v : p);
    CHECK(t.padding_row() == expected);
    for (size_t r = 0; r < static_cast<size_t>(v); ++r) {
      CHECK(t.weights().row(r)[1] == (static_cast<int32_t>(r) == expected ? 0.0f : 1.0f));
    }
  }
}

TEST_CASE("padding_idx outside [-V, V) is an error", "[embedding_table]") {
  for (int64_t p : {int64_t{7}, int64_t{8}, int64_t{-8}, int64_t{-100},
                    std::numeric_limits<int64_t>::max(), std::numeric_limits<int64_t>::min()}) {
    INFO("padding_idx " << p);
    EmbeddingTableConfig c = Config(7, 3);
    c.padding_idx = p;
    EmbeddingTable t;
    const Status s = EmbeddingTable::create(c, nullptr, &t);
    CHECK(s.code() == StatusCode::kOutOfRange);
    CHECK_THAT(s.message(), Catch::Contains("padding_idx"));
  }
}

TEST_CASE("without padding_idx there is no padding row", "[embedding_table]") {
  EmbeddingTable t;
  REQUIRE(EmbeddingTable::create(Config(3, 2), nullptr, &t).is_ok());
  CHECK(t.padding_row() == -1);
}

TEST_CASE("given weights are kept as given, padding row included", "[embedding_table]") {
  const std::vector<float> w = RandomTable(5, 6, 7);
  EmbeddingTableConfig c = Config(5, 6);
  c.padding_idx = -2;  // row 3
  EmbeddingTable t;
  REQUIRE(EmbeddingTable::create(c, w.data(), &t).is_ok());
  CHECK(t.padding_row() == 3);
  CHECK(Dense(t) == w);
}

// ---------------------------------------------------------------------------------------
// check_ids and set_weights

TEST_CASE("check_ids names the first bad id and its position", "[embedding_table]") {
  EmbeddingTable t;
  REQUIRE(EmbeddingTable::create(Config(5, 2), nullptr, &t).is_ok());
  const std::vector<int32_t> good{0, 4, 1, 2, 3, 4};
  CHECK(t.check_ids(good.data(), {2, 3}).is_ok());

  const std::vector<int32_t> negative{0, 4, 1, -1, 3, 9};
  Status s = t.check_ids(negative.data(), {2, 3});
  CHECK(s.code() == StatusCode::kOutOfRange);
  CHECK_THAT(s.message(), Catch::Contains("-1") && Catch::Contains("[1, 0]"));

  const std::vector<int32_t> too_big{0, 4, 1, 2, 3, 5};
  s = t.check_ids(too_big.data(), {2, 3});
  CHECK(s.code() == StatusCode::kOutOfRange);
  CHECK_THAT(s.message(), Catch::Contains("id 5") && Catch::Contains("[1, 2]"));

  const int32_t big = std::numeric_limits<int32_t>::max();
  s = t.check_ids(&big, {});
  CHECK(s.code() == StatusCode::kOutOfRange);
  CHECK_THAT(s.message(), Catch::Contains("2147483647"));
  const int32_t small = std::numeric_limits<int32_t>::min();
  CHECK(t.check_ids(&small, {1}).code() == StatusCode::kOutOfRange);

  CHECK(t.check_ids(nullptr, {4, 0}).is_ok());
}

TEST_CASE("set_weights replaces the table only when the shape is (V, D)", "[embedding_table]") {
  const std::vector<float> w0 = RandomTable(4, 3, 11), w1 = RandomTable(4, 3, 12);
  EmbeddingTable t;
  REQUIRE(EmbeddingTable::create(Config(4, 3), w0.data(), &t).is_ok());
  const std::vector<float> big(100, 9.0f);
  for (const auto& [rows, cols] : std::vector<std::pair<size_t, size_t>>{{3, 4}, {4, 4}, {5, 3}, {0, 0}, {12, 1}}) {
    INFO(rows << " x " << cols);
    const Status s = t.set_weights(big.data(), rows, cols);
    CHECK(s.code() == StatusCode::kInvalidArgument);
    CHECK_THAT(s.message(), Catch::Contains("(4, 3)"));
    CHECK(Dense(t) == w0);
  }
  REQUIRE(t.set_weights(w1.data(), 4, 3).is_ok());
  CHECK(Dense(t) == w1);
  for (size_t r = 0; r < 4; ++r) CHECK(t.weights().row(r)[3] == 0.0f);  // padding float
}

// ---------------------------------------------------------------------------------------
// max_norm, as torch.embedding_renorm_: each looked-up row with ||row||_p > max_norm is
// scaled by max_norm / (||row||_p + 1e-7). The reference runs in double; the layer works
// in float32 (norm accumulated in float, as PyTorch does for float tensors), so renormed
// values agree to a few ulps times D, not bit for bit.

// (V, D) table whose rows have p-norms 3, 0.4, 1.05, 0.95 times max_norm in turn: near
// the threshold on both sides, yet far enough from it (5%) that float and double norms
// agree on which side they are.
std::vector<float> TableWithNorms(size_t v, size_t d, double p, double max_norm, uint32_t seed) {
  std::vector<float> w = RandomTable(v, d, seed);
  for (size_t r = 0; r < v; ++r) {
    constexpr double kFactors[] = {3.0, 0.4, 1.05, 0.95};
    const double target = kFactors[r % 4] * max_norm;
    const double norm = LpNorm(&w[r * d], d, p);
    for (size_t j = 0; j < d; ++j) w[r * d + j] = static_cast<float>(w[r * d + j] * (target / norm));
  }
  return w;
}

TEST_CASE("renorm_rows scales looked-up rows above max_norm as PyTorch", "[embedding_table]") {
  const double inf = std::numeric_limits<double>::infinity();
  const size_t v = 20;
  for (size_t d : {size_t{13}, size_t{8}}) {
    for (double p : {2.0, 1.0, inf, 3.0}) {
      for (double max_norm : {1.0, 0.37, 1e-3}) {  // at 1e-3 the 1e-7 is visible
        INFO("D " << d << " norm_type " << p << " max_norm " << max_norm);
        const std::vector<float> w = TableWithNorms(v, d, p, max_norm, 5);
        EmbeddingTableConfig c = Config(static_cast<int64_t>(v), static_cast<int64_t>(d));
        c.max_norm = max_norm;
        c.norm_type = p;
        EmbeddingTable t;
        REQUIRE(EmbeddingTable::create(c, w.data(), &t).is_ok());

        // Duplicates (0, 2) are renormed once; rows 4, 7, 8, 10.. are not looked up.
        const std::vector<int32_t> ids{0, 1, 2, 3, 5, 6, 9, 0, 2, 2, 15, 12, 12};
        std::vector<bool> looked_up(v, false);
        for (int32_t id : ids) looked_up[id] = true;
        t.renorm_rows(ids.data(), ids.size());

        for (size_t r = 0; r < v; ++r) {
          INFO("row " << r);
          const float* before = &w[r * d];
          const float* after = t.weights().row(r);
          const double norm = LpNorm(before, d, p);
          if (!looked_up[r] || norm <= max_norm) {
            CHECK(std::memcmp(before, after, d * sizeof(float)) == 0);
            continue;
          }
          const double scale = max_norm / (norm + 1e-7);
          for (size_t j = 0; j < d; ++j) {
            const double expected = static_cast<double>(before[j]) * scale;
            CHECK(std::fabs(after[j] - expected) <= 4e-6 * std::fabs(expected) + 1e-12);
          }
          CHECK(LpNorm(after, d, p) <= max_norm * (1.0 + 4e-6));
          CHECK(LpNorm(after, d, p) == Approx(max_norm * norm / (norm + 1e-7)).epsilon(4e-6));
        }
        for (size_t r = 0; r < v; ++r) {
          for (size_t j = d; j < t.weights().stride(); ++j) CHECK(t.weights().row(r)[j] == 0.0f);
        }
      }
    }
  }
}

TEST_CASE("renorm_rows does nothing without max_norm", "[embedding_table]") {
  const std::vector<float> w = TableWithNorms(6, 5, 2.0, 0.01, 3);
  EmbeddingTable t;
  REQUIRE(EmbeddingTable::create(Config(6, 5), w.data(), &t).is_ok());
  const std::vector<int32_t> ids{0, 1, 2, 3, 4, 5};
  const std::vector<uint32_t> before = Bits(t.weights());
  t.renorm_rows(ids.data(), ids.size());
  CHECK(Bits(t.weights()) == before);
}

TEST_CASE("renorm_rows leaves a zero padding row at zero", "[embedding_table]") {
  EmbeddingTableConfig c = Config(5, 4);
  c.embeddings_initializer.name = "ones";
  c.padding_idx = 0;
  c.max_norm = 0.5;
  EmbeddingTable t;
  REQUIRE(EmbeddingTable::create(c, nullptr, &t).is_ok());
  const std::vector<int32_t> ids{0, 1, 0};
  t.renorm_rows(ids.data(), ids.size());
  for (size_t j = 0; j < 4; ++j) {
    CHECK(t.weights().row(0)[j] == 0.0f);
    // ||(1, 1, 1, 1)||_2 = 2 -> each entry 0.5 / (2 + 1e-7) * 1.
    CHECK(t.weights().row(1)[j] == Approx(0.25).epsilon(1e-6));
    CHECK(t.weights().row(2)[j] == 1.0f);
  }
}

}  // namespace
}  // namespace embedwasm::embedding
