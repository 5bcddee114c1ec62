#include "embedwasm/text/ngrams.h"

#include <catch2/catch.hpp>

#include "text/text_test_util.h"

using embedwasm::text::append_ngrams;
using embedwasm::text::StringList;
using text_test::list_of;
using text_test::Strings;
using text_test::strings_of;

namespace {

Strings run(const StringList& tokens, const std::vector<int>& widths) {
  StringList out;
  append_ngrams(tokens, widths, &out);
  return strings_of(out);
}

}  // namespace

TEST_CASE("ngrams: each width in order, every window joined by a space") {
  const StringList abc = list_of({"a", "b", "c"});
  // Keras's ngrams=2 is widths (1, 2): unigrams first, then bigrams.
  CHECK(run(abc, {1, 2}) == Strings{"a", "b", "c", "a b", "b c"});
  CHECK(run(abc, {2}) == Strings{"a b", "b c"});
  CHECK(run(abc, {3, 1}) == Strings{"a b c", "a", "b", "c"});
  // tf.strings.ngrams(["A", "B", "C", "D"], 2), TensorFlow's documented example.
  CHECK(run(list_of({"A", "B", "C", "D"}), {2}) == Strings{"A B", "B C", "C D"});
  // No padding and no preserve_short_sequences: too-short sequences give nothing.
  CHECK(run(abc, {4}).empty());
  CHECK(run(list_of({}), {1, 2}).empty());
  CHECK(run(list_of({"x"}), {1, 2, 3}) == Strings{"x"});
}
