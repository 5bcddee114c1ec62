// fasttext/fasttext_model.h: inference on hand-made models, worked out by hand.
#include "embedwasm/fasttext/fasttext_model.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "fasttext/tiny_models.h"

namespace embedwasm::fasttext {
namespace {

using namespace embedwasm::fasttext::testing;

std::unique_ptr<FastTextModel> Load(const ModelSpec& spec) {
  const std::string bytes = model_bytes(spec);
  std::unique_ptr<FastTextModel> m;
  const Status s = FastTextModel::load(u8(bytes), bytes.size(), {}, &m);
  INFO(s.message());
  REQUIRE(s.is_ok());
  return m;
}

double Sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

// predict-prob prints exp(log(p + 1e-5)) computed in float.
void CheckPrediction(const Predictions& p, size_t i, const std::string& label, double prob,
                     const FastTextModel& m) {
  REQUIRE(p.labels.size() > i);
  CHECK(m.label(p.labels[i]) == label);
  CHECK(p.probabilities[i] == Approx(prob + 1e-5).margin(1e-6));
}

TEST_CASE("FastTextModel: softmax, hs, ova and ns predictions of a tiny model", "[fasttext]") {
  // "good" -> hidden (1.25, 0.25): output scores pos 1.25, neg 0.25.
  Predictions p;
  {
    auto m = Load(tiny_supervised(3));  // softmax: p(pos) = sigma(1.25 - 0.25)
    REQUIRE(m->predict("good", {2, 0.0f}, &p).is_ok());
    CHECK(p.offsets == std::vector<int32_t>{0, 2});
    CheckPrediction(p, 0, "__label__pos", Sigmoid(1.0), *m);
    CheckPrediction(p, 1, "__label__neg", 1.0 - Sigmoid(1.0), *m);
  }
  {
    // hs: counts 6, 3 -> the root (output row 0) has neg (the smaller) on the left and
    // pos on the right: p(pos) = sigma(hidden . row 0) = sigma(1.25).
    auto m = Load(tiny_supervised(1));
    REQUIRE(m->predict("good", {2, 0.0f}, &p).is_ok());
    CheckPrediction(p, 0, "__label__pos", Sigmoid(1.25), *m);
    CheckPrediction(p, 1, "__label__neg", 1.0 - Sigmoid(1.25), *m);
  }
  for (int32_t loss : {2, 4}) {
    // ova / ns: the table value at exactly 1.25 and 0.25 (both on table points).
    auto m = Load(tiny_supervised(loss));
    REQUIRE(m->predict("good", {2, 0.0f}, &p).is_ok());
    CheckPrediction(p, 0, "__label__pos", Sigmoid(1.25), *m);
    CheckPrediction(p, 1, "__label__neg", Sigmoid(0.25), *m);
  }
}

TEST_CASE("FastTextModel: k, threshold, batches and lines without known words", "[fasttext]") {
  auto m = Load(tiny_supervised(3));
  Predictions p;
  // "bad" -> hidden (-0.25, 1.25): neg wins. An unknown word leaves only </s>: (0.5, -0.5).
  REQUIRE(m->predict("good\nbad\r\n\nzzz __label__pos", {1, 0.0f}, &p).is_ok());
  CHECK(p.offsets == std::vector<int32_t>{0, 1, 2, 3, 4});
  CHECK(m->label(p.labels[0]) == "__label__pos");
  CHECK(m->label(p.labels[1]) == "__label__neg");
  CHECK(p.probabilities[1] == Approx(Sigmoid(1.5) + 1e-5).margin(1e-6));
  CHECK(p.probabilities[2] == Approx(Sigmoid(1.0) + 1e-5).margin(1e-6));  // empty line: </s> alone
  CHECK(p.probabilities[3] == Approx(Sigmoid(1.0) + 1e-5).margin(1e-6));
  // A threshold above p(neg) leaves one prediction.
  REQUIRE(m->predict("good", {5, 0.5f}, &p).is_ok());
  CHECK(p.labels.size() == 1);
  REQUIRE(m->predict("good", {5, 0.99f}, &p).is_ok());
  CHECK(p.labels.empty());
  CHECK(p.offsets == std::vector<int32_t>{0, 0});
}

TEST_CASE("FastTextModel: bad calls fail clearly and leave the model usable", "[fasttext]") {
  auto m = Load(tiny_supervised(3));
  Predictions p;
  CHECK(m->predict("good", {0, 0.0f}, &p).code() == StatusCode::kOutOfRange);
  CHECK(m->predict("good", {-3, 0.0f}, &p).message() == "k must be >= 1, got -3");
  CHECK(m->predict("", {1, 0.0f}, &p).message() == "the text is empty (it has no tokens)");
  CHECK(m->predict(" \n\t\n", {1, 0.0f}, &p).code() == StatusCode::kInvalidArgument);
  CHECK(m->predict("good", {1, std::nanf("")}, &p).message() == "threshold is NaN");
  std::vector<float> v(2);
  CHECK(m->word_vector("", v.data()).message() == "the word is empty");
  std::vector<Neighbor> n;
  CHECK(m->nearest_neighbors("good", 0, &n).code() == StatusCode::kOutOfRange);
  REQUIRE(m->predict("good", {1, 0.0f}, &p).is_ok());
  CHECK(p.probabilities[0] == Approx(Sigmoid(1.0) + 1e-5).margin(1e-6));

  auto sg = Load(tiny_skipgram());
  CHECK(sg->predict("a b", {1, 0.0f}, &p).message() == "prediction needs a supervised model; this one is skipgram");
}

TEST_CASE("FastTextModel: word and sentence vectors", "[fasttext]") {
  auto m = Load(tiny_supervised(3));
  std::vector<float> v(4);
  REQUIRE(m->word_vectors({"good", "unknown"}, v.data()).is_ok());
  CHECK(v == std::vector<float>{2.0f, 1.0f, 0.0f, 0.0f});  // no n-grams: unknown is zero
  // Supervised sentence vector = the hidden vector predict uses.
  std::vector<float> s(4);
  size_t lines = 0;
  REQUIRE(m->sentence_vectors("good\nbad good", s.data(), &lines).is_ok());
  CHECK(lines == 2);
  // "bad good": rows bad, good, </s> summed to (1.5, 3.5), times float(1 / 3) as fastText.
  const float third = static_cast<float>(1.0 / 3.0);
  CHECK(s == std::vector<float>{1.25f, 0.25f, 1.5f * third, 3.5f * third});
  // Unsupervised: the mean of unit word vectors; b and c are unit already.
  auto sg = Load(tiny_skipgram());
  REQUIRE(sg->sentence_vectors("b c zzz", s.data(), &lines).is_ok());
  CHECK(lines == 1);
  CHECK(s[0] == -0.5f);
  CHECK(s[1] == 0.5f);
}

TEST_CASE("FastTextModel: nearest neighbours and analogies leave the query words out", "[fasttext]") {
  auto m = Load(tiny_skipgram());
  std::vector<Neighbor> n;
  REQUIRE(m->nearest_neighbors("a", 2, &n).is_ok());
  REQUIRE(n.size() == 2);
  const double norm_a = std::sqrt(1.0 + 0.01);
  CHECK(m->word(n[0].word) == "</s>");
  CHECK(n[0].similarity == Approx(1.0 / norm_a).epsilon(1e-6));
  CHECK(m->word(n[1].word) == "b");
  CHECK(n[1].similarity == Approx(0.1 / norm_a).epsilon(1e-6));
  // a/|a| - b + c = (1/|a| - 1, 0.1/|a| - 1): only </s> is left, at x / |query|.
  REQUIRE(m->analogies("a", "b", "c", 5, &n).is_ok());
  REQUIRE(n.size() == 1);
  const double qx = 1.0 / norm_a - 1.0, qy = 0.1 / norm_a - 1.0;
  CHECK(m->word(n[0].word) == "</s>");
  CHECK(n[0].similarity == Approx(qx / std::sqrt(qx * qx + qy * qy)).epsilon(1e-4));
}

TEST_CASE("FastTextModel: test() counts precision and recall at k", "[fasttext]") {
  auto m = Load(tiny_supervised(3));
  TestResult r;
  REQUIRE(m->test("__label__pos good\n__label__neg bad\n__label__pos __label__neg bad\nno label\n", {1, 0.0f}, &r)
              .is_ok());
  CHECK(r.examples == 3);
  CHECK(r.gold == 4);
  CHECK(r.predicted == 3);
  CHECK(r.correct == 3);
  CHECK(r.precision() == 1.0);
  CHECK(r.recall() == 0.75);
}

TEST_CASE("FastTextModel: a quantized input predicts as its decoded dense twin", "[fasttext]") {
  const ModelSpec q = tiny_quantized();
  auto mq = Load(q);
  auto md = Load(dense_equivalent(q));
  CHECK(mq->is_quantized());
  Predictions pq, pd;
  REQUIRE(mq->predict("good\nbad\nzzz", {2, 0.0f}, &pq).is_ok());
  REQUIRE(md->predict("good\nbad\nzzz", {2, 0.0f}, &pd).is_ok());
  CHECK(pq.labels == pd.labels);
  CHECK(pq.probabilities == pd.probabilities);
  std::vector<float> a(2), b(2);
  REQUIRE(mq->word_vector("good", a.data()).is_ok());
  REQUIRE(md->word_vector("good", b.data()).is_ok());
  CHECK(a == b);
  // Row "good": code 7 with norm code 2, i.e. 3 * (0.7, -0.35).
  CHECK(a[0] == Approx(2.1).epsilon(1e-6));
  CHECK(a[1] == Approx(-1.05).epsilon(1e-6));
}

}  // namespace
}  // namespace embedwasm::fasttext
