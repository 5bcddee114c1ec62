// Embind registrations for the Sequential model: layer, regularizer, constraint and
// optimizer option records, and the model handle.
#include <emscripten/bind.h>

#include "bindings/model.h"

EMSCRIPTEN_BINDINGS(embedwasm_model) {
  using namespace emscripten;
  using namespace embedwasm::bindings;

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
}
