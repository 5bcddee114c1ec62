#pragma once
#include <wasm_simd128.h>

#include <cstddef>
#include <cstdint>

#include "kernels/i8_dot/scalar.h"

namespace embedwasm::kernels {

// Same contract and result as i8_dot__scalar (n <= kI8DotMaxN). Bytes are sign-extended to
// i16 lanes and i32x4.dot_i16x8_s multiplies and adds adjacent pairs into i32 lanes: a pair
// sums at most 2 * 2^14 = 2^15, which needs 17 bits, so the widening to i32 happens before
// any addition and nothing wraps (an i16 accumulator would overflow on 128 * -128 + ...).
inline int32_t i8_dot__wasmsimd(size_t n, const int8_t* x, const int8_t* y) {
  v128_t acc0 = wasm_i32x4_splat(0), acc1 = wasm_i32x4_splat(0);
  size_t j = 0;
  for (; j + 16 <= n; j += 16) {
    const v128_t a = wasm_v128_load(x + j), b = wasm_v128_load(y + j);
    acc0 = wasm_i32x4_add(acc0, wasm_i32x4_dot_i16x8(wasm_i16x8_extend_low_i8x16(a), wasm_i16x8_extend_low_i8x16(b)));
    acc1 = wasm_i32x4_add(acc1, wasm_i32x4_dot_i16x8(wasm_i16x8_extend_high_i8x16(a), wasm_i16x8_extend_high_i8x16(b)));
  }
  if (j + 8 <= n) {  // 8 bytes, loaded and sign-extended in one go
    acc0 = wasm_i32x4_add(acc0, wasm_i32x4_dot_i16x8(wasm_i16x8_load8x8(x + j), wasm_i16x8_load8x8(y + j)));
    j += 8;
  }
  const v128_t acc = wasm_i32x4_add(acc0, acc1);
  int32_t sum = (wasm_i32x4_extract_lane(acc, 0) + wasm_i32x4_extract_lane(acc, 1)) +
                (wasm_i32x4_extract_lane(acc, 2) + wasm_i32x4_extract_lane(acc, 3));
  for (; j < n; ++j) sum += int32_t{x[j]} * int32_t{y[j]};
  return sum;
}

}  // namespace embedwasm::kernels
