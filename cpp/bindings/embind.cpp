// The only file that knows about JavaScript. Adapters, no math: JS passes options as
// plain objects and data as pointers into the wasm heap that it allocated (one call
// per batch), and gets back a {code, message} status that web/lib turns into
// RangeError / TypeError. Nothing here throws.
#include <emscripten/bind.h>

#include <cstdint>
#include <string>
#include <vector>

#include "embedwasm/embedding.h"
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
  bool mask_zero = false;
  double input_length = 0;
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
class EmbeddingJs {
 public:
  StatusJs init(const TableOptionsJs& o, uintptr_t weights_ptr) {
    EmbeddingConfig config;
    config.table = table_config(o);
    config.mask_zero = o.mask_zero;
    config.input_length = static_cast<int64_t>(o.input_length);
    return to_js(Embedding::create(config, weights_ptr ? ptr<const float>(weights_ptr) : nullptr,
                                   &layer_));
  }
  uint32_t vocab_size() const { return layer_.vocab_size(); }
  uint32_t dim() const { return layer_.dim(); }
  int32_t padding_row() const { return layer_.table().padding_row(); }

  StatusJs forward(uintptr_t ids, uintptr_t shape, uint32_t rank, uintptr_t out) {
    return to_js(layer_.forward(ptr<const int32_t>(ids), read_shape(shape, rank), ptr<float>(out)));
  }
  StatusJs compute_mask(uintptr_t ids, uintptr_t shape, uint32_t rank, uintptr_t mask) {
    return to_js(layer_.compute_mask(ptr<const int32_t>(ids), read_shape(shape, rank),
                                     ptr<uint8_t>(mask)));
  }
  // Dense gradient written as a dense (V, D) array at out.
  StatusJs backward_dense(uintptr_t ids, uintptr_t shape, uint32_t rank, uintptr_t dy, uintptr_t out) {
    if (dense_grad_.rows() != layer_.vocab_size()) {
      Status s = RowMatrix::create(layer_.vocab_size(), layer_.dim(), &dense_grad_);
      if (!s.is_ok()) return to_js(s);
    } else {
      dense_grad_.fill_zero();
    }
    Status s = layer_.backward_dense(ptr<const int32_t>(ids), read_shape(shape, rank),
                                     ptr<const float>(dy), &dense_grad_);
    if (s.is_ok()) dense_grad_.copy_to_dense(ptr<float>(out));
    return to_js(s);
  }
  StatusJs backward_sparse(uintptr_t ids, uintptr_t shape, uint32_t rank, uintptr_t dy) {
    return to_js(layer_.backward_sparse(ptr<const int32_t>(ids), read_shape(shape, rank),
                                        ptr<const float>(dy), &sparse_grad_));
  }
  uint32_t sparse_rows() const { return sparse_grad_.rows.size(); }
  uintptr_t sparse_rows_ptr() const { return reinterpret_cast<uintptr_t>(sparse_grad_.rows.data()); }
  uintptr_t sparse_values_ptr() const {
    return reinterpret_cast<uintptr_t>(sparse_grad_.values.data());
  }

  void get_weights(uintptr_t out) const { layer_.table().weights().copy_to_dense(ptr<float>(out)); }
  StatusJs set_weights(uintptr_t dense, uint32_t rows, uint32_t cols) {
    return to_js(layer_.table().set_weights(ptr<const float>(dense), rows, cols));
  }

 private:
  Embedding layer_;
  RowMatrix dense_grad_;
  SparseRowGradient sparse_grad_;
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
      .field("inputLength", &TableOptionsJs::input_length);

  class_<EmbeddingJs>("Embedding")
      .constructor<>()
      .function("init", &EmbeddingJs::init)
      .function("vocabSize", &EmbeddingJs::vocab_size)
      .function("dim", &EmbeddingJs::dim)
      .function("paddingRow", &EmbeddingJs::padding_row)
      .function("forward", &EmbeddingJs::forward)
      .function("computeMask", &EmbeddingJs::compute_mask)
      .function("backwardDense", &EmbeddingJs::backward_dense)
      .function("backwardSparse", &EmbeddingJs::backward_sparse)
      .function("sparseRows", &EmbeddingJs::sparse_rows)
      .function("sparseRowsPtr", &EmbeddingJs::sparse_rows_ptr)
      .function("sparseValuesPtr", &EmbeddingJs::sparse_values_ptr)
      .function("getWeights", &EmbeddingJs::get_weights)
      .function("setWeights", &EmbeddingJs::set_weights);

  function("simdBuild", &simd_build);
  function("threadsBuild", &threads_build);
}
