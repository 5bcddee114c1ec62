// libFuzzer target for the fastText model reader (embedwasm/fasttext): the input is a
// .bin / .ftz file.
//
// Beyond "no crash, no sanitizer report", each input checks these properties and traps
// when one fails:
//   1. chunking: feeding the input in uneven chunks (sizes 1..61 from a seed in the
//      input) gives the same status and message as one chunk, and the same model;
//   2. an error names a byte offset within the input ("byte N: ...", N <= size), or is
//      the empty-input message;
//   3. whatever the reader accepts, FastTextModel::create accepts (the reader checks all
//      that the model relies on), and inference runs on it: word vectors, subwords,
//      sentence vectors, predictions with k 1 and 3 and a threshold, test, and (for small
//      vocabularies) nearest neighbours and analogies, with probabilities in [0, 1.01]
//      and predictions sorted best first;
//   4. with EMBEDWASM_FUZZ_EXPECT_VALID set (replaying the seeds), that it is accepted.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "embedwasm/fasttext/fasttext_model.h"
#include "embedwasm/fasttext/model_file_reader.h"

namespace {

using namespace embedwasm;
using namespace embedwasm::fasttext;

[[noreturn]] void fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "FUZZ PROPERTY FAILED: %s: %s\n", what, detail.c_str());
  __builtin_trap();
}

ModelReaderOptions options() {
  ModelReaderOptions o;
  o.max_matrix_bytes = 16 << 20;  // headers may ask for more; libFuzzer's RSS limit is 2 GB
  return o;
}

Status read(const uint8_t* p, size_t size, size_t seed, ModelFile* out) {
  ModelFileReader reader(options());
  for (size_t at = 0; at < size;) {
    size_t n = size - at;
    if (seed != 0) {
      seed = seed * 6364136223846793005ull + 1442695040888963407ull;
      n = std::min(n, static_cast<size_t>(1 + (seed >> 33) % 61));
    }
    EMBEDWASM_RETURN_IF_ERROR(reader.feed(p + at, n));
    at += n;
  }
  return reader.finish(out);
}

bool same_matrix(const ModelMatrix& a, const ModelMatrix& b) {
  if (a.is_quantized() != b.is_quantized() || a.rows() != b.rows() || a.cols() != b.cols()) return false;
  if (a.is_quantized()) {
    const QuantizedMatrix &x = a.quantized_rows(), &y = b.quantized_rows();
    return x.codes == y.codes && x.norm_codes == y.norm_codes && x.qnorm == y.qnorm &&
           std::memcmp(x.pq.centroids.data(), y.pq.centroids.data(), x.pq.centroids.size() * 4) == 0;
  }
  for (int64_t r = 0; r < a.rows(); ++r) {
    if (std::memcmp(a.dense_rows().row(static_cast<size_t>(r)), b.dense_rows().row(static_cast<size_t>(r)),
                    static_cast<size_t>(a.cols()) * 4) != 0) {
      return false;
    }
  }
  return true;
}

bool same(const ModelFile& a, const ModelFile& b) {
  const DictionaryData &x = a.dictionary, &y = b.dictionary;
  if (a.version != b.version || a.args.dim != b.args.dim || a.args.bucket != b.args.bucket ||
      x.nwords != y.nwords || x.nlabels != y.nlabels || x.pruneidx != y.pruneidx ||
      x.entries.size() != y.entries.size()) {
    return false;
  }
  for (size_t i = 0; i < x.entries.size(); ++i) {
    if (x.entries[i].word != y.entries[i].word || x.entries[i].count != y.entries[i].count) return false;
  }
  return same_matrix(a.input, b.input) && same_matrix(a.output, b.output);
}

void check_offset(const Status& s, size_t size) {
  const std::string& m = s.message();
  if (m == "empty input: expected a fastText model (.bin or .ftz)") return;
  if (m.compare(0, 5, "byte ") != 0) fail("error without a byte offset", m);
  const unsigned long long at = std::strtoull(m.c_str() + 5, nullptr, 10);
  if (at > size) fail("error offset past the end of the input", m);
}

void check_predictions(const FastTextModel& model, const Predictions& p, size_t lines, int32_t k) {
  if (p.offsets.size() != lines + 1) fail("predictions", "wrong number of lines");
  for (size_t i = 0; i < lines; ++i) {
    if (p.offsets[i + 1] - p.offsets[i] > k) fail("predictions", "more than k on a line");
    for (int32_t j = p.offsets[i]; j < p.offsets[i + 1]; ++j) {
      const float prob = p.probabilities[static_cast<size_t>(j)];
      if (p.labels[static_cast<size_t>(j)] < 0 || p.labels[static_cast<size_t>(j)] >= model.labels()) {
        fail("predictions", "label out of range");
      }
      if (std::isnan(prob)) continue;  // NaN weights in the file
      // fastText's scores are sums of log(p + 1e-5): hs multiplies one such factor per tree
      // level, so a probability may exceed 1 by about depth * 1e-5.
      if (prob < 0.0f || prob > 1.01f) fail("predictions", "probability " + std::to_string(prob));
      if (j > p.offsets[i] && prob > p.probabilities[static_cast<size_t>(j) - 1]) fail("predictions", "not sorted");
    }
  }
}

void exercise(FastTextModel& model) {
  const size_t d = static_cast<size_t>(model.dim());
  std::vector<float> v(4 * d);
  const std::vector<std::string> words = {"the", "\xC3\xA9t\xC3\xA9", "</s>", model.words() > 0 ? model.word(0) : "x"};
  if (!model.word_vectors(words, v.data()).is_ok()) fail("word_vectors", "refused valid words");
  std::vector<std::string> ngrams;
  std::vector<int32_t> rows;
  if (!model.subwords("fuzzing", &ngrams, &rows).is_ok()) fail("subwords", "refused a word");
  const std::string text = "the quick brown fox\n__label__a jumps \xE6\x97\xA5\xE6\x9C\xAC\n\nover the lazy dog";
  size_t lines = 0;
  if (!model.sentence_vectors(text, v.data(), &lines).is_ok() || lines != 4) fail("sentence_vectors", "");
  if (model.is_supervised() && model.labels() > 0) {
    Predictions p;
    for (int32_t k : {1, 3}) {
      if (!model.predict(text, {k, k == 1 ? 0.0f : 0.2f}, &p).is_ok()) fail("predict", "refused a valid call");
      check_predictions(model, p, 4, k);
    }
    TestResult r;
    if (!model.test(text, {2, 0.0f}, &r).is_ok()) fail("test", "refused a valid call");
  }
  if (model.words() > 0 && model.words() <= 5000) {
    std::vector<Neighbor> n;
    if (!model.nearest_neighbors(model.word(0), 3, &n).is_ok()) fail("nearest_neighbors", "");
    if (!model.analogies("a", "b", "c", 2, &n).is_ok()) fail("analogies", "");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  size_t seed = 0x9E3779B9u;
  for (size_t i = 0; i < size && i < 8; ++i) seed = seed * 131 + data[i];
  seed |= 1;  // 0 means "one chunk"

  ModelFile whole, chunked;
  const Status a = read(data, size, 0, &whole);
  const Status b = read(data, size, seed, &chunked);
  if (a.is_ok() != b.is_ok() || a.code() != b.code() || a.message() != b.message()) {
    fail("chunking changed the status", a.message() + " | " + b.message());
  }
  if (!a.is_ok()) {
    check_offset(a, size);
    static const bool expect_valid = std::getenv("EMBEDWASM_FUZZ_EXPECT_VALID") != nullptr;
    if (expect_valid) fail("rejected a valid seed file", a.message());
    return 0;
  }
  if (!same(whole, chunked)) fail("chunking changed the result", "");
  std::unique_ptr<FastTextModel> model;
  const Status c = FastTextModel::create(std::move(whole), &model);
  if (!c.is_ok()) {
    // Only an allocation the fuzzer's memory cannot hold may fail here.
    if (c.code() != StatusCode::kResourceExhausted) fail("the reader accepted what create refuses", c.message());
    return 0;
  }
  exercise(*model);
  return 0;
}
