// Export (word_vectors_writer.h): exact bytes, chunking, round trips through every
// reader, and the checks that keep a file readable.
#include "embedwasm/vector_files/word_vectors_writer.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include "vector_files/vector_files_test_util.h"

namespace embedwasm::vector_files {
namespace {

using namespace embedwasm::vector_files::testing;

constexpr float kInf = std::numeric_limits<float>::infinity();
const std::string kNihon = "\xE6\x97\xA5\xE6\x9C\xAC";  // 日本

WordVectors Small() {
  return MakeWordVectors({"king", kNihon}, {{0.1f, -2.0f, 1e-05f}, {0.5f, -0.0f, 3.4028235e38f}});
}

TEST_CASE("Writers produce the exact bytes of each format", "[vector_files]") {
  const WordVectors wv = Small();
  const std::string text_body = "king 0.1 -2.0 1e-05\n" + kNihon + " 0.5 -0.0 3.4028235e+38\n";
  CHECK(Write(WordVectorsFormat::kWord2VecText, wv) == "2 3\n" + text_body);
  CHECK(Write(WordVectorsFormat::kFastTextVec, wv) == "2 3\n" + text_body);
  CHECK(Write(WordVectorsFormat::kGloveText, wv) == text_body);
  CHECK(Write(WordVectorsFormat::kProjectorTsvVectors, wv) ==
        "0.1\t-2.0\t1e-05\n0.5\t-0.0\t3.4028235e+38\n");
  CHECK(Write(WordVectorsFormat::kProjectorTsvMetadata, wv) == "king\n" + kNihon + "\n");
  const std::string rows[2] = {F32s({0.1f, -2.0f, 1e-05f}), F32s({0.5f, -0.0f, 3.4028235e38f})};
  CHECK(Write(WordVectorsFormat::kWord2VecBinary, wv) ==
        "2 3\nking " + rows[0] + "\n" + kNihon + " " + rows[1] + "\n");
  WriterOptions gensim_layout;
  gensim_layout.word2vec_binary_newline = false;
  CHECK(Write(WordVectorsFormat::kWord2VecBinary, wv, gensim_layout) ==
        "2 3\nking " + rows[0] + kNihon + " " + rows[1]);
  CHECK(Write(WordVectorsFormat::kEmbedwasmBinary, wv) ==
        std::string("EWVEC\0\0\0", 8) + U32(1) + U32(2) + U32(3) + U32(4) + "king" + U32(6) +
            kNihon + std::string(2, '\0') + rows[0] + rows[1]);
}

const WordVectorsFormat kAllFormats[] = {
    WordVectorsFormat::kWord2VecText,        WordVectorsFormat::kWord2VecBinary,
    WordVectorsFormat::kGloveText,           WordVectorsFormat::kFastTextVec,
    WordVectorsFormat::kEmbedwasmBinary,     WordVectorsFormat::kProjectorTsvVectors,
    WordVectorsFormat::kProjectorTsvMetadata};

TEST_CASE("Writers: chunks hold whole records and concatenate to the one-shot output", "[vector_files]") {
  const WordVectors wv = Small();
  for (WordVectorsFormat format : kAllFormats) {
    const std::string whole = Write(format, wv);
    for (size_t chunk_bytes = 0; chunk_bytes <= 17; ++chunk_bytes) {
      INFO(format_name(format) << ", chunk_bytes " << chunk_bytes);
      WriterOptions options;
      options.chunk_bytes = chunk_bytes;
      WordVectorsWriter writer;
      REQUIRE(WordVectorsWriter::create(format, &wv, options, &writer).is_ok());
      std::string joined;
      const uint8_t* data;
      size_t size;
      bool short_chunk_seen = false;
      while (writer.next_chunk(&data, &size)) {
        REQUIRE(size > 0);
        CHECK_FALSE(short_chunk_seen);  // only the last chunk may be short
        short_chunk_seen = size < std::max<size_t>(1, chunk_bytes);
        joined.append(reinterpret_cast<const char*>(data), size);
      }
      CHECK(writer.done());
      CHECK_FALSE(writer.next_chunk(&data, &size));
      CHECK(writer.bytes_written() == whole.size());
      CHECK(joined == whole);
    }
  }
}

// V x D values covering the float32 range, signed zeros, subnormals and extremes.
WordVectors Varied(size_t v, size_t d, bool with_nan) {
  std::vector<std::string> words;
  std::vector<std::vector<float>> rows;
  uint64_t s = 88172645463325252ull;
  const char* const stems[] = {"w", "caf\xC3\xA9", "\xE6\x97\xA5", "\xF0\x9F\x99\x82", "x\xC2\xA0y"};
  for (size_t r = 0; r < v; ++r) {
    words.push_back(std::string(stems[r % 5]) + std::to_string(r));
    std::vector<float> row;
    for (size_t j = 0; j < d; ++j) {
      s ^= s << 13;
      s ^= s >> 7;
      s ^= s << 17;
      float x;
      if (r % 3 == 0) {
        const uint32_t bits = static_cast<uint32_t>(s);
        x = FromBits(bits);
        if (std::isnan(x) && !with_nan) x = 1.0f;
      } else {
        x = static_cast<float>(static_cast<int64_t>(s % 2000001) - 1000000) * 1e-6f;
      }
      row.push_back(x);
    }
    rows.push_back(row);
  }
  const float specials[] = {-0.0f, 0.0f, 1e-45f, -1.1754942e-38f, 3.4028235e38f, -kInf, kInf,
                            0.1f,  1e16f, 9.9999e-05f};
  for (size_t j = 0; j < d && j < 10; ++j) rows[1][j] = specials[j];
  if (with_nan) rows[2][0] = FromBits(0xFFC00001);
  return MakeWordVectors(words, rows);
}

TEST_CASE("Round trip through every format gives the same words and floats", "[vector_files]") {
  const WordVectors wv = Varied(60, 11, /*with_nan=*/true);
  for (WordVectorsFormat format : {WordVectorsFormat::kWord2VecText, WordVectorsFormat::kWord2VecBinary,
                                   WordVectorsFormat::kGloveText, WordVectorsFormat::kFastTextVec,
                                   WordVectorsFormat::kEmbedwasmBinary}) {
    INFO(format_name(format));
    const bool binary = format == WordVectorsFormat::kWord2VecBinary ||
                        format == WordVectorsFormat::kEmbedwasmBinary;
    for (bool newline : {true, false}) {
      WriterOptions options;
      options.word2vec_binary_newline = newline;
      const std::string file = Write(format, wv, options);
      WordVectors back;
      const Status s = Read(format, file, &back);
      INFO(s.message());
      REQUIRE(s.is_ok());
      // Text keeps a NaN's NaN-ness, not its sign or payload.
      CHECK(SameWordVectors(wv, back, /*nan_as_equal=*/!binary));
      CheckChunkSizes(format, file);
    }
  }
  const std::string vectors = Write(WordVectorsFormat::kProjectorTsvVectors, wv);
  const std::string metadata = Write(WordVectorsFormat::kProjectorTsvMetadata, wv);
  WordVectors back;
  REQUIRE(ReadTsvChunked(vectors, metadata, 0, &back).is_ok());
  CHECK(SameWordVectors(wv, back, true));
  REQUIRE(ReadTsvChunked(vectors, metadata, 7, &back).is_ok());
  CHECK(SameWordVectors(wv, back, true));
}

TEST_CASE("Text round trip equals printing with %.9g and reading back", "[vector_files]") {
  const WordVectors wv = Varied(30, 8, /*with_nan=*/false);
  const std::string file = Write(WordVectorsFormat::kWord2VecText, wv);
  WordVectors back;
  REQUIRE(Read(WordVectorsFormat::kWord2VecText, file, &back).is_ok());
  for (size_t r = 0; r < wv.vectors.rows(); ++r) {
    for (size_t j = 0; j < wv.vectors.cols(); ++j) {
      char buf[32];
      std::snprintf(buf, sizeof(buf), "%.9g", static_cast<double>(wv.vectors.row(r)[j]));
      REQUIRE(Bits(back.vectors.row(r)[j]) == Bits(std::strtof(buf, nullptr)));
    }
  }
}

TEST_CASE("GloVe words with spaces round-trip when the reader would take them back", "[vector_files]") {
  const WordVectors wv = MakeWordVectors({". . .", "at name@domain.com", "a\tb c"}, {{1}, {2}, {3}});
  const std::string file = Write(WordVectorsFormat::kGloveText, wv);
  WordVectors back;
  REQUIRE(Read(WordVectorsFormat::kGloveText, file, &back).is_ok());
  CHECK(SameWordVectors(wv, back));
}

TEST_CASE("A first word starting with U+FEFF survives the BOM that readers drop", "[vector_files]") {
  const WordVectors wv = MakeWordVectors({"\xEF\xBB\xBF" "a", "b"}, {{1.0f}, {2.0f}});
  const std::string glove = Write(WordVectorsFormat::kGloveText, wv);
  CHECK(glove == "\xEF\xBB\xBF\xEF\xBB\xBF" "a 1.0\nb 2.0\n");
  WordVectors back;
  REQUIRE(Read(WordVectorsFormat::kGloveText, glove, &back).is_ok());
  CHECK(SameWordVectors(wv, back));
  const std::string metadata = Write(WordVectorsFormat::kProjectorTsvMetadata, wv);
  REQUIRE(ReadTsvChunked(Write(WordVectorsFormat::kProjectorTsvVectors, wv), metadata, 0, &back).is_ok());
  CHECK(SameWordVectors(wv, back));
  // The word2vec formats start with their header, so need nothing.
  CHECK(Write(WordVectorsFormat::kWord2VecText, wv) == "2 1\n\xEF\xBB\xBF" "a 1.0\nb 2.0\n");
}

TEST_CASE("Writers refuse what the format cannot hold, before writing anything", "[vector_files]") {
  struct Case {
    WordVectorsFormat format;
    std::vector<std::string> words;
    std::string message;
  };
  using F = WordVectorsFormat;
  const Case cases[] = {
      {F::kWord2VecText, {"a b", "c"}, "word 1 'a b' contains a space, which the word2vec format cannot store"},
      {F::kFastTextVec, {"a", "b\nc"}, "word 2 'b\\nc' contains a newline, which the fasttext format cannot store"},
      {F::kWord2VecBinary, {"a", "b c"}, "word 2 'b c' contains a space, which the word2vec-binary format cannot store"},
      {F::kWord2VecBinary, {"\nb", "c"}, "word 1 '\\nb' starts with a newline, which the word2vec-binary format cannot store"},
      {F::kGloveText, {"a 1", "b"}, "word 1 'a 1' has a number after a space, which the glove format cannot store"},
      {F::kGloveText, {"a  b", "c"}, "word 1 'a  b' has two spaces in a row or ends with a space, which the glove format cannot store"},
      {F::kGloveText, {"a", " b"}, "word 2 ' b' starts with a space, which the glove format cannot store"},
      {F::kGloveText, {"a b\tc", "d"}, "word 1 'a b\\tc' has a tab or CR after a space, which the glove format cannot store"},
      {F::kProjectorTsvMetadata, {"a\tb", "c"}, "word 1 'a\\tb' contains a tab, which the tsv-metadata format cannot store"},
      {F::kProjectorTsvMetadata, {"a", "b\r"}, "word 2 'b\\r' ends with a CR, which the tsv-metadata format cannot store"},
      {F::kEmbedwasmBinary, {"a", ""}, "word 2 is empty"},
      {F::kEmbedwasmBinary, {"a", "b\xFF"}, "word 2 'b\\xff' is not valid UTF-8 (byte 1 of the word)"},
      {F::kEmbedwasmBinary, {"a", "a"}, "word 2 'a' repeats word 1"},
      {F::kEmbedwasmBinary, {"a", std::string(65537, 'b')}, "word 2 '" + std::string(60, 'b') + "...' is longer than 65536 bytes"},
  };
  for (const Case& c : cases) {
    INFO(c.message);
    const WordVectors wv = MakeWordVectors(c.words, {{1.0f}, {2.0f}});
    WordVectorsWriter writer;
    const Status s = WordVectorsWriter::create(c.format, &wv, {}, &writer);
    CHECK(s.code() == StatusCode::kInvalidArgument);
    CHECK(s.message() == c.message);
  }
  // Spaces, tabs and CRs are fine where the format holds them.
  const WordVectors spaced = MakeWordVectors({"a b", "c\td\r"}, {{1.0f}, {2.0f}});
  WordVectorsWriter writer;
  CHECK(WordVectorsWriter::create(F::kEmbedwasmBinary, &spaced, {}, &writer).is_ok());
  CHECK(WordVectorsWriter::create(F::kProjectorTsvVectors, &spaced, {}, &writer).is_ok());

  WordVectors empty;
  CHECK(WordVectorsWriter::create(F::kWord2VecText, &empty, {}, &writer).message() ==
        "no words to write (V must be at least 1)");
  WordVectors mismatched = MakeWordVectors({"a", "b"}, {{1.0f}, {2.0f}});
  mismatched.words.pop_back();
  CHECK(WordVectorsWriter::create(F::kWord2VecText, &mismatched, {}, &writer).message() ==
        "1 words but 2 rows of vectors");
  WordVectors no_dims;
  no_dims.words = {"a"};
  REQUIRE(RowMatrix::create(1, 0, &no_dims.vectors).is_ok());
  CHECK(WordVectorsWriter::create(F::kWord2VecText, &no_dims, {}, &writer).message() ==
        "vectors of dimension 0 (D must be at least 1)");
  CHECK(WordVectorsWriter::create(static_cast<F>(42), &spaced, {}, &writer).message() ==
        "unknown word vectors format 42");
}

TEST_CASE("Format names round-trip", "[vector_files]") {
  for (WordVectorsFormat format : kAllFormats) {
    WordVectorsFormat parsed;
    REQUIRE(parse_format_name(format_name(format), &parsed).is_ok());
    CHECK(parsed == format);
  }
  WordVectorsFormat parsed;
  CHECK(parse_format_name("npy", &parsed).message() ==
        "unknown word vectors format 'npy' (word2vec, word2vec-binary, glove, fasttext, "
        "embedwasm, tsv-vectors, tsv-metadata)");
}

#ifndef __EMSCRIPTEN__
// For tests/python/load_our_files.py, which loads these files with gensim:
//   EMBEDWASM_VECTOR_FILES_EXPORT_DIR=/tmp/x build/native/tests/cpp/embedwasm_tests "[vector_files][export]"
//   /usr/bin/python3 tests/python/load_our_files.py /tmp/x
// Without the variable the test only checks that writing works.
TEST_CASE("Export files for the gensim cross-check", "[vector_files][export]") {
  std::vector<std::string> words = {"the", "king", "queen", "caf\xC3\xA9", "na\xC3\xAFve",
                                    "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", "\xCE\xA9mega",
                                    "\xF0\x9F\x99\x82", "don't", "x_y"};
  std::vector<std::vector<float>> rows;
  WordVectors varied = Varied(10, 6, /*with_nan=*/true);
  for (size_t r = 0; r < 10; ++r) rows.push_back(Row(varied, r));
  const WordVectors wv = MakeWordVectors(words, rows);
  struct File {
    const char* name;
    WordVectorsFormat format;
    bool newline;
  };
  const File files[] = {{"ours_w2v.txt", WordVectorsFormat::kWord2VecText, true},
                        {"ours_w2v.bin", WordVectorsFormat::kWord2VecBinary, true},
                        {"ours_w2v_nonl.bin", WordVectorsFormat::kWord2VecBinary, false},
                        {"ours_fasttext.vec", WordVectorsFormat::kFastTextVec, true},
                        {"ours_glove.txt", WordVectorsFormat::kGloveText, true},
                        {"ours.ewvec", WordVectorsFormat::kEmbedwasmBinary, true},
                        {"ours_vectors.tsv", WordVectorsFormat::kProjectorTsvVectors, true},
                        {"ours_metadata.tsv", WordVectorsFormat::kProjectorTsvMetadata, true}};
  const char* dir = std::getenv("EMBEDWASM_VECTOR_FILES_EXPORT_DIR");
  for (const File& f : files) {
    WriterOptions options;
    options.word2vec_binary_newline = f.newline;
    const std::string bytes = Write(f.format, wv, options);
    if (dir == nullptr) continue;
    std::ofstream(std::string(dir) + "/" + f.name, std::ios::binary) << bytes;
  }
  if (dir == nullptr) return;
  // expected.txt: per row the word's UTF-8 bytes in hex, then the float bits in hex.
  std::ofstream expected(std::string(dir) + "/expected.txt");
  static const char kHex[] = "0123456789abcdef";
  for (size_t r = 0; r < wv.words.size(); ++r) {
    for (unsigned char c : wv.words[r]) expected << kHex[c >> 4] << kHex[c & 15];
    for (float x : Row(wv, r)) {
      char buf[16];
      std::snprintf(buf, sizeof(buf), " %08x", Bits(x));
      expected << buf;
    }
    expected << "\n";
  }
}
#endif

}  // namespace
}  // namespace embedwasm::vector_files
