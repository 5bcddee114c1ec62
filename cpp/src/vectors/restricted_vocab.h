#pragma once
// What gensim's two evaluations share: the restricted, optionally case-folded vocabulary
// (its `ok_vocab`) and the splitting of a text file into lines.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "embedwasm/vectors/keyed_vectors.h"

namespace embedwasm::vectors::detail {

// ASCII letters upper-cased; other bytes (UTF-8 sequences included) unchanged. gensim uses
// Python's str.upper(), which also folds non-ASCII letters; the standard question and pair
// files are ASCII.
std::string ascii_upper(std::string_view s);

// gensim's ok_vocab: the key of each of the first `restrict_vocab` rows (0: all rows),
// upper-cased when case_insensitive, mapped to the first (most frequent) row with that key.
std::unordered_map<std::string, int32_t> restricted_vocab(const KeyedVectors& kv, size_t restrict_vocab,
                                                          bool case_insensitive);

// The lines of `text` as iterating a file yields them, without their '\n': a final piece
// with no '\n' is a line unless it is empty.
std::vector<std::string_view> split_lines(std::string_view text);

// Python's str.split() on ASCII whitespace (space, \t, \n, \v, \f, \r).
std::vector<std::string_view> split_whitespace(std::string_view line);

}  // namespace embedwasm::vectors::detail
