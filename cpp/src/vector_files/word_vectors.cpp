#include "embedwasm/vector_files/word_vectors.h"

#include "embedwasm/vector_files/utf8.h"

namespace embedwasm::vector_files {

const char* format_name(WordVectorsFormat format) {
  switch (format) {
    case WordVectorsFormat::kWord2VecText: return "word2vec";
    case WordVectorsFormat::kWord2VecBinary: return "word2vec-binary";
    case WordVectorsFormat::kGloveText: return "glove";
    case WordVectorsFormat::kFastTextVec: return "fasttext";
    case WordVectorsFormat::kEmbedwasmBinary: return "embedwasm";
    case WordVectorsFormat::kProjectorTsvVectors: return "tsv-vectors";
    case WordVectorsFormat::kProjectorTsvMetadata: return "tsv-metadata";
  }
  return "unknown";
}

Status parse_format_name(const std::string& name, WordVectorsFormat* out) {
  for (int f = 0; f <= static_cast<int>(WordVectorsFormat::kProjectorTsvMetadata); ++f) {
    if (name == format_name(static_cast<WordVectorsFormat>(f))) {
      *out = static_cast<WordVectorsFormat>(f);
      return Status::ok();
    }
  }
  return Status::invalid_argument("unknown word vectors format " + quote_word(name) +
                                  " (word2vec, word2vec-binary, glove, fasttext, embedwasm, "
                                  "tsv-vectors, tsv-metadata)");
}

}  // namespace embedwasm::vector_files
