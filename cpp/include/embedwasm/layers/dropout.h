#pragma once
// keras.layers.Dropout: inverted dropout. While training each value is kept with
// probability 1 - rate and scaled by 1 / (1 - rate), so inference is the identity and
// needs no rescaling. The keep mask comes from the layer's own Rng, seeded at create,
// so a seed gives the same sequence of masks natively and in wasm; the mask of the last
// forward is kept for backward. The sequence mask (mask_zero) passes through.
#include <cstdint>
#include <memory>
#include <vector>

#include "embedwasm/core/option_schema.h"
#include "embedwasm/core/rng.h"
#include "embedwasm/core/status.h"
#include "embedwasm/layers/layer.h"

namespace embedwasm::layers {

struct DropoutConfig {
  double rate = 0.0;  // [0, 1): 1 would keep nothing and scale by 1 / 0
  uint64_t seed = 0;
};
const Schema<DropoutConfig>& dropout_schema();

class Dropout : public Layer {
 public:
  static Status create(const DropoutConfig& config, std::unique_ptr<Dropout>* out);

  const DropoutConfig& config() const { return config_; }
  const char* class_name() const override { return "Dropout"; }
  Status build(const Shape& in, Shape* out) override;
  // training and rate > 0: y = x * keep / (1 - rate), a new keep mask per call.
  // Otherwise y = x.
  Status forward(const Tensor& x, const Mask& mask_in, bool training, Tensor* y,
                 Mask* mask_out) override;
  // dx = dy * keep / (1 - rate) with the mask of the last forward, or dy when that
  // forward was the identity. x must have the shape that forward saw.
  Status backward(const Tensor& x, const Mask& mask_in, const Tensor& y, const Tensor& dy,
                  Tensor* dx) override;

  // The keep mask of the last forward: (shape of x), 1 kept, 0 dropped; empty when that
  // forward was the identity.
  const std::vector<uint8_t>& keep() const { return keep_; }

 private:
  explicit Dropout(const DropoutConfig& config) : config_(config), rng_(config.seed) {}

  DropoutConfig config_;
  Rng rng_;
  bool built_ = false;
  Shape in_;                   // per sample
  Shape last_shape_;           // x of the last forward
  std::vector<uint8_t> keep_;  // (last_shape_) or empty: the last forward was the identity
};

}  // namespace embedwasm::layers
