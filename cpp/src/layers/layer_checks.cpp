#include "layers/layer_checks.h"

#include <cstdint>

namespace embedwasm::layers {
namespace {

Status check_size(const char* what, const Tensor& t) {
  if (t.data.size() != shape_size(t.shape)) {
    return Status::invalid_argument(std::string(what) + " holds " + std::to_string(t.data.size()) +
                                    " values but its shape " + shape_to_string(t.shape) +
                                    " needs " + std::to_string(shape_size(t.shape)));
  }
  return Status::ok();
}

}  // namespace

Shape with_batch(size_t batch, const Shape& per_sample) {
  Shape s;
  s.reserve(per_sample.size() + 1);
  s.push_back(batch);
  s.insert(s.end(), per_sample.begin(), per_sample.end());
  return s;
}

Status check_batched(const char* what, const Tensor& t, const Shape& per_sample) {
  bool ok = t.shape.size() == per_sample.size() + 1;
  for (size_t i = 0; ok && i < per_sample.size(); ++i) ok = t.shape[i + 1] == per_sample[i];
  if (!ok) {
    // "(batch, 3, 4)": the batch size is free, the rest was fixed at build.
    std::string expected = shape_to_string(with_batch(0, per_sample));
    expected.replace(1, 1, "batch");
    return Status::invalid_argument(std::string(what) + " must have shape " + expected +
                                    " (as built), got " + shape_to_string(t.shape));
  }
  return check_size(what, t);
}

Status check_exact(const char* what, const Tensor& t, const Shape& shape) {
  if (t.shape != shape) {
    return Status::invalid_argument(std::string(what) + " must have shape " + shape_to_string(shape) +
                                    ", got " + shape_to_string(t.shape));
  }
  return check_size(what, t);
}

Status check_mask(const Mask& mask, size_t batch, size_t steps) {
  if (mask.empty() && mask.shape.empty()) return Status::ok();
  const Shape expected = {batch, steps};
  if (mask.shape != expected || mask.data.size() != batch * steps) {
    return Status::invalid_argument("the mask must have shape " + shape_to_string(expected) +
                                    " to match the input, got shape " + shape_to_string(mask.shape) +
                                    " holding " + std::to_string(mask.data.size()) + " values");
  }
  return Status::ok();
}

Status not_built() { return Status::invalid_argument("the layer is not built (call build first)"); }


}  // namespace embedwasm::layers
