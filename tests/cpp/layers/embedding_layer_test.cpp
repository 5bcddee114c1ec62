// layers/embedding_layer: float ids through the Embedding core, the mask, the
// table gradient by finite differences (duplicates and the padding id included), sparse
// and dense gradients agreeing, and the integer and range checks.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "embedwasm/layers/embedding_layer.h"
#include "layers/layer_gradient_check.h"

using namespace embedwasm;
using namespace embedwasm::layers;
using namespace embedwasm::embedding;
using namespace embedwasm::layers_test;

namespace {

constexpr int64_t kV = 6, kD = 3;

EmbeddingConfig MakeConfig(bool sparse, bool mask_zero = false) {
  EmbeddingConfig c;
  c.table.input_dim = kV;
  c.table.output_dim = kD;
  c.table.seed = 17;
  c.table.sparse = sparse;
  c.mask_zero = mask_zero;
  return c;
}

std::unique_ptr<EmbeddingLayer> MakeLayer(const EmbeddingConfig& c, const Shape& in,
                                          const std::vector<float>& weights = {}) {
  std::unique_ptr<EmbeddingLayer> e;
  TL_REQUIRE_OK(EmbeddingLayer::create(c, TableLayerOptions(), weights.empty() ? nullptr : weights.data(),
                                       weights.size(), &e));
  Shape out;
  TL_REQUIRE_OK(e->build(in, &out));
  return e;
}

// (B, T) = (2, 4): id 2 three times, padding id 0 twice, id 5 once.
const Tensor kIds = MakeTensor({2, 4}, {2, 0, 2, 5, 1, 2, 0, 3});

std::vector<float> Arange(size_t n) {
  std::vector<float> w(n);
  for (size_t i = 0; i < n; ++i) w[i] = static_cast<float>(i);
  return w;
}

}  // namespace

TEST_CASE("EmbeddingLayer looks up rows of the given weights and builds the mask", "[layers]") {
  auto e = MakeLayer(MakeConfig(false, /*mask_zero=*/true), {4}, Arange(kV * kD));
  Tensor y;
  Mask m;
  TL_REQUIRE_OK(e->forward(kIds, Mask(), false, &y, &m));
  CHECK(y.shape == Shape{2, 4, 3});
  CHECK(std::vector<float>(y.data.begin(), y.data.begin() + 6) == std::vector<float>{6, 7, 8, 0, 1, 2});
  CHECK(m.shape == Shape{2, 4});
  CHECK(m.data == std::vector<uint8_t>{1, 0, 1, 1, 1, 1, 0, 1});

  auto nomask = MakeLayer(MakeConfig(false), {4});
  TL_REQUIRE_OK(nomask->forward(kIds, Mask(), false, &y, &m));
  CHECK(m.empty());

  // (B,) ids -> (B, D).
  auto flat = MakeLayer(MakeConfig(false), {}, Arange(kV * kD));
  Shape out;
  TL_REQUIRE_OK(flat->build({}, &out));
  CHECK(out == Shape{3});
  TL_REQUIRE_OK(flat->forward(MakeTensor({2}, {5, 1}), Mask(), false, &y, &m));
  CHECK(y.shape == Shape{2, 3});
  CHECK(y.data == std::vector<float>{15, 16, 17, 3, 4, 5});
}

TEST_CASE("EmbeddingLayer param: name, value, sparse flag, specs handed through", "[layers]") {
  TableLayerOptions options;
  options.embeddings_regularizer.l2 = 0.01;
  options.embeddings_constraint.kind = ConstraintKind::kMaxNorm;
  options.embeddings_constraint.max_value = 1.5;
  std::unique_ptr<EmbeddingLayer> e;
  TL_REQUIRE_OK(EmbeddingLayer::create(MakeConfig(true), options, nullptr, 0, &e));
  const std::vector<Param*> p = e->params();
  REQUIRE(p.size() == 1);
  CHECK(p[0]->name == "embeddings");
  CHECK(p[0]->value == &e->core().table().weights());
  CHECK(p[0]->sparse);
  CHECK(p[0]->regularizer.l2 == 0.01);
  CHECK(p[0]->constraint.kind == ConstraintKind::kMaxNorm);
  CHECK(p[0]->constraint.max_value == 1.5);
  CHECK(p[0]->constraint.per_row);

  auto dense = MakeLayer(MakeConfig(false), {4});
  CHECK_FALSE(dense->params()[0]->sparse);
  CHECK(dense->params()[0]->grad.rows() == static_cast<size_t>(kV));
  CHECK(dense->params()[0]->grad.cols() == static_cast<size_t>(kD));
}

TEST_CASE("EmbeddingLayer table gradient matches finite differences, sparse and dense agree",
          "[layers]") {
  EmbeddingConfig dense_config = MakeConfig(false, true);
  dense_config.table.padding_idx = 0;
  EmbeddingConfig sparse_config = dense_config;
  sparse_config.table.sparse = true;
  const std::vector<float> w = RandomValues(kV * kD, 31);
  auto dense = MakeLayer(dense_config, {4}, w);
  auto sparse = MakeLayer(sparse_config, {4}, w);
  const std::vector<float> g = RandomValues(2 * 4 * kD, 32);

  const std::vector<float> dx = AnalyticBackward(*dense, kIds, Mask(), g);
  CHECK(dx == std::vector<float>(8, 0.0f));  // ids have no gradient: zeros when asked
  Param* p = dense->params()[0];
  std::vector<double> fd = ParamGradientFD(*dense, p, kIds, Mask(), g, 0.125f);
  // The padding row is looked up (so L moves with it) but never trained (PyTorch
  // padding_idx): its gradient must be exactly 0.
  for (int64_t j = 0; j < kD; ++j) {
    CHECK(fd[j] != 0.0);
    fd[j] = 0.0;
  }
  // A lookup copies table values, so central differences are exact up to rounding of L.
  CheckGradient(DenseValue(p->grad), fd, 1e-5, 1e-5, "embedding dW (dense)");

  AnalyticBackward(*sparse, kIds, Mask(), g);
  const SparseRowGradient& sg = sparse->params()[0]->sparse_grad;
  CHECK(sg.rows == std::vector<int32_t>{1, 2, 3, 5});  // sorted, unique, padding left out
  RowMatrix summed;
  TL_REQUIRE_OK(RowMatrix::create(kV, kD, &summed));
  TL_REQUIRE_OK(sg.add_to(&summed));
  CHECK(DenseValue(summed) == DenseValue(p->grad));
}

TEST_CASE("EmbeddingLayer checks that ids are integers and in range", "[layers]") {
  auto e = MakeLayer(MakeConfig(false), {3}, Arange(kV * kD));
  Tensor y = MakeTensor({1}, {42});
  Mask m;
  const Status frac = e->forward(MakeTensor({2, 3}, {1, 2, 3, 4, 2.5f, 0}), Mask(), false, &y, &m);
  CHECK(frac.code() == StatusCode::kInvalidArgument);
  CHECK(frac.message().find("2.5") != std::string::npos);
  CHECK(frac.message().find("[1, 1]") != std::string::npos);
  CHECK(y.data == std::vector<float>{42});  // untouched on failure

  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float inf = std::numeric_limits<float>::infinity();
  CHECK(e->forward(MakeTensor({1, 3}, {1, nan, 2}), Mask(), false, &y, &m).code() ==
        StatusCode::kInvalidArgument);
  CHECK(e->forward(MakeTensor({1, 3}, {1, 2, inf}), Mask(), false, &y, &m).code() ==
        StatusCode::kInvalidArgument);

  const Status range = e->forward(MakeTensor({1, 3}, {1, 6, 2}), Mask(), false, &y, &m);
  CHECK(range.code() == StatusCode::kOutOfRange);
  CHECK(range.message().find("[0, 1]") != std::string::npos);
  CHECK(e->forward(MakeTensor({1, 3}, {-1, 0, 2}), Mask(), false, &y, &m).code() == StatusCode::kOutOfRange);
  const Status huge = e->forward(MakeTensor({1, 3}, {1, 0, 3e9f}), Mask(), false, &y, &m);
  CHECK(huge.code() == StatusCode::kOutOfRange);
  CHECK(huge.message().find("3e+09") != std::string::npos);
  CHECK(y.data == std::vector<float>{42});
}

TEST_CASE("EmbeddingLayer error paths", "[layers]") {
  std::unique_ptr<EmbeddingLayer> e;
  EmbeddingConfig c = MakeConfig(false);
  const std::vector<float> w(kV * kD - 1);
  CHECK(EmbeddingLayer::create(c, TableLayerOptions(), w.data(), w.size(), &e).code() ==
        StatusCode::kInvalidArgument);
  CHECK(EmbeddingLayer::create(c, TableLayerOptions(), nullptr, 18, &e).code() ==
        StatusCode::kInvalidArgument);
  c.table.input_dim = 0;
  CHECK(EmbeddingLayer::create(c, TableLayerOptions(), nullptr, 0, &e).code() == StatusCode::kOutOfRange);
  // A column constraint on a sparse table would move rows the batch did not touch.
  TableLayerOptions columns;
  columns.embeddings_constraint.kind = ConstraintKind::kMaxNorm;
  columns.embeddings_constraint.per_row = false;
  CHECK(EmbeddingLayer::create(MakeConfig(true), columns, nullptr, 0, &e).code() ==
        StatusCode::kInvalidArgument);

  TL_REQUIRE_OK(EmbeddingLayer::create(MakeConfig(false), TableLayerOptions(), nullptr, 0, &e));
  Tensor y, dx;
  Mask m;
  CHECK(e->forward(kIds, Mask(), false, &y, &m).code() == StatusCode::kInvalidArgument);  // not built
  Shape out;
  const Status rank = e->build({2, 4}, &out);
  CHECK(rank.code() == StatusCode::kInvalidArgument);
  CHECK(rank.message().find("(2, 4)") != std::string::npos);

  EmbeddingConfig fixed = MakeConfig(false);
  fixed.input_length = 5;
  std::unique_ptr<EmbeddingLayer> f;
  TL_REQUIRE_OK(EmbeddingLayer::create(fixed, TableLayerOptions(), nullptr, 0, &f));
  CHECK(f->build({4}, &out).code() == StatusCode::kInvalidArgument);
  TL_REQUIRE_OK(f->build({5}, &out));

  TL_REQUIRE_OK(e->build({4}, &out));
  CHECK(out == Shape{4, 3});
  CHECK(e->forward(MakeTensor({2, 3}, std::vector<float>(6)), Mask(), false, &y, &m).code() ==
        StatusCode::kInvalidArgument);
  TL_REQUIRE_OK(e->forward(kIds, Mask(), false, &y, &m));
  CHECK(e->backward(kIds, Mask(), y, MakeTensor({2, 4, 2}, std::vector<float>(16)), &dx).code() ==
        StatusCode::kInvalidArgument);
}
