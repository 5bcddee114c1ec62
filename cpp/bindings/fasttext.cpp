// Embind registrations for fastText models, their reader and trainer, and the options'
// schemas for JS.
#include <emscripten/bind.h>

#include "bindings/fasttext.h"

EMSCRIPTEN_BINDINGS(embedwasm_fasttext) {
  using namespace emscripten;
  using namespace embedwasm::bindings;
  namespace ft = embedwasm::fasttext;

  publish_schema([]() -> const embedwasm::OptionSchema& { return ft::supervised_args_schema(); });
  publish_schema([]() -> const embedwasm::OptionSchema& { return ft::unsupervised_args_schema(); });
  publish_schema([]() -> const embedwasm::OptionSchema& { return ft::quantize_options_schema(); });

  value_object<FastTextTestJs>("FastTextTest")
      .field("examples", &FastTextTestJs::examples)
      .field("gold", &FastTextTestJs::gold)
      .field("predicted", &FastTextTestJs::predicted)
      .field("correct", &FastTextTestJs::correct)
      .field("precision", &FastTextTestJs::precision)
      .field("recall", &FastTextTestJs::recall);

  value_object<FastTextProgressJs>("FastTextProgress")
      .field("fractionDone", &FastTextProgressJs::fraction_done)
      .field("tokensProcessed", &FastTextProgressJs::tokens_processed)
      .field("tokensTotal", &FastTextProgressJs::tokens_total)
      .field("tokensPerSecond", &FastTextProgressJs::tokens_per_second)
      .field("loss", &FastTextProgressJs::loss)
      .field("lr", &FastTextProgressJs::lr)
      .field("done", &FastTextProgressJs::done);

  class_<FastTextModelJs>("FastTextModel")
      .constructor<>()
      .function("loaded", &FastTextModelJs::loaded)
      .function("args", &FastTextModelJs::args)
      .function("version", &FastTextModelJs::version)
      .function("dim", &FastTextModelJs::dim)
      .function("isSupervised", &FastTextModelJs::is_supervised)
      .function("isQuantized", &FastTextModelJs::is_quantized)
      .function("wordTotal", &FastTextModelJs::word_total)
      .function("labelTotal", &FastTextModelJs::label_total)
      .function("entries", &FastTextModelJs::entries)
      .function("wordVector", &FastTextModelJs::word_vector)
      .function("sentenceVectors", &FastTextModelJs::sentence_vectors)
      .class_function("lineCount", &FastTextModelJs::line_count)
      .function("subwords", &FastTextModelJs::subwords)
      .function("textBuffer", &FastTextModelJs::text_buffer)
      .function("predictBuffer", &FastTextModelJs::predict_buffer)
      .function("lastStatus", &FastTextModelJs::last_status)
      .function("predictionLines", &FastTextModelJs::prediction_lines)
      .function("predictionOffsets", &FastTextModelJs::prediction_offsets)
      .function("predictionLabels", &FastTextModelJs::prediction_labels)
      .function("predictionProbabilities", &FastTextModelJs::prediction_probabilities)
      .function("test", &FastTextModelJs::test)
      .function("testResult", &FastTextModelJs::test_result)
      .function("nearestNeighbors", &FastTextModelJs::nearest_neighbors)
      .function("analogies", &FastTextModelJs::analogies)
      .function("neighborsPtr", &FastTextModelJs::neighbors_ptr)
      .function("neighborsCount", &FastTextModelJs::neighbors_count)
      .function("quantize", &FastTextModelJs::quantize)
      .function("save", &FastTextModelJs::save)
      .function("bytesPtr", &FastTextModelJs::bytes_ptr)
      .function("bytesSize", &FastTextModelJs::bytes_size)
      .function("releaseBytes", &FastTextModelJs::release_bytes)
      .function("wordVectorsInto", &FastTextModelJs::word_vectors_into)
      .function("inputRows", &FastTextModelJs::input_rows)
      .function("copyInputRows", &FastTextModelJs::copy_input_rows);

  class_<FastTextReaderJs>("FastTextReader")
      .constructor<>()
      .function("feed", &FastTextReaderJs::feed)
      .function("bytesFed", &FastTextReaderJs::bytes_fed)
      .function("finish", &FastTextReaderJs::finish);

  class_<FastTextTrainerJs>("FastTextTrainer")
      .constructor<>()
      .class_function("threadsSupported", &FastTextTrainerJs::threads_supported)
      .function("create", &FastTextTrainerJs::create)
      .function("trainChunk", &FastTextTrainerJs::train_chunk)
      .function("progress", &FastTextTrainerJs::progress)
      .function("model", &FastTextTrainerJs::model)
      .function("startRetrain", &FastTextTrainerJs::start_retrain)
      .function("quantizedModel", &FastTextTrainerJs::quantized_model);
}
