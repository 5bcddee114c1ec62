// fasttext/fasttext_trainer.h: options, the lr schedule, determinism, chunking, and
// models that learn what a toy text makes obvious.
#include "embedwasm/fasttext/fasttext_trainer.h"

#include <catch2/catch.hpp>

#include <cstring>
#include <memory>
#include <string>

namespace embedwasm::fasttext {
namespace {

// Lines "__label__<c> <c>-words...": each label has its own words, so a trained
// classifier must get every line right.
std::string toy_labelled(int lines) {
  const char* words[3][4] = {{"sun", "beach", "warm", "summer"}, {"snow", "ice", "cold", "winter"},
                             {"rain", "wind", "grey", "autumn"}};
  const char* labels[3] = {"__label__hot", "__label__cold", "__label__wet"};
  std::string text;
  for (int i = 0; i < lines; ++i) {
    const int c = i % 3;
    text += std::string(labels[c]) + " " + words[c][i % 4] + " " + words[c][(i / 3) % 4] + " " + words[c][(i / 7) % 4] + "\n";
  }
  return text;
}

Args small_supervised() {
  Args a = args_for(ModelKind::kSupervised);
  a.dim = 8;
  a.epoch = 5;
  a.lr = 0.5;
  a.thread = 1;
  return a;
}

bool same_bits(const RowMatrix& a, const RowMatrix& b) {
  if (a.rows() != b.rows() || a.cols() != b.cols()) return false;
  for (size_t r = 0; r < a.rows(); ++r) {
    if (std::memcmp(a.row(r), b.row(r), a.cols() * sizeof(float)) != 0) return false;
  }
  return true;
}

TEST_CASE("FastTextTrainer: invalid options are typed errors naming the option", "[fasttext][training]") {
  const std::string text = toy_labelled(30);
  std::unique_ptr<FastTextTrainer> t;
  auto fails = [&](Args a, StatusCode code, const std::string& name) {
    const Status s = FastTextTrainer::create(a, text, {}, &t);
    CHECK(s.code() == code);
    CHECK(s.message().find(name) != std::string::npos);
    CHECK(t == nullptr);
  };
  Args a = small_supervised();
  a.dim = 0;
  fails(a, StatusCode::kOutOfRange, "dim");
  a = small_supervised();
  a.lr = -1;
  fails(a, StatusCode::kOutOfRange, "lr");
  a = small_supervised();
  a.epoch = 0;
  fails(a, StatusCode::kOutOfRange, "epoch");
  a = small_supervised();
  a.loss = LossKind::kNegativeSampling;
  a.neg = 0;
  fails(a, StatusCode::kOutOfRange, "neg");
  a = small_supervised();
  a.minn = 4;
  a.maxn = 3;
  fails(a, StatusCode::kOutOfRange, "minn");
  a = small_supervised();
  a.t = 0;
  fails(a, StatusCode::kOutOfRange, "t must");
  a = small_supervised();
  a.label = "";
  fails(a, StatusCode::kInvalidArgument, "label");
  a = small_supervised();
  a.loss = static_cast<LossKind>(9);
  fails(a, StatusCode::kInvalidArgument, "loss");
  a = small_supervised();
  a.word_ngrams = 2;
  a.bucket = 0;
  fails(a, StatusCode::kOutOfRange, "bucket");
  a = small_supervised();
  a.thread = 0;
  fails(a, StatusCode::kOutOfRange, "thread");
  REQUIRE(FastTextTrainer::create(small_supervised(), text, {}, &t).is_ok());  // the baseline is fine
  CHECK(FastTextTrainer::create(small_supervised(), "no labels here\n", {}, &t).code() == StatusCode::kInvalidArgument);
  a = small_supervised();
  CHECK(FastTextTrainer::create(a, text, "2 3\nsun 1 2 3\nice 1 2 3\n", &t).code() == StatusCode::kInvalidArgument);
  CHECK(FastTextTrainer::create(a, text, "1 8\nsun 1 2 3\n", &t).code() == StatusCode::kInvalidArgument);
}

TEST_CASE("FastTextTrainer: lr decays linearly in reported tokens", "[fasttext][training]") {
  std::unique_ptr<FastTextTrainer> t;
  Args a = small_supervised();
  REQUIRE(FastTextTrainer::create(a, toy_labelled(30), {}, &t).is_ok());
  // 30 lines of 4 tokens and "</s>" = 150 tokens; 5 epochs = 750.
  CHECK(t->progress().tokens_total == 750);
  CHECK(t->lr_at(0) == Approx(0.5));
  CHECK(t->lr_at(375) == Approx(0.25));
  CHECK(t->lr_at(600) == Approx(0.1));
  CHECK(t->progress().lr == Approx(0.5));
}

TEST_CASE("FastTextTrainer: one thread is bit-identical whatever the chunk sizes", "[fasttext][training]") {
  const std::string text = toy_labelled(60);
  for (LossKind loss : {LossKind::kSoftmax, LossKind::kNegativeSampling, LossKind::kHierarchicalSoftmax, LossKind::kOneVsAll}) {
    INFO("loss " << loss_kind_name(loss));
    Args a = small_supervised();
    a.loss = loss;
    a.word_ngrams = 2;
    a.bucket = 1000;
    a.lr_update_rate = 7;
    std::unique_ptr<FastTextTrainer> one, many;
    REQUIRE(FastTextTrainer::create(a, text, {}, &one).is_ok());
    REQUIRE(FastTextTrainer::create(a, text, {}, &many).is_ok());
    TrainProgress p1, p2;
    REQUIRE(one->train(&p1, 1000000).is_ok());
    // Small chunks, as a cancelled-then-continued run would call.
    int calls = 0;
    double last_fraction = 0.0;
    while (!p2.done) {
      REQUIRE(many->train_chunk(13, &p2).is_ok());
      CHECK(p2.fraction_done >= last_fraction);
      last_fraction = p2.fraction_done;
      ++calls;
    }
    CHECK(calls > 20);
    CHECK(p1.done);
    CHECK(p1.tokens_processed == p2.tokens_processed);
    CHECK(same_bits(one->weights().input, many->weights().input));
    CHECK(same_bits(one->weights().output, many->weights().output));
    CHECK(p1.loss == p2.loss);
    // A call after the end does nothing.
    REQUIRE(many->train_chunk(100, &p2).is_ok());
    CHECK(p2.done);
    CHECK(same_bits(one->weights().input, many->weights().input));
  }
}

TEST_CASE("FastTextTrainer: a different seed gives different weights", "[fasttext][training]") {
  const std::string text = toy_labelled(30);
  Args a = small_supervised();
  std::unique_ptr<FastTextTrainer> x, y;
  REQUIRE(FastTextTrainer::create(a, text, {}, &x).is_ok());
  a.seed = 1;
  REQUIRE(FastTextTrainer::create(a, text, {}, &y).is_ok());
  CHECK_FALSE(same_bits(x->weights().input, y->weights().input));
}

TEST_CASE("FastTextTrainer: supervised models learn the toy labels with every loss", "[fasttext][training]") {
  const std::string text = toy_labelled(90);
  for (LossKind loss : {LossKind::kSoftmax, LossKind::kNegativeSampling, LossKind::kHierarchicalSoftmax, LossKind::kOneVsAll}) {
    INFO("loss " << loss_kind_name(loss));
    Args a = small_supervised();
    a.loss = loss;
    a.epoch = 20;
    a.word_ngrams = 2;
    a.bucket = 1000;
    a.minn = 2;
    a.maxn = 3;
    std::unique_ptr<FastTextTrainer> t;
    REQUIRE(FastTextTrainer::create(a, text, {}, &t).is_ok());
    TrainProgress p;
    REQUIRE(t->train(&p, 50).is_ok());
    CHECK(p.loss > 0.0);
    std::unique_ptr<FastTextModel> m;
    REQUIRE(t->model(&m).is_ok());
    TestResult r;
    REQUIRE(m->test(text, {}, &r).is_ok());
    CHECK(r.examples == 90);
    CHECK(r.precision() == 1.0);
    // The lines differ from the training text's only by a word never seen: n-grams and the
    // other words still carry them.
    Predictions pred;
    REQUIRE(m->predict("snow winterr\nsunn beach\n", {}, &pred).is_ok());
    CHECK(m->label(pred.labels[0]) == "__label__cold");
    CHECK(m->label(pred.labels[1]) == "__label__hot");
  }
}

TEST_CASE("FastTextTrainer: pretrained vectors seed the input rows", "[fasttext][training]") {
  Args a = small_supervised();
  a.dim = 2;
  std::unique_ptr<FastTextTrainer> t;
  REQUIRE(FastTextTrainer::create(a, toy_labelled(30), "2 2\nsun 0.25 -4\nnever 1 2\n", &t).is_ok());
  const Dictionary& d = t->dictionary();
  const int32_t sun = d.find("sun"), never = d.find("never");
  REQUIRE(sun >= 0);
  REQUIRE(never >= 0);  // a pretrained word joins the vocabulary, as in fastText
  CHECK(d.entry(never).count == 1);
  CHECK(t->weights().input.row(static_cast<size_t>(sun))[0] == 0.25f);
  CHECK(t->weights().input.row(static_cast<size_t>(sun))[1] == -4.0f);
  CHECK(t->weights().input.row(static_cast<size_t>(never))[1] == 2.0f);
}

// Two topics whose words never share a line: skipgram and cbow must put each word's
// neighbours in its own topic.
std::string toy_topics() {
  const char* a[5] = {"alpha", "beta", "gamma", "delta", "epsilon"};
  const char* b[5] = {"red", "green", "blue", "yellow", "purple"};
  std::string text;
  for (int i = 0; i < 400; ++i) {
    const char** w = i % 2 == 0 ? a : b;
    for (int j = 0; j < 8; ++j) text += std::string(w[(i * 7 + j * 3) % 5]) + (j == 7 ? "\n" : " ");
  }
  return text;
}

TEST_CASE("FastTextTrainer: skipgram separates two topics, cbow learns to predict", "[fasttext][training]") {
  // (fastText's own cbow leaves these ten words mixed: its neighbours are checked for
  // skipgram only; cbow must still lower its loss.)
  for (ModelKind kind : {ModelKind::kSkipgram, ModelKind::kCbow}) {
    for (LossKind loss : {LossKind::kNegativeSampling, LossKind::kHierarchicalSoftmax}) {
      INFO(model_kind_name(kind) << " " << loss_kind_name(loss));
      Args a = args_for(kind);
      a.dim = 10;
      a.epoch = 10;
      a.bucket = 5000;
      a.thread = 1;
      a.loss = loss;
      a.t = 1.0;  // no subsampling on a ten-word vocabulary
      std::unique_ptr<FastTextTrainer> t;
      REQUIRE(FastTextTrainer::create(a, toy_topics(), {}, &t).is_ok());
      TrainProgress early, p;
      REQUIRE(t->train_chunk(2000, &early).is_ok());
      REQUIRE(t->train(&p, 997).is_ok());
      CHECK(p.loss < early.loss);
      if (kind == ModelKind::kCbow) continue;
      std::unique_ptr<FastTextModel> m;
      REQUIRE(t->model(&m).is_ok());
      std::vector<Neighbor> n;
      REQUIRE(m->nearest_neighbors("beta", 3, &n).is_ok());
      for (const Neighbor& x : n) {
        const std::string w = m->word(x.word);
        CHECK((w == "alpha" || w == "gamma" || w == "delta" || w == "epsilon"));
      }
      REQUIRE(m->nearest_neighbors("greenn", 3, &n).is_ok());  // unseen: from its n-grams
      CHECK(m->word(n[0].word) == "green");
    }
  }
}

TEST_CASE("FastTextTrainer: thread > 1 needs the threads build, and trains there", "[fasttext][training]") {
  Args a = small_supervised();
  a.thread = 2;
  std::unique_ptr<FastTextTrainer> t;
  const Status s = FastTextTrainer::create(a, toy_labelled(60), {}, &t);
  if (!FastTextTrainer::threads_supported()) {
    CHECK(s.code() == StatusCode::kInvalidArgument);
    return;
  }
  REQUIRE(s.is_ok());
  a.epoch = 20;
  REQUIRE(FastTextTrainer::create(a, toy_labelled(60), {}, &t).is_ok());
  TrainProgress p;
  REQUIRE(t->train(&p, 100).is_ok());
  CHECK(p.done);
  CHECK(p.tokens_processed >= p.tokens_total);
  std::unique_ptr<FastTextModel> m;
  REQUIRE(t->model(&m).is_ok());
  TestResult r;
  REQUIRE(m->test(toy_labelled(60), {}, &r).is_ok());
  CHECK(r.precision() == 1.0);
}

}  // namespace
}  // namespace embedwasm::fasttext
