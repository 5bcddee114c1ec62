#pragma once
// Helpers shared by the embedwasm/io tests: build WordVectors, read in chunks, compare
// bit for bit, spell binary fixtures.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "embedwasm/vector_files/projector_tsv_reader.h"
#include "embedwasm/vector_files/utf8.h"
#include "embedwasm/vector_files/word_vectors.h"
#include "embedwasm/vector_files/word_vectors_reader.h"
#include "embedwasm/vector_files/word_vectors_writer.h"

namespace embedwasm::vector_files::testing {

inline WordVectors MakeWordVectors(const std::vector<std::string>& words,
                                   const std::vector<std::vector<float>>& rows) {
  WordVectors wv;
  wv.words = words;
  const size_t d = rows.empty() ? 0 : rows[0].size();
  REQUIRE(RowMatrix::create(rows.size(), d, &wv.vectors).is_ok());
  for (size_t r = 0; r < rows.size(); ++r) {
    REQUIRE(rows[r].size() == d);
    std::memcpy(wv.vectors.row(r), rows[r].data(), d * sizeof(float));
  }
  return wv;
}

inline uint32_t Bits(float x) {
  uint32_t b;
  std::memcpy(&b, &x, 4);
  return b;
}

inline float FromBits(uint32_t b) {
  float x;
  std::memcpy(&x, &b, 4);
  return x;
}

inline std::vector<float> Row(const WordVectors& wv, size_t r) {
  return std::vector<float>(wv.vectors.row(r), wv.vectors.row(r) + wv.vectors.cols());
}

// Words equal and floats bit-identical; with nan_as_equal any NaN matches any NaN (text
// formats keep neither sign nor payload of a NaN).
inline bool SameWordVectors(const WordVectors& a, const WordVectors& b, bool nan_as_equal = false) {
  if (a.words != b.words || a.vectors.rows() != b.vectors.rows() ||
      a.vectors.cols() != b.vectors.cols()) {
    return false;
  }
  for (size_t r = 0; r < a.vectors.rows(); ++r) {
    for (size_t j = 0; j < a.vectors.cols(); ++j) {
      const float x = a.vectors.row(r)[j], y = b.vectors.row(r)[j];
      if (nan_as_equal && std::isnan(x) && std::isnan(y)) continue;
      if (Bits(x) != Bits(y)) return false;
    }
    // The padding stays zero.
    for (size_t j = a.vectors.cols(); j < a.vectors.stride(); ++j) {
      if (Bits(b.vectors.row(r)[j]) != 0) return false;
    }
  }
  return true;
}

inline const uint8_t* U8(const std::string& s) {
  return reinterpret_cast<const uint8_t*>(s.data());
}

// Feeds `bytes` in chunks of `chunk` bytes (0: one chunk).
inline Status ReadChunked(WordVectorsFormat format, const std::string& bytes, size_t chunk,
                          WordVectors* out, const ReaderOptions& options = {}) {
  std::unique_ptr<WordVectorsReader> reader;
  EMBEDWASM_RETURN_IF_ERROR(WordVectorsReader::create(format, options, &reader));
  if (chunk == 0) chunk = bytes.size() + 1;
  for (size_t at = 0; at < bytes.size(); at += chunk) {
    const size_t n = std::min(chunk, bytes.size() - at);
    EMBEDWASM_RETURN_IF_ERROR(reader->feed(U8(bytes) + at, n));
  }
  return reader->finish(out);
}

inline Status Read(WordVectorsFormat format, const std::string& bytes, WordVectors* out,
                   const ReaderOptions& options = {}) {
  return ReadChunked(format, bytes, 0, out, options);
}

// vectors.tsv and metadata.tsv fed alternately in chunks of `chunk` bytes (0: whole).
inline Status ReadTsvChunked(const std::string& vectors, const std::string& metadata, size_t chunk,
                             WordVectors* out, const ReaderOptions& options = {}) {
  ProjectorTsvReader reader(options);
  if (chunk == 0) chunk = std::max(vectors.size(), metadata.size()) + 1;
  for (size_t at = 0; at < std::max(vectors.size(), metadata.size()); at += chunk) {
    if (at < metadata.size()) {
      EMBEDWASM_RETURN_IF_ERROR(
          reader.feed_metadata(U8(metadata) + at, std::min(chunk, metadata.size() - at)));
    }
    if (at < vectors.size()) {
      EMBEDWASM_RETURN_IF_ERROR(
          reader.feed_vectors(U8(vectors) + at, std::min(chunk, vectors.size() - at)));
    }
  }
  return reader.finish(out);
}

inline std::string Write(WordVectorsFormat format, const WordVectors& wv,
                         const WriterOptions& options = {}) {
  std::string out;
  const Status s = write_word_vectors(format, wv, options, &out);
  INFO(s.message());
  REQUIRE(s.is_ok());
  return out;
}

// Little-endian bytes of a float32 / uint32, for binary fixtures.
inline std::string F32(float x) {
  const uint32_t b = Bits(x);
  return std::string{static_cast<char>(b & 0xFF), static_cast<char>((b >> 8) & 0xFF),
                     static_cast<char>((b >> 16) & 0xFF), static_cast<char>(b >> 24)};
}
inline std::string F32s(std::initializer_list<float> xs) {
  std::string s;
  for (float x : xs) s += F32(x);
  return s;
}
inline std::string U32(uint32_t b) {
  return std::string{static_cast<char>(b & 0xFF), static_cast<char>((b >> 8) & 0xFF),
                     static_cast<char>((b >> 16) & 0xFF), static_cast<char>(b >> 24)};
}

// The same result (value or error message) for every chunk size from 1 to 17 as for one
// chunk.
inline void CheckChunkSizes(WordVectorsFormat format, const std::string& bytes) {
  WordVectors whole;
  const Status expected = Read(format, bytes, &whole);
  for (size_t chunk = 1; chunk <= 17; ++chunk) {
    INFO("chunk size " << chunk);
    WordVectors wv;
    const Status s = ReadChunked(format, bytes, chunk, &wv);
    REQUIRE(s.code() == expected.code());
    REQUIRE(s.message() == expected.message());
    if (s.is_ok()) REQUIRE(SameWordVectors(whole, wv));
  }
}

// The status of reading `bytes`, for one-line error checks.
inline Status ReadStatus(WordVectorsFormat format, const std::string& bytes,
                         const ReaderOptions& options = {}) {
  WordVectors wv;
  return Read(format, bytes, &wv, options);
}

}  // namespace embedwasm::vector_files::testing
