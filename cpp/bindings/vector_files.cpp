// Embind registrations for the streaming readers and writers of word-vector files.
#include <emscripten/bind.h>

#include "bindings/vector_files.h"

EMSCRIPTEN_BINDINGS(embedwasm_vector_files) {
  using namespace emscripten;
  using namespace embedwasm::bindings;

  class_<WordVectorsReaderJs>("WordVectorsReader")
      .constructor<>()
      .function("create", &WordVectorsReaderJs::create)
      .function("feed", &WordVectorsReaderJs::feed)
      .function("finish", &WordVectorsReaderJs::finish);

  class_<ProjectorTsvReaderJs>("ProjectorTsvReader")
      .constructor<>()
      .function("feedVectors", &ProjectorTsvReaderJs::feed_vectors)
      .function("feedMetadata", &ProjectorTsvReaderJs::feed_metadata)
      .function("finish", &ProjectorTsvReaderJs::finish);

  class_<WordVectorsWriterJs>("WordVectorsWriter")
      .constructor<>()
      .function("create", &WordVectorsWriterJs::create)
      .function("next", &WordVectorsWriterJs::next)
      .function("chunkPtr", &WordVectorsWriterJs::chunk_ptr)
      .function("chunkSize", &WordVectorsWriterJs::chunk_size);
}
