#pragma once
// What every binding adapter shares: statuses for JS, heap pointers, option records.
#include <cstdint>
#include <string>

#include "embedwasm/embedding/embedding_table.h"
#include "embedwasm/core/shape.h"
#include "embedwasm/core/status.h"

namespace embedwasm::bindings {


struct StatusJs {
  int code = 0;
  std::string message;
};

inline StatusJs to_js(const Status& s) { return StatusJs{static_cast<int>(s.code()), s.message()}; }

template <typename T>
T* ptr(uintptr_t address) {
  return reinterpret_cast<T*>(address);
}

inline Shape read_shape(uintptr_t shape_ptr, uint32_t rank) {
  const uint32_t* dims = ptr<const uint32_t>(shape_ptr);
  return Shape(dims, dims + rank);
}

// Flat mirror of EmbeddingTableConfig + layer options; JS has already checked types
// and option names, the core checks values.
struct TableOptionsJs {
  double input_dim = 0, output_dim = 0;
  std::string initializer = "uniform";
  double minval = -0.05, maxval = 0.05, mean = 0, stddev = 0.05, value = 0, gain = 1;
  double seed = 0;
  bool has_padding_idx = false;
  double padding_idx = 0;
  bool has_max_norm = false;
  double max_norm = 0, norm_type = 2;
  bool scale_grad_by_freq = false, sparse = false;
  bool mask_zero = false;     // Embedding
  double input_length = 0;    // Embedding
  std::string mode = "mean";  // EmbeddingBag
  bool include_last_offset = false;  // EmbeddingBag
};

inline EmbeddingTableConfig table_config(const TableOptionsJs& o) {
  EmbeddingTableConfig c;
  c.input_dim = static_cast<int64_t>(o.input_dim);
  c.output_dim = static_cast<int64_t>(o.output_dim);
  c.embeddings_initializer = InitializerSpec{o.initializer, o.minval, o.maxval, o.mean, o.stddev,
                                             o.value, o.gain};
  c.seed = static_cast<uint64_t>(o.seed);
  if (o.has_padding_idx) c.padding_idx = static_cast<int64_t>(o.padding_idx);
  if (o.has_max_norm) c.max_norm = o.max_norm;
  c.norm_type = o.norm_type;
  c.scale_grad_by_freq = o.scale_grad_by_freq;
  c.sparse = o.sparse;
  return c;
}

}  // namespace embedwasm::bindings
