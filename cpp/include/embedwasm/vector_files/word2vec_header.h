#pragma once
// The "V D" first line of word2vec text, fastText .vec and word2vec binary files.
#include <cstddef>
#include <cstdint>
#include <string>

#include "embedwasm/core/status.h"

namespace embedwasm::vector_files {

// Two decimal integers separated and optionally surrounded by ASCII whitespace (gensim
// splits the line on whitespace; "\r" from Windows line ends is whitespace too).
// kInvalidArgument for anything else or a zero; kResourceExhausted when a (V, D) float32
// RowMatrix would exceed max_bytes (numbers too long for 64 bits included). Messages carry
// no location: the caller prefixes "line 1: " or "byte 0: ".
Status parse_word2vec_header(const std::string& line, uint64_t max_bytes, size_t* rows,
                             size_t* cols);

// "V D\n"
std::string format_word2vec_header(size_t rows, size_t cols);

}  // namespace embedwasm::vector_files
