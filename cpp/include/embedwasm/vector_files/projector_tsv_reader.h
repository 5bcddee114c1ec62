#pragma once
// Streaming import of an Embedding Projector pair: vectors.tsv (D tab-separated floats
// per line, read as text_vectors_reader.h's kTsvVectors) and metadata.tsv (the words,
// projector_metadata_reader.h). The two may be fed in any order or interleaved; finish()
// checks that there are as many labels as rows. Messages start with the file's name,
// "vectors.tsv line 3: ..." or "metadata.tsv line 3: ...". Errors are sticky.
#include <cstddef>
#include <cstdint>

#include "embedwasm/vector_files/projector_metadata_reader.h"
#include "embedwasm/vector_files/text_vectors_reader.h"
#include "embedwasm/vector_files/word_vectors_reader.h"

namespace embedwasm::vector_files {

class ProjectorTsvReader {
 public:
  explicit ProjectorTsvReader(const ReaderOptions& options = {});

  Status feed_vectors(const uint8_t* data, size_t n);
  Status feed_metadata(const uint8_t* data, size_t n);
  Status finish(WordVectors* out);

 private:
  Status check_usable(const uint8_t* data, size_t n) const;

  TextVectorsReader vectors_;
  ProjectorMetadataReader metadata_;
  Status status_;
  bool finished_ = false;
};

// One-shot import of both files held in memory.
Status read_projector_tsv(const uint8_t* vectors, size_t vectors_size, const uint8_t* metadata,
                          size_t metadata_size, const ReaderOptions& options, WordVectors* out);

}  // namespace embedwasm::vector_files
