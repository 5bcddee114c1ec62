#include "embedwasm/word2vec/word2vec_trainer.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <tuple>
#include <vector>

#include "embedwasm/core/rng.h"
#include "embedwasm/word2vec/subsampling.h"

using embedwasm::Rng;
using embedwasm::RowMatrix;
using embedwasm::StatusCode;
using embedwasm::word2vec::subsample_keep_probability;
using embedwasm::word2vec::Word2VecConfig;
using embedwasm::word2vec::Word2VecProgress;
using embedwasm::word2vec::Word2VecTrainer;
using Sentences = std::vector<std::vector<std::string>>;

// The corpora below are built so that the right answer is known by construction, and
// small (~10^4 words) so the whole file runs in well under a second natively.

namespace {

// Two disjoint topics: each sentence draws its words from one topic only.
Sentences topic_corpus(int words_per_topic, int sentences, uint64_t seed) {
  Rng rng(seed);
  Sentences out;
  for (int s = 0; s < sentences; ++s) {
    const char topic = rng.below(2) ? 'a' : 'b';
    std::vector<std::string> sentence;
    for (int k = 0; k < 10; ++k) {
      sentence.push_back(std::string(1, topic) + std::to_string(rng.below(words_per_topic)));
    }
    out.push_back(sentence);
  }
  return out;
}

// Pairs (m_i, f_i) share role i's context words and differ only in the gender words
// around them, so m_a - f_a + f_b should land on m_b.
Sentences analogy_corpus(int roles, int sentences_per_word, uint64_t seed) {
  const std::vector<std::string> male = {"he", "him", "his", "man", "boy", "sir"};
  const std::vector<std::string> female = {"she", "her", "hers", "woman", "girl", "madam"};
  Rng rng(seed);
  Sentences out;
  for (int s = 0; s < sentences_per_word; ++s) {
    for (int role = 0; role < roles; ++role) {
      for (int g = 0; g < 2; ++g) {
        std::vector<std::string> sentence;
        for (int k = 0; k < 4; ++k) {
          sentence.push_back("ctx" + std::to_string(role) + "_" + std::to_string(rng.below(3)));
        }
        const auto& gender = g == 0 ? male : female;
        for (int k = 0; k < 4; ++k) sentence.push_back(gender[rng.below(gender.size())]);
        sentence.push_back((g == 0 ? "m" : "f") + std::to_string(role));
        // Fisher-Yates with our Rng, so the corpus is the same natively and in wasm.
        for (size_t i = sentence.size() - 1; i > 0; --i) std::swap(sentence[i], sentence[rng.below(i + 1)]);
        out.push_back(sentence);
      }
    }
  }
  return out;
}

Word2VecConfig small_config(int sg, int hs, int negative) {
  Word2VecConfig c;
  c.vector_size = 24;
  c.window = 4;
  c.min_count = 1;
  c.sg = sg;
  c.hs = hs;
  c.negative = negative;
  c.sample = 0;  // every word of these tiny vocabularies is "frequent"
  c.epochs = 10;
  c.seed = 7;
  return c;
}

Word2VecTrainer trained(const Word2VecConfig& config, const Sentences& corpus, size_t chunk = 5000) {
  Word2VecTrainer t;
  REQUIRE(Word2VecTrainer::create(config, &t).is_ok());
  REQUIRE(t.add_sentences(corpus).is_ok());
  REQUIRE(t.build_vocab().is_ok());
  Word2VecProgress p;
  REQUIRE(t.train(&p, chunk).is_ok());
  REQUIRE(p.done);
  return t;
}

std::vector<float> unit_row(const Word2VecTrainer& t, const std::string& word) {
  const int32_t id = t.vocab().find(word);
  REQUIRE(id >= 0);
  const RowMatrix& v = t.vectors();
  std::vector<float> r(v.row(static_cast<size_t>(id)), v.row(static_cast<size_t>(id)) + v.cols());
  double norm = 0;
  for (float x : r) norm += static_cast<double>(x) * x;
  for (float& x : r) x = static_cast<float>(x / std::sqrt(norm));
  return r;
}

double dot(const std::vector<float>& a, const std::vector<float>& b) {
  double s = 0;
  for (size_t i = 0; i < a.size(); ++i) s += static_cast<double>(a[i]) * b[i];
  return s;
}

// Mean cosine within a topic minus mean cosine across topics, and how many words have
// a nearest neighbour from the other topic.
void check_topics(const Word2VecTrainer& t, int words_per_topic) {
  std::vector<std::vector<float>> rows;
  for (const char topic : {'a', 'b'}) {
    for (int i = 0; i < words_per_topic; ++i) rows.push_back(unit_row(t, topic + std::to_string(i)));
  }
  const size_t n = rows.size();
  double same = 0, other = 0;
  int same_n = 0, other_n = 0, wrong_neighbour = 0;
  for (size_t i = 0; i < n; ++i) {
    double best = -2;
    size_t best_j = 0;
    for (size_t j = 0; j < n; ++j) {
      if (i == j) continue;
      const double c = dot(rows[i], rows[j]);
      const bool same_topic = (i < n / 2) == (j < n / 2);
      (same_topic ? same : other) += c;
      ++(same_topic ? same_n : other_n);
      if (c > best) best = c, best_j = j;
    }
    wrong_neighbour += (i < n / 2) != (best_j < n / 2);
  }
  same /= same_n;
  other /= other_n;
  INFO("mean cosine within topics " << same << ", across " << other);
  CHECK(same - other > 0.3);
  CHECK(wrong_neighbour == 0);
}

// 3CosAdd over the whole vocabulary, as gensim's most_similar(positive=[m_b, f_a],
// negative=[m_a]): the share of ordered pairs (a, b) answered right.
double analogy_accuracy(const Word2VecTrainer& t, int roles) {
  const size_t v = t.vocab().size();
  std::vector<std::vector<float>> unit;
  for (size_t w = 0; w < v; ++w) unit.push_back(unit_row(t, t.vocab().word(static_cast<int32_t>(w))));
  int right = 0, total = 0;
  for (int a = 0; a < roles; ++a) {
    for (int b = 0; b < roles; ++b) {
      if (a == b) continue;
      const int32_t ma = t.vocab().find("m" + std::to_string(a));
      const int32_t fa = t.vocab().find("f" + std::to_string(a));
      const int32_t mb = t.vocab().find("m" + std::to_string(b));
      const int32_t fb = t.vocab().find("f" + std::to_string(b));
      std::vector<float> q(unit[0].size());
      for (size_t k = 0; k < q.size(); ++k) q[k] = unit[fa][k] - unit[ma][k] + unit[mb][k];
      double best = -1e9;
      int32_t best_w = -1;
      for (size_t w = 0; w < v; ++w) {
        const auto id = static_cast<int32_t>(w);
        if (id == ma || id == fa || id == mb) continue;
        const double c = dot(q, unit[w]);
        if (c > best) best = c, best_w = id;
      }
      right += best_w == fb;
      ++total;
    }
  }
  return static_cast<double>(right) / total;
}

}  // namespace

TEST_CASE("Word2VecTrainer: topics separate (SG+NS, CBOW+NS, SG+HS, CBOW+HS+NS)",
          "[word2vec]") {
  const Sentences corpus = topic_corpus(12, 1000, 3);
  SECTION("skip-gram, negative sampling") { check_topics(trained(small_config(1, 0, 5), corpus), 12); }
  SECTION("CBOW, negative sampling") { check_topics(trained(small_config(0, 0, 5), corpus), 12); }
  SECTION("skip-gram, hierarchical softmax") { check_topics(trained(small_config(1, 1, 0), corpus), 12); }
  SECTION("CBOW (sum), both hs and negative") {
    Word2VecConfig c = small_config(0, 1, 3);
    c.cbow_mean = 0;
    check_topics(trained(c, corpus), 12);
  }
}

TEST_CASE("Word2VecTrainer: analogies hold on a corpus built for them", "[word2vec]") {
  const int roles = 6;
  const Sentences corpus = analogy_corpus(roles, 60, 5);
  SECTION("skip-gram, negative sampling") {
    const double acc = analogy_accuracy(trained(small_config(1, 0, 5), corpus), roles);
    INFO("accuracy " << acc);
    CHECK(acc >= 0.9);
  }
  SECTION("CBOW, negative sampling") {
    const double acc = analogy_accuracy(trained(small_config(0, 0, 5), corpus), roles);
    INFO("accuracy " << acc);
    CHECK(acc >= 0.9);
  }
  SECTION("skip-gram, hierarchical softmax") {
    const double acc = analogy_accuracy(trained(small_config(1, 1, 0), corpus), roles);
    INFO("accuracy " << acc);
    CHECK(acc >= 0.9);
  }
}

TEST_CASE("Word2VecTrainer: one thread and a fixed seed give identical vectors, whatever the chunks",
          "[word2vec]") {
  const Sentences corpus = topic_corpus(12, 300, 9);
  for (const int sg : {0, 1}) {
    Word2VecConfig c = small_config(sg, 1, 5);
    c.sample = 1e-2;  // exercise the subsampling draws too
    c.epochs = 3;
    const Word2VecTrainer a = trained(c, corpus, 5000);
    const Word2VecTrainer b = trained(c, corpus, 5000);
    const Word2VecTrainer chunked = trained(c, corpus, 37);
    const RowMatrix& va = a.vectors();
    const size_t bytes = va.rows() * va.stride() * sizeof(float);
    CHECK(std::memcmp(va.data(), b.vectors().data(), bytes) == 0);
    CHECK(std::memcmp(va.data(), chunked.vectors().data(), bytes) == 0);
    CHECK(a.progress().running_loss == chunked.progress().running_loss);
    c.seed = 8;
    const Word2VecTrainer other = trained(c, corpus, 5000);
    CHECK(std::memcmp(va.data(), other.vectors().data(), bytes) != 0);
  }
}

TEST_CASE("Word2VecTrainer: initial vectors depend on the seed and the word only", "[word2vec]") {
  Word2VecConfig c = small_config(1, 0, 5);
  Word2VecTrainer a, b;
  REQUIRE(Word2VecTrainer::create(c, &a).is_ok());
  REQUIRE(Word2VecTrainer::create(c, &b).is_ok());
  REQUIRE(a.build_vocab("shared x y z\nshared").is_ok());
  REQUIRE(b.build_vocab("p q shared r s t").is_ok());
  const RowMatrix& va = a.vectors();
  const RowMatrix& vb = b.vectors();
  const size_t d = va.cols();
  REQUIRE(std::memcmp(va.row(static_cast<size_t>(a.vocab().find("shared"))),
                      vb.row(static_cast<size_t>(b.vocab().find("shared"))), d * sizeof(float)) == 0);
  // gensim 4's range [-1/D, 1/D). The widest value must pass 0.5/D, word2vec.c's half
  // width: of 4 words x 24 values, all would stay inside it with probability 2^-96.
  float widest = 0.0f;
  for (size_t r = 0; r < va.rows(); ++r) {
    for (size_t j = 0; j < d; ++j) {
      REQUIRE(va.row(r)[j] >= -1.0f / d);
      REQUIRE(va.row(r)[j] < 1.0f / d);
      widest = std::max(widest, std::fabs(va.row(r)[j]));
    }
  }
  CHECK(widest > 0.5f / d);
  CHECK(a.weights().syn1.rows() == 0);
  CHECK(a.weights().syn1neg.rows() == va.rows());
}

TEST_CASE("Word2VecTrainer: the loss falls epoch after epoch", "[word2vec]") {
  const Sentences corpus = analogy_corpus(6, 40, 4);
  for (const auto& [sg, hs, negative] : {std::tuple{1, 0, 5}, {0, 0, 5}, {1, 1, 0}}) {
    Word2VecConfig c = small_config(sg, hs, negative);
    c.shrink_windows = false;  // the same number of predictions every epoch
    c.epochs = 5;
    const Word2VecTrainer t = trained(c, corpus);
    const std::vector<double>& loss = t.epoch_losses();
    REQUIRE(loss.size() == 5);
    INFO("sg " << sg << " hs " << hs << ": " << loss[0] << " " << loss[1] << " " << loss[2] << " "
               << loss[3] << " " << loss[4]);
    for (size_t e = 1; e < loss.size(); ++e) CHECK(loss[e] < loss[e - 1]);
    CHECK(loss[4] < 0.9 * loss[0]);
    double sum = 0;
    for (double l : loss) sum += l;
    CHECK(t.progress().running_loss == Approx(sum));
  }
}

TEST_CASE("Word2VecTrainer: alpha decays linearly in raw words to min_alpha", "[word2vec]") {
  Word2VecConfig c = small_config(1, 0, 5);
  c.alpha = 0.05;
  c.min_alpha = 0.001;
  c.epochs = 4;
  Word2VecTrainer t;
  REQUIRE(Word2VecTrainer::create(c, &t).is_ok());
  REQUIRE(t.add_sentences(topic_corpus(12, 200, 1)).is_ok());
  REQUIRE(t.build_vocab().is_ok());
  const uint64_t per_epoch = t.corpus().raw_words();
  REQUIRE(per_epoch == 2000);
  CHECK(t.progress().alpha == Approx(0.05));
  Word2VecProgress p;
  double last_alpha = 1;
  int64_t last_epoch = 0;
  do {
    REQUIRE(t.train_chunk(300, &p).is_ok());
    CHECK(p.alpha < last_alpha);
    last_alpha = p.alpha;
    CHECK(p.fraction_done == Approx(static_cast<double>(p.words_processed) / (4 * per_epoch)));
    CHECK(p.alpha == Approx(0.05 - (0.05 - 0.001) * p.fraction_done));
    // A call stops at the end of an epoch, so each epoch ends exactly on its words.
    if (p.epoch != last_epoch) CHECK(p.words_processed == static_cast<uint64_t>(p.epoch) * per_epoch);
    last_epoch = p.epoch;
  } while (!p.done);
  CHECK(p.alpha == 0.001);
  CHECK(p.epoch == 4);
  CHECK(p.fraction_done == 1.0);
  CHECK(p.words_processed == 4 * per_epoch);
  CHECK(t.alpha_at(2 * per_epoch) == Approx(0.0255));  // half way
  // Calls after the end do nothing.
  REQUIRE(t.train_chunk(300, &p).is_ok());
  CHECK(p.done);
  CHECK(p.words_processed == 4 * per_epoch);
}

TEST_CASE("Word2VecTrainer: subsampling keeps each word with gensim's probability",
          "[word2vec]") {
  // "the" is half of the corpus, the ten other words a twentieth each.
  Rng rng(2);
  Sentences corpus;
  for (int s = 0; s < 400; ++s) {
    std::vector<std::string> sentence;
    for (int k = 0; k < 10; ++k) sentence.push_back(k % 2 ? "the" : "w" + std::to_string(rng.below(10)));
    corpus.push_back(sentence);
  }
  Word2VecConfig c = small_config(1, 0, 2);
  c.sample = 0.01;
  c.epochs = 20;
  c.vector_size = 4;
  const Word2VecTrainer t = trained(c, corpus);
  double expected = 0, variance = 0;
  for (size_t w = 0; w < t.vocab().size(); ++w) {
    const uint64_t n = t.vocab().count(static_cast<int32_t>(w));
    const double p = subsample_keep_probability(n, 0.01, t.vocab().retained_words());
    expected += 20.0 * n * p;
    variance += 20.0 * n * p * (1 - p);
  }
  // the: (sqrt(0.5 / 0.01) + 1) * 0.01 / 0.5 = 0.1614; others ~0.55.
  CHECK(subsample_keep_probability(2000, 0.01, 4000) == Approx(0.161421).epsilon(1e-5));
  INFO("effective " << t.progress().effective_words << ", expected " << expected);
  CHECK(std::abs(static_cast<double>(t.progress().effective_words) - expected) < 5 * std::sqrt(variance));
  CHECK(t.progress().words_processed == 20 * 4000);
}

TEST_CASE("Word2VecTrainer: text input end to end", "[word2vec]") {
  Word2VecConfig c = small_config(1, 0, 5);
  c.min_count = 2;
  Word2VecTrainer t;
  REQUIRE(Word2VecTrainer::create(c, &t).is_ok());
  // Streamed in chunks that cut "café" inside its 'é'.
  const std::string text = "The café is open.\nThe CAFÉ is closed!\nA dog.\n";
  const size_t cut = text.find("\xA9");  // second byte of the first 'é'
  REQUIRE(t.add_text(text.substr(0, cut)).is_ok());
  REQUIRE(t.add_text(text.substr(cut)).is_ok());
  REQUIRE(t.build_vocab().is_ok());
  CHECK(t.vocab().words() == std::vector<std::string>{"the", "café", "is"});
  CHECK(t.corpus().sentences() == 3);
  CHECK(t.corpus().raw_words() == 10);
  CHECK(t.add_text("more").code() == StatusCode::kInvalidArgument);
  CHECK(t.build_vocab().code() == StatusCode::kInvalidArgument);
  Word2VecProgress p;
  REQUIRE(t.train(&p).is_ok());
  CHECK(p.words_processed == 10 * 10);
  CHECK(p.effective_words > 0);
}

TEST_CASE("Word2VecTrainer: bad configurations and calls are statuses", "[word2vec]") {
  Word2VecTrainer t;
  auto fails = [&](void (*edit)(Word2VecConfig&), const std::string& fragment) {
    Word2VecConfig c;
    edit(c);
    const auto status = Word2VecTrainer::create(c, &t);
    INFO(status.message());
    CHECK_FALSE(status.is_ok());
    CHECK(status.message().find(fragment) != std::string::npos);
  };
  fails([](Word2VecConfig& c) { c.vector_size = 0; }, "vector_size");
  fails([](Word2VecConfig& c) { c.window = 0; }, "window");
  fails([](Word2VecConfig& c) { c.sg = 2; }, "sg");
  fails([](Word2VecConfig& c) { c.hs = 0, c.negative = 0; }, "hs = 1 or negative > 0");
  fails([](Word2VecConfig& c) { c.alpha = NAN; }, "alpha");
  fails([](Word2VecConfig& c) { c.sample = -1; }, "sample");
  fails([](Word2VecConfig& c) { c.epochs = 0; }, "epochs");
  fails([](Word2VecConfig& c) { c.threads = 0; }, "threads");
  fails([](Word2VecConfig& c) { c.ns_exponent = INFINITY; }, "ns_exponent");

  REQUIRE(Word2VecTrainer::create(Word2VecConfig(), &t).is_ok());
  Word2VecProgress p;
  CHECK(t.train_chunk(100, &p).code() == StatusCode::kInvalidArgument);  // no vocabulary yet
  const auto status = t.build_vocab("a few words only");  // default min_count = 5
  CHECK(status.code() == StatusCode::kInvalidArgument);
  CHECK(status.message() == "no word occurs at least min_count = 5 times; lower min_count");

  Word2VecConfig c = small_config(1, 0, 5);
  REQUIRE(Word2VecTrainer::create(c, &t).is_ok());
  REQUIRE(t.build_vocab("a b c").is_ok());
  CHECK(t.train_chunk(0, &p).code() == StatusCode::kOutOfRange);
}

TEST_CASE("Word2VecTrainer: threads (Hogwild) or a clear error without them", "[word2vec]") {
  Word2VecConfig c = small_config(1, 0, 5);
  c.threads = 2;
  Word2VecTrainer t;
  const auto status = Word2VecTrainer::create(c, &t);
  if (!Word2VecTrainer::threads_supported()) {
    CHECK(status.code() == StatusCode::kInvalidArgument);
    CHECK(status.message().find("threads = 2 needs the threads build") != std::string::npos);
    return;
  }
  REQUIRE(status.is_ok());
  const Sentences corpus = topic_corpus(12, 1000, 3);
  c.sample = 1e-2;
  const Word2VecTrainer two = trained(c, corpus);
  check_topics(two, 12);
  // The random draws are per sentence, so the words kept match a one-thread run.
  c.threads = 1;
  const Word2VecTrainer one = trained(c, corpus);
  CHECK(two.progress().effective_words == one.progress().effective_words);
  // CBOW with both output layers, on more threads than a small chunk has sentences.
  Word2VecConfig cbow = small_config(0, 1, 3);
  cbow.threads = 3;
  check_topics(trained(cbow, corpus, 20), 12);
}

TEST_CASE("Word2VecTrainer: a vocabulary x vector_size over the memory limit is a status naming both",
          "[word2vec]") {
  // 1100 words x 2^20 floats = 4.6 GB: over the 4 GiB cap, refused before allocating.
  Word2VecConfig c = small_config(1, 0, 5);
  c.vector_size = 1 << 20;
  std::string text;
  for (int i = 0; i < 1100; ++i) text += "w" + std::to_string(i) + " ";
  Word2VecTrainer t;
  REQUIRE(Word2VecTrainer::create(c, &t).is_ok());
  const embedwasm::Status s = t.build_vocab(text);
  CHECK(s.code() == embedwasm::StatusCode::kResourceExhausted);
  CHECK(s.message() == "the word vectors (vocabulary x vector_size): a 1100 x 1048576 float32 matrix "
                       "exceeds the 4 GiB memory limit");
}
