#include "embedwasm/vector_files/float_text.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>
#include <system_error>

#include <fast_float/fast_float.h>
#include <fmt/compile.h>
#include <fmt/format.h>

namespace embedwasm::vector_files {
namespace {

bool strtof_whole(const char* begin, const char* end, float* out) {
  const size_t n = static_cast<size_t>(end - begin);
  if (n == 0) return false;
  // strtof skips leading whitespace; a token must not start with any.
  const char c = begin[0];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r') return false;
  // strtof needs a NUL terminator; tokens are short, so the stack nearly always serves.
  char local[128];
  std::string heap;
  char* buf = local;
  if (n >= sizeof(local)) {
    heap.assign(begin, n);
    buf = &heap[0];
  } else {
    std::memcpy(local, begin, n);
    local[n] = '\0';
  }
  // An embedded NUL would end the number early; the length check below catches it.
  char* stop = nullptr;
  const float v = std::strtof(buf, &stop);
  if (stop != buf + n) return false;
  *out = v;
  return true;
}

}  // namespace

bool parse_float(const char* begin, const char* end, float* out) {
  // fast_float rounds every decimal correctly, as strtof does, so where it reads the whole
  // token the two agree bit for bit. What it leaves (a leading '+', hexadecimal floats,
  // out-of-range values it flags, and anything that is not a number) strtof decides, and
  // so does every NaN: fast_float drops the payload of "nan(123)", strtof keeps it.
  float v;
  const fast_float::from_chars_result r = fast_float::from_chars(begin, end, v);
  if (r.ec == std::errc() && r.ptr == end && !std::isnan(v)) {
    *out = v;
    return true;
  }
  return strtof_whole(begin, end, out);
}

size_t format_float(float x, char* out) {
  // {fmt} writes the shortest digits that read back exactly (Dragonbox; the nearest such
  // decimal when several are shortest, as numpy's Dragon4), positional for decimal
  // exponents in [-4, 16) and scientific with two-digit exponents otherwise. numpy's repr
  // differs in three ways, undone here: it keeps ".0" on integral values, prints every NaN
  // as "nan", and chooses the layout by the value rather than by its digits, so 1e-4f
  // (9.99999975e-05) is "1e-04" where {fmt} writes "0.0001".
  if (std::isnan(x)) {
    std::memcpy(out, "nan", 3);
    return 3;
  }
  char* end = fmt::format_to(out, FMT_COMPILE("{}"), x);
  const size_t length = static_cast<size_t>(end - out);
  if (!std::isfinite(x) || std::memchr(out, 'e', length) != nullptr) return length;
  if (std::memchr(out, '.', length) == nullptr) {
    *end++ = '.';
    *end++ = '0';
    return length + 2;
  }
  if (x == 0.0f || std::fabs(static_cast<double>(x)) >= 1e-4) return length;
  // "[-]0.0...0d...": rewritten as "[-]d.de-0k" in place (never longer).
  char* o = out + (out[0] == '-' ? 1 : 0);
  const char* digits = o + 2;
  while (*digits == '0') ++digits;
  const int exponent = static_cast<int>(digits - (o + 2)) + 1;
  const size_t count = static_cast<size_t>(end - digits);
  *o++ = digits[0];
  if (count > 1) {
    *o++ = '.';
    std::memmove(o, digits + 1, count - 1);
    o += count - 1;
  }
  *o++ = 'e';
  *o++ = '-';
  *o++ = static_cast<char>('0' + exponent / 10);
  *o++ = static_cast<char>('0' + exponent % 10);
  return static_cast<size_t>(o - out);
}

}  // namespace embedwasm::vector_files
