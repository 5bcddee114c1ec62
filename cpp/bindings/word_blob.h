#pragma once
// Word lists cross the boundary as one UTF-8 blob plus a (V,) array of byte lengths, so
// a 400k-word vocabulary costs one call instead of 400k string conversions.
#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "bindings/core.h"

namespace embedwasm::bindings {

inline std::vector<std::string> read_words(uintptr_t bytes, uintptr_t lengths, uint32_t count) {
  std::vector<std::string> words(count);
  const char* p = ptr<const char>(bytes);
  const uint32_t* len = ptr<const uint32_t>(lengths);
  for (uint32_t i = 0; i < count; ++i) {
    words[i].assign(p, len[i]);
    p += len[i];
  }
  return words;
}

// Kept alive by its owner until JS has decoded it.
struct PackedWords {
  std::string bytes;
  std::vector<uint32_t> lengths;  // (V,)

  void pack(const std::vector<std::string>& words) {
    size_t total = 0;
    for (const std::string& w : words) total += w.size();
    bytes.clear();
    bytes.reserve(total);
    lengths.resize(words.size());
    for (size_t i = 0; i < words.size(); ++i) {
      bytes += words[i];
      lengths[i] = static_cast<uint32_t>(words[i].size());
    }
  }
  void release() {
    std::string().swap(bytes);
    std::vector<uint32_t>().swap(lengths);
  }
};
// decodeWords in web/lib/vectors/word_blob.js copies both from the heap: the bytes as a
// Uint8Array, the lengths as a Uint32Array.
static_assert(sizeof(decltype(PackedWords::bytes)::value_type) == 1, "JS reads PackedWords::bytes as bytes");
static_assert(std::is_same_v<decltype(PackedWords::lengths)::value_type, uint32_t>,
              "JS reads PackedWords::lengths as uint32");

}  // namespace embedwasm::bindings
