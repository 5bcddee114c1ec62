// vectors/quantized_vectors: int8 rows with per-row scales, approximate cosine search.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <set>
#include <vector>

#include "embedwasm/vectors/keyed_vectors.h"
#include "embedwasm/vectors/quantized_vectors.h"
#include "vectors/vectors_test_util.h"

using namespace embedwasm;
using namespace embedwasm::vectors;
using namespace embedwasm::vectors::test;

TEST_CASE("QuantizedVectors::quantize: symmetric per-vector scale of the unit vector", "[vectors]") {
  // (3, -4, 0, 1.2) has norm sqrt(26.44); its unit vector's largest |coordinate| is
  // 4 / sqrt(26.44), which maps to -127; the rest scale by the same factor and round.
  const float x[4] = {3.0f, -4.0f, 0.0f, 1.2f};
  int8_t q[4];
  const float scale = QuantizedVectors::quantize(4, x, q);
  CHECK(scale == Approx(4.0 / std::sqrt(26.44) / 127.0).epsilon(1e-6));
  CHECK(q[0] == 95);  // round(3 / 4 * 127) = round(95.25)
  CHECK(q[1] == -127);
  CHECK(q[2] == 0);
  CHECK(q[3] == 38);  // round(38.1)
  const float zero[3] = {0, 0, 0};
  int8_t qz[3] = {1, 1, 1};
  CHECK(QuantizedVectors::quantize(3, zero, qz) == 0.0f);
  CHECK((qz[0] == 0 && qz[1] == 0 && qz[2] == 0));
  // Scale invariance: a row and 1000 times it quantise identically.
  const float big[4] = {3000.0f, -4000.0f, 0.0f, 1200.0f};
  int8_t qb[4];
  CHECK(QuantizedVectors::quantize(4, big, qb) == Approx(scale).epsilon(1e-6));
  CHECK(std::equal(q, q + 4, qb));
}

TEST_CASE("QuantizedVectors: layout, memory and exact scores on a small set", "[vectors]") {
  RowMatrix m;
  REQUIRE(RowMatrix::create(5, 20, &m).is_ok());
  for (size_t r = 0; r < 5; ++r) {
    for (size_t j = 0; j < 20; ++j) m.row(r)[j] = std::sin(static_cast<float>(r * 20 + j));
  }
  for (size_t j = 0; j < 20; ++j) m.row(3)[j] = 0.0f;  // a zero row
  QuantizedVectors qv;
  REQUIRE(QuantizedVectors::create(m, &qv).is_ok());
  CHECK(qv.size() == 5);
  CHECK(qv.dim() == 20);
  CHECK(qv.stride() == 32);  // padded to 16 bytes
  CHECK(qv.scale(3) == 0.0f);
  for (size_t r = 0; r < 5; ++r) {
    CHECK(reinterpret_cast<uintptr_t>(qv.row(r)) % 16 == 0);
    for (size_t j = 20; j < 32; ++j) CHECK(qv.row(r)[j] == 0);  // padding
  }
  // The score of a row is exactly s_r s_q sum q_r q_q, here checked against a plain loop.
  std::vector<int8_t> qq(20);
  const float qs = QuantizedVectors::quantize(20, m.row(1), qq.data());
  std::vector<Neighbor> out;
  REQUIRE(qv.search(m.row(1), 20, 10, 0, {}, &out).is_ok());
  REQUIRE(out.size() == 5);
  CHECK(out[0].index == 1);
  CHECK(out[0].score == Approx(1.0).margin(0.01));
  for (const Neighbor& n : out) {
    int32_t dot = 0;
    for (size_t j = 0; j < 20; ++j) dot += int32_t{qv.row(static_cast<size_t>(n.index))[j]} * qq[j];
    CHECK(n.score == static_cast<float>(dot) * qv.scale(static_cast<size_t>(n.index)) * qs);
  }
  REQUIRE(qv.search(m.row(1), 20, 2, 3, {1}, &out).is_ok());  // rows 0..2 without row 1
  REQUIRE(out.size() == 2);
  CHECK(((out[0].index == 0 || out[0].index == 2) && out[1].index != 1));
  CHECK(qv.search(m.row(1), 19, 2, 0, {}, &out).code() == StatusCode::kInvalidArgument);
  REQUIRE(qv.search(m.row(1), 20, 0, 0, {}, &out).is_ok());
  CHECK(out.empty());
}

TEST_CASE("QuantizedVectors: recall@10 >= 0.95 against float search on clustered vectors", "[vectors]") {
  // 20,000 x 100 around 200 Gaussian centres; each point is its centre plus noise of
  // 0.8 per coordinate, so a point's neighbours are mostly its cluster mates with cosines
  // around 0.6: a realistic spread, not one where the top 10 stand far apart.
  const size_t v = 20000, d = 100, queries = 40;
  const std::vector<float> dense = ClusteredVectors(v, d, 200, 0.8f, 2024);
  const KeyedVectors kv = MakeKv(NumberedWords(v), dense, d);
  QuantizedVectors qv;
  REQUIRE(QuantizedVectors::create(kv.vectors(), &qv).is_ok());
  // A quarter of float32's bytes plus padding (100 -> 112) and a scale per row.
  CHECK(qv.memory_bytes() == v * (112 + 4));
  CHECK(static_cast<double>(qv.memory_bytes()) / (v * d * sizeof(float)) < 0.3);

  size_t hits = 0;
  double worst_error = 0.0;
  for (size_t i = 0; i < queries; ++i) {
    const int32_t w = static_cast<int32_t>(i * 487 % v);
    std::vector<Neighbor> exact, approx;
    SearchOptions o;
    o.topn = 10;
    REQUIRE(kv.most_similar({QueryTerm::of_index(w)}, {}, o, &exact).is_ok());
    REQUIRE(qv.search(kv.vectors().row(static_cast<size_t>(w)), d, 10, 0, {w}, &approx).is_ok());
    REQUIRE(approx.size() == 10);
    std::set<int32_t> truth;
    for (const Neighbor& n : exact) truth.insert(n.index);
    for (const Neighbor& n : approx) {
      hits += truth.count(n.index);
      float cos;
      REQUIRE(kv.similarity_by_index(w, n.index, &cos).is_ok());
      worst_error = std::max(worst_error, static_cast<double>(std::fabs(cos - n.score)));
    }
  }
  const double recall = static_cast<double>(hits) / (queries * 10);
  INFO("recall@10 = " << recall << ", worst score error = " << worst_error);
  CHECK(recall >= 0.95);
  CHECK(worst_error < 0.02);
}

TEST_CASE("QuantizedVectors::create rejects what it cannot hold", "[vectors]") {
  RowMatrix m;
  REQUIRE(RowMatrix::create(2, 0, &m).is_ok());
  QuantizedVectors qv;
  CHECK(QuantizedVectors::create(m, &qv).code() == StatusCode::kInvalidArgument);
  REQUIRE(RowMatrix::create(0, 8, &m).is_ok());
  REQUIRE(QuantizedVectors::create(m, &qv).is_ok());  // empty is fine
  std::vector<Neighbor> out;
  const float q[8] = {1};
  REQUIRE(qv.search(q, 8, 5, 0, {}, &out).is_ok());
  CHECK(out.empty());
}

TEST_CASE("QuantizedVectors::search_batch gives each query what search gives it, bit for bit", "[vectors]") {
  // 1003 rows: several tiles, a partial one, and rows past the kernel's 4-row blocks.
  // Query counts: more than one kernel call of 32 (40, and 33, which leaves a call for
  // one), more than one group of 128 (129 leaves a group of one), and odd counts past the
  // kernel's 2-query blocks. D: not a multiple of 8 (37: widened rows run into the zero
  // padding), exactly the 16-byte stride (32), 8 within a stride of 16, and 1, where every
  // row scores one of three values and ties decide.
  constexpr size_t kRows = 1003;
  struct Case {
    size_t dim, queries;
  };
  for (const Case c : {Case{37, 40}, Case{32, 33}, Case{8, 129}, Case{1, 2}}) {
    const std::vector<float> x = ClusteredVectors(kRows, c.dim, 12, 0.3f, 5);
    RowMatrix m;
    REQUIRE(RowMatrix::create(kRows, c.dim, &m).is_ok());
    for (size_t r = 0; r < kRows; ++r) std::copy(x.begin() + r * c.dim, x.begin() + (r + 1) * c.dim, m.row(r));
    QuantizedVectors q;
    REQUIRE(QuantizedVectors::create(m, &q).is_ok());
    std::vector<float> queries(x.begin(), x.begin() + c.queries * c.dim);
    if (c.queries > 3) {  // a zero query scores 0 everywhere
      std::fill(queries.begin() + 3 * c.dim, queries.begin() + 4 * c.dim, 0.0f);
    }
    for (size_t topn : {size_t{1}, size_t{10}, size_t{2000}}) {
      for (size_t restrict_vocab : {size_t{0}, size_t{300}}) {
        INFO("D " << c.dim << ", " << c.queries << " queries, topn " << topn << ", restrict_vocab " << restrict_vocab);
        std::vector<std::vector<Neighbor>> batch;
        REQUIRE(q.search_batch(queries.data(), c.queries, c.dim, topn, restrict_vocab, &batch).is_ok());
        REQUIRE(batch.size() == c.queries);
        for (size_t b = 0; b < c.queries; ++b) {
          std::vector<Neighbor> single;
          REQUIRE(q.search(queries.data() + b * c.dim, c.dim, topn, restrict_vocab, {}, &single).is_ok());
          REQUIRE(batch[b].size() == single.size());
          REQUIRE(single.size() == std::min(topn, restrict_vocab == 0 ? kRows : restrict_vocab));
          for (size_t i = 0; i < single.size(); ++i) {
            CHECK(batch[b][i].index == single[i].index);
            CHECK(std::memcmp(&batch[b][i].score, &single[i].score, sizeof(float)) == 0);
          }
        }
        // Query 0 is row 0 itself: its best match.
        CHECK(batch[0][0].index == 0);
      }
    }
  }
  constexpr size_t kDim = 37;
  const std::vector<float> queries(2 * (kDim + 1), 0.5f);
  RowMatrix m;
  REQUIRE(RowMatrix::create(10, kDim, &m).is_ok());
  QuantizedVectors q;
  REQUIRE(QuantizedVectors::create(m, &q).is_ok());
  std::vector<std::vector<Neighbor>> out;
  CHECK(q.search_batch(queries.data(), 2, kDim + 1, 5, 0, &out).code() == StatusCode::kInvalidArgument);
  CHECK(q.search_batch(queries.data(), 0, kDim, 5, 0, &out).is_ok());
  CHECK(out.empty());
}
