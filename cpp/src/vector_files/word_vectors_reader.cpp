#include "embedwasm/vector_files/word_vectors_reader.h"

#include "embedwasm/vector_files/embedwasm_vectors_reader.h"
#include "embedwasm/vector_files/text_vectors_reader.h"
#include "embedwasm/vector_files/word2vec_binary_reader.h"

namespace embedwasm::vector_files {

Status WordVectorsReader::create(WordVectorsFormat format, const ReaderOptions& options,
                                 std::unique_ptr<WordVectorsReader>* out) {
  switch (format) {
    case WordVectorsFormat::kWord2VecText:
    case WordVectorsFormat::kFastTextVec:
      out->reset(new TextVectorsReader(TextVectorsReader::Layout::kWord2Vec, options));
      return Status::ok();
    case WordVectorsFormat::kGloveText:
      out->reset(new TextVectorsReader(TextVectorsReader::Layout::kGlove, options));
      return Status::ok();
    case WordVectorsFormat::kWord2VecBinary:
      out->reset(new Word2VecBinaryReader(options));
      return Status::ok();
    case WordVectorsFormat::kEmbedwasmBinary:
      out->reset(new EmbedwasmVectorsReader(options));
      return Status::ok();
    case WordVectorsFormat::kProjectorTsvVectors:
    case WordVectorsFormat::kProjectorTsvMetadata:
      return Status::invalid_argument(
          "the projector TSV format has two files: read it with ProjectorTsvReader");
  }
  return Status::invalid_argument("unknown word vectors format " +
                                  std::to_string(static_cast<int>(format)));
}

Status WordVectorsReader::feed(const uint8_t* data, size_t n) {
  if (!status_.is_ok()) return status_;
  if (finished_) return Status::invalid_argument("feed after finish()");
  if (data == nullptr && n != 0) return Status::invalid_argument("null data with a non-zero size");
  if (n == 0) return Status::ok();
  bytes_fed_ += n;
  status_ = do_feed(data, n);
  return status_;
}

Status WordVectorsReader::finish(WordVectors* out) {
  if (!status_.is_ok()) return status_;
  if (finished_) return Status::invalid_argument("finish() was already called");
  finished_ = true;
  status_ = do_finish(out);
  return status_;
}

Status read_word_vectors(WordVectorsFormat format, const uint8_t* data, size_t n,
                         const ReaderOptions& options, WordVectors* out) {
  std::unique_ptr<WordVectorsReader> reader;
  EMBEDWASM_RETURN_IF_ERROR(WordVectorsReader::create(format, options, &reader));
  EMBEDWASM_RETURN_IF_ERROR(reader->feed(data, n));
  return reader->finish(out);
}

}  // namespace embedwasm::vector_files
