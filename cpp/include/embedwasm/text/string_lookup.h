#pragma once
// Keras's StringLookup: byte-string tokens <-> indices (see index_lookup.h for the
// rules). Its options, with Keras's names and defaults; `vocabulary` and
// `idf_weights` are state, given to IndexLookup::create or set_vocabulary. Keras's
// `sparse` (a TensorFlow SparseTensor) and `encoding` (only UTF-8 here) have no
// counterpart.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "embedwasm/core/option_schema.h"
#include "embedwasm/text/category_encoding.h"
#include "embedwasm/text/hash_bucket.h"
#include "embedwasm/text/index_lookup.h"
#include "embedwasm/text/key_table.h"
#include "embedwasm/text/string_list.h"

namespace embedwasm::text {

struct StringLookupConfig {
  std::optional<int64_t> max_tokens;  // None: no cap; else > 1, special indices included
  int64_t num_oov_indices = 1;
  std::optional<std::string> mask_token;
  std::string oov_token = "[UNK]";
  bool invert = false;
  OutputMode output_mode = OutputMode::kInt;
  bool pad_to_max_tokens = false;
};

// Its options as JS and the model file name them (Keras's, in camelCase).
const Schema<StringLookupConfig>& string_lookup_schema();

struct StringKeys {
  static constexpr const char* kLayerName = "StringLookup";
  using Config = StringLookupConfig;
  using Key = std::string;
  using View = std::string_view;
  using Batch = StringBatch;
  using List = StringList;
  using Store = StringKeyStore;

  static void push(List* list, View token) { list->push_back(token); }
  static void clear(List* list) { list->clear(); }
  static Batch slice(Batch batch, size_t start, size_t count) {
    return {batch.bytes, batch.offsets + start, count};
  }
  // tf.strings.to_hash_bucket_fast, as Keras hashes string OOV tokens.
  static uint64_t oov_bucket(const Config&, View token, uint64_t num_oov_indices) {
    return to_hash_bucket_fast(token, num_oov_indices);
  }
  static std::string describe(View token);  // quoted, printable
};

extern template class IndexLookup<StringKeys>;
using StringLookup = IndexLookup<StringKeys>;

}  // namespace embedwasm::text
