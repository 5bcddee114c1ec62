// fasttext/args.h: fastText 0.9.2's defaults per command.
#include "embedwasm/fasttext/args.h"

#include <catch2/catch.hpp>

#include <string>

namespace embedwasm::fasttext {
namespace {

TEST_CASE("Args: fastText's defaults, and what supervised changes", "[fasttext]") {
  const Args sg = args_for(ModelKind::kSkipgram);
  CHECK(sg.dim == 100);
  CHECK(sg.loss == LossKind::kNegativeSampling);
  CHECK(sg.min_count == 5);
  CHECK(sg.minn == 3);
  CHECK(sg.maxn == 6);
  CHECK(sg.bucket == 2000000);
  CHECK(sg.lr == 0.05);
  CHECK(sg.t == 1e-4);
  CHECK(args_for(ModelKind::kCbow).model == ModelKind::kCbow);
  const Args sup = args_for(ModelKind::kSupervised);
  CHECK(sup.loss == LossKind::kSoftmax);
  CHECK(sup.min_count == 1);
  CHECK(sup.minn == 0);
  CHECK(sup.maxn == 0);
  CHECK(sup.lr == 0.1);
  CHECK(without_unused_buckets(sup).bucket == 0);
  Args bigrams = sup;
  bigrams.word_ngrams = 2;
  CHECK(without_unused_buckets(bigrams).bucket == 2000000);
  CHECK(without_unused_buckets(sg).bucket == 2000000);
  CHECK(std::string(loss_kind_name(LossKind::kOneVsAll)) == "ova");
  CHECK(std::string(model_kind_name(ModelKind::kSupervised)) == "supervised");
  CHECK(static_cast<int>(LossKind::kHierarchicalSoftmax) == 1);
  CHECK(static_cast<int>(ModelKind::kCbow) == 1);
}

}  // namespace
}  // namespace embedwasm::fasttext
