// Float ids to int32 (layers/float_ids.h) and the table's id range check: each runs a pass
// without early exit first and looks for the first bad id only when there is one, so a
// bad id is put at every position of a batch (a whole vector of 4, or its tail) and must
// be found and named there, with the message of the one-by-one checks.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "embedwasm/embedding/embedding_table.h"
#include "layers/float_ids.h"

using namespace embedwasm;

namespace {

constexpr size_t kIds = 11;  // two vectors of 4 and a tail of 3
constexpr size_t kVocab = 100;

Tensor Ids(float bad, size_t at) {
  Tensor x;
  x.resize({kIds});
  for (size_t i = 0; i < kIds; ++i) x.data[i] = static_cast<float>(7 * i % kVocab);
  x.data[at] = bad;
  return x;
}

}  // namespace

TEST_CASE("float ids: whole numbers in int32 convert exactly, -0 to 0", "[layers][ids]") {
  Tensor x;
  x.resize({6});
  x.data = {0.0f, -0.0f, 99.0f, 16777216.0f, -5.0f, -2147483648.0f};
  std::vector<int32_t> ids;
  REQUIRE(layers::float_ids_to_int32(x, kVocab, &ids).is_ok());
  // Ids outside [0, vocab) but inside int32 are left for the core to report.
  CHECK(ids == std::vector<int32_t>{0, 0, 99, 16777216, -5, std::numeric_limits<int32_t>::min()});
}

TEST_CASE("float ids: a bad id anywhere in the batch is found and named", "[layers][ids]") {
  const float inf = std::numeric_limits<float>::infinity();
  struct Bad {
    float value;
    StatusCode code;
    std::string text;
  };
  const std::vector<Bad> bads = {
      {std::numeric_limits<float>::quiet_NaN(), StatusCode::kInvalidArgument, "id nan at position "},
      {inf, StatusCode::kInvalidArgument, "id inf at position "},
      {-inf, StatusCode::kInvalidArgument, "id -inf at position "},
      {2.5f, StatusCode::kInvalidArgument, "id 2.5 at position "},
      {-0.5f, StatusCode::kInvalidArgument, "id -0.5 at position "},
      {2147483648.0f, StatusCode::kOutOfRange, "id 2.14748365e+09 at position "},
      {-2147483904.0f, StatusCode::kOutOfRange, "id -2.1474839e+09 at position "},
      {1e20f, StatusCode::kOutOfRange, "id 1.00000002e+20 at position "},
  };
  for (const Bad& bad : bads) {
    for (size_t at = 0; at < kIds; ++at) {
      INFO(bad.text << at);
      std::vector<int32_t> ids;
      const Status s = layers::float_ids_to_int32(Ids(bad.value, at), kVocab, &ids);
      CHECK(s.code() == bad.code);
      CHECK(s.message().find(bad.text + "[" + std::to_string(at) + "]") != std::string::npos);
    }
  }
}

TEST_CASE("table ids: an id outside [0, vocab) anywhere in the batch is found and named", "[embedding][ids]") {
  embedding::EmbeddingTableConfig c;
  c.input_dim = kVocab;
  c.output_dim = 4;
  embedding::EmbeddingTable table;
  REQUIRE(embedding::EmbeddingTable::create(c, nullptr, &table).is_ok());
  for (const int32_t bad : {-1, static_cast<int32_t>(kVocab), std::numeric_limits<int32_t>::min(),
                            std::numeric_limits<int32_t>::max()}) {
    for (size_t at = 0; at < kIds; ++at) {
      INFO("id " << bad << " at " << at);
      std::vector<int32_t> ids(kIds);
      for (size_t i = 0; i < kIds; ++i) ids[i] = static_cast<int32_t>(7 * i % kVocab);
      CHECK(table.check_ids(ids.data(), {kIds}).is_ok());
      ids[at] = bad;
      const Status s = table.check_ids(ids.data(), {kIds});
      CHECK(s.code() == StatusCode::kOutOfRange);
      CHECK(s.message().find("id " + std::to_string(bad) + " at position [" + std::to_string(at) + "]") !=
            std::string::npos);
    }
  }
}
