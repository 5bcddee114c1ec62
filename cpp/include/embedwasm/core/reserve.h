#pragma once
// Memory that scales with a batch, claimed without aborting when the heap is full.
// The wasm build has no C++ exceptions, so a failing operator new (inside any
// std::vector growth) aborts the module. These helpers first ask malloc, which returns
// null instead, and report kResourceExhausted; the block they free again is the one the
// vector's own allocation then receives (same size, nothing allocated in between), so
// that allocation does not fail.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "embedwasm/core/status.h"

namespace embedwasm {

// The same cap as RowMatrix: what the 4 GiB wasm32 heap can hold in one block.
constexpr uint64_t kMaxHeapBytes = (uint64_t{1} << 32) - 65536;

// OK when `bytes` can be allocated right now (it allocates and frees them); else
// kResourceExhausted naming `what` and the byte count. 0 bytes is always OK.
Status check_allocatable(uint64_t bytes, const std::string& what);

// Grows v's capacity to at least n elements, or fails as check_allocatable does.
template <typename T>
Status reserve_or_fail(std::vector<T>* v, uint64_t n, const std::string& what) {
  if (n <= v->capacity()) return Status::ok();
  if (n > kMaxHeapBytes / sizeof(T)) {
    return Status::resource_exhausted(what + ": " + std::to_string(n) + " values of " +
                                      std::to_string(sizeof(T)) +
                                      " bytes exceed the 4 GiB memory limit");
  }
  EMBEDWASM_RETURN_IF_ERROR(check_allocatable(n * sizeof(T), what));
  v->reserve(static_cast<size_t>(n));
  return Status::ok();
}

}  // namespace embedwasm
