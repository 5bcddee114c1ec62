#pragma once
// Helpers for the text tests: batches from string literals, lists back to vectors.
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "embedwasm/text/string_list.h"

namespace text_test {

inline embedwasm::text::StringList list_of(std::initializer_list<std::string_view> strings) {
  return embedwasm::text::make_string_list(strings);
}

inline std::vector<std::string> strings_of(const embedwasm::text::StringBatch& batch) {
  std::vector<std::string> out;
  for (size_t i = 0; i < batch.size; ++i) out.emplace_back(batch[i]);
  return out;
}

inline std::vector<std::string> strings_of(const embedwasm::text::StringList& list) {
  return strings_of(list.view());
}

using Strings = std::vector<std::string>;

}  // namespace text_test
