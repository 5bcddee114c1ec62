#pragma once
// Small hand-made models whose predictions the tests work out by hand.
#include <vector>

#include "fasttext/model_bytes.h"

namespace embedwasm::fasttext::testing {

// Supervised, D = 2, no n-grams: words </s>, good, bad; labels pos, neg.
//   input  </s> (0.5, -0.5)  good (2, 1)  bad (-1, 3)
//   output pos (1, 0)  neg (0, 1)
// "good" -> rows good, </s> -> hidden (1.25, 0.25).
inline ModelSpec tiny_supervised(int32_t loss) {
  ModelSpec m;
  m.loss = loss;
  m.word("</s>", 10);
  m.word("good", 5);
  m.word("bad", 4);
  m.label("__label__pos", 6);
  m.label("__label__neg", 3);
  m.input_rows = 3;
  m.input = {0.5f, -0.5f, 2.0f, 1.0f, -1.0f, 3.0f};
  m.output = {1.0f, 0.0f, 0.0f, 1.0f};
  return m;
}

// Skipgram, D = 2, no n-grams: </s> (1, 0), a (1, 0.1), b (0, 1), c (-1, 0).
inline ModelSpec tiny_skipgram() {
  ModelSpec m;
  m.model = 2;
  m.loss = 2;
  m.word("</s>", 5);
  m.word("a", 4);
  m.word("b", 3);
  m.word("c", 2);
  m.input_rows = 4;
  m.input = {1.0f, 0.0f, 1.0f, 0.1f, 0.0f, 1.0f, -1.0f, 0.0f};
  m.output = std::vector<float>(8, 0.0f);
  return m;
}

// tiny_supervised(softmax) with a quantized input (qnorm, dsub 2: one code per row):
// centroid k is (0.1 k, -0.05 k), norm centroid k is 1.5 k; rows code 3, 7, 3 with norm
// codes 1, 2, 1. dense_equivalent() is the same model with those rows decoded.
inline ModelSpec tiny_quantized() {
  ModelSpec m = tiny_supervised(3);
  m.quant_input = true;
  QuantSpec& q = m.qinput;
  q.qnorm = true;
  q.rows = 3;
  q.cols = 2;
  q.codes = {3, 7, 3};
  q.nsubq = 1;
  q.dsub = 2;
  q.last_dsub = 2;
  for (int k = 0; k < 256; ++k) {
    q.centroids.push_back(0.1f * static_cast<float>(k));
    q.centroids.push_back(-0.05f * static_cast<float>(k));
    q.norm_centroids.push_back(1.5f * static_cast<float>(k));
  }
  q.norm_codes = {1, 2, 1};
  return m;
}

inline ModelSpec dense_equivalent(const ModelSpec& quantized) {
  ModelSpec m = quantized;
  m.quant_input = false;
  m.input.clear();
  const QuantSpec& q = quantized.qinput;
  for (size_t r = 0; r < q.codes.size(); ++r) {
    const float norm = q.norm_centroids[q.norm_codes[r]];
    m.input.push_back(norm * q.centroids[2 * q.codes[r]]);
    m.input.push_back(norm * q.centroids[2 * q.codes[r] + 1]);
  }
  return m;
}

}  // namespace embedwasm::fasttext::testing
