#pragma once
// Keeping hot loops in functions that V8 can optimise while a long call is still running.
//
// V8 compiles a wasm function with its baseline compiler first and switches to optimised
// code only for later calls: there is no on-stack replacement for wasm. So a
// scan over 400k rows must do its work in a function called once per tile, not in one
// long loop. __attribute__((noinline)) keeps LLVM from merging them, but em++ then runs
// Binaryen's wasm-opt, which inlines any function that has a single call site whatever
// its size. Calling through a function pointer read back from a volatile keeps the call
// indirect, which Binaryen cannot inline; the cost is one load per tile.
#if defined(__GNUC__)
#define EMBEDWASM_NOINLINE __attribute__((noinline))
#else
#define EMBEDWASM_NOINLINE
#endif

namespace embedwasm::vectors::detail {

// f itself, hidden from the optimisers: call tiered(&fn)(args...) per tile.
template <typename F>
F tiered(F f) {
  F volatile p = f;
  return p;
}

}  // namespace embedwasm::vectors::detail
