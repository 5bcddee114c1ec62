// The Embind registrations: the only file that includes emscripten/bind.h. Adapters,
// no math: JS passes options as plain records and data as pointers into the wasm heap
// that it allocated (one call per batch), and gets back a {code, message} status that
// web/lib turns into RangeError / TypeError. Nothing here throws.
#include <emscripten/bind.h>
#include <malloc.h>

#include "bindings/common.h"
#include "bindings/model.h"
#include "bindings/table_layers.h"

namespace embedwasm::bindings {
namespace {

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

// Bytes malloc has handed out and not taken back: what leak tests watch, since the
// wasm memory itself never shrinks.
// mallinfo's fields are int: past 2 GiB the count reads negative unless taken as unsigned.
double heap_bytes_in_use() { return static_cast<double>(static_cast<uint32_t>(mallinfo().uordblks)); }

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

  value_object<RegularizerJs>("Regularizer")
      .field("l1", &RegularizerJs::l1)
      .field("l2", &RegularizerJs::l2);

  value_object<ConstraintJs>("Constraint")
      .field("kind", &ConstraintJs::kind)
      .field("maxValue", &ConstraintJs::max_value)
      .field("minValue", &ConstraintJs::min_value)
      .field("rate", &ConstraintJs::rate);

  value_object<LayerOptionsJs>("LayerOptions")
      .field("kind", &LayerOptionsJs::kind)
      .field("units", &LayerOptionsJs::units)
      .field("activation", &LayerOptionsJs::activation)
      .field("useBias", &LayerOptionsJs::use_bias)
      .field("kernelInitializer", &LayerOptionsJs::kernel_initializer)
      .field("biasInitializer", &LayerOptionsJs::bias_initializer)
      .field("seed", &LayerOptionsJs::seed)
      .field("kernelRegularizer", &LayerOptionsJs::kernel_regularizer)
      .field("biasRegularizer", &LayerOptionsJs::bias_regularizer)
      .field("kernelConstraint", &LayerOptionsJs::kernel_constraint)
      .field("biasConstraint", &LayerOptionsJs::bias_constraint)
      .field("rate", &LayerOptionsJs::rate);

  value_object<OptimizerJs>("OptimizerOptions")
      .field("name", &OptimizerJs::name)
      .field("learningRate", &OptimizerJs::learning_rate)
      .field("momentum", &OptimizerJs::momentum)
      .field("nesterov", &OptimizerJs::nesterov)
      .field("beta1", &OptimizerJs::beta1)
      .field("beta2", &OptimizerJs::beta2)
      .field("epsilon", &OptimizerJs::epsilon)
      .field("rho", &OptimizerJs::rho)
      .field("centered", &OptimizerJs::centered)
      .field("initialAccumulatorValue", &OptimizerJs::initial_accumulator_value)
      .field("weightDecay", &OptimizerJs::weight_decay)
      .field("decay", &OptimizerJs::decay)
      .field("clipNorm", &OptimizerJs::clip_norm)
      .field("clipValue", &OptimizerJs::clip_value)
      .field("schedule", &OptimizerJs::schedule)
      .field("finalLearningRate", &OptimizerJs::final_learning_rate)
      .field("decayRate", &OptimizerJs::decay_rate)
      .field("decaySteps", &OptimizerJs::decay_steps)
      .field("staircase", &OptimizerJs::staircase)
      .field("alpha", &OptimizerJs::alpha)
      .field("totalSteps", &OptimizerJs::total_steps);

  class_<SequentialJs>("Sequential")
      .constructor<>()
      .function("addEmbedding", &SequentialJs::add_embedding)
      .function("addEmbeddingBag", &SequentialJs::add_embedding_bag)
      .function("addLayer", &SequentialJs::add_layer)
      .function("build", &SequentialJs::build)
      .function("outputRank", &SequentialJs::output_rank)
      .function("outputDim", &SequentialJs::output_dim)
      .function("compile", &SequentialJs::compile)
      .function("trainOnBatch", &SequentialJs::train_on_batch)
      .function("testOnBatch", &SequentialJs::test_on_batch)
      .function("lastLoss", &SequentialJs::last_loss)
      .function("lastMetric", &SequentialJs::last_metric)
      .function("lastSamples", &SequentialJs::last_samples)
      .function("predict", &SequentialJs::predict)
      .function("outputPtr", &SequentialJs::output_ptr)
      .function("outputSize", &SequentialJs::output_size)
      .function("numLayers", &SequentialJs::num_layers)
      .function("numWeights", &SequentialJs::num_weights)
      .function("weightRows", &SequentialJs::weight_rows)
      .function("weightCols", &SequentialJs::weight_cols)
      .function("getWeight", &SequentialJs::get_weight)
      .function("setWeight", &SequentialJs::set_weight)
      .function("learningRate", &SequentialJs::learning_rate)
      .function("iterations", &SequentialJs::iterations);

  function("simdBuild", &simd_build);
  function("heapBytesInUse", &heap_bytes_in_use);
  function("threadsBuild", &threads_build);
}
