// Every path that splits its work over the thread pool gives the same bits with 1 and with
// 2 threads (each splits by output rows; see core/thread_pool.h). Sizes are above the
// paths' thresholds, and each case checks that the pool really ran a job, so a path that
// quietly stayed on one thread fails here. In a build without threads both runs are the
// same single-thread code.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "embedwasm/core/rng.h"
#include "embedwasm/core/thread_pool.h"
#include "embedwasm/embedding/embedding.h"
#include "embedwasm/embedding/embedding_bag.h"
#include "embedwasm/layers/dense.h"
#include "embedwasm/layers/embedding_layer.h"
#include "embedwasm/layers/flatten.h"
#include "embedwasm/layers/global_pooling.h"
#include "embedwasm/model/sequential.h"
#include "embedwasm/vectors/keyed_vectors.h"
#include "embedwasm/vectors/quantized_vectors.h"
#include "layers/layer_gradient_check.h"

using namespace embedwasm;

namespace {

// Runs f with `threads` threads and reports whether the pool ran a job meanwhile.
template <typename F>
bool RunWith(int threads, F f) {
  const int saved = thread_count();
  set_thread_count(threads);
  const size_t before = pool_jobs_run();
  f();
  const bool pooled = pool_jobs_run() > before;
  set_thread_count(saved);
  return pooled;
}

// The pool must have run with 2 threads wherever the build has threads, and never with 1.
void CheckPooled(bool one, bool two) {
  CHECK_FALSE(one);
  CHECK(two == threads_supported());
}

template <typename T>
bool SameBits(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0;
}

bool SameBits(const RowMatrix& a, const RowMatrix& b) {
  if (a.rows() != b.rows() || a.cols() != b.cols()) return false;
  for (size_t r = 0; r < a.rows(); ++r) {
    if (std::memcmp(a.row(r), b.row(r), a.cols() * sizeof(float)) != 0) return false;
  }
  return true;
}

// Ids with repeats (a small range) and the padding id 0.
std::vector<int32_t> Ids(size_t n, uint32_t range, uint64_t seed) {
  Rng rng(seed);
  std::vector<int32_t> ids(n);
  for (int32_t& id : ids) id = static_cast<int32_t>(rng.below(range));
  return ids;
}

std::vector<float> Floats(size_t n, uint64_t seed) {
  Rng rng(seed);
  std::vector<float> x(n);
  for (float& v : x) v = static_cast<float>(rng.uniform(-1.0, 1.0));
  return x;
}

constexpr size_t kV = 3000, kD = 64, kB = 64, kT = 64;

embedding::Embedding Table(bool sparse) {
  embedding::EmbeddingConfig c;
  c.table.input_dim = kV;
  c.table.output_dim = kD;
  c.table.padding_idx = 0;
  c.table.sparse = sparse;
  c.table.seed = 3;
  embedding::Embedding e;
  TL_REQUIRE_OK(embedding::Embedding::create(c, nullptr, &e));
  return e;
}

}  // namespace

TEST_CASE("threads: RowMatrix zeroing and dense copies in and out", "[threads]") {
  // 37 columns: rows padded to 40 floats, so a copy that ignored the stride would show.
  constexpr size_t kRows = 5000, kCols = 37;
  const std::vector<float> dense = Floats(kRows * kCols, 4);
  RowMatrix m[2];
  std::vector<float> out[2] = {std::vector<float>(dense.size()), std::vector<float>(dense.size())};
  bool pooled[2];
  for (int k = 0; k < 2; ++k) {
    TL_REQUIRE_OK(RowMatrix::create(kRows, kCols, &m[k]));
    pooled[k] = RunWith(k + 1, [&] {
      m[k].copy_from_dense(dense.data());
      m[k].copy_to_dense(out[k].data());
    });
    CHECK(SameBits(out[k], dense));
    const bool zeroed_pooled = RunWith(k + 1, [&] { m[k].fill_zero(); });
    CHECK(zeroed_pooled == pooled[k]);
    m[k].copy_to_dense(out[k].data());
    CHECK(SameBits(out[k], std::vector<float>(dense.size(), 0.0f)));
  }
  CheckPooled(pooled[0], pooled[1]);
}

TEST_CASE("threads: Embedding forward (gather) and forward_mean", "[threads]") {
  embedding::Embedding e = Table(false);
  const std::vector<int32_t> ids = Ids(kB * kT, 700, 1);
  std::vector<float> g1(kB * kT * kD), g2(g1.size()), m1(kB * kD), m2(m1.size());
  const bool one = RunWith(1, [&] {
    TL_REQUIRE_OK(e.forward(ids.data(), {kB, kT}, g1.data()));
    TL_REQUIRE_OK(e.forward_mean(ids.data(), {kB, kT}, m1.data()));
  });
  const bool two = RunWith(2, [&] {
    TL_REQUIRE_OK(e.forward(ids.data(), {kB, kT}, g2.data()));
    TL_REQUIRE_OK(e.forward_mean(ids.data(), {kB, kT}, m2.data()));
  });
  CheckPooled(one, two);
  CHECK(SameBits(g1, g2));
  CHECK(SameBits(m1, m2));
}

TEST_CASE("threads: Embedding backward, dense, sparse, mean and row by row", "[threads]") {
  embedding::Embedding e = Table(true);
  const std::vector<int32_t> ids = Ids(kB * kT, 700, 2);
  const std::vector<float> dy = Floats(kB * kT * kD, 3), dy_mean = Floats(kB * kD, 4);
  struct Out {
    RowMatrix dense, mean_dense;
    embedding::SparseRowGradient sparse, mean_sparse;
    std::vector<float> rows;  // what take() saw, in row order
  } out[2];
  bool pooled[2];
  for (int k = 0; k < 2; ++k) {
    Out& o = out[k];
    TL_REQUIRE_OK(RowMatrix::create(kV, kD, &o.dense));
    TL_REQUIRE_OK(RowMatrix::create(kV, kD, &o.mean_dense));
    o.rows.assign(kV * kD, 0.0f);
    pooled[k] = RunWith(k + 1, [&] {
      TL_REQUIRE_OK(e.backward_dense(ids.data(), {kB, kT}, dy.data(), &o.dense));
      TL_REQUIRE_OK(e.backward_mean_dense(ids.data(), {kB, kT}, dy_mean.data(), &o.mean_dense));
      TL_REQUIRE_OK(e.backward_sparse(ids.data(), {kB, kT}, dy.data(), &o.sparse));
      TL_REQUIRE_OK(e.backward_mean_sparse(ids.data(), {kB, kT}, dy_mean.data(), &o.mean_sparse));
      TL_REQUIRE_OK(e.backward_mean_sparse_rows(ids.data(), {kB, kT}, dy_mean.data(), [&](size_t r, const float* g) {
        std::memcpy(o.rows.data() + r * kD, g, kD * sizeof(float));
      }));
    });
  }
  CheckPooled(pooled[0], pooled[1]);
  CHECK(SameBits(out[0].dense, out[1].dense));
  CHECK(SameBits(out[0].mean_dense, out[1].mean_dense));
  CHECK(out[0].sparse.rows == out[1].sparse.rows);
  CHECK(SameBits(out[0].sparse.values, out[1].sparse.values));
  CHECK(out[0].mean_sparse.rows == out[1].mean_sparse.rows);
  CHECK(SameBits(out[0].mean_sparse.values, out[1].mean_sparse.values));
  CHECK(SameBits(out[0].rows, out[1].rows));
}

// Tasks of the sparse backward are split by work (positions plus rows), so a row that
// holds most of the batch leaves tasks with no rows at all. Ids: 3 in 4 are row 5, a
// few are the padding row, the rest spread over 2,000 rows.
TEST_CASE("threads: sparse backward with one row holding most positions", "[threads]") {
  embedding::Embedding e = Table(true);
  std::vector<int32_t> ids = Ids(kB * kT, 2000, 12);
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i % 4 != 3) ids[i] = 5;
  }
  const std::vector<float> dy = Floats(kB * kT * kD, 13), dy_mean = Floats(kB * kD, 14);
  struct Out {
    embedding::SparseRowGradient sparse, mean_sparse;
    std::vector<float> rows;  // what take() saw for the mean, in row order
  } out[3];
  bool pooled[3];
  for (int k = 0; k < 3; ++k) {
    Out& o = out[k];
    o.rows.assign(kV * kD, 0.0f);
    pooled[k] = RunWith(k + 1, [&] {
      TL_REQUIRE_OK(e.backward_sparse(ids.data(), {kB, kT}, dy.data(), &o.sparse));
      TL_REQUIRE_OK(e.backward_mean_sparse(ids.data(), {kB, kT}, dy_mean.data(), &o.mean_sparse));
      TL_REQUIRE_OK(e.backward_mean_sparse_rows(ids.data(), {kB, kT}, dy_mean.data(), [&](size_t r, const float* g) {
        std::memcpy(o.rows.data() + r * kD, g, kD * sizeof(float));
      }));
    });
  }
  CheckPooled(pooled[0], pooled[1]);
  // The row-by-row path sums each row's positions in input order too: the same bits.
  std::vector<float> mean_rows(kV * kD, 0.0f);
  for (size_t k = 0; k < out[0].mean_sparse.rows.size(); ++k) {
    std::memcpy(mean_rows.data() + static_cast<size_t>(out[0].mean_sparse.rows[k]) * kD,
                out[0].mean_sparse.row_values(k), kD * sizeof(float));
  }
  CHECK(SameBits(mean_rows, out[0].rows));
  CHECK(std::find(out[0].sparse.rows.begin(), out[0].sparse.rows.end(), 0) == out[0].sparse.rows.end());
  for (int k = 1; k < 3; ++k) {
    CHECK(out[0].sparse.rows == out[k].sparse.rows);
    CHECK(SameBits(out[0].sparse.values, out[k].sparse.values));
    CHECK(out[0].mean_sparse.rows == out[k].mean_sparse.rows);
    CHECK(SameBits(out[0].mean_sparse.values, out[k].mean_sparse.values));
    CHECK(SameBits(out[0].rows, out[k].rows));
  }
}

TEST_CASE("threads: EmbeddingBag forward, every mode", "[threads]") {
  const auto mode = GENERATE(embedding::EmbeddingBagMode::kSum, embedding::EmbeddingBagMode::kMean,
                             embedding::EmbeddingBagMode::kMax);
  embedding::EmbeddingBagConfig c;
  c.table.input_dim = kV;
  c.table.output_dim = kD;
  c.table.padding_idx = 0;
  c.mode = mode;
  embedding::EmbeddingBag bag;
  TL_REQUIRE_OK(embedding::EmbeddingBag::create(c, nullptr, &bag));
  const std::vector<int32_t> ids = Ids(kB * kT, 700, 5);
  embedding::BagInput in;
  in.ids = ids.data();
  in.ids_shape = {kB, kT};
  std::vector<float> a(kB * kD), b(a.size());
  const bool one = RunWith(1, [&] { TL_REQUIRE_OK(bag.forward(in, a.data())); });
  const bool two = RunWith(2, [&] { TL_REQUIRE_OK(bag.forward(in, b.data())); });
  CheckPooled(one, two);
  CHECK(SameBits(a, b));
}

namespace {

// Embedding(sparse or not) -> GlobalAveragePooling1D -> Dense(64, relu) -> Dense(1, sigmoid):
// with fusions on, the pooled forward, the fused row step (sparse), Dense forward and
// backward and the optimizer's dense row updates all run on the pool. flatten:
// Embedding -> Flatten -> Dense(1, sigmoid), a narrow Dense 4,096 inputs wide, and the
// fused row step from a (B, T, D) dy.
std::unique_ptr<model::Sequential> Classifier(bool sparse, bool fused, const std::string& optimizer,
                                              bool flatten = false) {
  auto m = std::make_unique<model::Sequential>();
  embedding::EmbeddingConfig ec;
  ec.table.input_dim = kV;
  ec.table.output_dim = kD;
  ec.table.seed = 7;
  ec.table.sparse = sparse;
  ec.table.padding_idx = 0;
  std::unique_ptr<layers::EmbeddingLayer> emb;
  TL_REQUIRE_OK(layers::EmbeddingLayer::create(ec, layers::TableLayerOptions(), nullptr, 0, &emb));
  m->add(std::move(emb));
  if (flatten) {
    m->add(std::make_unique<layers::Flatten>());
  } else {
    m->add(std::make_unique<layers::GlobalAveragePooling1D>());
  }
  for (size_t units : {size_t{64}, size_t{1}}) {
    if (flatten && units == 64) continue;
    layers::DenseConfig dc;
    dc.units = units;
    dc.activation = units == 1 ? layers::ActivationKind::kSigmoid : layers::ActivationKind::kRelu;
    dc.seed = 8 + units;
    std::unique_ptr<layers::Dense> d;
    TL_REQUIRE_OK(layers::Dense::create(dc, &d));
    m->add(std::move(d));
  }
  TL_REQUIRE_OK(m->build({kT}));
  optim::OptimizerSpec spec;
  spec.name = optimizer;
  spec.learning_rate = 0.05;
  TL_REQUIRE_OK(m->compile(spec, model::LossSpec{"binary_crossentropy", false}, {}));
  m->set_fusions(fused);
  return m;
}

}  // namespace

TEST_CASE("threads: a training step (fused sparse, unfused sparse, dense; Dense layers; optimizers)",
          "[threads]") {
  const bool sparse = GENERATE(true, false);
  const bool fused = GENERATE(true, false);
  const std::string optimizer = GENERATE(as<std::string>{}, "adam", "sgd", "adagrad");
  const bool flatten = GENERATE(false, true);
  INFO((sparse ? "sparse" : "dense") << (fused ? ", fused" : ", unfused") << ", " << optimizer
                                     << (flatten ? ", Flatten" : ", GlobalAveragePooling1D"));
  std::unique_ptr<model::Sequential> models[2] = {Classifier(sparse, fused, optimizer, flatten),
                                                  Classifier(sparse, fused, optimizer, flatten)};
  float losses[2][3];
  bool pooled[2];
  for (int k = 0; k < 2; ++k) {
    pooled[k] = RunWith(k + 1, [&] {
      Rng rng(11);
      for (int step = 0; step < 3; ++step) {
        Tensor x, y;
        x.resize({kB * 4, kT});
        y.resize({kB * 4, 1});
        for (float& id : x.data) id = static_cast<float>(rng.below(kV));
        for (float& v : y.data) v = static_cast<float>(rng.below(2));
        model::BatchLogs logs;
        TL_REQUIRE_OK(models[k]->train_on_batch(x, y, nullptr, &logs));
        losses[k][step] = static_cast<float>(logs.loss);
      }
    });
  }
  CheckPooled(pooled[0], pooled[1]);
  CHECK(std::memcmp(losses[0], losses[1], sizeof losses[0]) == 0);
  for (size_t i = 0; i < models[0]->num_layers(); ++i) {
    const std::vector<layers::Param*> a = models[0]->layer(i)->params(), b = models[1]->layer(i)->params();
    REQUIRE(a.size() == b.size());
    for (size_t j = 0; j < a.size(); ++j) {
      INFO("layer " << i << " param " << a[j]->name);
      CHECK(SameBits(*a[j]->value, *b[j]->value));
    }
  }
}

TEST_CASE("threads: cosine search (single and batched) and int8 search (single and batched)", "[threads]") {
  constexpr size_t kRows = 20000, kDim = 48, kQueries = 5;
  std::vector<std::string> words(kRows);
  for (size_t i = 0; i < kRows; ++i) words[i] = "w" + std::to_string(i);
  std::vector<float> x = Floats(kRows * kDim, 21);
  // Equal rows tie exactly: their order must come out the same with either split.
  std::memcpy(x.data() + 19000 * kDim, x.data() + 7 * kDim, kDim * sizeof(float));
  vectors::KeyedVectors kv;
  TL_REQUIRE_OK(vectors::KeyedVectors::create(words, x.data(), kDim, &kv));
  vectors::QuantizedVectors q;
  RowMatrix m;
  TL_REQUIRE_OK(RowMatrix::create(kRows, kDim, &m));
  for (size_t r = 0; r < kRows; ++r) std::memcpy(m.row(r), x.data() + r * kDim, kDim * sizeof(float));
  TL_REQUIRE_OK(vectors::QuantizedVectors::create(m, &q));
  const std::vector<float> queries(x.begin() + 7 * kDim, x.begin() + (7 + kQueries) * kDim);
  vectors::SearchOptions options;
  options.topn = 25;
  std::vector<std::vector<vectors::Neighbor>> batch[2], single[2], int8[2], int8_batch[2];
  bool pooled[2];
  for (int k = 0; k < 2; ++k) {
    pooled[k] = RunWith(k + 1, [&] {
      TL_REQUIRE_OK(kv.similar_by_vectors(queries.data(), kQueries, kDim, options, &batch[k]));
      TL_REQUIRE_OK(q.search_batch(queries.data(), kQueries, kDim, 25, 0, &int8_batch[k]));
      single[k].resize(kQueries);
      int8[k].resize(kQueries);
      for (size_t b = 0; b < kQueries; ++b) {
        TL_REQUIRE_OK(kv.similar_by_vector(queries.data() + b * kDim, kDim, options, &single[k][b]));
        TL_REQUIRE_OK(q.search(queries.data() + b * kDim, kDim, 25, 0, {}, &int8[k][b]));
      }
    });
  }
  CheckPooled(pooled[0], pooled[1]);
  for (size_t b = 0; b < kQueries; ++b) {
    for (auto* results : {batch, single, int8, int8_batch}) {
      REQUIRE(results[0][b].size() == 25);
      REQUIRE(results[1][b].size() == 25);
      CHECK(std::memcmp(results[0][b].data(), results[1][b].data(), 25 * sizeof(vectors::Neighbor)) == 0);
    }
    // The batched int8 scan (int16 kernel) against the single one (int8 kernel), split alike.
    CHECK(std::memcmp(int8_batch[1][b].data(), int8[1][b].data(), 25 * sizeof(vectors::Neighbor)) == 0);
  }
  // The first query is row 7 itself; its twin row 19000 ties and ranks second.
  CHECK(batch[1][0][0].index == 7);
  CHECK(batch[1][0][1].index == 19000);
}
