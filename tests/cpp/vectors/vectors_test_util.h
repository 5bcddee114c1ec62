#pragma once
// Shared by the search tests: small KeyedVectors built from literals, and seeded data.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "embedwasm/vectors/keyed_vectors.h"

namespace embedwasm::vectors::test {

inline KeyedVectors MakeKv(const std::vector<std::string>& words, const std::vector<float>& dense, size_t d) {
  KeyedVectors kv;
  const Status s = KeyedVectors::create(words, dense.data(), d, &kv);
  REQUIRE(s.is_ok());
  return kv;
}

// The 6 words in 3-D that the gensim reference numbers were computed on
// (tests/cpp/vectors/keyed_vectors_test.cpp lists the gensim calls).
inline KeyedVectors TinyKv() {
  return MakeKv({"king", "queen", "man", "woman", "apple", "orange"},
                {0.9f, 0.8f, 0.1f,      // king
                 0.85f, -0.7f, 0.15f,   // queen
                 0.5f, 0.9f, -0.1f,     // man
                 0.45f, -0.8f, -0.05f,  // woman
                 -0.6f, 0.05f, 0.9f,    // apple
                 -0.5f, -0.1f, 0.95f},  // orange
                3);
}

// n points in d dimensions around `clusters` Gaussian centres (unit variance), each point
// centre + spread * N(0, I): neighbours mostly share a cluster, as word vectors have
// topical neighbourhoods, and cosines between them are spread out rather than all ~0.
inline std::vector<float> ClusteredVectors(size_t n, size_t d, size_t clusters, float spread, uint32_t seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  std::vector<float> centres(clusters * d);
  for (float& c : centres) c = normal(rng);
  std::uniform_int_distribution<size_t> pick(0, clusters - 1);
  std::vector<float> out(n * d);
  for (size_t i = 0; i < n; ++i) {
    const size_t c = pick(rng);
    for (size_t j = 0; j < d; ++j) out[i * d + j] = centres[c * d + j] + spread * normal(rng);
  }
  return out;
}

inline std::vector<std::string> NumberedWords(size_t n) {
  std::vector<std::string> words(n);
  for (size_t i = 0; i < n; ++i) words[i] = "w" + std::to_string(i);
  return words;
}

struct Expected {
  const char* word;
  double score;
};

// gensim's scores are float32 computed in another order (and the query mean in float32);
// 2e-6 is a few float32 ulps at these magnitudes.
constexpr double kGensimTolerance = 2e-6;

inline void CheckNeighbors(const KeyedVectors& kv, const std::vector<Neighbor>& got,
                           const std::vector<Expected>& want) {
  REQUIRE(got.size() == want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    INFO("rank " << i);
    CHECK(kv.word(static_cast<size_t>(got[i].index)) == want[i].word);
    CHECK(std::fabs(got[i].score - want[i].score) <= kGensimTolerance);
  }
}

}  // namespace embedwasm::vectors::test
