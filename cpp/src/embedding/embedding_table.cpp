#include "embedwasm/embedding/embedding_table.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include "kernels/kernels.h"

namespace embedwasm::embedding {
namespace {

Status validate(const EmbeddingTableConfig& c) {
  EMBEDWASM_RETURN_IF_ERROR(table_schema().validate(c));
  // size_t is 32 bits on wasm32, where a larger D would wrap when converted (2^32 + 1
  // -> 1) and silently give a narrower table; natively such a D fails the 4 GiB cap.
  if (static_cast<uint64_t>(c.output_dim) > std::numeric_limits<size_t>::max()) {
    return Status::resource_exhausted(option_name("output_dim") + " " + std::to_string(c.output_dim) +
                                      " exceeds the 4 GiB memory limit");
  }
  if (c.padding_idx && (*c.padding_idx < -c.input_dim || *c.padding_idx >= c.input_dim)) {
    return Status::out_of_range("must be within [-" + option_name("input_dim") + ", " + option_name("input_dim") +
                                ") = [-" + std::to_string(c.input_dim) + ", " + std::to_string(c.input_dim) +
                                "), got " + std::to_string(*c.padding_idx))
        .with_field("padding_idx");
  }
  return Status::ok();
}

}  // namespace

const Schema<EmbeddingTableConfig>& table_schema() {
  static const Schema<EmbeddingTableConfig> schema = [] {
    Schema<EmbeddingTableConfig> s("table");
    // Ids are int32 on the way in, so V must fit.
    s.add("input_dim", &EmbeddingTableConfig::input_dim).at_least(1).at_most(std::numeric_limits<int32_t>::max());
    s.add("output_dim", &EmbeddingTableConfig::output_dim).at_least(1);
    s.add_record("embeddings_initializer", &EmbeddingTableConfig::embeddings_initializer, initializer_schema())
        .flat()
        .key("initializer");
    s.add("seed", &EmbeddingTableConfig::seed).random_seed();
    s.add("padding_idx", &EmbeddingTableConfig::padding_idx);
    s.add("max_norm", &EmbeddingTableConfig::max_norm).above(0);
    s.add("norm_type", &EmbeddingTableConfig::norm_type).above(0).at_most(std::numeric_limits<double>::infinity());
    s.add("scale_grad_by_freq", &EmbeddingTableConfig::scale_grad_by_freq);
    s.add("sparse", &EmbeddingTableConfig::sparse);
    return s;
  }();
  return schema;
}

Status EmbeddingTable::create(const EmbeddingTableConfig& config, const float* initial_weights,
                              EmbeddingTable* out) {
  EMBEDWASM_RETURN_IF_ERROR(validate(config));
  const size_t v = static_cast<size_t>(config.input_dim);
  const size_t d = static_cast<size_t>(config.output_dim);
  RowMatrix weights;
  EMBEDWASM_RETURN_IF_ERROR(RowMatrix::create(v, d, &weights));
  int32_t padding_row = -1;
  if (config.padding_idx) {
    padding_row = static_cast<int32_t>(*config.padding_idx < 0 ? *config.padding_idx + config.input_dim
                                                               : *config.padding_idx);
  }
  if (initial_weights != nullptr) {
    weights.copy_from_dense(initial_weights);
  } else {
    EMBEDWASM_RETURN_IF_ERROR(initialize(config.embeddings_initializer, config.seed, &weights));
    if (padding_row >= 0) std::memset(weights.row(padding_row), 0, d * sizeof(float));
  }
  out->config_ = config;
  out->weights_ = std::move(weights);
  out->padding_row_ = padding_row;
  out->renorm_seen_.clear();
  return Status::ok();
}

Status EmbeddingTable::check_ids(const int32_t* ids, const Shape& shape) const {
  const size_t n = shape_size(shape);
  const size_t v = vocab_size();
  // As uint32 a negative id is 2^31 or more, above every vocabulary size.
  const auto in_range = [v](int32_t id) { return static_cast<uint32_t>(id) < v; };
  // A pass with no early exit (the compiler makes it 4-wide wasm SIMD; 65,536 ids:
  // 0.19 -> 0.03 ms against stopping at the first bad id); only a batch with a bad id is
  // searched again, for the first one, to name it.
  uint32_t bad = 0;
  for (size_t i = 0; i < n; ++i) bad |= in_range(ids[i]) ? 0u : 1u;
  if (bad == 0) return Status::ok();
  size_t i = 0;
  while (in_range(ids[i])) ++i;
  return Status::out_of_range("id " + std::to_string(ids[i]) + " at position " + flat_index_to_position(i, shape) +
                              " is out of range for " + option_name("input_dim") + " " + std::to_string(v) +
                              " (valid ids are 0.." + std::to_string(v - 1) + ")");
}

void EmbeddingTable::renorm_rows(const int32_t* ids, size_t n) {
  if (!config_.max_norm) return;
  const float max_norm = static_cast<float>(*config_.max_norm);
  const float p = static_cast<float>(config_.norm_type);
  const size_t d = dim();
  // Sized once and cleared only where touched, so a lookup costs O(N), not O(V).
  if (renorm_seen_.size() != vocab_size()) renorm_seen_.assign(vocab_size(), 0);
  for (size_t i = 0; i < n; ++i) {
    // Each row once, as torch.embedding_renorm_ works on the unique ids.
    if (renorm_seen_[ids[i]]) continue;
    renorm_seen_[ids[i]] = 1;
    float* row = weights_.row(ids[i]);
    const float norm = kernels::f32_lp_norm(d, row, p);
    // The 1e-7 is PyTorch's, so renormalised rows match torch bit for bit in intent.
    if (norm > max_norm) kernels::f32_scale(d, max_norm / (norm + 1e-7f), row, row);
  }
  for (size_t i = 0; i < n; ++i) renorm_seen_[ids[i]] = 0;
}

Status EmbeddingTable::set_weights(const float* dense, size_t rows, size_t cols) {
  if (rows != vocab_size() || cols != dim()) {
    return Status::invalid_argument("weights must have shape (" + std::to_string(vocab_size()) +
                                    ", " + std::to_string(dim()) + "), got (" +
                                    std::to_string(rows) + ", " + std::to_string(cols) + ")");
  }
  weights_.copy_from_dense(dense);
  return Status::ok();
}

}  // namespace embedwasm::embedding
