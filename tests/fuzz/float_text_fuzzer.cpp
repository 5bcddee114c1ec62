// libFuzzer target for float_text.h, the number syntax under every text format.
//
// parse_float promises strtof's result bit for bit (its fast path must never round
// differently), and format_float promises text that reads back as the same float and is
// at most one digit longer than the shortest "%.*g" that does. The input is the token;
// its first 4 bytes (zero-padded) are also the float to format. Traps on a broken promise.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "embedwasm/vector_files/float_text.h"

namespace {

using embedwasm::vector_files::format_float;
using embedwasm::vector_files::kMaxFloatTextBytes;
using embedwasm::vector_files::parse_float;

[[noreturn]] void fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "FUZZ PROPERTY FAILED: %s: %s\n", what, detail.c_str());
  __builtin_trap();
}

uint32_t bits(float x) {
  uint32_t b;
  std::memcpy(&b, &x, 4);
  return b;
}

// The reference: the whole token is one number for strtof, with no leading whitespace.
bool reference_parse(const std::string& token, float* out) {
  if (token.empty() || std::strchr(" \t\n\v\f\r", token[0]) != nullptr) return false;
  char* stop = nullptr;
  const float v = std::strtof(token.c_str(), &stop);
  if (stop != token.c_str() + token.size()) return false;  // also catches an embedded NUL
  *out = v;
  return true;
}

// Digits of the mantissa without leading and trailing zeros ("123456790.0" has 8).
int significant_digits(const std::string& text) {
  std::string d;
  for (char c : text) {
    if (c == 'e') break;
    if (c >= '0' && c <= '9') d += c;
  }
  const size_t first = d.find_first_not_of('0');
  if (first == std::string::npos) return 1;
  return static_cast<int>(d.find_last_not_of('0') - first + 1);
}

void check_parse(const std::string& token) {
  float got = 0, want = 0;
  const bool ok = parse_float(token.data(), token.data() + token.size(), &got);
  const bool want_ok = reference_parse(token, &want);
  if (ok != want_ok) fail("parse_float accepts differently from strtof", token);
  if (ok && bits(got) != bits(want)) {
    char detail[64];
    std::snprintf(detail, sizeof(detail), " -> %08x, strtof %08x", bits(got), bits(want));
    fail("parse_float differs from strtof", token + detail);
  }
}

void check_format(float x) {
  char text[kMaxFloatTextBytes + 8];
  const size_t n = format_float(x, text);
  const std::string s(text, n);
  if (n == 0 || n > kMaxFloatTextBytes) fail("format_float length", s);
  float back = 0;
  if (!parse_float(text, text + n, &back)) fail("format_float output does not parse", s);
  if (std::isnan(x)) {
    if (s != "nan") fail("NaN not written as nan", s);
    return;
  }
  if (bits(back) != bits(x)) fail("format_float does not read back", s);
  if (std::isinf(x) || x == 0.0f) return;
  int shortest = 9;
  for (int p = 1; p < 9; ++p) {
    char buf[48];
    std::snprintf(buf, sizeof(buf), "%.*g", p, static_cast<double>(x));
    if (std::strtof(buf, nullptr) == x) {
      shortest = p;
      break;
    }
  }
  if (significant_digits(s) > shortest + 1) {
    fail("format_float is not short", s + " (shortest has " + std::to_string(shortest) + ")");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  check_parse(std::string(reinterpret_cast<const char*>(data), size));
  uint8_t b[4] = {0, 0, 0, 0};
  std::memcpy(b, data, size < 4 ? size : 4);
  float x;
  std::memcpy(&x, b, 4);
  check_format(x);
  return 0;
}
