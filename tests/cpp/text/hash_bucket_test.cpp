#include "embedwasm/text/hash_bucket.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

using embedwasm::text::farmhash_fingerprint64;
using embedwasm::text::int64_as_string;
using embedwasm::text::Int64Text;
using embedwasm::text::to_hash_bucket_fast;

TEST_CASE("int64_as_string writes the decimal text tf.as_string gives") {
  Int64Text text;
  CHECK(int64_as_string(0, &text) == "0");
  CHECK(int64_as_string(7, &text) == "7");
  CHECK(int64_as_string(-12, &text) == "-12");
  CHECK(int64_as_string(1138, &text) == "1138");
  CHECK(int64_as_string(std::numeric_limits<int64_t>::max(), &text) == "9223372036854775807");
  CHECK(int64_as_string(std::numeric_limits<int64_t>::min(), &text) == "-9223372036854775808");
}

// An independent peer: TensorFlow.js 4.22's tf.string.stringToHashBucketFast (its own
// port of Fingerprint64, in the CPU backend) printed these buckets for the same strings.
TEST_CASE("to_hash_bucket_fast agrees with TensorFlow.js stringToHashBucketFast") {
  const std::vector<std::string> words = {
      "A", "B", "C", "D", "E", "", "hello",
      "The quick brown fox jumps over the lazy dog, twice over: again and again!",
      "\xC3\xBCn\xC3\xAF" "c\xC3\xB8" "d\xC3\xA9 \xE2\x9C\x93",  // "ünïcødé ✓"
      std::string(100, 'x'), std::string(1000, 'y')};
  struct Row {
    uint64_t buckets;
    std::vector<uint64_t> expected;
  };
  const std::vector<Row> rows = {
      {3, {1, 0, 1, 1, 2, 2, 1, 1, 0, 1, 2}},
      {2, {0, 0, 1, 1, 0, 1, 0, 0, 0, 1, 1}},
      {2147483647, {565860541, 1708350409, 239406832, 1889424361, 1043013040, 1699943623,
                    441440317, 1923415347, 712711165, 188921745, 1841009432}},
      {1000003, {127888, 832648, 203577, 194606, 428307, 377723, 497363, 38151, 947393, 107918,
                 271636}},
  };
  for (const Row& row : rows) {
    for (size_t i = 0; i < words.size(); ++i) {
      INFO("buckets " << row.buckets << ", word " << i);
      CHECK(to_hash_bucket_fast(words[i], row.buckets) == row.expected[i]);
      CHECK(to_hash_bucket_fast(words[i], row.buckets) == farmhash_fingerprint64(words[i]) % row.buckets);
    }
  }
}
