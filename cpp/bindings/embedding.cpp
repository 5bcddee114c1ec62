// Embind registrations for the standalone table layers (layers.embedding,
// layers.embeddingBag) and the gradients they leave in the heap for JS to read.
#include <emscripten/bind.h>

#include "bindings/embedding.h"

EMSCRIPTEN_BINDINGS(embedwasm_embedding) {
  using namespace emscripten;
  using namespace embedwasm::bindings;

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
}
