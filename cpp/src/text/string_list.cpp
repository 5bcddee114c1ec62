#include "embedwasm/text/string_list.h"

#include <string>

namespace embedwasm::text {

Status make_string_batch(const char* bytes, size_t num_bytes, const uint32_t* offsets,
                         size_t count, StringBatch* out) {
  if (offsets == nullptr) return Status::invalid_argument("string batch: offsets are missing");
  if (bytes == nullptr && num_bytes > 0) {
    return Status::invalid_argument("string batch: bytes are missing");
  }
  for (size_t i = 0; i < count; ++i) {
    if (offsets[i + 1] < offsets[i]) {
      return Status::out_of_range("string batch: offsets[" + std::to_string(i + 1) + "] = " +
                                  std::to_string(offsets[i + 1]) + " is below offsets[" +
                                  std::to_string(i) + "] = " + std::to_string(offsets[i]));
    }
  }
  if (offsets[count] > num_bytes) {
    return Status::out_of_range("string batch: offsets[" + std::to_string(count) + "] = " +
                                std::to_string(offsets[count]) + " is past the " +
                                std::to_string(num_bytes) + " bytes given");
  }
  *out = StringBatch{bytes, offsets, count};
  return Status::ok();
}

}  // namespace embedwasm::text
