#pragma once
// What every binding adapter shares: statuses for JS and heap pointers.
//
// The bindings are adapters, no math. Each area of the core has a <area>.h with its
// adapter classes and a <area>.cpp with its EMSCRIPTEN_BINDINGS block; only those .cpp
// files include emscripten/bind.h, so the core and its tests build natively. JS passes
// options as plain records and data as pointers into the wasm heap that it allocated
// (one call per batch), and gets back a {code, message} status that web/lib turns into
// RangeError / TypeError. Nothing here throws.
#include <cstdint>
#include <string>

#include "embedwasm/core/shape.h"
#include "embedwasm/core/status.h"

namespace embedwasm::bindings {

struct StatusJs {
  int code = 0;
  std::string message;
};

inline StatusJs to_js(const Status& s) { return StatusJs{static_cast<int>(s.code()), s.message()}; }

template <typename T>
T* ptr(uintptr_t address) {
  return reinterpret_cast<T*>(address);
}

inline Shape read_shape(uintptr_t shape_ptr, uint32_t rank) {
  const uint32_t* dims = ptr<const uint32_t>(shape_ptr);
  return Shape(dims, dims + rank);
}

}  // namespace embedwasm::bindings
