// Embind registrations for the Word2Vec trainer, and its options' schema for JS.
#include <emscripten/bind.h>

#include "bindings/word2vec.h"

EMSCRIPTEN_BINDINGS(embedwasm_word2vec) {
  using namespace emscripten;
  using namespace embedwasm::bindings;

  publish_schema([]() -> const embedwasm::OptionSchema& { return embedwasm::word2vec::word2vec_schema(); });

  value_object<Word2VecProgressJs>("Word2VecProgress")
      .field("epoch", &Word2VecProgressJs::epoch)
      .field("fractionDone", &Word2VecProgressJs::fraction_done)
      .field("wordsProcessed", &Word2VecProgressJs::words_processed)
      .field("effectiveWords", &Word2VecProgressJs::effective_words)
      .field("wordsPerSecond", &Word2VecProgressJs::words_per_second)
      .field("runningLoss", &Word2VecProgressJs::running_loss)
      .field("epochLoss", &Word2VecProgressJs::epoch_loss)
      .field("alpha", &Word2VecProgressJs::alpha)
      .field("done", &Word2VecProgressJs::done);

  class_<Word2VecJs>("Word2Vec")
      .constructor<>()
      .class_function("threadsSupported", &Word2VecJs::threads_supported)
      .function("init", &Word2VecJs::init)
      .function("addText", &Word2VecJs::add_text)
      .function("addSentences", &Word2VecJs::add_sentences)
      .function("buildVocab", &Word2VecJs::build_vocab)
      .function("trainChunk", &Word2VecJs::train_chunk)
      .function("progress", &Word2VecJs::progress)
      .function("epochLossCount", &Word2VecJs::epoch_loss_count)
      .function("epochLoss", &Word2VecJs::epoch_loss)
      .function("vocabSize", &Word2VecJs::vocab_size)
      .function("corpusWords", &Word2VecJs::corpus_words)
      .function("wordCount", &Word2VecJs::word_count)
      .function("effectiveMinCount", &Word2VecJs::effective_min_count)
      .function("sync", &Word2VecJs::sync);
}
