#pragma once
// The checks every model layer makes before it touches a Tensor: the core is the
// memory-safety boundary, so a layer never trusts that x, y, dy or a mask hold as many
// values as their shapes say, or that the batch matches what it was built for.
#include <cstddef>
#include <string>

#include "embedwasm/core/shape.h"
#include "embedwasm/core/status.h"
#include "embedwasm/core/tensor.h"

namespace embedwasm::layers {

// (batch) + per_sample.
Shape with_batch(size_t batch, const Shape& per_sample);

// x must be (B, per_sample...) for some B and hold shape_size(x.shape) values. `what`
// names the tensor in the message ("input", "dy").
Status check_batched(const char* what, const Tensor& t, const Shape& per_sample);

// t must be exactly `shape` and hold its values (y and dy against the batch x fixed).
Status check_exact(const char* what, const Tensor& t, const Shape& shape);

// An empty mask, or a (B, T) one holding B * T values.
Status check_mask(const Mask& mask, size_t batch, size_t steps);

Status not_built();

}  // namespace embedwasm::layers
