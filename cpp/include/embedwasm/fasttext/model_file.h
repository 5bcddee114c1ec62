#pragma once
// A fastText model file (.bin, .ftz) as fastText 0.9.x writes it, all integers and
// floats little-endian:
//   int32 magic 793712314, int32 version (11 or 12; 11 = old supervised models without
//         character n-grams: maxn reads as 0)
//   args: int32 dim, ws, epoch, minCount, neg, wordNgrams, loss, model, bucket, minn,
//         maxn, lrUpdateRate; float64 t
//   dictionary: int32 size, nwords, nlabels; int64 ntokens, pruneidx_size (-1 = not
//         pruned); size entries (the word's bytes, a NUL, int64 count, int8 type 0 word /
//         1 label); pruneidx_size pairs int32 (bucket, row)
//   bool (one byte) quantized input; the input matrix
//   bool qout; the output matrix, quantized only when the input is and qout is set
// A dense matrix: int64 rows, cols, then rows * cols float32. A quantized matrix: bool
// qnorm, int64 rows, cols, int32 codesize (= rows * nsubq), codesize code bytes, the
// product quantizer (int32 dim, nsubq, dsub, lastdsub, dim * 256 float32 centroids),
// and when qnorm: rows norm code bytes and a second quantizer (dim 1).
//
// ModelFile is the plain content; FastTextModel (fasttext_model.h) builds the lookups
// and inference on it, and a writer or trainer can fill one.
#include <cstdint>

#include "embedwasm/fasttext/args.h"
#include "embedwasm/fasttext/dictionary.h"
#include "embedwasm/fasttext/model_matrix.h"

namespace embedwasm::fasttext {

constexpr int32_t kModelMagic = 793712314;
constexpr int32_t kModelVersion = 12;        // what fastText 0.9.x writes
constexpr int32_t kOldestModelVersion = 11;

struct ModelFile {
  int32_t version = kModelVersion;
  Args args;  // the stored fields (and qout); the others keep their defaults
  DictionaryData dictionary;
  ModelMatrix input;   // (nwords + n-gram rows, D)
  ModelMatrix output;  // (nlabels, D) supervised, (nwords, D) otherwise
};

}  // namespace embedwasm::fasttext
