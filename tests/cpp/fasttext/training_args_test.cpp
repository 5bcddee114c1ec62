// fasttext/training_args.h: the option schemas the JS API reads, one per mode, whose
// defaults are each mode's fastText defaults (args_for), and the quantize options.
#include "embedwasm/fasttext/training_args.h"

#include <catch2/catch.hpp>

#include <string>

namespace embedwasm::fasttext {
namespace {

double number(const OptionRecord& r, const char* key) { return r.find(key)->number(); }
std::string text(const OptionRecord& r, const char* key) { return r.find(key)->text(); }

TEST_CASE("training schemas: each mode's defaults are fastText's for its command", "[fasttext]") {
  const OptionRecord sup = supervised_args_schema().defaults();
  const Args s = args_for(ModelKind::kSupervised);
  CHECK(text(sup, "loss") == "softmax");
  CHECK(number(sup, "lr") == s.lr);
  CHECK(number(sup, "minCount") == 1);
  CHECK(number(sup, "minn") == 0);
  CHECK(number(sup, "maxn") == 0);
  CHECK(number(sup, "wordNgrams") == 1);
  CHECK(text(sup, "label") == "__label__");
  CHECK(sup.find("model") == nullptr);  // the mode, not an option

  const OptionRecord unsup = unsupervised_args_schema().defaults();
  CHECK(text(unsup, "model") == "skipgram");
  CHECK(text(unsup, "loss") == "ns");
  CHECK(number(unsup, "lr") == 0.05);
  CHECK(number(unsup, "minCount") == 5);
  CHECK(number(unsup, "minn") == 3);
  CHECK(number(unsup, "maxn") == 6);
  CHECK(number(unsup, "bucket") == 2000000);
  CHECK(number(unsup, "t") == 1e-4);
  CHECK(number(unsup, "lrUpdateRate") == 100);

  const OptionRecord q = quantize_options_schema().defaults();
  CHECK(number(q, "dsub") == 2);
  CHECK(number(q, "cutoff") == 0);
  CHECK(q.find("qnorm")->boolean() == false);
}

TEST_CASE("training schemas: records read into Args, errors name the option", "[fasttext]") {
  OptionRecord r;
  r.set("loss", OptionValue::text("hs"));
  r.set("wordNgrams", OptionValue::number(2));
  r.set("dim", OptionValue::number(16));
  SupervisedArgs a;
  REQUIRE(supervised_args_schema().read(r, &a).is_ok());
  CHECK(a.loss == LossKind::kHierarchicalSoftmax);
  CHECK(a.word_ngrams == 2);
  CHECK(a.dim == 16);
  CHECK(a.model == ModelKind::kSupervised);
  CHECK(a.lr == 0.1);  // untouched: supervised's default

  UnsupervisedArgs u;
  OptionRecord cbow;
  cbow.set("model", OptionValue::text("cbow"));
  REQUIRE(unsupervised_args_schema().read(cbow, &u).is_ok());
  CHECK(u.model == ModelKind::kCbow);
  OptionRecord supervised;
  supervised.set("model", OptionValue::text("supervised"));
  const Status bad_model = unsupervised_args_schema().read(supervised, &u);
  CHECK(bad_model.code() == StatusCode::kInvalidArgument);
  CHECK(bad_model.message(camel_case).find("model") != std::string::npos);

  OptionRecord zero_dim;
  zero_dim.set("dim", OptionValue::number(0));
  const Status s = supervised_args_schema().read(zero_dim, &a);
  CHECK(s.code() == StatusCode::kOutOfRange);
  CHECK(s.message(camel_case).rfind("dim ", 0) == 0);
  OptionRecord t;
  t.set("t", OptionValue::number(0));
  CHECK(supervised_args_schema().read(t, &a).code() == StatusCode::kOutOfRange);
  OptionRecord ngrams;
  ngrams.set("wordNgrams", OptionValue::number(1.5));
  const Status n = supervised_args_schema().read(ngrams, &a);
  CHECK(n.message(camel_case).find("wordNgrams") != std::string::npos);
  CHECK(n.message().find("word_ngrams") != std::string::npos);

  QuantizeOptions o;
  OptionRecord dsub;
  dsub.set("dsub", OptionValue::number(0));
  CHECK(quantize_options_schema().read(dsub, &o).code() == StatusCode::kOutOfRange);
}

}  // namespace
}  // namespace embedwasm::fasttext
