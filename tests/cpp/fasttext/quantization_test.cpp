// fasttext/quantization.h: row selection, dictionary pruning and product quantization
// on matrices small enough to check by hand.
#include "embedwasm/fasttext/quantization.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

namespace embedwasm::fasttext {
namespace {

RowMatrix matrix(size_t rows, size_t cols, const std::vector<float>& values) {
  RowMatrix m;
  REQUIRE(RowMatrix::create(rows, cols, &m).is_ok());
  m.copy_from_dense(values.data());
  return m;
}

TEST_CASE("select_rows_by_norm: </s> first, then by norm, ties in row order", "[fasttext][training]") {
  // Norms: 1, 5, 0, 5, 2.
  const RowMatrix m = matrix(5, 2, {1, 0, 3, 4, 0, 0, 0, 5, 2, 0});
  CHECK(select_rows_by_norm(m, 2, 3) == std::vector<int32_t>{2, 1, 3});
  CHECK(select_rows_by_norm(m, -1, 10) == std::vector<int32_t>{1, 3, 4, 0, 2});
}

TEST_CASE("prune_dictionary: kept words in order, labels kept, n-grams by selection", "[fasttext][training]") {
  DictionaryData d;
  d.nwords = 3;
  d.nlabels = 1;
  d.entries = {{"</s>", 5, EntryType::kWord}, {"a", 4, EntryType::kWord}, {"b", 3, EntryType::kWord},
               {"__label__x", 2, EntryType::kLabel}};
  // Rows 0-2 words, 3.. n-gram buckets 0..; keep </s>, bucket 4 (row 7), b, bucket 1 (row 4).
  std::vector<int32_t> rows = {0, 7, 2, 4};
  prune_dictionary(&d, &rows);
  CHECK(d.nwords == 2);
  CHECK(d.entries.size() == 3);
  CHECK(d.entries[0].word == "</s>");
  CHECK(d.entries[1].word == "b");
  CHECK(d.entries[2].word == "__label__x");
  CHECK(d.pruneidx_size == 2);
  CHECK(d.pruneidx == std::vector<std::pair<int32_t, int32_t>>{{4, 0}, {1, 1}});
  CHECK(rows == std::vector<int32_t>{0, 2, 7, 4});
  // Pruning again maps kept rows back to their buckets: keep only n-gram row 1 (bucket 1).
  std::vector<int32_t> again = {0, 3};
  prune_dictionary(&d, &again);
  CHECK(d.pruneidx == std::vector<std::pair<int32_t, int32_t>>{{1, 0}});
  CHECK(d.nwords == 1);
}

TEST_CASE("quantize_matrix: 256 distinct rows are their own centroids", "[fasttext][training]") {
  // k-means starts from 256 distinct rows of 256: every row is its nearest centroid, so
  // the centroids never move and decoding gives every row back exactly. D = 3, dsub 2:
  // sub-vectors of 2 and 1 floats.
  std::vector<float> v;
  for (int i = 0; i < 256; ++i) {
    v.push_back(static_cast<float>(i));
    v.push_back(static_cast<float>(i % 16) * 0.5f);
    v.push_back(-static_cast<float>(i) * 0.25f);
  }
  const RowMatrix m = matrix(256, 3, v);
  QuantizedMatrix q;
  REQUIRE(quantize_matrix(m, 2, false, &q).is_ok());
  REQUIRE(q.check_shape().is_ok());
  CHECK(q.pq.nsubq == 2);
  CHECK(q.pq.last_dsub == 1);
  for (int i = 0; i < 256; ++i) {
    const float* c0 = q.pq.centroid(0, q.codes[static_cast<size_t>(2 * i)]);
    const float* c1 = q.pq.centroid(1, q.codes[static_cast<size_t>(2 * i + 1)]);
    CHECK(c0[0] == v[static_cast<size_t>(3 * i)]);
    CHECK(c0[1] == v[static_cast<size_t>(3 * i + 1)]);
    CHECK(c1[0] == v[static_cast<size_t>(3 * i + 2)]);
  }
  // With qnorm each row is divided by its norm and the norm coded separately.
  REQUIRE(quantize_matrix(m, 3, true, &q).is_ok());
  for (int i = 1; i < 256; ++i) {
    const double norm = std::sqrt(double(v[3 * i]) * v[3 * i] + double(v[3 * i + 1]) * v[3 * i + 1] +
                                  double(v[3 * i + 2]) * v[3 * i + 2]);
    CHECK(q.row_norm(i) == Approx(norm).epsilon(1e-6));
    CHECK(q.pq.centroid(0, q.codes[static_cast<size_t>(i)])[0] * q.row_norm(i) == Approx(v[3 * i]).epsilon(1e-5));
  }
}

TEST_CASE("train_centroids: k-means ends on the means of its clusters", "[fasttext][training]") {
  // 1024 one-float rows: 256 well separated values, each repeated 4 times with offsets
  // -0.01, 0, 0, +0.01 around it. k-means from random starting rows may settle in a
  // local optimum (one centroid for two values, two for one; about a third of the rows
  // here), but each centroid is the mean of the rows the last assignment gave it, and
  // most rows are within their offset of a centroid.
  std::vector<float> v;
  const float offsets[4] = {-0.01f, 0.0f, 0.0f, 0.01f};
  for (int rep = 0; rep < 4; ++rep)
    for (int i = 0; i < 256; ++i) v.push_back(static_cast<float>(i) * 10.0f + offsets[rep]);
  std::vector<float> centroids(256);
  std::vector<uint8_t> codes(1024);
  Rng rng(1234);
  train_centroids(v.data(), 1024, 1, &rng, centroids.data(), codes.data());
  std::vector<double> sum(256, 0.0);
  std::vector<int> count(256, 0);
  for (size_t r = 0; r < v.size(); ++r) {
    sum[codes[r]] += v[r];
    ++count[codes[r]];
  }
  for (int k = 0; k < 256; ++k) {
    if (count[k] > 0) CHECK(centroids[static_cast<size_t>(k)] == Approx(sum[static_cast<size_t>(k)] / count[k]).margin(1e-3));
  }
  int close = 0;
  for (size_t r = 0; r < v.size(); ++r) close += std::fabs(double(centroids[codes[r]]) - v[r]) <= 0.0101;
  CHECK(close >= 512);
}

TEST_CASE("quantize_matrix and quantize_model: what cannot be quantized", "[fasttext][training]") {
  QuantizedMatrix q;
  CHECK(quantize_matrix(matrix(10, 2, std::vector<float>(20, 1.0f)), 2, false, &q).code() == StatusCode::kInvalidArgument);
  std::vector<float> many(512, 1.0f);
  CHECK(quantize_matrix(matrix(256, 2, many), 3, false, &q).code() == StatusCode::kOutOfRange);
  ModelFile f, out;
  f.args = args_for(ModelKind::kSkipgram);
  CHECK(quantize_model(f, {}, &out).code() == StatusCode::kInvalidArgument);
  QuantizeOptions o;
  o.cutoff = -1;
  CHECK(quantize_model(f, o, &out).code() == StatusCode::kOutOfRange);
}

}  // namespace
}  // namespace embedwasm::fasttext
