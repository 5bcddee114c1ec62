// fasttext/model_file_reader.h: streaming, and every malformed file a clear error.
#include "embedwasm/fasttext/model_file_reader.h"

#include <catch2/catch.hpp>

#include <string>

#include "fasttext/tiny_models.h"

namespace embedwasm::fasttext {
namespace {

using namespace embedwasm::fasttext::testing;

Status Read(const std::string& bytes, ModelFile* out, size_t chunk = 0) {
  ModelFileReader reader;
  for (size_t at = 0; at < bytes.size();) {
    const size_t n = chunk == 0 ? bytes.size() : std::min(chunk, bytes.size() - at);
    EMBEDWASM_RETURN_IF_ERROR(reader.feed(u8(bytes) + at, n));
    at += n;
  }
  return reader.finish(out);
}

std::string Message(const std::string& bytes) {
  ModelFile f;
  return Read(bytes, &f).message();
}

TEST_CASE("ModelFileReader: reads a hand-made model in chunks of any size", "[fasttext]") {
  for (const ModelSpec& spec : {tiny_supervised(3), tiny_quantized()}) {
    const std::string bytes = model_bytes(spec);
    for (size_t chunk : {size_t{0}, size_t{1}, size_t{2}, size_t{7}, size_t{64}}) {
      INFO("chunk " << chunk);
      ModelFile f;
      REQUIRE(Read(bytes, &f, chunk).is_ok());
      CHECK(f.version == 12);
      CHECK(f.args.dim == 2);
      CHECK(f.args.loss == LossKind::kSoftmax);
      CHECK(f.args.model == ModelKind::kSupervised);
      REQUIRE(f.dictionary.entries.size() == 5);
      CHECK(f.dictionary.entries[1].word == "good");
      CHECK(f.dictionary.entries[3].count == 6);
      CHECK(f.dictionary.entries[3].type == EntryType::kLabel);
      CHECK(f.input.rows() == 3);
      CHECK(f.input.is_quantized() == spec.quant_input);
      CHECK(f.output.rows() == 2);
      CHECK(f.output.dense_rows().row(1)[1] == 1.0f);
    }
  }
}

TEST_CASE("ModelFileReader: a truncated file names the offset where it ends", "[fasttext]") {
  for (const ModelSpec& spec : {tiny_supervised(1), tiny_quantized()}) {
    const std::string bytes = model_bytes(spec);
    for (size_t n = 1; n < bytes.size(); ++n) {
      const std::string msg = Message(bytes.substr(0, n));
      INFO(n << ": " << msg);
      CHECK(msg.rfind("byte " + std::to_string(n) + ": the file ends inside ", 0) == 0);
    }
  }
  CHECK(Message("") == "empty input: expected a fastText model (.bin or .ftz)");
  CHECK(Message(model_bytes(tiny_supervised(3)) + "x") ==
        "byte " + std::to_string(model_bytes(tiny_supervised(3)).size()) +
            ": unexpected data after the output matrix");
}

TEST_CASE("ModelFileReader: wrong magic, version, kinds and flags", "[fasttext]") {
  ModelSpec m = tiny_supervised(3);
  m.magic = 12345;
  CHECK(Message(model_bytes(m)) == "byte 0: not a fastText model: the magic number is 12345, not 793712314");
  m = tiny_supervised(3);
  m.version = 13;
  CHECK(Message(model_bytes(m)) == "byte 4: fastText model version 13 is not supported (11 or 12)");
  m.version = 10;
  CHECK(Message(model_bytes(m)) == "byte 4: fastText model version 10 is not supported (11 or 12)");
  m = tiny_supervised(5);
  CHECK(Message(model_bytes(m)) == "byte 32: unknown loss 5 (1 hs, 2 ns, 3 softmax, 4 ova)");
  m = tiny_supervised(3);
  m.dim = 0;
  CHECK(Message(model_bytes(m)) == "byte 8: dim 0 is outside [1, 65536]");
  m = tiny_supervised(3);
  m.entries[2].second.second = 2;
  std::string msg = Message(model_bytes(m));
  CHECK(msg.find("dictionary entry 2 'bad' has the type 2 (0 word, 1 label)") != std::string::npos);
  m = tiny_supervised(3);
  m.entries[2].first = "good";
  msg = Message(model_bytes(m));
  CHECK(msg.find("dictionary entry 2 'good' repeats entry 1") != std::string::npos);
  m = tiny_supervised(3);
  m.entries[1].second.second = 1;
  CHECK(Message(model_bytes(m)).find("is a label, but the dictionary declares 3 words first") != std::string::npos);
  m = tiny_supervised(3);
  m.input_rows = 4;
  m.input.push_back(0.0f);
  m.input.push_back(0.0f);
  CHECK(Message(model_bytes(m)).find("the input matrix is 4 x 2, the model needs 3 x 2") != std::string::npos);
  // A pruned dictionary with a dense input matrix: fastText refuses it too.
  m = tiny_supervised(3);
  m.bucket = 10;
  m.pruneidx_size = 0;
  CHECK(Message(model_bytes(m)).find("a pruned dictionary needs a quantized input matrix") != std::string::npos);
  std::string bytes = model_bytes(tiny_supervised(3));
  bytes[bytes.size() - 16 - 8 - 8 - 1] = 2;  // the qout flag
  CHECK(Message(bytes).find("the qout flag is 2, not 0 or 1") != std::string::npos);
}

TEST_CASE("ModelFileReader: quantizer shapes are checked against the matrix", "[fasttext]") {
  ModelSpec m = tiny_quantized();
  m.qinput.dsub = 3;
  CHECK(Message(model_bytes(m)).find("needs 1 <= dsub <= dim") != std::string::npos);
  m = tiny_quantized();
  m.qinput.codes.push_back(0);  // 4 code bytes for 3 rows
  CHECK(Message(model_bytes(m)).find("has 4 code bytes for 3 rows") != std::string::npos);
  // A header asking for more than the limit is refused before allocating.
  ModelReaderOptions small;
  small.max_matrix_bytes = 1000;
  const std::string bytes = model_bytes(tiny_quantized());
  ModelFile f;
  const Status s = read_model_file(u8(bytes), bytes.size(), small, &f);
  CHECK(s.code() == StatusCode::kResourceExhausted);
}

TEST_CASE("ModelFileReader: errors are sticky and feed after finish fails", "[fasttext]") {
  ModelFileReader reader;
  const std::string bad("\x01\x02\x03\x04\x0c\x00\x00\x00", 8);
  CHECK_FALSE(reader.feed(u8(bad), bad.size()).is_ok());
  const std::string good = model_bytes(tiny_supervised(3));
  CHECK(reader.feed(u8(good), good.size()).message().rfind("byte 0: not a fastText model", 0) == 0);
  ModelFileReader ok;
  REQUIRE(ok.feed(u8(good), good.size()).is_ok());
  ModelFile f;
  REQUIRE(ok.finish(&f).is_ok());
  CHECK(ok.feed(u8(good), 1).message() == "feed after finish()");
}

TEST_CASE("ModelFileReader: version 11 supervised models read maxn as 0", "[fasttext]") {
  ModelSpec m = tiny_supervised(3);
  m.version = 11;
  m.maxn = 6;
  m.bucket = 5;
  m.input_rows = 8;
  m.input.resize(16, 0.0f);
  ModelFile f;
  REQUIRE(Read(model_bytes(m), &f).is_ok());
  CHECK(f.args.maxn == 0);
}

}  // namespace
}  // namespace embedwasm::fasttext
