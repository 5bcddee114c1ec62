// libFuzzer target for the word-vector readers and writers (embedwasm/io). Built once per
// format by scripts/fuzz_word_vectors.sh with -DEMBEDWASM_FUZZ_FORMAT=<WordVectorsFormat
// value>; kProjectorTsvVectors fuzzes the TSV pair, the input split at its first NUL byte
// into metadata.tsv and vectors.tsv.
//
// Beyond "no crash, no sanitizer report", each input checks three properties and traps
// when one fails:
//   1. chunking: feeding the input in uneven chunks (sizes 1..61 from a seed in the input)
//      gives the same status, message and result as one chunk (TSV: the same success);
//   2. writer/reader agreement: whatever a reader accepts, the writer of the same format
//      accepts, and reading its output gives the same words and floats (NaN as NaN in
//      text formats);
//   3. cross-format: for every other format whose word rules the words pass, the same.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#include "embedwasm/io/projector_tsv_reader.h"
#include "embedwasm/io/word_vectors.h"
#include "embedwasm/io/word_vectors_reader.h"
#include "embedwasm/io/word_vectors_writer.h"

#ifndef EMBEDWASM_FUZZ_FORMAT
#error "define EMBEDWASM_FUZZ_FORMAT to a WordVectorsFormat value"
#endif

namespace {

using namespace embedwasm;
using namespace embedwasm::io;

constexpr WordVectorsFormat kFormat = static_cast<WordVectorsFormat>(EMBEDWASM_FUZZ_FORMAT);
constexpr bool kTsv = kFormat == WordVectorsFormat::kProjectorTsvVectors;

[[noreturn]] void fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "FUZZ PROPERTY FAILED: %s: %s\n", what, detail.c_str());
  __builtin_trap();
}

bool same(const WordVectors& a, const WordVectors& b, bool nan_as_equal) {
  if (a.words != b.words || a.vectors.rows() != b.vectors.rows() ||
      a.vectors.cols() != b.vectors.cols()) {
    return false;
  }
  for (size_t r = 0; r < a.vectors.rows(); ++r) {
    if (std::memcmp(a.vectors.row(r), b.vectors.row(r), a.vectors.cols() * 4) == 0) continue;
    for (size_t j = 0; j < a.vectors.cols(); ++j) {
      const float x = a.vectors.row(r)[j], y = b.vectors.row(r)[j];
      if (nan_as_equal && std::isnan(x) && std::isnan(y)) continue;
      if (std::memcmp(&x, &y, 4) != 0) return false;
    }
  }
  return true;
}

bool is_text(WordVectorsFormat f) {
  return f != WordVectorsFormat::kWord2VecBinary && f != WordVectorsFormat::kEmbedwasmBinary;
}

ReaderOptions options() {
  ReaderOptions o;
  o.max_matrix_bytes = 16 << 20;  // headers may ask for more; libFuzzer's RSS limit is 2 GB
  return o;
}

// Reads `bytes` (for TSV: metadata, NUL, vectors) in chunks whose sizes cycle from `seed`.
Status read(WordVectorsFormat format, const std::string& bytes, size_t seed, WordVectors* out) {
  auto next_size = [&seed]() {
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<size_t>(1 + (seed >> 33) % 61);
  };
  const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
  if (format == WordVectorsFormat::kProjectorTsvVectors) {
    const size_t nul = bytes.find('\0');
    const size_t meta_size = nul == std::string::npos ? bytes.size() : nul;
    const size_t vec_at = nul == std::string::npos ? bytes.size() : nul + 1;
    ProjectorTsvReader reader(options());
    size_t m = 0, v = vec_at;
    while (m < meta_size || v < bytes.size()) {
      const size_t a = seed == 0 ? meta_size : std::min(next_size(), meta_size - m);
      EMBEDWASM_RETURN_IF_ERROR(reader.feed_metadata(p + m, a));
      m += a;
      const size_t b = seed == 0 ? bytes.size() - v : std::min(next_size(), bytes.size() - v);
      EMBEDWASM_RETURN_IF_ERROR(reader.feed_vectors(p + v, b));
      v += b;
    }
    return reader.finish(out);
  }
  std::unique_ptr<WordVectorsReader> reader;
  EMBEDWASM_RETURN_IF_ERROR(WordVectorsReader::create(format, options(), &reader));
  for (size_t at = 0; at < bytes.size();) {
    const size_t n = seed == 0 ? bytes.size() : std::min(next_size(), bytes.size() - at);
    EMBEDWASM_RETURN_IF_ERROR(reader->feed(p + at, n));
    at += n;
  }
  return reader->finish(out);
}

std::string write(WordVectorsFormat format, const WordVectors& wv, size_t chunk_bytes,
                  bool newline) {
  WriterOptions o;
  o.chunk_bytes = chunk_bytes;
  o.word2vec_binary_newline = newline;
  std::string out;
  auto write_one = [&](WordVectorsFormat f) {
    std::string s;
    const Status st = write_word_vectors(f, wv, o, &s);
    if (!st.is_ok()) fail("writer refused what check_words_writable accepted", st.message());
    return s;
  };
  if (format == WordVectorsFormat::kProjectorTsvVectors) {
    return write_one(WordVectorsFormat::kProjectorTsvMetadata) + std::string(1, '\0') +
           write_one(WordVectorsFormat::kProjectorTsvVectors);
  }
  return write_one(format);
}

void round_trip(WordVectorsFormat format, const WordVectors& wv, size_t seed) {
  const WordVectorsFormat words_format =
      format == WordVectorsFormat::kProjectorTsvVectors ? WordVectorsFormat::kProjectorTsvMetadata
                                                        : format;
  const Status writable = check_words_writable(words_format, wv.words);
  if (!writable.is_ok()) {
    if (format == kFormat) fail("reader accepted words its writer refuses", writable.message());
    return;
  }
  if (format == WordVectorsFormat::kProjectorTsvVectors) {
    // This harness joins the pair with a NUL, so a NUL inside a label would split wrongly.
    for (const std::string& w : wv.words) {
      if (w.find('\0') != std::string::npos) return;
    }
  }
  const std::string file = write(format, wv, 1 + seed % 300, (seed & 1) != 0);
  WordVectors back;
  const Status s = read(format, file, seed, &back);
  if (!s.is_ok()) fail(format_name(format), "cannot read our own output: " + s.message());
  if (!same(wv, back, is_text(format))) fail(format_name(format), "round trip changed the data");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  size_t seed = 0x9E3779B9u;
  for (size_t i = 0; i < size && i < 8; ++i) seed = seed * 131 + data[i];
  seed |= 1;  // 0 means "one chunk"

  WordVectors whole;
  const Status a = read(kFormat, bytes, 0, &whole);
  WordVectors chunked;
  const Status b = read(kFormat, bytes, seed, &chunked);
  // The TSV pair is fed interleaved, so when both files are bad either error may come
  // first; only success must agree there.
  if (a.is_ok() != b.is_ok() || (!kTsv && (a.code() != b.code() || a.message() != b.message()))) {
    fail("chunking changed the status", a.message() + " | " + b.message());
  }
  if (!a.is_ok()) {
    if (a.message().empty()) fail("error without a message", "");
    return 0;
  }
  if (!same(whole, chunked, false)) fail("chunking changed the result", "");
  if (whole.words.size() != whole.vectors.rows() || whole.vectors.rows() == 0 ||
      whole.vectors.cols() == 0) {
    fail("bad shape", std::to_string(whole.words.size()) + " words");
  }
  for (int f = 0; f <= static_cast<int>(WordVectorsFormat::kProjectorTsvVectors); ++f) {
    round_trip(static_cast<WordVectorsFormat>(f), whole, seed + static_cast<size_t>(f));
  }
  return 0;
}
