// model/sequential moves a Flatten's values between its tensors instead of copying them
// (layers::Flatten::forward_moving / backward_moving, with fusions on). The layer before
// the Flatten reads its own output again in its backward, so the values must be back in
// place by then: a Dense(relu) before the Flatten, whose backward needs its output, shows
// whether they are. Training, evaluating and predicting must give the same bits as with
// every layer run on its own.
#include <catch2/catch.hpp>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "embedwasm/core/rng.h"
#include "embedwasm/layers/dense.h"
#include "embedwasm/layers/embedding_layer.h"
#include "embedwasm/layers/flatten.h"
#include "embedwasm/model/sequential.h"
#include "layers/layer_gradient_check.h"

using namespace embedwasm;
using namespace embedwasm::layers;
using namespace embedwasm::model;
using embedwasm::layers_test::DenseValue;

namespace {

constexpr size_t kVocab = 30, kDim = 6, kSteps = 5, kBatch = 4;

std::unique_ptr<Dense> MakeDense(int64_t units, ActivationKind act, uint64_t seed) {
  DenseConfig c;
  c.units = units;
  c.activation = act;
  c.seed = seed;
  std::unique_ptr<Dense> d;
  TL_REQUIRE_OK(Dense::create(c, &d));
  return d;
}

// Embedding -> Dense(4, relu) per step -> Flatten -> Dense(1, sigmoid); flatten_first:
// Embedding -> Flatten -> Dense(4, relu) -> Flatten (a no-op on 2-D) -> Dense(1, sigmoid).
std::unique_ptr<Sequential> Model(bool fused, bool flatten_first) {
  auto model = std::make_unique<Sequential>();
  embedding::EmbeddingConfig ec;
  ec.table.input_dim = kVocab;
  ec.table.output_dim = kDim;
  ec.table.seed = 3;
  std::unique_ptr<EmbeddingLayer> emb;
  TL_REQUIRE_OK(EmbeddingLayer::create(ec, TableLayerOptions(), nullptr, 0, &emb));
  model->add(std::move(emb));
  if (flatten_first) {
    model->add(std::make_unique<Flatten>());
    model->add(MakeDense(4, ActivationKind::kRelu, 4));
    model->add(std::make_unique<Flatten>());
  } else {
    model->add(MakeDense(4, ActivationKind::kRelu, 4));
    model->add(std::make_unique<Flatten>());
  }
  model->add(MakeDense(1, ActivationKind::kSigmoid, 5));
  TL_REQUIRE_OK(model->build({5}));
  optim::OptimizerSpec spec;
  spec.name = "adam";
  spec.learning_rate = 0.05;
  TL_REQUIRE_OK(model->compile(spec, LossSpec{"binary_crossentropy", false}, {}));
  model->set_fusions(fused);
  return model;
}

void Batch(Rng* rng, Tensor* x, Tensor* y) {
  x->resize({kBatch, 5});
  y->resize({kBatch, 1});
  for (float& id : x->data) id = static_cast<float>(rng->next_u64() % kVocab);
  for (float& v : y->data) v = static_cast<float>(rng->next_u64() % 2);
}

bool SameBits(const std::vector<float>& a, const std::vector<float>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

}  // namespace

TEST_CASE("Flatten moving its values: the same bits as copying them, training, evaluating, predicting",
          "[model][flatten]") {
  const bool flatten_first = GENERATE(false, true);
  INFO((flatten_first ? "Embedding -> Flatten -> Dense -> Flatten -> Dense" : "Embedding -> Dense -> Flatten -> Dense"));
  auto moving = Model(true, flatten_first);
  auto copying = Model(false, flatten_first);
  Rng rng(21);
  for (size_t step = 0; step < kSteps; ++step) {
    Tensor x, y;
    Batch(&rng, &x, &y);
    BatchLogs a, b;
    TL_REQUIRE_OK(moving->train_on_batch(x, y, nullptr, &a));
    TL_REQUIRE_OK(copying->train_on_batch(x, y, nullptr, &b));
    CHECK(std::memcmp(&a.loss, &b.loss, sizeof a.loss) == 0);
    // A forward without a backward between steps: the moved values stay moved until the
    // next forward writes them again.
    Batch(&rng, &x, &y);
    TL_REQUIRE_OK(moving->test_on_batch(x, y, nullptr, &a));
    TL_REQUIRE_OK(copying->test_on_batch(x, y, nullptr, &b));
    CHECK(std::memcmp(&a.loss, &b.loss, sizeof a.loss) == 0);
  }
  Tensor x, y, pa, pb;
  Batch(&rng, &x, &y);
  TL_REQUIRE_OK(moving->predict(x, &pa));
  TL_REQUIRE_OK(copying->predict(x, &pb));
  CHECK(SameBits(pa.data, pb.data));
  for (size_t i = 0; i < moving->num_layers(); ++i) {
    const std::vector<Param*> pm = moving->layer(i)->params(), pc = copying->layer(i)->params();
    REQUIRE(pm.size() == pc.size());
    for (size_t j = 0; j < pm.size(); ++j) {
      INFO("layer " << i << " param " << pm[j]->name);
      CHECK(SameBits(DenseValue(*pm[j]->value), DenseValue(*pc[j]->value)));
    }
  }
}
