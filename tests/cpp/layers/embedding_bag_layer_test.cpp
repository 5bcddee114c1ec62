// layers/embedding_bag_layer: (B, L) float ids through the EmbeddingBag core, the
// table gradient by finite differences in every mode (duplicates and padding included),
// sparse and dense agreeing, and error paths.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "embedwasm/layers/embedding_bag_layer.h"
#include "layers/layer_gradient_check.h"

using namespace embedwasm;
using namespace embedwasm::layers;
using namespace embedwasm::embedding;
using namespace embedwasm::layers_test;

namespace {

constexpr int64_t kV = 6, kD = 3;

EmbeddingBagConfig MakeConfig(EmbeddingBagMode mode, bool sparse) {
  EmbeddingBagConfig c;
  c.table.input_dim = kV;
  c.table.output_dim = kD;
  c.table.padding_idx = 0;
  c.table.sparse = sparse;
  c.mode = mode;
  return c;
}

std::unique_ptr<EmbeddingBagLayer> MakeLayer(const EmbeddingBagConfig& c, const std::vector<float>& w) {
  std::unique_ptr<EmbeddingBagLayer> e;
  TL_REQUIRE_OK(EmbeddingBagLayer::create(c, TableLayerOptions(), w.data(), w.size(), &e));
  Shape out;
  TL_REQUIRE_OK(e->build({4}, &out));
  CHECK(out == Shape{3});
  return e;
}

// (B, L) = (3, 4): a duplicate id in bag 0, padding (0) in bags 0 and 1, bag 2 all padding.
const Tensor kIds = MakeTensor({3, 4}, {2, 0, 2, 5, 1, 3, 0, 4, 0, 0, 0, 0});

}  // namespace

TEST_CASE("EmbeddingBagLayer mean of the bags, padding left out", "[layers]") {
  std::vector<float> w(kV * kD);
  for (size_t i = 0; i < w.size(); ++i) w[i] = static_cast<float>(i);
  auto e = MakeLayer(MakeConfig(EmbeddingBagMode::kMean, false), w);
  Tensor y;
  Mask m = MakeMask({1}, {1});
  TL_REQUIRE_OK(e->forward(kIds, Mask(), false, &y, &m));
  CHECK(m.empty());
  CHECK(y.shape == Shape{3, 3});
  // Bag 0: rows 2, 2, 5 -> ([6,7,8] * 2 + [15,16,17]) / 3 = [9, 10, 11].
  // Bag 1: rows 1, 3, 4 -> ([3,4,5] + [9,10,11] + [12,13,14]) / 3 = [8, 9, 10].
  // Bag 2: nothing left -> 0.
  CHECK(y.data == std::vector<float>{9, 10, 11, 8, 9, 10, 0, 0, 0});
}

TEST_CASE("EmbeddingBagLayer table gradient matches finite differences in every mode", "[layers]") {
  const std::vector<float> w = RandomValues(kV * kD, 41);
  const std::vector<float> g = RandomValues(3 * kD, 42);
  for (EmbeddingBagMode mode : {EmbeddingBagMode::kSum, EmbeddingBagMode::kMean, EmbeddingBagMode::kMax}) {
    const std::string what = embedding_bag_mode_name(mode);
    auto dense = MakeLayer(MakeConfig(mode, false), w);
    auto sparse = MakeLayer(MakeConfig(mode, true), w);
    CHECK(AnalyticBackward(*dense, kIds, Mask(), g) == std::vector<float>(12, 0.0f));
    Param* p = dense->params()[0];
    // Step 1e-2 keeps max mode's arg-max put (random rows differ by more); float
    // rounding of the bag sums / mean is ~1e-7 of L, 1e-5 after dividing by 2h.
    std::vector<double> fd = ParamGradientFD(*dense, p, kIds, Mask(), g, 1e-2f);
    for (int64_t j = 0; j < kD; ++j) fd[j] = 0.0;  // padding row: never trained
    CheckGradient(DenseValue(p->grad), fd, 1e-4, 1e-3, what + " dW");
    for (int64_t j = 0; j < kD; ++j) CHECK(p->grad.row(0)[j] == 0.0f);

    AnalyticBackward(*sparse, kIds, Mask(), g);
    RowMatrix summed;
    TL_REQUIRE_OK(RowMatrix::create(kV, kD, &summed));
    TL_REQUIRE_OK(sparse->params()[0]->sparse_grad.add_to(&summed));
    CHECK(DenseValue(summed) == DenseValue(p->grad));
  }
}

TEST_CASE("EmbeddingBagLayer error paths", "[layers]") {
  std::unique_ptr<EmbeddingBagLayer> e;
  const std::vector<float> w(kV * kD + 1);
  CHECK(EmbeddingBagLayer::create(MakeConfig(EmbeddingBagMode::kSum, false), TableLayerOptions(),
                                  w.data(), w.size(), &e)
            .code() == StatusCode::kInvalidArgument);
  TL_REQUIRE_OK(EmbeddingBagLayer::create(MakeConfig(EmbeddingBagMode::kSum, false),
                                          TableLayerOptions(), nullptr, 0, &e));
  CHECK(e->params()[0]->name == "embeddings");
  Shape out;
  for (const Shape& bad : {Shape{}, Shape{2, 3}}) {
    const Status s = e->build(bad, &out);
    CHECK(s.code() == StatusCode::kInvalidArgument);
    CHECK(s.message().find(shape_to_string(bad)) != std::string::npos);
  }
  TL_REQUIRE_OK(e->build({2}, &out));
  Tensor y, dx;
  Mask m;
  const Status frac = e->forward(MakeTensor({2, 2}, {1, 2, 3, 0.5f}), Mask(), false, &y, &m);
  CHECK(frac.code() == StatusCode::kInvalidArgument);
  CHECK(frac.message().find("[1, 1]") != std::string::npos);
  CHECK(e->forward(MakeTensor({2, 2}, {1, 2, 3, 6}), Mask(), false, &y, &m).code() ==
        StatusCode::kOutOfRange);
  CHECK(e->forward(MakeTensor({2, 3}, std::vector<float>(6)), Mask(), false, &y, &m).code() ==
        StatusCode::kInvalidArgument);
  const Tensor x = MakeTensor({2, 2}, {1, 2, 3, 4});
  TL_REQUIRE_OK(e->forward(x, Mask(), false, &y, &m));
  CHECK(e->backward(x, Mask(), y, MakeTensor({2, 2}, std::vector<float>(4)), &dx).code() ==
        StatusCode::kInvalidArgument);
}
