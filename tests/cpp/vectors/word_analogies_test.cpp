// vectors/word_analogies: gensim's evaluate_word_analogies. Expected results from gensim
// 4.2.0: kv.evaluate_word_analogies(path_to(kQuestions), ...) on EvaluationKv().
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "embedwasm/vectors/word_analogies.h"
#include "vectors/evaluation_vocab.h"

using namespace embedwasm;
using namespace embedwasm::vectors;
using namespace embedwasm::vectors::test;

namespace {

const char* const kQuestions =
    ": capital-common-countries\n"
    "france paris germany berlin\n"
    "germany berlin italy rome\n"
    "Italy Rome France Paris\n"
    "france paris germany dragon\n"
    "france paris spain madrid\n"
    "one two three\n"
    ": family\n"
    "man king woman queen\n"
    "king man queen woman\r\n"
    "MAN KING woman QUEEN\n"
    "man the woman queen\n"
    "too many words on this line\n"
    ": empty-section\n"
    "unknown words are here\n";

using Q = AnalogyQuestion;

void CheckQuestions(const std::vector<AnalogyQuestion>& got, const std::vector<AnalogyQuestion>& want) {
  REQUIRE(got.size() == want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    INFO("question " << i);
    CHECK(got[i].a == want[i].a);
    CHECK(got[i].b == want[i].b);
    CHECK(got[i].c == want[i].c);
    CHECK(got[i].expected == want[i].expected);
  }
}

}  // namespace

TEST_CASE("evaluate_word_analogies matches gensim (case-insensitive, restrict_vocab 300000)", "[vectors]") {
  const KeyedVectors kv = EvaluationKv();
  AnalogyReport r;
  REQUIRE(evaluate_word_analogies(kv, kQuestions, AnalogyOptions(), &r).is_ok());
  // score 0.7142857142857143; sections and their correct / incorrect lists as gensim's
  CHECK(r.score == Approx(0.7142857142857143).epsilon(1e-12));
  REQUIRE(r.sections.size() == 3);
  CHECK(r.sections[0].name == "capital-common-countries");
  CheckQuestions(r.sections[0].correct,
                 {Q{"GERMANY", "BERLIN", "ITALY", "ROME"}, Q{"ITALY", "ROME", "FRANCE", "PARIS"}});
  CheckQuestions(r.sections[0].incorrect, {Q{"FRANCE", "PARIS", "GERMANY", "BERLIN"}});
  CHECK(r.sections[1].name == "family");
  CheckQuestions(r.sections[1].correct, {Q{"MAN", "KING", "WOMAN", "QUEEN"}, Q{"KING", "MAN", "QUEEN", "WOMAN"},
                                         Q{"MAN", "KING", "WOMAN", "QUEEN"}});
  CheckQuestions(r.sections[1].incorrect, {Q{"MAN", "THE", "WOMAN", "QUEEN"}});
  CHECK(r.sections[2].name == "empty-section");
  CHECK(r.sections[2].correct.empty());
  CHECK(r.sections[2].incorrect.empty());
  CHECK(r.sections[2].accuracy() == 0.0);
  CHECK(r.total.name == "Total accuracy");
  CHECK(r.total.correct.size() == 5);
  CHECK(r.total.incorrect.size() == 2);
  // 10 well-formed questions, 3 with OOV words (dragon, spain/madrid, the last one)
  CHECK(r.questions == 10);
  CHECK(r.oov == 3);
  CHECK(r.oov_ratio == Approx(30.0));
  CheckQuestions(r.oov_questions, {Q{"FRANCE", "PARIS", "GERMANY", "DRAGON"}, Q{"FRANCE", "PARIS", "SPAIN", "MADRID"},
                                   Q{"UNKNOWN", "WORDS", "ARE", "HERE"}});
}

TEST_CASE("evaluate_word_analogies: restrict_vocab, dummy4unknown, case-sensitive as gensim", "[vectors]") {
  const KeyedVectors kv = EvaluationKv();
  AnalogyReport r;
  AnalogyOptions o;
  o.restrict_vocab = 8;  // score 0.6666666666666666: "King" (row 8) drops out with its section
  REQUIRE(evaluate_word_analogies(kv, kQuestions, o, &r).is_ok());
  CHECK(r.score == Approx(2.0 / 3.0).epsilon(1e-12));
  CHECK(r.sections[0].correct.size() == 2);
  CHECK(r.sections[0].incorrect.size() == 1);
  CHECK(r.sections[1].correct.size() + r.sections[1].incorrect.size() == 0);

  o = AnalogyOptions();
  o.dummy4unknown = true;  // score 0.5: [(cap, 2, 3), (family, 3, 1), (empty, 0, 1), (total, 5, 5)]
  REQUIRE(evaluate_word_analogies(kv, kQuestions, o, &r).is_ok());
  CHECK(r.score == Approx(0.5));
  CHECK(r.sections[0].correct.size() == 2);
  CHECK(r.sections[0].incorrect.size() == 3);
  // OOV questions are filed in line order among the others.
  CheckQuestions(r.sections[0].incorrect,
                 {Q{"FRANCE", "PARIS", "GERMANY", "BERLIN"}, Q{"FRANCE", "PARIS", "GERMANY", "DRAGON"},
                  Q{"FRANCE", "PARIS", "SPAIN", "MADRID"}});
  CHECK(r.sections[1].correct.size() == 3);
  CHECK(r.sections[1].incorrect.size() == 1);
  CHECK(r.sections[2].incorrect.size() == 1);
  CHECK(r.total.correct.size() == 5);
  CHECK(r.total.incorrect.size() == 5);

  o = AnalogyOptions();
  o.case_insensitive = false;  // score 0.3333: [(cap, 1, 1), (family, 0, 1), (empty, 0, 0), (total, 1, 2)]
  REQUIRE(evaluate_word_analogies(kv, kQuestions, o, &r).is_ok());
  CHECK(r.score == Approx(1.0 / 3.0));
  CheckQuestions(r.sections[0].correct, {Q{"germany", "berlin", "italy", "rome"}});
  CHECK(r.sections[0].incorrect.size() == 1);
  CheckQuestions(r.sections[1].incorrect, {Q{"man", "the", "woman", "queen"}});
  CHECK(r.sections[1].correct.empty());
}

TEST_CASE("evaluate_word_analogies: malformed texts", "[vectors]") {
  const KeyedVectors kv = EvaluationKv();
  AnalogyReport r;
  Status s = evaluate_word_analogies(kv, "man king woman queen\n: family\n", AnalogyOptions(), &r);
  CHECK(s.code() == StatusCode::kInvalidArgument);
  CHECK(s.message() == "missing section header before line 1");
  s = evaluate_word_analogies(kv, ": a\n: b\nonly three words\n", AnalogyOptions(), &r);
  CHECK(s.code() == StatusCode::kInvalidArgument);
  s = evaluate_word_analogies(kv, "", AnalogyOptions(), &r);
  CHECK(s.code() == StatusCode::kInvalidArgument);
  // "::  name  " is a header named "name" (lstrip(': ').strip()); no trailing newline needed.
  REQUIRE(evaluate_word_analogies(kv, ": :  name  \nman king woman queen", AnalogyOptions(), &r).is_ok());
  CHECK(r.sections[0].name == "name");
  CHECK(r.score == 1.0);
}
