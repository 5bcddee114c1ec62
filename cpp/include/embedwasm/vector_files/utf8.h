#pragma once
// Strict UTF-8 checks for words read from files, and a printable form of any bytes for
// error messages.
//
// "Strict" is Python's decoder with errors='strict' (what gensim uses by default):
// shortest forms only, no UTF-16 surrogates (U+D800..U+DFFF), nothing above U+10FFFF.
// U+0000 is valid, as in Python.
#include <cstddef>
#include <cstdint>
#include <string>

namespace embedwasm::vector_files {

// Offset of the first byte of the first invalid sequence, or n when all n bytes are valid.
size_t find_invalid_utf8(const uint8_t* data, size_t n);
inline size_t find_invalid_utf8(const std::string& s) {
  return find_invalid_utf8(reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

// 'word' in single quotes for messages: control bytes, quotes, backslashes and bytes that
// are not valid UTF-8 become \n, \', \xff, ...; more than 60 bytes are cut with "...".
// The result is always valid UTF-8, so it survives the trip into a JS string.
std::string quote_word(const std::string& bytes);

}  // namespace embedwasm::vector_files
