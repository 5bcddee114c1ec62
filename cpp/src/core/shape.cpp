#include "embedwasm/core/shape.h"

namespace embedwasm {

size_t shape_size(const Shape& shape) {
  size_t n = 1;
  for (size_t s : shape) n *= s;
  return n;
}

std::string shape_to_string(const Shape& shape) {
  std::string text = "(";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i > 0) text += ", ";
    text += std::to_string(shape[i]);
  }
  if (shape.size() == 1) text += ",";
  return text + ")";
}

std::string flat_index_to_position(size_t flat, const Shape& shape) {
  std::vector<size_t> index(shape.size());
  for (size_t axis = shape.size(); axis-- > 0;) {
    if (shape[axis] == 0) break;
    index[axis] = flat % shape[axis];
    flat /= shape[axis];
  }
  std::string text = "[";
  for (size_t i = 0; i < index.size(); ++i) {
    if (i > 0) text += ", ";
    text += std::to_string(index[i]);
  }
  return text + "]";
}

}  // namespace embedwasm
