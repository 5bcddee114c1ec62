// Embind registrations for the standalone table layers (layers.embedding,
// layers.embeddingBag) and the gradients they leave in the heap for JS to read. Their
// options arrive as plain objects, read by the core's schemas.
#include <emscripten/bind.h>

#include "bindings/embedding.h"

EMSCRIPTEN_BINDINGS(embedwasm_embedding) {
  using namespace emscripten;
  using namespace embedwasm::bindings;

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
      .function("init", own<EmbeddingJs>(&EmbeddingJs::init))
      .function("forward", &EmbeddingJs::forward)
      .function("computeMask", &EmbeddingJs::compute_mask)
      .function("backwardDense", &EmbeddingJs::backward_dense)
      .function("backwardSparse", &EmbeddingJs::backward_sparse)
      .function("getWeights", own<EmbeddingJs>(&EmbeddingJs::get_weights))
      .function("setWeights", own<EmbeddingJs>(&EmbeddingJs::set_weights));

  class_<EmbeddingBagJs, base<GradientBuffers>>("EmbeddingBag")
      .constructor<>()
      .function("init", own<EmbeddingBagJs>(&EmbeddingBagJs::init))
      .function("countBags", &EmbeddingBagJs::count_bags)
      .function("lastBags", &EmbeddingBagJs::last_bags)
      .function("forward", &EmbeddingBagJs::forward)
      .function("backwardDense", &EmbeddingBagJs::backward_dense)
      .function("backwardSparse", &EmbeddingBagJs::backward_sparse)
      .function("backwardPerSampleWeights", &EmbeddingBagJs::backward_per_sample_weights)
      .function("getWeights", own<EmbeddingBagJs>(&EmbeddingBagJs::get_weights))
      .function("setWeights", own<EmbeddingBagJs>(&EmbeddingBagJs::set_weights));
}
