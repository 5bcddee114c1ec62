#pragma once
// fastText's product quantizer (quantized .ftz models): a D-float row is cut into nsubq
// sub-vectors of dsub floats, the last one last_dsub floats long, and each is replaced
// by the index (one byte) of the nearest of 256 centroids learnt for that position.
//
// centroids holds D * 256 floats: sub-quantizer m's centroids lie one after another
// from m * 256 * dsub, each as long as that sub-vector. Decoding is in the u8_pq_add /
// u8_pq_dot kernels.
#include <cstdint>
#include <vector>

#include "embedwasm/core/status.h"

namespace embedwasm::fasttext {

struct ProductQuantizer {
  static constexpr int32_t kCentroids = 256;  // one byte per code

  int32_t dim = 0;        // D
  int32_t nsubq = 0;      // sub-vectors per row
  int32_t dsub = 0;       // floats per sub-vector
  int32_t last_dsub = 0;  // floats of the last sub-vector
  std::vector<float> centroids;  // (D * 256,)

  // The four sizes agree with each other and with `dim_expected` (what a file declares
  // is checked before its centroids are read).
  Status check_shape(int64_t dim_expected) const;
  const float* centroid(int32_t m, uint8_t code) const {
    return centroids.data() + static_cast<size_t>(m) * kCentroids * static_cast<size_t>(dsub) +
           static_cast<size_t>(code) * static_cast<size_t>(m + 1 == nsubq ? last_dsub : dsub);
  }
};

}  // namespace embedwasm::fasttext
