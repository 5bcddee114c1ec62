// The only file that knows about JavaScript. Adapters, no math: JS passes options as
// plain objects and data as pointers into the wasm heap that it allocated (one call
// per batch), and gets back a {code, message} status that web/lib turns into
// RangeError / TypeError. Nothing here throws.
#include <emscripten/bind.h>

#include <cstdint>
#include <string>
#include <vector>

#include "embedwasm/embedding.h"
#include "embedwasm/embedding_bag.h"
#include "embedwasm/row_matrix.h"
#include "embedwasm/shape.h"
#include "embedwasm/sparse_row_gradient.h"
#include "embedwasm/status.h"

namespace embedwasm::bindings {
namespace {

struct StatusJs {
  int code = 0;
  std::string message;
};

StatusJs to_js(const Status& s) { return StatusJs{static_cast<int>(s.code()), s.message()}; }

template <typename T>
T* ptr(uintptr_t address) {
  return reinterpret_cast<T*>(address);
}

Shape read_shape(uintptr_t shape_ptr, uint32_t rank) {
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

EmbeddingTableConfig table_config(const TableOptionsJs& o) {
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

// Gradient results stay in the handle until the next backward, so JS can copy them
// out of the heap without a second allocation on either side.
class GradientBuffers {
 public:
  // Zeroes (or first allocates) the (V, D) dense gradient.
  Status reset_dense(size_t v, size_t d) {
    if (dense_.rows() != v || dense_.cols() != d) return RowMatrix::create(v, d, &dense_);
    dense_.fill_zero();
    return Status::ok();
  }
  RowMatrix* dense() { return &dense_; }
  SparseRowGradient* sparse() { return &sparse_; }
  uint32_t sparse_rows() const { return sparse_.rows.size(); }
  uintptr_t sparse_rows_ptr() const { return reinterpret_cast<uintptr_t>(sparse_.rows.data()); }
  uintptr_t sparse_values_ptr() const { return reinterpret_cast<uintptr_t>(sparse_.values.data()); }

 private:
  RowMatrix dense_;
  SparseRowGradient sparse_;
};

class EmbeddingJs : public GradientBuffers {
 public:
  StatusJs init(const TableOptionsJs& o, uintptr_t weights_ptr) {
    EmbeddingConfig config;
    config.table = table_config(o);
    config.mask_zero = o.mask_zero;
    config.input_length = static_cast<int64_t>(o.input_length);
    return to_js(Embedding::create(config, weights_ptr ? ptr<const float>(weights_ptr) : nullptr,
                                   &layer_));
  }
  StatusJs forward(uintptr_t ids, uintptr_t shape, uint32_t rank, uintptr_t out) {
    return to_js(layer_.forward(ptr<const int32_t>(ids), read_shape(shape, rank), ptr<float>(out)));
  }
  StatusJs compute_mask(uintptr_t ids, uintptr_t shape, uint32_t rank, uintptr_t mask) {
    return to_js(layer_.compute_mask(ptr<const int32_t>(ids), read_shape(shape, rank),
                                     ptr<uint8_t>(mask)));
  }
  // Dense gradient written as a dense (V, D) array at out.
  StatusJs backward_dense(uintptr_t ids, uintptr_t shape, uint32_t rank, uintptr_t dy, uintptr_t out) {
    Status s = reset_dense(layer_.vocab_size(), layer_.dim());
    if (s.is_ok()) {
      s = layer_.backward_dense(ptr<const int32_t>(ids), read_shape(shape, rank), ptr<const float>(dy),
                                dense());
    }
    if (s.is_ok()) dense()->copy_to_dense(ptr<float>(out));
    return to_js(s);
  }
  StatusJs backward_sparse(uintptr_t ids, uintptr_t shape, uint32_t rank, uintptr_t dy) {
    return to_js(layer_.backward_sparse(ptr<const int32_t>(ids), read_shape(shape, rank),
                                        ptr<const float>(dy), sparse()));
  }
  void get_weights(uintptr_t out) const { layer_.table().weights().copy_to_dense(ptr<float>(out)); }
  StatusJs set_weights(uintptr_t dense, uint32_t rows, uint32_t cols) {
    return to_js(layer_.table().set_weights(ptr<const float>(dense), rows, cols));
  }

 private:
  Embedding layer_;
};

// Where a batch of bags sits in the heap; pointers are 0 when absent.
struct BagArgsJs {
  uintptr_t ids = 0, shape = 0;
  uint32_t rank = 0;
  uintptr_t offsets = 0;
  uint32_t num_offsets = 0;
  bool has_offsets = false;
  uintptr_t per_sample_weights = 0;
};

BagInput bag_input(const BagArgsJs& a) {
  BagInput in;
  in.ids = ptr<const int32_t>(a.ids);
  in.ids_shape = read_shape(a.shape, a.rank);
  // The core tells "no offsets" (nullptr) from "empty offsets" (non-null, 0 of them).
  in.offsets = a.has_offsets ? ptr<const int32_t>(a.offsets) : nullptr;
  in.num_offsets = a.num_offsets;
  in.per_sample_weights = a.per_sample_weights ? ptr<const float>(a.per_sample_weights) : nullptr;
  return in;
}

class EmbeddingBagJs : public GradientBuffers {
 public:
  StatusJs init(const TableOptionsJs& o, uintptr_t weights_ptr) {
    EmbeddingBagConfig config;
    config.table = table_config(o);
    config.include_last_offset = o.include_last_offset;
    Status s = parse_embedding_bag_mode(o.mode, &config.mode);
    if (s.is_ok()) {
      s = EmbeddingBag::create(config, weights_ptr ? ptr<const float>(weights_ptr) : nullptr, &layer_);
    }
    return to_js(s);
  }
  StatusJs count_bags(const BagArgsJs& a) {
    size_t bags = 0;
    Status s = layer_.output_rows(bag_input(a), &bags);
    last_bags_ = static_cast<uint32_t>(bags);
    return to_js(s);
  }
  uint32_t last_bags() const { return last_bags_; }
  StatusJs forward(const BagArgsJs& a, uintptr_t out) {
    return to_js(layer_.forward(bag_input(a), ptr<float>(out)));
  }
  StatusJs backward_dense(const BagArgsJs& a, uintptr_t dy, uintptr_t out) {
    Status s = reset_dense(layer_.vocab_size(), layer_.dim());
    if (s.is_ok()) s = layer_.backward_dense(bag_input(a), ptr<const float>(dy), dense());
    if (s.is_ok()) dense()->copy_to_dense(ptr<float>(out));
    return to_js(s);
  }
  StatusJs backward_sparse(const BagArgsJs& a, uintptr_t dy) {
    return to_js(layer_.backward_sparse(bag_input(a), ptr<const float>(dy), sparse()));
  }
  StatusJs backward_per_sample_weights(const BagArgsJs& a, uintptr_t dy, uintptr_t out) {
    return to_js(layer_.backward_per_sample_weights(bag_input(a), ptr<const float>(dy), ptr<float>(out)));
  }
  void get_weights(uintptr_t out) const { layer_.table().weights().copy_to_dense(ptr<float>(out)); }
  StatusJs set_weights(uintptr_t dense, uint32_t rows, uint32_t cols) {
    return to_js(layer_.table().set_weights(ptr<const float>(dense), rows, cols));
  }

 private:
  EmbeddingBag layer_;
  uint32_t last_bags_ = 0;
};

bool simd_build() {
#if defined(__wasm_simd128__)
  return true;
#else
  return false;
#endif
}

bool threads_build() {
#if defined(__EMSCRIPTEN_PTHREADS__)
  return true;
#else
  return false;
#endif
}

}  // namespace
}  // namespace embedwasm::bindings

EMSCRIPTEN_BINDINGS(embedwasm) {
  using namespace emscripten;
  using namespace embedwasm::bindings;

  value_object<StatusJs>("Status")
      .field("code", &StatusJs::code)
      .field("message", &StatusJs::message);

  value_object<TableOptionsJs>("TableOptions")
      .field("inputDim", &TableOptionsJs::input_dim)
      .field("outputDim", &TableOptionsJs::output_dim)
      .field("initializer", &TableOptionsJs::initializer)
      .field("minval", &TableOptionsJs::minval)
      .field("maxval", &TableOptionsJs::maxval)
      .field("mean", &TableOptionsJs::mean)
      .field("stddev", &TableOptionsJs::stddev)
      .field("value", &TableOptionsJs::value)
      .field("gain", &TableOptionsJs::gain)
      .field("seed", &TableOptionsJs::seed)
      .field("hasPaddingIdx", &TableOptionsJs::has_padding_idx)
      .field("paddingIdx", &TableOptionsJs::padding_idx)
      .field("hasMaxNorm", &TableOptionsJs::has_max_norm)
      .field("maxNorm", &TableOptionsJs::max_norm)
      .field("normType", &TableOptionsJs::norm_type)
      .field("scaleGradByFreq", &TableOptionsJs::scale_grad_by_freq)
      .field("sparse", &TableOptionsJs::sparse)
      .field("maskZero", &TableOptionsJs::mask_zero)
      .field("inputLength", &TableOptionsJs::input_length)
      .field("mode", &TableOptionsJs::mode)
      .field("includeLastOffset", &TableOptionsJs::include_last_offset);

  value_object<BagArgsJs>("BagArgs")
      .field("ids", &BagArgsJs::ids)
      .field("shape", &BagArgsJs::shape)
      .field("rank", &BagArgsJs::rank)
      .field("offsets", &BagArgsJs::offsets)
      .field("numOffsets", &BagArgsJs::num_offsets)
      .field("hasOffsets", &BagArgsJs::has_offsets)
      .field("perSampleWeights", &BagArgsJs::per_sample_weights);

  class_<GradientBuffers>("GradientBuffers")
      .function("sparseRows", &GradientBuffers::sparse_rows)
      .function("sparseRowsPtr", &GradientBuffers::sparse_rows_ptr)
      .function("sparseValuesPtr", &GradientBuffers::sparse_values_ptr);

  class_<EmbeddingJs, base<GradientBuffers>>("Embedding")
      .constructor<>()
      .function("init", &EmbeddingJs::init)
      .function("forward", &EmbeddingJs::forward)
      .function("computeMask", &EmbeddingJs::compute_mask)
      .function("backwardDense", &EmbeddingJs::backward_dense)
      .function("backwardSparse", &EmbeddingJs::backward_sparse)
      .function("getWeights", &EmbeddingJs::get_weights)
      .function("setWeights", &EmbeddingJs::set_weights);

  class_<EmbeddingBagJs, base<GradientBuffers>>("EmbeddingBag")
      .constructor<>()
      .function("init", &EmbeddingBagJs::init)
      .function("countBags", &EmbeddingBagJs::count_bags)
      .function("lastBags", &EmbeddingBagJs::last_bags)
      .function("forward", &EmbeddingBagJs::forward)
      .function("backwardDense", &EmbeddingBagJs::backward_dense)
      .function("backwardSparse", &EmbeddingBagJs::backward_sparse)
      .function("backwardPerSampleWeights", &EmbeddingBagJs::backward_per_sample_weights)
      .function("getWeights", &EmbeddingBagJs::get_weights)
      .function("setWeights", &EmbeddingBagJs::set_weights);

  function("simdBuild", &simd_build);
  function("threadsBuild", &threads_build);
}
