#pragma once
// The 12-word, 4-D vocabulary of the analogy and word-pair tests. Reference results come
// from gensim 4.2.0 on kv = KeyedVectors(4); kv.add_vectors(words, np.float32(vectors)).
// "Paris" and "paris" share the upper-case key PARIS (row 1 wins); "King" exists only
// capitalised, so case-sensitive lookups of "king" fail.
#include "vectors/vectors_test_util.h"

namespace embedwasm::vectors::test {

inline KeyedVectors EvaluationKv() {
  return MakeKv(
      {"the", "Paris", "france", "berlin", "germany", "paris", "rome", "italy", "King", "queen", "man", "woman"},
      {0.0f,   0.3f,   -0.27f, -0.89f,  // the
       0.46f,  -0.97f, 0.84f,  0.61f,   // Paris
       -0.49f, -0.62f, 0.49f,  0.36f,   // france
       -0.48f, -0.9f,  -1.64f, -1.13f,  // berlin
       -1.34f, -0.46f, -1.9f,  -1.29f,  // germany
       0.51f,  -0.77f, 0.86f,  0.65f,   // paris
       0.88f,  -0.26f, -1.2f,  -0.25f,  // rome
       -0.05f, 0.11f,  -1.53f, -0.48f,  // italy
       -0.98f, -0.81f, 1.06f,  -0.81f,  // King
       -0.88f, -0.01f, 0.56f,  -0.41f,  // queen
       0.11f,  0.06f,  -1.23f, 0.08f,   // man
       0.23f,  0.88f,  -1.71f, 0.5f},   // woman
      4);
}

}  // namespace embedwasm::vectors::test
