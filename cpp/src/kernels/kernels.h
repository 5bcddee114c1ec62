#pragma once
// The kernels the core calls: loops over pointers and lengths that allocate nothing and
// check nothing (callers validate first). Each op lives in kernels/<dtype>_<op>/ as two
// twins with the same signature: scalar.h (<op>__scalar, portable C++ and the reference
// the tests hold the other twin to) and wasm_simd128.h (<op>__wasmsimd, compiled only
// under -msimd128). Helpers both twins of an op share sit beside them in that folder.
//
// This header is the one place that picks a twin, for every op alike: the SIMD one in
// the wasm build, the scalar one natively, where g++ vectorises the loops itself.
#include "kernels/f32_axpy/scalar.h"
#include "kernels/f32_axpy_rows/scalar.h"
#include "kernels/f32_dot/scalar.h"
#include "kernels/f32_dot_rows/scalar.h"
#include "kernels/f32_gather_rows/scalar.h"
#include "kernels/f32_nearest_row/scalar.h"
#include "kernels/f32_norm/scalar.h"
#include "kernels/f32_scale/scalar.h"
#include "kernels/f32_scatter_add_rows/scalar.h"
#include "kernels/f32_sum_rows/scalar.h"
#include "kernels/i16_dot_rows/scalar.h"
#include "kernels/i8_dot/scalar.h"
#include "kernels/i8_dot_rows/scalar.h"
#include "kernels/u8_pq_add/scalar.h"
#include "kernels/u8_pq_dot/scalar.h"

#if defined(__wasm_simd128__)
#include "kernels/f32_axpy/wasm_simd128.h"
#include "kernels/f32_axpy_rows/wasm_simd128.h"
#include "kernels/f32_dot/wasm_simd128.h"
#include "kernels/f32_dot_rows/wasm_simd128.h"
#include "kernels/f32_gather_rows/wasm_simd128.h"
#include "kernels/f32_nearest_row/wasm_simd128.h"
#include "kernels/f32_norm/wasm_simd128.h"
#include "kernels/f32_scale/wasm_simd128.h"
#include "kernels/f32_scatter_add_rows/wasm_simd128.h"
#include "kernels/f32_sum_rows/wasm_simd128.h"
#include "kernels/i16_dot_rows/wasm_simd128.h"
#include "kernels/i8_dot/wasm_simd128.h"
#include "kernels/i8_dot_rows/wasm_simd128.h"
#include "kernels/u8_pq_add/wasm_simd128.h"
#include "kernels/u8_pq_dot/wasm_simd128.h"
#define EMBEDWASM_KERNEL(op) op##__wasmsimd
#else
#define EMBEDWASM_KERNEL(op) op##__scalar
#endif

namespace embedwasm::kernels {

constexpr auto f32_axpy = EMBEDWASM_KERNEL(f32_axpy);                          // y += a x
constexpr auto f32_axpy_rows = EMBEDWASM_KERNEL(f32_axpy_rows);                // y += a table[ids[i]], in order
constexpr auto f32_dot = EMBEDWASM_KERNEL(f32_dot);                            // x . y
constexpr auto f32_dot_rows = EMBEDWASM_KERNEL(f32_dot_rows);                  // (B, R) <- rows . queries
constexpr auto f32_gather_rows = EMBEDWASM_KERNEL(f32_gather_rows);            // out[i] = table[ids[i]]
constexpr auto f32_nearest_row = EMBEDWASM_KERNEL(f32_nearest_row);              // argmin_r |x - rows[r]|^2
constexpr auto f32_l2_norm = EMBEDWASM_KERNEL(f32_l2_norm);                    // ||x||_2
constexpr auto f32_lp_norm = EMBEDWASM_KERNEL(f32_lp_norm);                    // ||x||_p
constexpr auto f32_scale = EMBEDWASM_KERNEL(f32_scale);                        // y = a x
constexpr auto f32_scatter_add_rows = EMBEDWASM_KERNEL(f32_scatter_add_rows);  // table[ids[i]] += rows[i]
constexpr auto f32_sum_rows = EMBEDWASM_KERNEL(f32_sum_rows);                  // out = sum of table[ids[i]]
constexpr auto i16_dot_rows = EMBEDWASM_KERNEL(i16_dot_rows);                  // (B, R) <- int8-range int16 rows . queries
constexpr auto i8_dot = EMBEDWASM_KERNEL(i8_dot);                              // x . y in int32
constexpr auto i8_dot_rows = EMBEDWASM_KERNEL(i8_dot_rows);                    // (R,) <- int8 rows . query
constexpr auto u8_pq_add = EMBEDWASM_KERNEL(u8_pq_add);                        // x += a * decoded PQ row
constexpr auto u8_pq_dot = EMBEDWASM_KERNEL(u8_pq_dot);                        // x . decoded PQ row

}  // namespace embedwasm::kernels

#undef EMBEDWASM_KERNEL
