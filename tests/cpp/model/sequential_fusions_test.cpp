// model/sequential's fusions: the fused sparse step (a sparse Embedding first, pooled or
// followed by Flatten, and a row-wise optimizer: each touched row is updated as its
// gradient is summed), the pooled embedding (Embedding -> GlobalAveragePooling1D as one
// mean of looked-up rows) and Flatten moving its values between the model's tensors.
// With them on, training must give the same bits as with every layer run on its own, for
// every optimizer: weights of every layer, loss, step count. Batches repeat ids and hold
// the padding id, so rows are coalesced from several positions and the padding row is
// skipped.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "embedwasm/core/rng.h"
#include "embedwasm/embedding/embedding.h"
#include "embedwasm/layers/dense.h"
#include "embedwasm/layers/embedding_layer.h"
#include "embedwasm/layers/flatten.h"
#include "embedwasm/layers/global_pooling.h"
#include "embedwasm/model/sequential.h"
#include "layers/dense_builder.h"
#include "layers/layer_gradient_check.h"

using namespace embedwasm;
using namespace embedwasm::model;
using namespace embedwasm::layers;
using namespace embedwasm::optim;

namespace {

constexpr size_t kVocab = 50, kDim = 12, kSteps = 8, kBatch = 6;  // kDim: 3 SIMD widths

// What comes between the Embedding and the Dense(5, relu) -> Dense(1, sigmoid) head.
// kFlatten gives the Embedding a (B, T, D) dy rather than pooling's (B, D). A Dense(relu)
// in front of a Flatten reads its own output again in its backward, so it shows whether a
// Flatten that moved its values moved them back.
enum class Between { kPooling, kFlatten, kDenseThenFlatten, kFlattenDenseFlatten };

std::unique_ptr<Sequential> Model(const OptimizerSpec& optimizer, bool fused, bool with_scale_by_freq,
                                  bool sparse = true, bool mask_zero = false, Between between = Between::kPooling) {
  auto model = std::make_unique<Sequential>();
  embedding::EmbeddingConfig ec;
  ec.table.input_dim = kVocab;
  ec.table.output_dim = kDim;
  ec.table.seed = 7;
  ec.table.sparse = sparse;
  ec.mask_zero = mask_zero;
  ec.table.padding_idx = 0;
  ec.table.scale_grad_by_freq = with_scale_by_freq;
  std::unique_ptr<EmbeddingLayer> emb;
  TL_REQUIRE_OK(EmbeddingLayer::create(ec, TableLayerOptions(), nullptr, 0, &emb));
  model->add(std::move(emb));
  switch (between) {
    case Between::kPooling:
      model->add(std::make_unique<GlobalAveragePooling1D>());
      break;
    case Between::kFlatten:
      model->add(std::make_unique<Flatten>());
      break;
    case Between::kDenseThenFlatten:
      model->add(layers_test::MakeDense(4, ActivationKind::kRelu, true, 6));
      model->add(std::make_unique<Flatten>());
      break;
    case Between::kFlattenDenseFlatten:  // the second Flatten of a 2-D input moves it as it is
      model->add(std::make_unique<Flatten>());
      model->add(layers_test::MakeDense(4, ActivationKind::kRelu, true, 6));
      model->add(std::make_unique<Flatten>());
      break;
  }
  model->add(layers_test::MakeDense(5, ActivationKind::kRelu, true, 8));
  model->add(layers_test::MakeDense(1, ActivationKind::kSigmoid, true, 9));
  TL_REQUIRE_OK(model->build({7}));
  TL_REQUIRE_OK(model->compile(optimizer, LossSpec{"binary_crossentropy", false}, {}));
  model->set_fusions(fused);
  return model;
}

// Ids drawn from a small range so that rows repeat within a batch, with the padding id 0.
void Batch(Rng* rng, Tensor* x, Tensor* y) {
  x->resize({kBatch, 7});
  y->resize({kBatch, 1});
  for (float& id : x->data) id = static_cast<float>(rng->next_u64() % 20);
  for (size_t b = 0; b < kBatch; ++b) y->data[b] = static_cast<float>(rng->next_u64() % 2);
}

bool SameBits(const RowMatrix& a, const RowMatrix& b) {
  if (a.rows() != b.rows() || a.cols() != b.cols()) return false;
  for (size_t r = 0; r < a.rows(); ++r) {
    if (std::memcmp(a.row(r), b.row(r), a.cols() * sizeof(float)) != 0) return false;
  }
  return true;
}

// Trains a (fusions on) and b (off) on the same batches, each step followed by after_step
// and an evaluation (a forward with no backward after it), then predicts: losses,
// predictions and every layer's weights must have the same bits.
void TrainAlike(Sequential* a, Sequential* b, uint64_t seed, const std::function<void()>& after_step = [] {}) {
  Rng rng(seed);
  for (size_t step = 0; step < kSteps; ++step) {
    Tensor x, y;
    Batch(&rng, &x, &y);
    BatchLogs la, lb;
    TL_REQUIRE_OK(a->train_on_batch(x, y, nullptr, &la));
    TL_REQUIRE_OK(b->train_on_batch(x, y, nullptr, &lb));
    CHECK(std::memcmp(&la.loss, &lb.loss, sizeof la.loss) == 0);
    after_step();
    Batch(&rng, &x, &y);
    TL_REQUIRE_OK(a->test_on_batch(x, y, nullptr, &la));
    TL_REQUIRE_OK(b->test_on_batch(x, y, nullptr, &lb));
    CHECK(std::memcmp(&la.loss, &lb.loss, sizeof la.loss) == 0);
  }
  Tensor x, y, pa, pb;
  Batch(&rng, &x, &y);
  TL_REQUIRE_OK(a->predict(x, &pa));
  TL_REQUIRE_OK(b->predict(x, &pb));
  CHECK(std::memcmp(pa.data.data(), pb.data.data(), pa.data.size() * sizeof(float)) == 0);
  for (size_t i = 0; i < a->num_layers(); ++i) {
    const std::vector<Param*> of_a = a->layer(i)->params(), of_b = b->layer(i)->params();
    REQUIRE(of_a.size() == of_b.size());
    for (size_t j = 0; j < of_a.size(); ++j) {
      INFO("layer " << i << " param " << of_a[j]->name);
      CHECK(SameBits(*of_a[j]->value, *of_b[j]->value));
    }
  }
}

OptimizerSpec Spec(const std::string& name) {
  OptimizerSpec s;
  s.name = name;
  s.learning_rate = 0.05;
  if (name == "adamw") s.weight_decay = 0.01;  // decoupled: part of AdamW's row update
  if (name == "rmsprop") s.momentum = 0.5;
  return s;
}

}  // namespace

TEST_CASE("fused sparse step: the same bits as the unfused step, for every row-wise optimizer",
          "[model][fused]") {
  const std::string name =
      GENERATE(as<std::string>{}, "sgd", "momentum", "adagrad", "rmsprop", "adam", "sparse_adam", "adamw", "adamax");
  const bool pooled = GENERATE(true, false);
  // scale_grad_by_freq keeps the Embedding from pooling, so the fused step then takes the
  // (B, T, D) dy of GlobalAveragePooling1D's backward.
  const bool by_freq = GENERATE(false, true);
  INFO(name << (pooled ? ", GlobalAveragePooling1D" : ", Flatten") << (by_freq ? ", scale_grad_by_freq" : ""));
  const Between between = pooled ? Between::kPooling : Between::kFlatten;
  auto fused = Model(Spec(name), true, by_freq, true, false, between);
  auto unfused = Model(Spec(name), false, by_freq, true, false, between);
  TrainAlike(fused.get(), unfused.get(), 123, [&] {
    // The fused path writes no gradient rows; the unfused one does. This is what shows
    // the two models took different paths at all.
    CHECK(fused->layer(0)->params()[0]->sparse_grad.rows.empty());
    CHECK_FALSE(unfused->layer(0)->params()[0]->sparse_grad.rows.empty());
  });
  CHECK(fused->iterations() == unfused->iterations());
}

TEST_CASE("pooled embedding: the same bits as Embedding then GlobalAveragePooling1D", "[model][fused]") {
  const bool sparse = GENERATE(false, true);
  const bool mask_zero = GENERATE(false, true);
  const std::string name = GENERATE(as<std::string>{}, "sgd", "adam");
  INFO(name << (sparse ? ", sparse" : ", dense") << (mask_zero ? ", mask_zero" : ""));
  auto fused = Model(Spec(name), true, false, sparse, mask_zero);
  auto unfused = Model(Spec(name), false, false, sparse, mask_zero);
  // The mask changes each sample's mean, so a masked Embedding is not pooled.
  CHECK(dynamic_cast<EmbeddingLayer*>(fused->layer(0))->pools_to_mean() == !mask_zero);
  TrainAlike(fused.get(), unfused.get(), 77);
}

TEST_CASE("fused sparse step: moves the weights at all (not a step that does nothing)", "[model][fused]") {
  auto model = Model(Spec("sparse_adam"), true, false);
  const RowMatrix& w = *model->layer(0)->params()[0]->value;
  std::vector<float> before(kVocab * kDim);
  for (size_t r = 0; r < kVocab; ++r) std::memcpy(before.data() + r * kDim, w.row(r), kDim * sizeof(float));
  Rng rng(5);
  Tensor x, y;
  Batch(&rng, &x, &y);
  BatchLogs logs;
  TL_REQUIRE_OK(model->train_on_batch(x, y, nullptr, &logs));
  size_t moved = 0;
  for (size_t r = 0; r < kVocab; ++r) moved += std::memcmp(before.data() + r * kDim, w.row(r), kDim * sizeof(float)) != 0;
  size_t touched = 0;
  for (size_t r = 1; r < 20; ++r) {
    bool in_batch = false;
    for (float id : x.data) in_batch = in_batch || static_cast<size_t>(id) == r;
    touched += in_batch;
  }
  // Exactly the batch's rows but the padding row move.
  CHECK(moved == touched);
}

TEST_CASE("Embedding: gradient rows one by one are the rows of the sparse gradient", "[model][fused]") {
  // The fused step's row source against the buffered one, with and without
  // scale_grad_by_freq, for ids (B, T) and for their mean over T.
  const bool by_freq = GENERATE(false, true);
  embedding::EmbeddingConfig ec;
  ec.table.input_dim = kVocab;
  ec.table.output_dim = kDim;
  ec.table.padding_idx = 3;
  ec.table.scale_grad_by_freq = by_freq;
  ec.table.sparse = true;
  embedding::Embedding e;
  TL_REQUIRE_OK(embedding::Embedding::create(ec, nullptr, &e));
  // Ids from 12 rows: few groups, each of many positions; from all 50: more groups than
  // the row sums read ahead at once.
  const size_t id_range = GENERATE(12, kVocab);
  INFO("ids below " << id_range);
  Rng rng(31);
  const Shape shape = id_range == 12 ? Shape{5, 9} : Shape{16, 40};
  std::vector<int32_t> ids(shape[0] * shape[1]);
  for (int32_t& id : ids) id = static_cast<int32_t>(rng.next_u64() % id_range);
  std::vector<float> dy(ids.size() * kDim), pooled_dy(shape[0] * kDim);
  for (float& v : dy) v = static_cast<float>(rng.next_u32() % 2001) / 1000.0f - 1.0f;
  for (float& v : pooled_dy) v = static_cast<float>(rng.next_u32() % 2001) / 1000.0f - 1.0f;
  const auto rows_of = [&](bool mean) {
    std::vector<std::pair<size_t, std::vector<float>>> rows;
    const embedding::GradientRowFn take = [&](size_t r, const float* g) { rows.emplace_back(r, std::vector<float>(g, g + kDim)); };
    const Status s = mean ? e.backward_mean_sparse_rows(ids.data(), shape, pooled_dy.data(), take)
                          : e.backward_sparse_rows(ids.data(), shape, dy.data(), take);
    return std::make_pair(s, rows);
  };
  for (const bool mean : {false, true}) {
    INFO((mean ? "mean over T" : "per position") << (by_freq ? ", scale_grad_by_freq" : ""));
    embedding::SparseRowGradient grad;
    const Status buffered = mean ? e.backward_mean_sparse(ids.data(), shape, pooled_dy.data(), &grad)
                                 : e.backward_sparse(ids.data(), shape, dy.data(), &grad);
    const auto [status, rows] = rows_of(mean);
    if (mean && by_freq) {  // refused by both, as the header says
      CHECK(buffered.code() == StatusCode::kInvalidArgument);
      CHECK(status.code() == StatusCode::kInvalidArgument);
      continue;
    }
    TL_REQUIRE_OK(buffered);
    TL_REQUIRE_OK(status);
    REQUIRE(rows.size() == grad.rows.size());
    REQUIRE_FALSE(rows.empty());
    for (size_t k = 0; k < rows.size(); ++k) {
      CHECK(rows[k].first == static_cast<size_t>(grad.rows[k]));
      CHECK(rows[k].first != 3);  // the padding row gets no gradient
      CHECK(std::memcmp(rows[k].second.data(), grad.row_values(k), kDim * sizeof(float)) == 0);
    }
  }
}

TEST_CASE("fused sparse step: not taken where the update needs every gradient first", "[model][fused]") {
  // Clipping by global norm needs the norm over all gradients before any row moves.
  OptimizerSpec spec = Spec("adam");
  spec.clip_norm = 0.5;
  auto fused = Model(spec, true, false);
  auto unfused = Model(spec, false, false);
  Rng rng(9);
  Tensor x, y;
  Batch(&rng, &x, &y);
  BatchLogs a, b;
  TL_REQUIRE_OK(fused->train_on_batch(x, y, nullptr, &a));
  TL_REQUIRE_OK(unfused->train_on_batch(x, y, nullptr, &b));
  CHECK_FALSE(fused->layer(0)->params()[0]->sparse_grad.rows.empty());
  CHECK(SameBits(*fused->layer(0)->params()[0]->value, *unfused->layer(0)->params()[0]->value));
}

TEST_CASE("Flatten moving its values: the same bits as copying them, training, evaluating, predicting",
          "[model][fused][flatten]") {
  const Between between = GENERATE(Between::kDenseThenFlatten, Between::kFlattenDenseFlatten);
  const bool sparse = GENERATE(false, true);
  INFO((between == Between::kDenseThenFlatten ? "Dense -> Flatten" : "Flatten -> Dense -> Flatten")
       << (sparse ? ", sparse" : ", dense"));
  auto moving = Model(Spec("adam"), true, false, sparse, false, between);
  auto copying = Model(Spec("adam"), false, false, sparse, false, between);
  TrainAlike(moving.get(), copying.get(), 21);
}
