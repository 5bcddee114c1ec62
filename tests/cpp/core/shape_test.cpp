#include "embedwasm/core/shape.h"

#include <catch2/catch.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace embedwasm {
namespace {

// Naive twin of flat_index_to_position: count up an odometer, last axis fastest.
std::string OdometerPosition(size_t flat, const Shape& shape) {
  std::vector<size_t> index(shape.size(), 0);
  for (size_t step = 0; step < flat; ++step) {
    for (size_t axis = shape.size(); axis-- > 0;) {
      if (++index[axis] < shape[axis]) break;
      index[axis] = 0;
    }
  }
  std::string text = "[";
  for (size_t i = 0; i < index.size(); ++i) text += (i > 0 ? ", " : "") + std::to_string(index[i]);
  return text + "]";
}

TEST_CASE("shape_size multiplies the dims; rank 0 holds one element", "[shape]") {
  CHECK(shape_size({}) == 1);
  CHECK(shape_size({7}) == 7);
  CHECK(shape_size({2, 3, 4}) == 24);
  CHECK(shape_size({3, 0, 2}) == 0);
  CHECK(shape_size({0}) == 0);
}

TEST_CASE("shape_to_string prints Python tuples", "[shape]") {
  CHECK(shape_to_string({}) == "()");
  CHECK(shape_to_string({5}) == "(5,)");
  CHECK(shape_to_string({2, 1, 2}) == "(2, 1, 2)");
  CHECK(shape_to_string({3, 0}) == "(3, 0)");
}

TEST_CASE("flat_index_to_position gives the row-major index", "[shape]") {
  CHECK(flat_index_to_position(0, {}) == "[]");
  CHECK(flat_index_to_position(4, {9}) == "[4]");
  CHECK(flat_index_to_position(3, {2, 3}) == "[1, 0]");
  CHECK(flat_index_to_position(5, {2, 3}) == "[1, 2]");
  CHECK(flat_index_to_position(2 * 12 + 1 * 4 + 3, {3, 3, 4}) == "[2, 1, 3]");

  for (const Shape& shape : {Shape{6}, Shape{2, 5}, Shape{3, 1, 4}, Shape{2, 2, 3, 2}}) {
    for (size_t flat = 0; flat < shape_size(shape); ++flat) {
      INFO("shape " << shape_to_string(shape) << " flat " << flat);
      CHECK(flat_index_to_position(flat, shape) == OdometerPosition(flat, shape));
    }
  }
}

}  // namespace
}  // namespace embedwasm
