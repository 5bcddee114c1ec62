// Embind registrations every part of the module shares: the status record, which
// build was loaded, and the heap counter leak tests read.
#include <emscripten/bind.h>
#include <malloc.h>

#include "bindings/core.h"

namespace embedwasm::bindings {
namespace {

bool simd_build() {
#if defined(__wasm_simd128__)
  return true;
#else
  return false;
#endif
}

bool threads_build() {
#if defined(__EMSCRIPTEN_PTHREADS__)
  return true;
#else
  return false;
#endif
}

// Bytes malloc has handed out and not taken back: what leak tests watch, since the
// wasm memory itself never shrinks.
// mallinfo's fields are int: past 2 GiB the count reads negative unless taken as unsigned.
double heap_bytes_in_use() { return static_cast<double>(static_cast<uint32_t>(mallinfo().uordblks)); }

}  // namespace
}  // namespace embedwasm::bindings

EMSCRIPTEN_BINDINGS(embedwasm_core) {
  using namespace emscripten;
  using namespace embedwasm::bindings;

  value_object<StatusJs>("Status")
      .field("code", &StatusJs::code)
      .field("message", &StatusJs::message);

  function("simdBuild", &simd_build);
  function("heapBytesInUse", &heap_bytes_in_use);
  function("threadsBuild", &threads_build);
}
