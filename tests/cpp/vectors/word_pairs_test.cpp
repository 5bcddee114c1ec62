// vectors/word_pairs: gensim's evaluate_word_pairs. Expected results from gensim 4.2.0 with
// scipy 1.10.1: kv.evaluate_word_pairs(path_to(kPairs), ...) on EvaluationKv().
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "embedwasm/vectors/word_pairs.h"
#include "vectors/evaluation_vocab.h"

using namespace embedwasm;
using namespace embedwasm::vectors;
using namespace embedwasm::vectors::test;

namespace {

const char* const kPairs =
    "# a comment line\n"
    "king\tqueen\t8.5\n"
    "man\twoman\t8.3\n"
    "paris\tfrance\t9.1\n"
    "PARIS\tberlin\t6.0\n"
    "rome\titaly\t9.0\r\n"
    "the\tking\t1.2\n"
    "king\tdragon\t5.0\n"
    "apple pie 3.0\n"
    "france\tgermany\tnotanumber\n"
    "germany\tberlin\t 8.8 \n"
    "queen\twoman\t7.0\n"
    "man\tthe\t1.2\n";

// The model side is float32 cosines, computed in another order than gensim's: allow a
// few float32 ulps through the correlation.
constexpr double kTol = 1e-6;

}  // namespace

TEST_CASE("evaluate_word_pairs matches gensim", "[vectors]") {
  const KeyedVectors kv = EvaluationKv();
  WordPairReport r;
  // (PearsonRResult(statistic=0.46740183259786183, pvalue=0.20457676257030466),
  //  SignificanceResult(statistic=0.5606743638663345, pvalue=0.11632679499319265), 10.0)
  REQUIRE(evaluate_word_pairs(kv, kPairs, WordPairOptions(), &r).is_ok());
  CHECK(r.pearson.statistic == Approx(0.46740183259786183).margin(kTol));
  CHECK(r.pearson.pvalue == Approx(0.20457676257030466).margin(kTol));
  CHECK(r.spearman.statistic == Approx(0.5606743638663345).margin(kTol));
  CHECK(r.spearman.pvalue == Approx(0.11632679499319265).margin(kTol));
  CHECK(r.oov_ratio == Approx(10.0));
  CHECK(r.pairs == 9);
  CHECK(r.oov == 1);

  WordPairOptions o;
  o.dummy4unknown = true;
  // (0.48510208561814766, 0.15527275635007418), (0.5592731001856595, 0.09278876749399557), 10.0
  REQUIRE(evaluate_word_pairs(kv, kPairs, o, &r).is_ok());
  CHECK(r.pearson.statistic == Approx(0.48510208561814766).margin(kTol));
  CHECK(r.pearson.pvalue == Approx(0.15527275635007418).margin(kTol));
  CHECK(r.spearman.statistic == Approx(0.5592731001856595).margin(kTol));
  CHECK(r.spearman.pvalue == Approx(0.09278876749399557).margin(kTol));
  CHECK(r.oov_ratio == Approx(10.0));  // over the 10 pairs used, as gensim with dummy4unknown

  o = WordPairOptions();
  o.restrict_vocab = 6;
  // (0.9646712974755149, 0.16972503857014123), (0.5, 0.6666666666666667), 70.0
  REQUIRE(evaluate_word_pairs(kv, kPairs, o, &r).is_ok());
  CHECK(r.pearson.statistic == Approx(0.9646712974755149).margin(kTol));
  CHECK(r.pearson.pvalue == Approx(0.16972503857014123).margin(1e-5));
  CHECK(r.spearman.statistic == Approx(0.5).margin(kTol));
  CHECK(r.spearman.pvalue == Approx(0.6666666666666667).margin(kTol));
  CHECK(r.oov_ratio == Approx(70.0));
}

TEST_CASE("evaluate_word_pairs: other delimiters, and nothing usable is an error", "[vectors]") {
  const KeyedVectors kv = EvaluationKv();
  WordPairReport r;
  WordPairOptions o;
  o.delimiter = ',';
  REQUIRE(evaluate_word_pairs(kv, "man,woman,8\nking,queen,9\nthe,man,1\n", o, &r).is_ok());
  CHECK(r.pairs == 3);
  CHECK(std::isfinite(r.pearson.statistic));
  Status s = evaluate_word_pairs(kv, "# nothing\nfoo\tbar\t1\nx y 2\n", WordPairOptions(), &r);
  CHECK(s.code() == StatusCode::kInvalidArgument);
  s = evaluate_word_pairs(kv, "king\tqueen\t0x10\n", WordPairOptions(), &r);  // Python's float() rejects hex
  CHECK(s.code() == StatusCode::kInvalidArgument);
}
