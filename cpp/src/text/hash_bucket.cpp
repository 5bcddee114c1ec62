#include "embedwasm/text/hash_bucket.h"

#include <cstddef>

namespace embedwasm::text {

std::string_view int64_as_string(int64_t v, Int64Text* buffer) {
  char* end = buffer->chars + sizeof(buffer->chars);
  char* p = end;
  // Through the unsigned magnitude so that INT64_MIN does not overflow.
  uint64_t magnitude = v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  do {
    *--p = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude != 0);
  if (v < 0) *--p = '-';
  return {p, static_cast<size_t>(end - p)};
}

}  // namespace embedwasm::text
