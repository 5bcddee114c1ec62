#pragma once
// The kernels the layers call. Each op has a scalar twin (kernels/<op>/scalar.h) and,
// under -msimd128, a WASM SIMD version (kernels/<op>/wasm_simd128.h) with the same
// signature; this header picks one. Native builds use the scalar twins and leave
// vectorisation to g++. Tests call both versions by their suffixed names.
#include "kernels/axpy/scalar.h"
#include "kernels/dot/scalar.h"
#include "kernels/gather_rows/scalar.h"
#include "kernels/norm/scalar.h"
#include "kernels/scale/scalar.h"
#include "kernels/scatter_add_rows/scalar.h"

#if defined(__wasm_simd128__)
#include "kernels/axpy/wasm_simd128.h"
#include "kernels/dot/wasm_simd128.h"
#include "kernels/gather_rows/wasm_simd128.h"
#include "kernels/norm/wasm_simd128.h"
#include "kernels/scale/wasm_simd128.h"
#include "kernels/scatter_add_rows/wasm_simd128.h"
#define EMBEDWASM_KERNEL(name) name##__wasmsimd
#else
#define EMBEDWASM_KERNEL(name) name##__scalar
#endif

namespace embedwasm::kernels {

constexpr auto f32_gather_rows = EMBEDWASM_KERNEL(f32_gather_rows);
constexpr auto f32_scatter_add_rows = EMBEDWASM_KERNEL(f32_scatter_add_rows);
constexpr auto f32_axpy = EMBEDWASM_KERNEL(f32_axpy);
constexpr auto f32_dot = EMBEDWASM_KERNEL(f32_dot);
constexpr auto f32_scale = EMBEDWASM_KERNEL(f32_scale);
constexpr auto f32_l2_norm = EMBEDWASM_KERNEL(f32_l2_norm);
constexpr auto f32_lp_norm = EMBEDWASM_KERNEL(f32_lp_norm);

#if defined(__wasm_simd128__)
constexpr bool kSimd = true;
#else
constexpr bool kSimd = false;
#endif

}  // namespace embedwasm::kernels

#undef EMBEDWASM_KERNEL

// Search kernels (appended): int8 dot products for quantised vectors and blocked
// rows-times-queries dot products for cosine scans.
#include "kernels/f32_dot_rows/scalar.h"
#include "kernels/i8_dot/scalar.h"
#include "kernels/i8_dot_rows/scalar.h"
#if defined(__wasm_simd128__)
#include "kernels/f32_dot_rows/wasm_simd128.h"
#include "kernels/i8_dot/wasm_simd128.h"
#include "kernels/i8_dot_rows/wasm_simd128.h"
#endif

namespace embedwasm::kernels {
#if defined(__wasm_simd128__)
constexpr auto f32_dot_rows = f32_dot_rows__wasmsimd;
constexpr auto i8_dot = i8_dot__wasmsimd;
constexpr auto i8_dot_rows = i8_dot_rows__wasmsimd;
#else
constexpr auto f32_dot_rows = f32_dot_rows__scalar;
constexpr auto i8_dot = i8_dot__scalar;
constexpr auto i8_dot_rows = i8_dot_rows__scalar;
#endif
}  // namespace embedwasm::kernels
