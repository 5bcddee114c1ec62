#include "embedwasm/text/row_splits.h"

#include <string>

namespace embedwasm::text {

Status check_row_splits(const uint32_t* splits, size_t num_samples, size_t num_elements) {
  if (splits == nullptr) return Status::invalid_argument("row splits are missing");
  if (splits[0] != 0) {
    return Status::out_of_range("row splits must start at 0, not " + std::to_string(splits[0]));
  }
  for (size_t b = 0; b < num_samples; ++b) {
    if (splits[b + 1] < splits[b]) {
      return Status::out_of_range("row splits must not decrease: splits[" + std::to_string(b + 1) +
                                  "] = " + std::to_string(splits[b + 1]) + " < splits[" +
                                  std::to_string(b) + "] = " + std::to_string(splits[b]));
    }
  }
  if (splits[num_samples] != num_elements) {
    return Status::out_of_range("row splits must end at the " + std::to_string(num_elements) +
                                " elements, not at " + std::to_string(splits[num_samples]));
  }
  return Status::ok();
}

}  // namespace embedwasm::text
