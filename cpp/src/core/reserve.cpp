#include "embedwasm/core/reserve.h"

#include <cstdlib>

namespace embedwasm {

Status check_allocatable(uint64_t bytes, const std::string& what) {
  if (bytes == 0) return Status::ok();
  if (bytes > kMaxHeapBytes) {
    return Status::resource_exhausted(what + " needs " + std::to_string(bytes) +
                                      " bytes, over the 4 GiB memory limit");
  }
  // Clang deletes a malloc whose block is only freed again; a volatile local keeps the
  // allocation, which is the whole point of the probe.
  void* volatile probe_block = std::malloc(static_cast<size_t>(bytes));
  if (probe_block == nullptr) {
    return Status::resource_exhausted("out of memory: cannot allocate " + std::to_string(bytes) +
                                      " bytes for " + what);
  }
  std::free(probe_block);
  return Status::ok();
}

}  // namespace embedwasm
