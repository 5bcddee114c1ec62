#pragma once
// The binary vector formats store float32 and uint32 little-endian. WASM and x86 are
// little-endian already, so these are free there; a big-endian host swaps bytes.
#include <algorithm>
#include <cstddef>
#include <cstdint>

namespace embedwasm::vector_files {

inline uint32_t load_u32_le(const uint8_t* p) {
  return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}

// Swaps `floats` 4-byte values between little-endian and host order, in place (the same
// operation both ways).
inline void swap_floats_le_host(uint8_t* bytes, size_t floats) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  for (size_t i = 0; i < floats; ++i) std::reverse(bytes + 4 * i, bytes + 4 * i + 4);
#else
  (void)bytes;
  (void)floats;
#endif
}

}  // namespace embedwasm::vector_files
