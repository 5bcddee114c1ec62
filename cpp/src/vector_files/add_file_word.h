#pragma once
// The last step of reading one word of a binary vector file (word2vec binary and our
// own format): the word must be UTF-8 and not repeat an earlier one; then it moves into
// the list. Errors name the byte offset, as everything the binary readers report does.
#include <cstdint>
#include <string>
#include <utility>

#include "embedwasm/vector_files/utf8.h"
#include "embedwasm/vector_files/word_list.h"
#include "embedwasm/core/status.h"

namespace embedwasm::vector_files {

// `bytes_offset`: where the word's bytes start in the file; `word_offset`: where its
// record starts (the same in word2vec binary; after a 4-byte length in ours); `label`:
// e.g. "word 3 of 10". On success `*word` is moved out.
inline Status add_file_word(WordList* words, std::string* word, uint64_t bytes_offset, uint64_t word_offset,
                            const std::string& label) {
  const size_t bad = find_invalid_utf8(*word);
  if (bad != word->size()) {
    return Status::invalid_argument("byte " + std::to_string(bytes_offset + bad) + ": invalid UTF-8 in " + label +
                                    " " + quote_word(*word));
  }
  const int64_t first = words->add(std::move(*word));
  if (first >= 0) {
    return Status::invalid_argument("byte " + std::to_string(word_offset) + ": " + label + " " +
                                    quote_word((*words)[static_cast<size_t>(first)]) + " repeats word " +
                                    std::to_string(first + 1));
  }
  return Status::ok();
}

}  // namespace embedwasm::vector_files
