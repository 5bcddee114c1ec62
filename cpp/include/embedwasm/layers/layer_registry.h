#pragma once
// The layer kinds by the names JS and the model file give them ("embedding", "dense",
// ...): each kind's option record (its schema: names, defaults, ranges, and the record's
// shape, which the model file stores), its weights' names, and how to make the layer from
// a record. The bindings make a model's layers through it; JS reads the same table
// (published with the option schemas) for the layers' options and the model file's kinds
// and weight names.
//
// To add a layer kind: the Layer (layers/<name>.h, cpp/src/layers/<name>.cpp) with a config
// struct and its schema; a finite-difference test in tests/cpp/layers/; one entry in
// layer_kinds() (layer_registry.cpp), its record made by shared_record() so that the model
// file keeps one record shape for every layer made from options alone; and
// web/lib/layers/<name>.js, whose factory is layerFactory('<name>') unless the layer has
// more than options (weights, a standalone table), with its type in web/lib/index.d.ts.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "embedwasm/core/option_record.h"
#include "embedwasm/core/option_schema.h"
#include "embedwasm/core/status.h"
#include "embedwasm/layers/layer.h"

namespace embedwasm::layers {

// A weight given to a new layer: `size` floats, row-major as the layer's weight is.
struct InitialWeights {
  const float* data = nullptr;
  size_t size = 0;
};

struct LayerKind {
  std::string name;
  // The record it is made from and saved as. A field marked slot belongs to another kind
  // and is kept at its value; the others are the kind's options.
  const OptionSchema* record = nullptr;
  // Table layers: their regularizer and constraint (TableLayerOptions), a record of their
  // own beside the table's. Null for the others.
  const OptionSchema* layer_options = nullptr;
  std::vector<std::string> required;  // options with no usable default (snake_case)
  // Weight names in order; a kind without all of them (Dense without bias) has a prefix.
  std::vector<std::string> weights;
  // A table layer (embedding, embeddingBag) stands alone before a model adopts its table.
  bool table = false;
  Status (*create)(const OptionRecord& record, const OptionRecord& layer_options,
                   const std::vector<InitialWeights>& weights, std::unique_ptr<Layer>* out) = nullptr;
};

// Every kind, in the order JS lists them.
const std::vector<LayerKind>& layer_kinds();
// By name, or null.
const LayerKind* find_layer_kind(std::string_view name);
// The layer of kind `kind` made from `record` (its options; missing fields keep their
// defaults), `layer_options` (table kinds) and initial `weights` (none: drawn from the
// initializers).
Status create_layer(std::string_view kind, const OptionRecord& record, const OptionRecord& layer_options,
                    const std::vector<InitialWeights>& weights, std::unique_ptr<Layer>* out);
// Every kind as JS reads it: {name: {record, layerOptions, required, weights, table,
// defaults}}, schemas as to_json writes them, required in JS spelling.
std::string layer_kinds_json();

}  // namespace embedwasm::layers
