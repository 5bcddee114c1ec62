// Embind registrations for the Sequential model: the model handle, and the optimizer
// schema, algorithms and layer kinds JS reads (published for dist/core/option_schemas.js).
#include <emscripten/bind.h>

#include "bindings/model.h"

EMSCRIPTEN_BINDINGS(embedwasm_model) {
  using namespace emscripten;
  using namespace embedwasm::bindings;

  publish_schema([]() -> const embedwasm::OptionSchema& { return embedwasm::optim::optimizer_schema(); });
  publish_schema([]() -> const embedwasm::OptionSchema& { return embedwasm::layers::regularizer_schema(); });
  publish_schema([]() -> const embedwasm::OptionSchema& { return embedwasm::layers::constraint_schema(); });
  publish_table("optimizers", embedwasm::optim::algorithms_json);
  publish_table("layers", embedwasm::layers::layer_kinds_json);

  class_<SequentialJs>("Sequential")
      .constructor<>()
      .function("addEmbedding", &SequentialJs::add_table<embedwasm::layers::EmbeddingLayer, EmbeddingJs>)
      .function("addEmbeddingBag", &SequentialJs::add_table<embedwasm::layers::EmbeddingBagLayer, EmbeddingBagJs>)
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
