// fasttext/model_file_writer.h: the bytes of tiny models against the layout written out
// by hand in model_bytes.h, and trained models read back bit for bit.
#include "embedwasm/fasttext/model_file_writer.h"

#include <catch2/catch.hpp>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "embedwasm/fasttext/fasttext_trainer.h"
#include "embedwasm/fasttext/quantization.h"
#include "fasttext/tiny_models.h"

namespace embedwasm::fasttext {
namespace {

using testing::model_bytes;
using testing::ModelSpec;

std::unique_ptr<FastTextModel> load(const std::string& bytes) {
  std::unique_ptr<FastTextModel> m;
  REQUIRE(FastTextModel::load(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), {}, &m).is_ok());
  return m;
}

std::string as_string(const std::vector<uint8_t>& v) { return std::string(v.begin(), v.end()); }

TEST_CASE("write_model_file: tiny models byte for byte as the hand-written layout", "[fasttext][training]") {
  ModelSpec pruned = testing::tiny_quantized();
  pruned.bucket = 10;
  pruned.minn = 1;
  pruned.maxn = 2;
  pruned.pruneidx_size = 2;
  pruned.pruneidx = {{3, 1}, {7, 0}};  // ascending buckets, the order we write
  pruned.qinput.rows = 5;
  pruned.qinput.codes = {3, 7, 3, 1, 2};
  pruned.qinput.norm_codes = {1, 2, 1, 3, 3};
  for (const ModelSpec& spec : {testing::tiny_supervised(3), testing::tiny_supervised(1), testing::tiny_skipgram(),
                                testing::tiny_quantized(), pruned}) {
    const std::string bytes = model_bytes(spec);
    std::unique_ptr<FastTextModel> m = load(bytes);
    std::vector<uint8_t> out;
    REQUIRE(write_model_file(*m, &out).is_ok());
    CHECK(out.size() == bytes.size());
    CHECK(as_string(out) == bytes);
  }
}

TEST_CASE("write_model_file: parts that disagree are refused", "[fasttext][training]") {
  std::unique_ptr<FastTextModel> m = load(model_bytes(testing::tiny_supervised(3)));
  Args args = m->args();
  args.dim = 3;
  std::vector<uint8_t> out;
  const Status s = write_model_file(args, m->dictionary().data(), m->input_matrix(), m->output_matrix(), &out);
  CHECK(s.code() == StatusCode::kInvalidArgument);
  CHECK(s.message().find("input matrix") != std::string::npos);
  CHECK(out.empty());
}

std::string labelled_text() {
  std::string text;
  const char* w[4] = {"apple", "pear", "plum", "fig"};
  for (int i = 0; i < 400; ++i) {
    text += std::string(i % 2 ? "__label__a " : "__label__b ") + w[i % 4] + " x" + std::to_string(i % 37) + " y" +
            std::to_string(i % 11) + "\n";
  }
  return text;
}

TEST_CASE("write_model_file: trained models, dense and quantized, read back identically", "[fasttext][training]") {
  Args a = args_for(ModelKind::kSupervised);
  a.dim = 6;
  a.thread = 1;
  a.word_ngrams = 2;
  a.bucket = 400;
  a.minn = 2;
  a.maxn = 3;
  std::unique_ptr<FastTextTrainer> t;
  REQUIRE(FastTextTrainer::create(a, labelled_text(), {}, &t).is_ok());
  TrainProgress p;
  REQUIRE(t->train(&p).is_ok());
  ModelFile f;
  REQUIRE(t->model_file(&f).is_ok());
  std::vector<uint8_t> bin;
  REQUIRE(write_model_file(f, &bin).is_ok());
  std::unique_ptr<FastTextModel> m = load(as_string(bin));
  std::vector<uint8_t> again;
  REQUIRE(write_model_file(*m, &again).is_ok());
  CHECK(again == bin);
  const RowMatrix& trained = t->weights().input;
  const RowMatrix& loaded = m->input_matrix().dense_rows();
  REQUIRE(loaded.rows() == trained.rows());
  for (size_t r = 0; r < trained.rows(); ++r) CHECK(std::memcmp(loaded.row(r), trained.row(r), 6 * sizeof(float)) == 0);

  QuantizeOptions q;
  q.cutoff = 300;
  q.qnorm = true;
  q.dsub = 4;  // 6 = 4 + a last sub-vector of 2
  ModelFile qf;
  REQUIRE(t->quantized_model_file(q, &qf).is_ok());
  CHECK(qf.dictionary.pruneidx_size >= 0);
  std::vector<uint8_t> ftz;
  REQUIRE(write_model_file(qf, &ftz).is_ok());
  std::unique_ptr<FastTextModel> mq = load(as_string(ftz));
  CHECK(mq->is_quantized());
  CHECK(mq->input_matrix().rows() == 300);
  REQUIRE(write_model_file(*mq, &again).is_ok());
  CHECK(again == ftz);
  // The quantized model still classifies the training text as the dense one mostly does.
  TestResult dense_result, quant_result;
  REQUIRE(m->test(labelled_text(), {}, &dense_result).is_ok());
  REQUIRE(mq->test(labelled_text(), {}, &quant_result).is_ok());
  CHECK(dense_result.precision() == 1.0);
  CHECK(quant_result.precision() >= 0.9);

  // The same from the loaded model gives the same bytes (quantizing is seeded).
  std::unique_ptr<FastTextModel> mq2;
  REQUIRE(quantize_model(*m, q, &mq2).is_ok());
  REQUIRE(write_model_file(*mq2, &again).is_ok());
  CHECK(again == ftz);
  CHECK_FALSE(m->is_quantized());
  q.dsub = 0;
  CHECK(quantize_model(*m, q, &mq2).code() == StatusCode::kOutOfRange);
}

}  // namespace
}  // namespace embedwasm::fasttext
