#include "embedwasm/text/string_list.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "embedwasm/text/row_splits.h"
#include "text/text_test_util.h"

using embedwasm::StatusCode;
using embedwasm::text::check_row_splits;
using embedwasm::text::make_string_batch;
using embedwasm::text::StringBatch;
using embedwasm::text::StringList;
using text_test::Strings;
using text_test::strings_of;

TEST_CASE("make_string_batch borrows B strings from one buffer and B + 1 offsets") {
  const std::string bytes = "foobarbaz";
  const std::vector<uint32_t> offsets = {0, 3, 3, 9};
  StringBatch batch;
  REQUIRE(make_string_batch(bytes.data(), bytes.size(), offsets.data(), 3, &batch).is_ok());
  CHECK(strings_of(batch) == Strings{"foo", "", "barbaz"});
  // No strings at all is a batch too.
  const uint32_t zero = 0;
  REQUIRE(make_string_batch(nullptr, 0, &zero, 0, &batch).is_ok());
  CHECK(batch.size == 0);
}

TEST_CASE("make_string_batch refuses offsets that decrease or pass the bytes") {
  const std::string bytes = "abc";
  StringBatch batch;
  const std::vector<uint32_t> decreasing = {0, 2, 1};
  const auto status = make_string_batch(bytes.data(), bytes.size(), decreasing.data(), 2, &batch);
  CHECK(status.code() == StatusCode::kOutOfRange);
  CHECK(status.message() == "string batch: offsets[2] = 1 is below offsets[1] = 2");
  const std::vector<uint32_t> past = {0, 4};
  CHECK(make_string_batch(bytes.data(), bytes.size(), past.data(), 1, &batch).message() ==
        "string batch: offsets[1] = 4 is past the 3 bytes given");
  CHECK(make_string_batch(bytes.data(), bytes.size(), nullptr, 1, &batch).code() ==
        StatusCode::kInvalidArgument);
}

TEST_CASE("StringList builds strings whole or in pieces and keeps its capacity on clear") {
  StringList list;
  list.push_back("ab");
  list.append("c");
  list.append(' ');
  list.append("d");
  CHECK(list.pending_bytes() == 3);
  list.end_string();
  list.push_back("");
  CHECK(strings_of(list) == Strings{"ab", "c d", ""});
  const size_t capacity = list.bytes().capacity();
  list.clear();
  CHECK(list.empty());
  CHECK(list.bytes().capacity() == capacity);
}

TEST_CASE("check_row_splits wants 0, no decrease, and the element count at the end") {
  const std::vector<uint32_t> good = {0, 2, 2, 5};
  CHECK(check_row_splits(good.data(), 3, 5).is_ok());
  CHECK(check_row_splits(good.data(), 3, 6).code() == StatusCode::kOutOfRange);
  const std::vector<uint32_t> late = {1, 5};
  CHECK(check_row_splits(late.data(), 1, 5).code() == StatusCode::kOutOfRange);
  const std::vector<uint32_t> back = {0, 3, 2, 5};
  CHECK(check_row_splits(back.data(), 3, 5).message().find("must not decrease") != std::string::npos);
  CHECK(check_row_splits(nullptr, 0, 0).code() == StatusCode::kInvalidArgument);
}
