#include "embedwasm/text/key_table.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <unordered_map>

#include "embedwasm/core/rng.h"

using embedwasm::text::Int64Table;
using embedwasm::text::StringTable;

TEST_CASE("StringTable numbers keys in first-insertion order and finds them again") {
  StringTable table;
  CHECK(table.find("a") == StringTable::kAbsent);
  bool inserted = false;
  CHECK(table.insert("a", &inserted) == 0);
  CHECK(inserted);
  CHECK(table.insert("", &inserted) == 1);
  CHECK(inserted);
  CHECK(table.insert("a", &inserted) == 0);
  CHECK_FALSE(inserted);
  CHECK(table.find("") == 1);
  CHECK(table.find("b") == StringTable::kAbsent);
  CHECK(table.key(1).empty());
  CHECK(table.size() == 2);
  table.clear();
  CHECK(table.size() == 0);
  CHECK(table.find("a") == StringTable::kAbsent);
  CHECK(table.insert("b") == 0);
}

// A reference map checks many keys through several growths, with near-duplicate keys
// (prefixes, one byte apart) that share hash tags less often than they share bytes.
TEST_CASE("StringTable agrees with std::unordered_map over 20000 keys") {
  embedwasm::Rng rng(7);
  StringTable table;
  std::unordered_map<std::string, int32_t> reference;
  for (int i = 0; i < 20000; ++i) {
    std::string key = "k" + std::to_string(rng.below(9000));
    if (i % 3 == 0) key.pop_back();
    const auto [it, fresh] = reference.emplace(key, static_cast<int32_t>(reference.size()));
    bool inserted = false;
    CHECK(table.insert(key, &inserted) == it->second);
    CHECK(inserted == fresh);
  }
  CHECK(table.size() == reference.size());
  for (const auto& [key, id] : reference) CHECK(table.find(key) == id);
  CHECK(table.find("not a key") == StringTable::kAbsent);
}

TEST_CASE("Int64Table holds any int64, negative and extreme values included") {
  Int64Table table;
  const int64_t keys[] = {0, -1, 1, INT64_MIN, INT64_MAX, 1138, 42};
  for (int64_t k : keys) table.insert(k);
  for (size_t i = 0; i < 7; ++i) CHECK(table.find(keys[i]) == static_cast<int32_t>(i));
  CHECK(table.find(2) == Int64Table::kAbsent);
  for (int64_t k = 0; k < 5000; ++k) table.insert(k * 1024);
  CHECK(table.find(1024 * 4999) >= 0);
  CHECK(table.find(1024 * 5000) == Int64Table::kAbsent);
}
