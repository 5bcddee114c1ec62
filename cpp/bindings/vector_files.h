#pragma once
// Streaming import and export of word-vector files (embedwasm/vector_files): JS feeds a file in
// chunks through one reusable heap buffer and takes the export chunk by chunk, so
// neither side holds a second copy of a large file in the wasm heap.
#include <memory>
#include <string>
#include <utility>

#include "bindings/core.h"
#include "bindings/vectors.h"
#include "embedwasm/vector_files/projector_tsv_reader.h"
#include "embedwasm/vector_files/word_vectors_reader.h"
#include "embedwasm/vector_files/word_vectors_writer.h"

namespace embedwasm::bindings {

class WordVectorsReaderJs {
 public:
  StatusJs create(const std::string& format) {
    vector_files::WordVectorsFormat f;
    Status s = vector_files::parse_format_name(format, &f);
    if (s.is_ok()) s = vector_files::WordVectorsReader::create(f, {}, &reader_);
    return to_js(s);
  }
  StatusJs feed(uintptr_t data, uint32_t n) { return to_js(reader_->feed(ptr<const uint8_t>(data), n)); }
  StatusJs finish(KeyedVectorsJs& out) {
    vector_files::WordVectors wv;
    Status s = reader_->finish(&wv);
    if (!s.is_ok()) return to_js(s);
    return out.adopt(std::move(wv.words), std::move(wv.vectors));
  }

 private:
  std::unique_ptr<vector_files::WordVectorsReader> reader_;
};

class ProjectorTsvReaderJs {
 public:
  StatusJs feed_vectors(uintptr_t data, uint32_t n) { return to_js(reader_.feed_vectors(ptr<const uint8_t>(data), n)); }
  StatusJs feed_metadata(uintptr_t data, uint32_t n) { return to_js(reader_.feed_metadata(ptr<const uint8_t>(data), n)); }
  StatusJs finish(KeyedVectorsJs& out) {
    vector_files::WordVectors wv;
    Status s = reader_.finish(&wv);
    if (!s.is_ok()) return to_js(s);
    return out.adopt(std::move(wv.words), std::move(wv.vectors));
  }

 private:
  vector_files::ProjectorTsvReader reader_;
};

// Borrows the KeyedVectors' words and vectors: JS keeps it alive and unchanged (no
// training step runs between chunks) until the export is done.
class WordVectorsWriterJs {
 public:
  StatusJs create(const KeyedVectorsJs& from, const std::string& format, bool binary_newline) {
    vector_files::WordVectorsFormat f;
    Status s = vector_files::parse_format_name(format, &f);
    vector_files::WriterOptions options;
    options.word2vec_binary_newline = binary_newline;
    if (s.is_ok()) s = vector_files::WordVectorsWriter::create(f, &from.kv().words(), &from.kv().vectors(), options, &writer_);
    return to_js(s);
  }
  // false once the whole file was given; else chunk_ptr/chunk_size hold the next piece.
  bool next() { return writer_.next_chunk(&chunk_, &size_); }
  uintptr_t chunk_ptr() const { return reinterpret_cast<uintptr_t>(chunk_); }
  uint32_t chunk_size() const { return size_; }

 private:
  vector_files::WordVectorsWriter writer_;
  const uint8_t* chunk_ = nullptr;
  size_t size_ = 0;
};

}  // namespace embedwasm::bindings
