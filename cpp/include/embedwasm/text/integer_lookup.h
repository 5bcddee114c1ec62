#pragma once
// Keras's IntegerLookup: int64 tokens <-> indices (see index_lookup.h for the rules).
// Its options, with Keras's names and defaults; `vocabulary` and `idf_weights` are
// state, given to IndexLookup::create or set_vocabulary. Keras's `sparse` and
// `vocabulary_dtype` (int64 is the only one Keras accepts) have no counterpart.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "embedwasm/core/option_schema.h"
#include "embedwasm/text/category_encoding.h"
#include "embedwasm/text/index_lookup.h"
#include "embedwasm/text/key_table.h"

namespace embedwasm::text {

// How IntegerLookup spreads OOV tokens over several OOV indices.
enum class OovMethod : unsigned char {
  kFloorMod,  // token mod num_oov_indices, with Python's sign rule (Keras's default)
  kFarmHash,  // Fingerprint64 of the token's decimal text mod num_oov_indices
};
const char* oov_method_name(OovMethod method);  // "floormod", "farmhash"

struct IntegerLookupConfig {
  std::optional<int64_t> max_tokens;  // None: no cap; else > 1, special indices included
  int64_t num_oov_indices = 1;
  std::optional<int64_t> mask_token;
  int64_t oov_token = -1;
  bool invert = false;
  OutputMode output_mode = OutputMode::kInt;
  bool pad_to_max_tokens = false;
  OovMethod oov_method = OovMethod::kFloorMod;
};

// Its options as JS and the model file name them (Keras's, in camelCase).
const Schema<IntegerLookupConfig>& integer_lookup_schema();

struct Int64Span {
  const int64_t* data = nullptr;
  size_t size = 0;
  int64_t operator[](size_t i) const { return data[i]; }
};

struct Int64Keys {
  static constexpr const char* kLayerName = "IntegerLookup";
  using Config = IntegerLookupConfig;
  using Key = int64_t;
  using View = int64_t;
  using Batch = Int64Span;
  using List = std::vector<int64_t>;
  using Store = Int64KeyStore;

  static void push(List* list, View token) { list->push_back(token); }
  static void clear(List* list) { list->clear(); }
  static Batch slice(Batch batch, size_t start, size_t count) {
    return {batch.data + start, count};
  }
  static uint64_t oov_bucket(const Config& config, View token, uint64_t num_oov_indices);
  static std::string describe(View token) { return std::to_string(token); }
};

extern template class IndexLookup<Int64Keys>;
using IntegerLookup = IndexLookup<Int64Keys>;

}  // namespace embedwasm::text
