#pragma once
#include <wasm_simd128.h>

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace embedwasm::kernels {

// Same contract as f32_gather_rows__scalar. Long rows go through memcpy, which
// -mbulk-memory makes a single memory.copy: it streams from DRAM faster than a v128
// load/store loop (9-12 against 5-7 GB/s measured). Short rows pay more for the call than the
// copy, so they use v128 moves plus a scalar tail.
inline void f32_gather_rows__wasmsimd(const float* table, size_t stride, const int32_t* ids,
                                      size_t n, size_t d, float* out) {
  constexpr size_t kMemcpyFromFloats = 32;
  if (d >= kMemcpyFromFloats) {
    for (size_t i = 0; i < n; ++i) {
      std::memcpy(out + i * d, table + static_cast<size_t>(ids[i]) * stride, d * sizeof(float));
    }
    return;
  }
  for (size_t i = 0; i < n; ++i) {
    const float* src = table + static_cast<size_t>(ids[i]) * stride;
    float* dst = out + i * d;
    size_t j = 0;
    for (; j + 4 <= d; j += 4) wasm_v128_store(dst + j, wasm_v128_load(src + j));
    for (; j < d; ++j) dst[j] = src[j];
  }
}

}  // namespace embedwasm::kernels
