#pragma once
// What the Embedding and EmbeddingBag model layers share: each owns a table op from
// embedding/ (Core: embedding::Embedding or embedding::EmbeddingBag), whose (V, D)
// weights are the layer's one Param, "embeddings", with the layer's regularizer and
// constraint; and one way to be created. The subclasses (Derived) add build, forward,
// backward and the option record they are saved as.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "embedwasm/core/shape.h"
#include "embedwasm/core/status.h"
#include "embedwasm/embedding/embedding_table.h"
#include "embedwasm/layers/layer.h"
#include "embedwasm/layers/param.h"

namespace embedwasm::layers {

struct TableLayerOptions {
  RegularizerSpec embeddings_regularizer;
  // Keras' MaxNorm default axis = 0 would constrain columns of the (V, D) table; the
  // norm of each embedding vector is what is meant in practice (and what PyTorch's
  // max_norm bounds), so per_row = true is kept as ConstraintSpec's default.
  ConstraintSpec embeddings_constraint;
};
// Both as nested records: JS keeps them beside the table's record (a model file stores
// them as its "regularizer" and "constraint").
const Schema<TableLayerOptions>& table_layer_options_schema();

// The options, and the initial weights against the table's config: nullptr with
// num_weights 0 (draw from the initializer) or V * D values. Checked before the core is
// created, so that a wrong count fails before a large table is drawn; bad dims pass here
// and are reported by the core.
Status check_table_layer_args(const TableLayerOptions& options, const embedding::EmbeddingTableConfig& table,
                              const float* initial_weights, size_t num_weights);

// Points p at the table's weights with a dense (V, D) gradient or, for a sparse table,
// a sparse one, and the options' regularizer and constraint; then validates p (a column
// constraint on a sparse table would move rows the batch never touched).
Status make_table_param(const TableLayerOptions& options, embedding::EmbeddingTable* table, Param* p);

template <typename Core, typename Derived>
class TableLayer : public Layer {
 public:
  using TableCore = Core;
  using Config = typename Core::Config;

  // initial_weights: dense (V, D), num_weights = V * D, or nullptr (num_weights 0) to
  // draw from config.table.embeddings_initializer.
  static Status create(const Config& config, const TableLayerOptions& options, const float* initial_weights,
                       size_t num_weights, std::unique_ptr<Derived>* out) {
    std::unique_ptr<Derived> layer(new Derived());
    EMBEDWASM_RETURN_IF_ERROR(layer->init(config, options, initial_weights, num_weights));
    *out = std::move(layer);
    return Status::ok();
  }

  TableLayer(const TableLayer&) = delete;  // the Param points into the table
  TableLayer& operator=(const TableLayer&) = delete;

  Core& core() { return core_; }
  const Core& core() const { return core_; }
  // [embeddings]
  std::vector<Param*> params() override { return {&param_}; }

 protected:
  TableLayer() = default;

  Status init(const Config& config, const TableLayerOptions& options, const float* initial_weights,
              size_t num_weights) {
    EMBEDWASM_RETURN_IF_ERROR(check_table_layer_args(options, config.table, initial_weights, num_weights));
    EMBEDWASM_RETURN_IF_ERROR(Core::create(config, initial_weights, &core_));
    return make_table_param(options, &core_.table(), &param_);
  }

  Core core_;
  Param param_;
  bool built_ = false;
  Shape in_;                  // per sample
  std::vector<int32_t> ids_;  // scratch: x as int32
};

}  // namespace embedwasm::layers
