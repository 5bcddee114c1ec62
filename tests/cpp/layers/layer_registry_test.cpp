// layers/layer_registry: every kind is made from its record as its own create() makes it
// from the same config, the records keep the shape the model file stores (version 1),
// and bad records are refused with the field named.
#include "embedwasm/layers/layer_registry.h"

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "embedwasm/layers/dense.h"
#include "embedwasm/layers/embedding_bag_layer.h"
#include "embedwasm/layers/embedding_layer.h"
#include "layers/layer_gradient_check.h"

using namespace embedwasm;
using namespace embedwasm::layers;

namespace {

std::vector<std::string> Keys(const OptionRecord& r) {
  std::vector<std::string> keys;
  for (const auto& e : r.entries()) keys.push_back(e.first);
  return keys;
}

std::vector<float> Weights(Layer* layer, size_t k) {
  const RowMatrix& w = *layer->params()[k]->value;
  std::vector<float> out(w.rows() * w.cols());
  w.copy_to_dense(out.data());
  return out;
}

OptionRecord With(OptionRecord r, const char* key, OptionValue v) {
  r.set(key, std::move(v));
  return r;
}

}  // namespace

TEST_CASE("the registry lists every kind with its weights", "[layer_registry]") {
  std::vector<std::string> names;
  for (const LayerKind& k : layer_kinds()) names.push_back(k.name);
  CHECK(names == std::vector<std::string>{"embedding", "embeddingBag", "dense", "dropout", "activation", "flatten",
                                          "globalAveragePooling1d", "globalMaxPooling1d"});
  CHECK(find_layer_kind("dense")->weights == std::vector<std::string>{"kernel", "bias"});
  CHECK(find_layer_kind("embeddingBag")->weights == std::vector<std::string>{"embeddings"});
  CHECK(find_layer_kind("embedding")->table);
  CHECK_FALSE(find_layer_kind("dense")->table);
  CHECK(find_layer_kind("conv2d") == nullptr);
}

TEST_CASE("records keep the model file's shape: one for the tables, one for the rest", "[layer_registry]") {
  const std::vector<std::string> table = {"inputDim", "outputDim", "initializer", "minval", "maxval", "mean", "stddev",
                                          "value", "gain", "seed", "hasPaddingIdx", "paddingIdx", "hasMaxNorm",
                                          "maxNorm", "normType", "scaleGradByFreq", "sparse", "maskZero",
                                          "inputLength", "mode", "includeLastOffset"};
  const std::vector<std::string> shared = {"kind", "units", "activation", "useBias", "kernelInitializer",
                                           "biasInitializer", "seed", "kernelRegularizer", "biasRegularizer",
                                           "kernelConstraint", "biasConstraint", "rate"};
  for (const LayerKind& k : layer_kinds()) {
    INFO(k.name);
    const OptionRecord d = k.record->defaults();
    CHECK(Keys(d) == (k.table ? table : shared));
    if (!k.table) CHECK(*d.find("kind") == OptionValue::text(k.name));
  }
  // A layer without weights records no bias and a zeros kernel; dense its own defaults.
  const OptionRecord flatten = find_layer_kind("flatten")->record->defaults();
  CHECK(*flatten.find("useBias") == OptionValue::boolean(false));
  CHECK(*flatten.find("kernelInitializer") == OptionValue::text("zeros"));
  const OptionRecord dense = find_layer_kind("dense")->record->defaults();
  CHECK(*dense.find("useBias") == OptionValue::boolean(true));
  CHECK(*dense.find("kernelInitializer") == OptionValue::text("glorotUniform"));
  CHECK(Keys(dense.find("kernelConstraint")->record()) ==
        std::vector<std::string>{"kind", "maxValue", "minValue", "rate"});
  // Each kind's options are its own fields; the rest are slots.
  const OptionSchema& dropout = *find_layer_kind("dropout")->record;
  CHECK_FALSE(dropout.find("rate")->slot);
  CHECK_FALSE(dropout.find("seed")->slot);
  CHECK(dropout.find("units")->slot);
  CHECK(EmbeddingLayer::record_schema().find("mode")->slot);
  CHECK_FALSE(EmbeddingBagLayer::record_schema().find("mode")->slot);
}

TEST_CASE("a dense layer from its record is the one Dense::create makes from the same config", "[layer_registry]") {
  OptionRecord record = find_layer_kind("dense")->record->defaults();
  record.set("units", OptionValue::number(3));
  record.set("activation", OptionValue::text("tanh"));
  record.set("kernelInitializer", OptionValue::text("heNormal"));
  record.set("seed", OptionValue::number(11));
  std::unique_ptr<Layer> from_record;
  REQUIRE(create_layer("dense", record, OptionRecord(), {}, &from_record).is_ok());
  DenseConfig c;
  c.units = 3;
  c.activation = ActivationKind::kTanh;
  c.kernel_initializer.name = "he_normal";
  c.seed = 11;
  std::unique_ptr<Dense> direct;
  REQUIRE(Dense::create(c, &direct).is_ok());
  Shape out;
  REQUIRE(from_record->build({4}, &out).is_ok());
  REQUIRE(direct->build({4}, &out).is_ok());
  CHECK(std::string(from_record->class_name()) == "Dense");
  CHECK(Weights(from_record.get(), 0) == Weights(direct.get(), 0));
  CHECK(static_cast<Dense*>(from_record.get())->config().activation == ActivationKind::kTanh);

  // Given weights replace the initializers.
  const std::vector<float> kernel = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, bias = {-1, 0, 1};
  std::unique_ptr<Layer> given;
  REQUIRE(create_layer("dense", record, OptionRecord(), {{kernel.data(), kernel.size()}, {bias.data(), bias.size()}},
                       &given)
              .is_ok());
  REQUIRE(given->build({4}, &out).is_ok());
  CHECK(Weights(given.get(), 0) == kernel);
  CHECK(Weights(given.get(), 1) == bias);
}

TEST_CASE("table kinds take their layer options beside the record", "[layer_registry]") {
  OptionRecord record = find_layer_kind("embeddingBag")->record->defaults();
  record.set("inputDim", OptionValue::number(5));
  record.set("outputDim", OptionValue::number(2));
  record.set("mode", OptionValue::text("max"));
  record.set("hasPaddingIdx", OptionValue::boolean(true));
  record.set("paddingIdx", OptionValue::number(-1));
  OptionRecord options = find_layer_kind("embeddingBag")->layer_options->defaults();
  options.set("embeddingsConstraint",
              OptionValue::record(With(options.find("embeddingsConstraint")->record(), "kind", OptionValue::text("unitNorm"))));
  std::unique_ptr<Layer> layer;
  REQUIRE(create_layer("embeddingBag", record, options, {}, &layer).is_ok());
  auto* bag = static_cast<EmbeddingBagLayer*>(layer.get());
  CHECK(bag->core().config().mode == embedding::EmbeddingBagMode::kMax);
  CHECK(bag->core().table().padding_row() == 4);
  CHECK(bag->params()[0]->constraint.kind == ConstraintKind::kUnitNorm);
  CHECK(bag->params()[0]->constraint.per_row);  // a table's rows, whatever the record says

  const std::vector<float> w = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  REQUIRE(create_layer("embedding", With(record, "mode", OptionValue::text("not read")), OptionRecord(),
                       {{w.data(), w.size()}}, &layer)
              .is_ok());
  CHECK(Weights(layer.get(), 0) == w);
}

TEST_CASE("bad records are refused with the option named", "[layer_registry]") {
  std::unique_ptr<Layer> layer;
  const OptionRecord dense = find_layer_kind("dense")->record->defaults();
  Status s = create_layer("dense", dense, OptionRecord(), {}, &layer);
  CHECK(s.code() == StatusCode::kOutOfRange);
  CHECK(s.message(camel_case) == "units must be in [1, 2147483647], got 0");
  s = create_layer("dense", With(With(dense, "units", OptionValue::number(2)), "activation", OptionValue::text("gelu")),
                   OptionRecord(), {}, &layer);
  CHECK(s.code() == StatusCode::kInvalidArgument);
  CHECK(s.field() == "activation");
  const OptionRecord bad_reg = With(dense.find("biasRegularizer")->record(), "l2", OptionValue::number(-1));
  s = create_layer("dense", With(With(dense, "units", OptionValue::number(2)), "biasRegularizer", OptionValue::record(bad_reg)),
                   OptionRecord(), {}, &layer);
  CHECK(s.message(camel_case) == "biasRegularizer l2 must be a finite number >= 0, got -1");
  s = create_layer("dropout", With(find_layer_kind("dropout")->record->defaults(), "rate", OptionValue::number(1)),
                   OptionRecord(), {}, &layer);
  CHECK(s.message() == "rate must be in [0, 1), got 1");
  s = create_layer("conv2d", OptionRecord(), OptionRecord(), {}, &layer);
  CHECK(s.code() == StatusCode::kInvalidArgument);
  CHECK_THAT(s.message(), Catch::Contains("unknown layer kind 'conv2d'") && Catch::Contains("globalMaxPooling1d"));
  CHECK(layer == nullptr);
}
