// libFuzzer target for the word-vector readers and writers (embedwasm/io). Built once per
// format (tests/fuzz/CMakeLists.txt) with -DEMBEDWASM_FUZZ_FORMAT=<WordVectorsFormat
// value>; kProjectorTsvVectors fuzzes the TSV pair, the input split at its first NUL byte
// into metadata.tsv and vectors.tsv.
//
// Beyond "no crash, no sanitizer report", each input checks four properties and traps
// when one fails:
//   1. chunking: feeding the input in uneven chunks (sizes 1..61 from a seed in the input)
//      gives the same status, message and result as one chunk (TSV: the same success);
//   2. writer/reader agreement: whatever a reader accepts, the writer of the same format
//      accepts, and reading its output gives the same words and floats (NaN as NaN in
//      text formats);
//   3. cross-format: for every other format whose word rules the words pass, the same;
//   4. shape: what a reader accepts has the V and D the file declares, found here without
//      the readers' code: the "V D" header, the embedwasm header's integers, or (GloVe,
//      TSV) the count of non-blank lines and (TSV) the values on the first line;
//   5. with EMBEDWASM_FUZZ_EXPECT_VALID set (replaying the seeds), that it is accepted.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "embedwasm/vector_files/projector_tsv_reader.h"
#include "embedwasm/vector_files/word_vectors.h"
#include "embedwasm/vector_files/word_vectors_reader.h"
#include "embedwasm/vector_files/word_vectors_writer.h"

#ifndef EMBEDWASM_FUZZ_FORMAT
#error "define EMBEDWASM_FUZZ_FORMAT to a WordVectorsFormat value"
#endif

namespace {

using namespace embedwasm;
using namespace embedwasm::vector_files;

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

// Lines of `text` (after a leading byte order mark, which the text readers skip), split
// at "\n"; a last line without one counts.
std::vector<std::string> lines_of(std::string text) {
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
  std::vector<std::string> lines;
  size_t at = 0;
  while (at < text.size()) {
    size_t nl = text.find('\n', at);
    if (nl == std::string::npos) nl = text.size();
    lines.push_back(text.substr(at, nl - at));
    at = nl + 1;
  }
  return lines;
}

// Whitespace-separated tokens; `space` lists the separators.
std::vector<std::string> tokens_of(const std::string& line, const char* space) {
  std::vector<std::string> out;
  size_t at = 0;
  while ((at = line.find_first_not_of(space, at)) != std::string::npos) {
    const size_t end = std::min(line.find_first_of(space, at), line.size());
    out.push_back(line.substr(at, end - at));
    at = end;
  }
  return out;
}

void check_shape(const std::string& bytes, const WordVectors& wv) {
  size_t v = 0, d = 0;  // d == 0: not declared by the file
  switch (kFormat) {
    case WordVectorsFormat::kWord2VecText:
    case WordVectorsFormat::kFastTextVec:
    case WordVectorsFormat::kWord2VecBinary: {
      const std::string first = kFormat == WordVectorsFormat::kWord2VecBinary
                                    ? bytes.substr(0, bytes.find('\n'))
                                    : lines_of(bytes).at(0);
      const std::vector<std::string> t = tokens_of(first, " \t\r\v\f");
      if (t.size() != 2) fail("bad shape", "accepted a header without two numbers");
      v = std::strtoull(t[0].c_str(), nullptr, 10);
      d = std::strtoull(t[1].c_str(), nullptr, 10);
      break;
    }
    case WordVectorsFormat::kEmbedwasmBinary: {
      uint32_t header[2];
      std::memcpy(header, bytes.data() + 12, 8);  // little-endian host, as the fuzzer runs
      v = header[0];
      d = header[1];
      break;
    }
    case WordVectorsFormat::kGloveText:
    case WordVectorsFormat::kProjectorTsvVectors: {
      const std::string text = kTsv ? bytes.substr(std::min(bytes.find('\0'), bytes.size() - 1) + 1)
                                    : bytes;
      for (const std::string& line : lines_of(text)) {
        if (line.find_first_not_of(" \t\r") != std::string::npos) ++v;
      }
      if (kTsv) d = tokens_of(lines_of(text).at(0), " \t\r").size();
      break;
    }
    default:
      break;
  }
  if (wv.vectors.rows() != v || (d != 0 && wv.vectors.cols() != d)) {
    fail("bad shape", "read " + std::to_string(wv.vectors.rows()) + " x " +
                          std::to_string(wv.vectors.cols()) + ", the file declares " +
                          std::to_string(v) + " x " + std::to_string(d));
  }
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
    // scripts/fuzz.sh --regress sets this for the seed corpus, all valid files: a reader
    // that starts refusing one is as broken as one that crashes.
    static const bool expect_valid = std::getenv("EMBEDWASM_FUZZ_EXPECT_VALID") != nullptr;
    if (expect_valid) fail("rejected a valid seed file", a.message());
    return 0;
  }
  if (!same(whole, chunked, false)) fail("chunking changed the result", "");
  if (whole.words.size() != whole.vectors.rows() || whole.vectors.rows() == 0 ||
      whole.vectors.cols() == 0) {
    fail("bad shape", std::to_string(whole.words.size()) + " words");
  }
  check_shape(bytes, whole);
  for (int f = 0; f <= static_cast<int>(WordVectorsFormat::kProjectorTsvVectors); ++f) {
    round_trip(static_cast<WordVectorsFormat>(f), whole, seed + static_cast<size_t>(f));
  }
  return 0;
}
