#pragma once
// Shapes of id and gradient tensors. Letters used in comments project-wide:
// V vocab rows, D dim, B batch (bags), T sequence, N = number of ids.
#include <cstddef>
#include <string>
#include <vector>

namespace embedwasm {

using Shape = std::vector<size_t>;

size_t shape_size(const Shape& shape);
std::string shape_to_string(const Shape& shape);          // "(2, 1, 2)"
std::string flat_index_to_position(size_t flat, const Shape& shape);  // "[1, 0]"

}  // namespace embedwasm
