#pragma once
// The int8 snapshot of a KeyedVectors (vectors/quantized_vectors.h). Query vectors are
// built on the JS side from the float KeyedVectors; results are left here as
// (index, score) pairs like KeyedVectorsJs's.
#include <vector>

#include "bindings/common.h"
#include "bindings/keyed_vectors_js.h"
#include "embedwasm/vectors/quantized_vectors.h"

namespace embedwasm::bindings {

class QuantizedVectorsJs {
 public:
  StatusJs create(const KeyedVectorsJs& from) { return to_js(search::QuantizedVectors::create(from.kv().vectors(), &q_)); }
  uint32_t size() const { return q_.size(); }
  uint32_t dim() const { return q_.dim(); }
  double memory_bytes() const { return static_cast<double>(q_.memory_bytes()); }
  // query: (D,); exclude: n int32 row ids left out of the results.
  StatusJs search(uintptr_t query, uint32_t dim, uint32_t topn, uint32_t restrict_vocab, uintptr_t exclude,
                  uint32_t n_exclude) {
    const int32_t* ex = ptr<const int32_t>(exclude);
    exclude_.assign(ex, ex + n_exclude);
    return to_js(q_.search(ptr<const float>(query), dim, topn, restrict_vocab, exclude_, &neighbors_));
  }
  uintptr_t neighbors_ptr() const { return reinterpret_cast<uintptr_t>(neighbors_.data()); }
  uint32_t neighbors_count() const { return neighbors_.size(); }

 private:
  search::QuantizedVectors q_;
  std::vector<int32_t> exclude_;
  std::vector<search::Neighbor> neighbors_;
};

}  // namespace embedwasm::bindings
