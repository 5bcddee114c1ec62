#pragma once
// fastText's quantize command (fastText.cc quantize, Dictionary::prune, QuantMatrix,
// ProductQuantizer training), for a supervised model:
//
//   cutoff   keep the `cutoff` input rows of largest L2 norm, "</s>" always first
//            (select_rows_by_norm); the dictionary keeps those words (in their old
//            order) and every label, and the kept n-gram rows are looked up through
//            pruneidx (bucket -> row), in the order of selection (prune_dictionary)
//   retrain  (FastTextTrainer::start_retrain) fine-tune the kept rows first
//   qnorm    rows are divided by their norm, and the norms quantized by a 1-d quantizer
//   PQ       each row cut into sub-vectors of dsub floats (the last one D mod dsub when
//            that is not 0); per position, k-means with 256 centroids on at most 65536
//            rows drawn at random, 25 iterations, centroids started on distinct random
//            rows, an empty cluster re-seeded by splitting a large one (fastText's
//            MStep); each row then gets the nearest centroid's index
//   qout     the output matrix is quantized too, with dsub 2 and the same qnorm
// A quantizer needs at least 256 rows. Randomness: our Rng seeded with fastText's 1234,
// one stream per quantizer (fastText's draws are library-specific).
#include <cstdint>
#include <memory>
#include <vector>

#include "embedwasm/fasttext/dictionary.h"
#include "embedwasm/fasttext/fasttext_model.h"
#include "embedwasm/fasttext/model_file.h"
#include "embedwasm/fasttext/model_matrix.h"
#include "embedwasm/fasttext/training_args.h"
#include "embedwasm/core/rng.h"
#include "embedwasm/core/row_matrix.h"
#include "embedwasm/core/status.h"

namespace embedwasm::fasttext {

// Rows of `input` by L2 norm, largest first, eos_row (if >= 0) before all; the first
// `cutoff` of them. Equal norms keep row order.
std::vector<int32_t> select_rows_by_norm(const RowMatrix& input, int32_t eos_row, int64_t cutoff);

// Prunes `data` to the input rows `rows` (from select_rows_by_norm) and rewrites `rows`
// into the order of the pruned input matrix: the kept words ascending, then the n-gram
// rows in their given order.
void prune_dictionary(DictionaryData* data, std::vector<int32_t>* rows);

// out (rows.size(), D) = m's rows `rows`.
Status gather_matrix_rows(const RowMatrix& m, const std::vector<int32_t>& rows, RowMatrix* out);

// The k-means of one sub-quantizer: x (n, d) with n >= 256; centroids (256, d) out,
// codes (n,) out. rng draws the starting rows and the splits.
void train_centroids(const float* x, int32_t n, int32_t d, Rng* rng, float* centroids, uint8_t* codes);

// Trains a product quantizer on m (rows >= 256) and encodes every row.
Status quantize_matrix(const RowMatrix& m, int32_t dsub, bool qnorm, QuantizedMatrix* out);

// quantize without retrain: a supervised model with dense matrices in, its pruned and
// quantized version out (input unchanged on error).
Status quantize_model(const ModelFile& in, const QuantizeOptions& options, ModelFile* out);
// The same for a loaded or trained model: a new, quantized model; `model` is unchanged.
Status quantize_model(const FastTextModel& model, const QuantizeOptions& options,
                      std::unique_ptr<FastTextModel>* out);

}  // namespace embedwasm::fasttext
