#include "embedwasm/vector_files/projector_tsv_reader.h"

#include <string>
#include <utility>
#include <vector>

namespace embedwasm::vector_files {

ProjectorTsvReader::ProjectorTsvReader(const ReaderOptions& options)
    : vectors_(TextVectorsReader::Layout::kTsvVectors, options, "vectors.tsv "),
      metadata_("metadata.tsv ") {}

Status ProjectorTsvReader::check_usable(const uint8_t* data, size_t n) const {
  if (!status_.is_ok()) return status_;
  if (finished_) return Status::invalid_argument("feed after finish()");
  if (data == nullptr && n != 0) return Status::invalid_argument("null data with a non-zero size");
  return Status::ok();
}

Status ProjectorTsvReader::feed_vectors(const uint8_t* data, size_t n) {
  EMBEDWASM_RETURN_IF_ERROR(check_usable(data, n));
  status_ = vectors_.feed(data, n);
  return status_;
}

Status ProjectorTsvReader::feed_metadata(const uint8_t* data, size_t n) {
  EMBEDWASM_RETURN_IF_ERROR(check_usable(data, n));
  if (n == 0) return Status::ok();
  status_ = metadata_.feed(data, n);
  return status_;
}

Status ProjectorTsvReader::finish(WordVectors* out) {
  if (!status_.is_ok()) return status_;
  if (finished_) return Status::invalid_argument("finish() was already called");
  finished_ = true;
  WordVectors wv;
  std::vector<std::string> words;
  status_ = vectors_.finish(&wv);
  if (status_.is_ok()) status_ = metadata_.finish(&words);
  if (status_.is_ok() && words.size() != wv.vectors.rows()) {
    status_ = Status::invalid_argument(
        "metadata.tsv has " + std::to_string(words.size()) + " labels but vectors.tsv has " +
        std::to_string(wv.vectors.rows()) + " rows");
  }
  if (!status_.is_ok()) return status_;
  out->words = std::move(words);
  out->vectors = std::move(wv.vectors);
  return Status::ok();
}

Status read_projector_tsv(const uint8_t* vectors, size_t vectors_size, const uint8_t* metadata,
                          size_t metadata_size, const ReaderOptions& options, WordVectors* out) {
  ProjectorTsvReader reader(options);
  EMBEDWASM_RETURN_IF_ERROR(reader.feed_vectors(vectors, vectors_size));
  EMBEDWASM_RETURN_IF_ERROR(reader.feed_metadata(metadata, metadata_size));
  return reader.finish(out);
}

}  // namespace embedwasm::vector_files
