#pragma once
// float32 <-> decimal text for the text formats, exact in both directions and fast in wasm.
//
// Why not snprintf/strtof alone: Emscripten's musl formats and scans through long double,
// which wasm32 emulates in software, and a 400k x 300 GloVe file is 120M numbers. And
// Emscripten 3.1.6's libc++ has no floating-point to_chars/from_chars. Lemire's fast_float
// (parsing) and {fmt} (shortest formatting), both header-only, do the work; the numbers they
// give are exactly strtof's and the shortest round trip (tests/cpp/vector_files/
// float_text_test.cpp checks both against the C library), and tests/bench/float_text
// measures them against strtof/snprintf.
//
// parse_float: the whole token must be a number strtof accepts (decimal, hex "0x1p-3",
// "inf", "infinity", "nan", "nan(...)", any case, optional sign); leading whitespace is
// not accepted. Results equal strtof's bit for bit. Note: strtof, used for the rare forms
// fast_float leaves to it (a leading '+', hexadecimal), follows the C locale; this library
// never calls setlocale, and the host program must not change LC_NUMERIC.
//
// format_float: the shortest decimal that reads back as the same float (the digits of
// numpy's repr of a float32, which gensim writes), in numpy's layout: positional for
// 1e-4 <= |x| < 1e16 with ".0" on integers ("0.1", "2.0", "123456790.0"), otherwise
// scientific with at least two exponent digits ("1e-05", "1.5e+16"); "nan", "inf",
// "-inf", "-0.0".
#include <cstddef>

namespace embedwasm::vector_files {

constexpr size_t kMaxFloatTextBytes = 24;  // "-1000000000000000.0" is 19

// True and *out set when [begin, end) is exactly one number.
bool parse_float(const char* begin, const char* end, float* out);

// Writes at most kMaxFloatTextBytes chars (no terminating NUL) and returns their count.
size_t format_float(float x, char* out);

}  // namespace embedwasm::vector_files
