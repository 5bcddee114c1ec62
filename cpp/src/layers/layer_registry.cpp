#include "embedwasm/layers/layer_registry.h"

#include <utility>

#include "embedwasm/layers/activation.h"
#include "embedwasm/layers/dense.h"
#include "embedwasm/layers/dropout.h"
#include "embedwasm/layers/embedding_bag_layer.h"
#include "embedwasm/layers/embedding_layer.h"
#include "embedwasm/layers/flatten.h"
#include "embedwasm/layers/global_pooling.h"

namespace embedwasm::layers {
namespace {

// The layers without options beyond their kind.
struct NoOptions {};

const Schema<NoOptions>& no_options_schema() {
  static const Schema<NoOptions> schema("none");
  return schema;
}

// The record every layer made from options alone is saved as (model file version 1 fixes
// its shape): "kind", Dense's fields, then Dropout's rate. A kind takes the fields its own
// schema has from its config and keeps the others as slots: at Dense's and Dropout's
// defaults, except that a layer without weights records no bias and a zeros kernel
// initializer.
template <typename Config>
Schema<Config> shared_record(const char* kind, const Schema<Config>& own) {
  Schema<Config> s(kind);
  OptionField kind_field;
  kind_field.name = "kind";
  kind_field.key = "kind";
  kind_field.type = OptionType::kChoice;
  kind_field.default_value = OptionValue::text(kind);
  s.add_slot(kind_field);
  const bool weightless = own.find("units") == nullptr;
  auto place = [&](const OptionField& f) {
    if (own.find(f.name) != nullptr) {
      s.add_from(own, f.name);
    } else if (weightless && f.name == "use_bias") {
      s.add_slot(f).slot_value(OptionValue::boolean(false));
    } else if (weightless && f.name == "kernel_initializer") {
      s.add_slot(f).slot_value(OptionValue::text("zeros"));
    } else {
      s.add_slot(f);
    }
  };
  for (const OptionField& f : dense_schema().fields()) place(f);
  place(*dropout_schema().find("rate"));
  return s;
}

template <typename Config, typename Make>
Status create_from(const Schema<Config>& schema, const OptionRecord& record, Make make, std::unique_ptr<Layer>* out) {
  Config config;
  EMBEDWASM_RETURN_IF_ERROR(schema.read(record, &config));
  return make(config, out);
}

const Schema<DenseConfig>& dense_record() {
  static const Schema<DenseConfig> schema = shared_record("dense", dense_schema());
  return schema;
}
const Schema<DropoutConfig>& dropout_record() {
  static const Schema<DropoutConfig> schema = shared_record("dropout", dropout_schema());
  return schema;
}
const Schema<ActivationConfig>& activation_record() {
  static const Schema<ActivationConfig> schema = shared_record("activation", activation_schema());
  return schema;
}
template <typename L>
const Schema<NoOptions>& plain_record(const char* kind) {
  static const Schema<NoOptions> schema = shared_record(kind, no_options_schema());
  return schema;
}

Status make_dense(const OptionRecord& record, const OptionRecord&, const std::vector<InitialWeights>& weights,
                  std::unique_ptr<Layer>* out) {
  return create_from(dense_record(), record, [&](const DenseConfig& c, std::unique_ptr<Layer>* o) {
    std::unique_ptr<Dense> dense;
    EMBEDWASM_RETURN_IF_ERROR(Dense::create(c, &dense));
    if (!weights.empty()) {
      std::vector<std::vector<float>> copies;
      for (const InitialWeights& w : weights) copies.emplace_back(w.data, w.data + w.size);
      EMBEDWASM_RETURN_IF_ERROR(dense->set_weights(copies));
    }
    *o = std::move(dense);
    return Status::ok();
  }, out);
}

Status make_dropout(const OptionRecord& record, const OptionRecord&, const std::vector<InitialWeights>&,
                    std::unique_ptr<Layer>* out) {
  return create_from(dropout_record(), record, [](const DropoutConfig& c, std::unique_ptr<Layer>* o) {
    std::unique_ptr<Dropout> dropout;
    EMBEDWASM_RETURN_IF_ERROR(Dropout::create(c, &dropout));
    *o = std::move(dropout);
    return Status::ok();
  }, out);
}

Status make_activation(const OptionRecord& record, const OptionRecord&, const std::vector<InitialWeights>&,
                       std::unique_ptr<Layer>* out) {
  return create_from(activation_record(), record, [](const ActivationConfig& c, std::unique_ptr<Layer>* o) {
    *o = std::make_unique<Activation>(c);
    return Status::ok();
  }, out);
}

template <typename L>
Status make_plain(const OptionRecord&, const OptionRecord&, const std::vector<InitialWeights>&,
                  std::unique_ptr<Layer>* out) {
  *out = std::make_unique<L>();
  return Status::ok();
}

template <typename L>
Status make_table(const OptionRecord& record, const OptionRecord& layer_options,
                  const std::vector<InitialWeights>& weights, std::unique_ptr<Layer>* out) {
  typename L::Config config;
  EMBEDWASM_RETURN_IF_ERROR(L::record_schema().read(record, &config));
  TableLayerOptions options;
  EMBEDWASM_RETURN_IF_ERROR(table_layer_options_schema().read(layer_options, &options));
  if (weights.size() > 1) {
    return Status::invalid_argument("a table layer has one weight, embeddings; got " + std::to_string(weights.size()));
  }
  const InitialWeights w = weights.empty() ? InitialWeights() : weights[0];
  std::unique_ptr<L> layer;
  EMBEDWASM_RETURN_IF_ERROR(L::create(config, options, w.data, w.size, &layer));
  *out = std::move(layer);
  return Status::ok();
}

}  // namespace

const std::vector<LayerKind>& layer_kinds() {
  static const std::vector<LayerKind> kinds = [] {
    const OptionSchema* table_options = &table_layer_options_schema();
    std::vector<LayerKind> k;
    k.push_back({"embedding", &EmbeddingLayer::record_schema(), table_options, {"input_dim", "output_dim"},
                 {"embeddings"}, true, make_table<EmbeddingLayer>});
    k.push_back({"embeddingBag", &EmbeddingBagLayer::record_schema(), table_options, {"input_dim", "output_dim"},
                 {"embeddings"}, true, make_table<EmbeddingBagLayer>});
    k.push_back({"dense", &dense_record(), nullptr, {"units"}, {"kernel", "bias"}, false, make_dense});
    k.push_back({"dropout", &dropout_record(), nullptr, {"rate"}, {}, false, make_dropout});
    k.push_back({"activation", &activation_record(), nullptr, {}, {}, false, make_activation});
    k.push_back({"flatten", &plain_record<Flatten>("flatten"), nullptr, {}, {}, false, make_plain<Flatten>});
    k.push_back({"globalAveragePooling1d", &plain_record<GlobalAveragePooling1D>("globalAveragePooling1d"), nullptr,
                 {}, {}, false, make_plain<GlobalAveragePooling1D>});
    k.push_back({"globalMaxPooling1d", &plain_record<GlobalMaxPooling1D>("globalMaxPooling1d"), nullptr, {}, {},
                 false, make_plain<GlobalMaxPooling1D>});
    return k;
  }();
  return kinds;
}

const LayerKind* find_layer_kind(std::string_view name) {
  for (const LayerKind& k : layer_kinds()) {
    if (k.name == name) return &k;
  }
  return nullptr;
}

Status create_layer(std::string_view kind, const OptionRecord& record, const OptionRecord& layer_options,
                    const std::vector<InitialWeights>& weights, std::unique_ptr<Layer>* out) {
  const LayerKind* k = find_layer_kind(kind);
  if (k == nullptr) {
    std::string names;
    for (const LayerKind& each : layer_kinds()) names += (names.empty() ? "" : ", ") + each.name;
    return Status::invalid_argument("unknown layer kind '" + std::string(kind) + "' (valid: " + names + ")");
  }
  return k->create(record, layer_options, weights, out);
}

std::string layer_kinds_json() {
  std::string out = "{";
  for (const LayerKind& k : layer_kinds()) {
    std::vector<std::string> required;
    for (const std::string& r : k.required) required.push_back(camel_case(r));
    out += (out.size() > 1 ? "," : "") + json_quote(k.name) + ":{\"record\":" + to_json(*k.record) +
           ",\"layerOptions\":" + (k.layer_options ? to_json(*k.layer_options) : std::string("null")) +
           ",\"required\":" + json_names(required) + ",\"weights\":" + json_names(k.weights) +
           ",\"table\":" + (k.table ? "true" : "false") +
           ",\"defaults\":" + to_json(OptionValue::record(k.record->defaults())) + "}";
  }
  return out + "}";
}

}  // namespace embedwasm::layers
