#include "embedwasm/layers/table_layer.h"

#include <cstdint>
#include <string>

namespace embedwasm::layers {

const Schema<TableLayerOptions>& table_layer_options_schema() {
  static const Schema<TableLayerOptions> schema = [] {
    Schema<TableLayerOptions> s("tableLayerOptions");
    s.add_record("embeddings_regularizer", &TableLayerOptions::embeddings_regularizer, regularizer_schema());
    s.add_record("embeddings_constraint", &TableLayerOptions::embeddings_constraint, constraint_schema());
    return s;
  }();
  return schema;
}

Status check_table_layer_args(const TableLayerOptions& options, const embedding::EmbeddingTableConfig& table,
                              const float* initial_weights, size_t num_weights) {
  EMBEDWASM_RETURN_IF_ERROR(table_layer_options_schema().validate(options));
  EMBEDWASM_RETURN_IF_ERROR(
      validate(options.embeddings_constraint).prefixed(option_name("embeddings_constraint") + " "));
  if (initial_weights == nullptr && num_weights == 0) return Status::ok();
  const int64_t v = table.input_dim, d = table.output_dim;
  constexpr int64_t kInt32Max = 2147483647;
  if (v <= 0 || d <= 0 || v > kInt32Max || d > kInt32Max) return Status::ok();
  // Both < 2^31, so the product fits in 64 bits.
  const uint64_t expected = static_cast<uint64_t>(v) * static_cast<uint64_t>(d);
  if (initial_weights == nullptr || static_cast<uint64_t>(num_weights) != expected) {
    const std::string got = initial_weights == nullptr
                                ? "a null pointer (num_weights " + std::to_string(num_weights) + ")"
                                : std::to_string(num_weights);
    return Status::invalid_argument("initial weights must hold " + option_name("input_dim") + " * " +
                                    option_name("output_dim") + " = " +
                                    std::to_string(expected) + " values, got " + got);
  }
  return Status::ok();
}

Status make_table_param(const TableLayerOptions& options, embedding::EmbeddingTable* table, Param* p) {
  p->name = "embeddings";
  p->value = &table->weights();
  p->sparse = table->config().sparse;
  if (p->sparse) {
    p->sparse_grad.cols = table->dim();
  } else {
    EMBEDWASM_RETURN_IF_ERROR(RowMatrix::create(table->vocab_size(), table->dim(), &p->grad));
    p->tracks_grad_rows = true;  // a batch writes only the rows it looks up
  }
  p->regularizer = options.embeddings_regularizer;
  p->constraint = options.embeddings_constraint;
  return validate(*p);
}

}  // namespace embedwasm::layers
