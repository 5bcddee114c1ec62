#include "embedwasm/fasttext/quantization.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <string>
#include <unordered_map>

#include "embedwasm/core/reserve.h"
#include "embedwasm/core/rng.h"
#include "kernels/kernels.h"

namespace embedwasm::fasttext {
namespace {

constexpr int32_t kCentroids = ProductQuantizer::kCentroids;
constexpr int32_t kMaxPoints = 256 * kCentroids;  // rows each k-means sees at most
constexpr int32_t kIterations = 25;
constexpr uint64_t kSeed = 1234;
constexpr float kSplitEps = 1e-7f;

// fastText's l2NormRow: the sum of squares in double, its root rounded to float.
float row_norm(const float* row, size_t d) {
  double sum = 0.0;
  for (size_t j = 0; j < d; ++j) sum += static_cast<double>(row[j]) * row[j];
  return static_cast<float>(std::sqrt(sum));
}

template <typename T>
void shuffle(std::vector<T>* v, Rng* rng) {
  for (size_t i = v->size(); i > 1; --i) std::swap((*v)[i - 1], (*v)[static_cast<size_t>(rng->below(i))]);
}

// fastText's MStep: centroids as the means of their rows; an empty cluster takes a
// copy of a cluster chosen with probability growing with its size, the two nudged apart.
void update_centroids(const float* x, int32_t n, int32_t d, const uint8_t* codes, Rng* rng, float* c) {
  std::vector<int32_t> sizes(kCentroids, 0);
  std::fill(c, c + static_cast<size_t>(kCentroids) * d, 0.0f);
  for (int32_t i = 0; i < n; ++i) {
    float* ci = c + static_cast<size_t>(codes[i]) * d;
    for (int32_t j = 0; j < d; ++j) ci[j] += x[static_cast<size_t>(i) * d + j];
    ++sizes[codes[i]];
  }
  for (int32_t k = 0; k < kCentroids; ++k) {
    if (sizes[k] == 0) continue;
    const float z = static_cast<float>(sizes[k]);
    for (int32_t j = 0; j < d; ++j) c[static_cast<size_t>(k) * d + j] /= z;
  }
  for (int32_t k = 0; k < kCentroids; ++k) {
    if (sizes[k] != 0) continue;
    int32_t m = 0;
    while (rng->uniform01() * (n - kCentroids) >= sizes[m] - 1) m = (m + 1) % kCentroids;
    std::memcpy(c + static_cast<size_t>(k) * d, c + static_cast<size_t>(m) * d, sizeof(float) * d);
    for (int32_t j = 0; j < d; ++j) {
      const float sign = static_cast<float>((j % 2) * 2 - 1);
      c[static_cast<size_t>(k) * d + j] += sign * kSplitEps;
      c[static_cast<size_t>(m) * d + j] -= sign * kSplitEps;
    }
    sizes[k] = sizes[m] / 2;
    sizes[m] -= sizes[k];
  }
}

void encode_rows(const float* x, int64_t n, const ProductQuantizer& pq, uint8_t* codes) {
  for (int64_t i = 0; i < n; ++i) {
    for (int32_t m = 0; m < pq.nsubq; ++m) {
      const int32_t d = m + 1 == pq.nsubq ? pq.last_dsub : pq.dsub;
      codes[i * pq.nsubq + m] = static_cast<uint8_t>(kernels::f32_nearest_row(
          pq.centroid(m, 0), kCentroids, static_cast<size_t>(d), x + i * pq.dim + m * pq.dsub, nullptr));
    }
  }
}

// fastText's ProductQuantizer::train, then compute_codes. x: (n, dim), n >= 256.
Status train_quantizer(const float* x, int64_t n, int32_t dim, int32_t dsub, ProductQuantizer* pq,
                       std::vector<uint8_t>* codes) {
  pq->dim = dim;
  pq->dsub = dsub;
  pq->nsubq = dim / dsub;
  pq->last_dsub = dim % dsub;
  if (pq->last_dsub == 0) {
    pq->last_dsub = dsub;
  } else {
    ++pq->nsubq;
  }
  EMBEDWASM_RETURN_IF_ERROR(reserve_or_fail(&pq->centroids, static_cast<uint64_t>(dim) * kCentroids, "the centroids"));
  pq->centroids.assign(static_cast<size_t>(dim) * kCentroids, 0.0f);
  const int32_t np = static_cast<int32_t>(std::min<int64_t>(n, kMaxPoints));
  std::vector<int32_t> perm(static_cast<size_t>(n));
  std::iota(perm.begin(), perm.end(), 0);
  std::vector<float> slice(static_cast<size_t>(np) * dsub);
  std::vector<uint8_t> slice_codes(static_cast<size_t>(np));
  Rng rng(kSeed);
  for (int32_t m = 0; m < pq->nsubq; ++m) {
    const int32_t d = m + 1 == pq->nsubq ? pq->last_dsub : dsub;
    if (np != n) shuffle(&perm, &rng);
    for (int32_t j = 0; j < np; ++j) {
      std::memcpy(slice.data() + static_cast<size_t>(j) * d, x + static_cast<int64_t>(perm[j]) * dim + m * dsub,
                  sizeof(float) * d);
    }
    train_centroids(slice.data(), np, d, &rng, const_cast<float*>(pq->centroid(m, 0)), slice_codes.data());
  }
  EMBEDWASM_RETURN_IF_ERROR(reserve_or_fail(codes, static_cast<uint64_t>(n) * pq->nsubq, "the codes"));
  codes->assign(static_cast<size_t>(n) * pq->nsubq, 0);
  encode_rows(x, n, *pq, codes->data());
  return Status::ok();
}

}  // namespace

void train_centroids(const float* x, int32_t n, int32_t d, Rng* rng, float* centroids, uint8_t* codes) {
  std::vector<int32_t> perm(static_cast<size_t>(n));
  std::iota(perm.begin(), perm.end(), 0);
  shuffle(&perm, rng);
  for (int32_t k = 0; k < kCentroids; ++k) {
    std::memcpy(centroids + static_cast<size_t>(k) * d, x + static_cast<size_t>(perm[static_cast<size_t>(k)]) * d,
                sizeof(float) * d);
  }
  for (int32_t it = 0; it < kIterations; ++it) {
    for (int32_t i = 0; i < n; ++i) {
      codes[i] = static_cast<uint8_t>(
          kernels::f32_nearest_row(centroids, kCentroids, static_cast<size_t>(d), x + static_cast<size_t>(i) * d, nullptr));
    }
    update_centroids(x, n, d, codes, rng, centroids);
  }
}

std::vector<int32_t> select_rows_by_norm(const RowMatrix& input, int32_t eos_row, int64_t cutoff) {
  const size_t rows = input.rows();
  std::vector<float> norms(rows);
  for (size_t r = 0; r < rows; ++r) norms[r] = row_norm(input.row(r), input.cols());
  std::vector<int32_t> idx(rows);
  std::iota(idx.begin(), idx.end(), 0);
  std::stable_sort(idx.begin(), idx.end(), [&](int32_t a, int32_t b) {
    if (a == eos_row || b == eos_row) return a == eos_row && b != eos_row;
    return norms[static_cast<size_t>(a)] > norms[static_cast<size_t>(b)];
  });
  if (cutoff >= 0 && static_cast<uint64_t>(cutoff) < idx.size()) idx.resize(static_cast<size_t>(cutoff));
  return idx;
}

void prune_dictionary(DictionaryData* data, std::vector<int32_t>* rows) {
  const int32_t nwords = data->nwords;
  std::vector<int32_t> words, ngrams;
  for (const int32_t r : *rows) (r < nwords ? words : ngrams).push_back(r);
  std::sort(words.begin(), words.end());
  // A dictionary pruned before maps kept rows back to their buckets.
  std::unordered_map<int32_t, int32_t> bucket_of_row;
  if (data->pruneidx_size >= 0) {
    for (const auto& [bucket, row] : data->pruneidx) bucket_of_row[row] = bucket;
  }
  std::vector<std::pair<int32_t, int32_t>> pruneidx;
  for (size_t j = 0; j < ngrams.size(); ++j) {
    const int32_t old = ngrams[j] - nwords;
    const int32_t bucket = data->pruneidx_size >= 0 ? bucket_of_row[old] : old;
    pruneidx.emplace_back(bucket, static_cast<int32_t>(j));
  }
  std::vector<DictionaryEntry> entries;
  entries.reserve(words.size() + static_cast<size_t>(data->nlabels));
  for (const int32_t w : words) entries.push_back(std::move(data->entries[static_cast<size_t>(w)]));
  for (int32_t l = 0; l < data->nlabels; ++l) entries.push_back(std::move(data->entries[static_cast<size_t>(nwords + l)]));
  data->entries = std::move(entries);
  data->nwords = static_cast<int32_t>(words.size());
  data->pruneidx = std::move(pruneidx);
  data->pruneidx_size = static_cast<int64_t>(data->pruneidx.size());
  *rows = std::move(words);
  rows->insert(rows->end(), ngrams.begin(), ngrams.end());
}

Status gather_matrix_rows(const RowMatrix& m, const std::vector<int32_t>& rows, RowMatrix* out) {
  RowMatrix g;
  EMBEDWASM_RETURN_IF_ERROR(RowMatrix::create(rows.size(), m.cols(), &g));
  for (size_t i = 0; i < rows.size(); ++i) std::memcpy(g.row(i), m.row(static_cast<size_t>(rows[i])), sizeof(float) * m.cols());
  *out = std::move(g);
  return Status::ok();
}

Status quantize_matrix(const RowMatrix& m, int32_t dsub, bool qnorm, QuantizedMatrix* out) {
  const int64_t n = static_cast<int64_t>(m.rows());
  const int32_t dim = static_cast<int32_t>(m.cols());
  if (n < kCentroids) {
    return Status::invalid_argument("quantize: a matrix of " + std::to_string(n) + " rows is too small, at least " +
                                    std::to_string(kCentroids) + " rows are needed (raise cutoff)");
  }
  if (dsub < 1 || dsub > dim) {
    return Status::out_of_range("dsub must be in [1, " + std::to_string(dim) + "], got " + std::to_string(dsub));
  }
  std::vector<float> x;
  EMBEDWASM_RETURN_IF_ERROR(reserve_or_fail(&x, static_cast<uint64_t>(n) * dim, "quantize"));
  x.resize(static_cast<size_t>(n) * dim);
  m.copy_to_dense(x.data());
  QuantizedMatrix q;
  q.rows = n;
  q.cols = dim;
  q.qnorm = qnorm;
  if (qnorm) {
    std::vector<float> norms(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) {
      float* row = x.data() + i * dim;
      const float norm = row_norm(row, static_cast<size_t>(dim));
      if (!std::isfinite(norm)) return Status::invalid_argument("quantize: row " + std::to_string(i) + " is not finite");
      norms[static_cast<size_t>(i)] = norm;
      if (norm != 0.0f) {
        for (int32_t j = 0; j < dim; ++j) row[j] /= norm;
      }
    }
    EMBEDWASM_RETURN_IF_ERROR(train_quantizer(norms.data(), n, 1, 1, &q.norm_pq, &q.norm_codes));
  }
  EMBEDWASM_RETURN_IF_ERROR(train_quantizer(x.data(), n, dim, dsub, &q.pq, &q.codes));
  *out = std::move(q);
  return Status::ok();
}

Status quantize_model(const ModelFile& in, const QuantizeOptions& options, ModelFile* out) {
  EMBEDWASM_RETURN_IF_ERROR(check_quantize_options(options, in.args.dim));
  if (options.retrain) return Status::invalid_argument("quantize: retrain needs the trainer (FastTextTrainer::start_retrain)");
  if (in.args.model != ModelKind::kSupervised) {
    return Status::invalid_argument("quantize: only supervised models can be quantized (as in fastText)");
  }
  if (in.input.is_quantized() || in.output.is_quantized()) {
    return Status::invalid_argument("quantize: the model is already quantized");
  }
  const RowMatrix& input = in.input.dense_rows();
  ModelFile f;
  f.version = kModelVersion;
  f.args = in.args;
  f.args.qout = options.qout;
  f.dictionary = in.dictionary;
  RowMatrix kept;
  if (options.cutoff > 0 && options.cutoff < static_cast<int64_t>(input.rows())) {
    int32_t eos = -1;
    for (int32_t i = 0; i < f.dictionary.nwords; ++i) {
      if (f.dictionary.entries[static_cast<size_t>(i)].word == Dictionary::kEos) eos = i;
    }
    std::vector<int32_t> rows = select_rows_by_norm(input, eos, options.cutoff);
    prune_dictionary(&f.dictionary, &rows);
    EMBEDWASM_RETURN_IF_ERROR(gather_matrix_rows(input, rows, &kept));
  } else {
    EMBEDWASM_RETURN_IF_ERROR(input.clone(&kept));
  }
  QuantizedMatrix qin;
  EMBEDWASM_RETURN_IF_ERROR(quantize_matrix(kept, options.dsub, options.qnorm, &qin).prefixed("input matrix: "));
  f.input = ModelMatrix::quantized(std::move(qin));
  if (options.qout) {
    QuantizedMatrix qo;
    EMBEDWASM_RETURN_IF_ERROR(quantize_matrix(in.output.dense_rows(), 2, options.qnorm, &qo).prefixed("output matrix: "));
    f.output = ModelMatrix::quantized(std::move(qo));
  } else {
    RowMatrix o;
    EMBEDWASM_RETURN_IF_ERROR(in.output.dense_rows().clone(&o));
    f.output = ModelMatrix::dense(std::move(o));
  }
  *out = std::move(f);
  return Status::ok();
}

Status quantize_model(const FastTextModel& model, const QuantizeOptions& options,
                      std::unique_ptr<FastTextModel>* out) {
  if (model.is_quantized() || model.output_matrix().is_quantized()) {
    return Status::invalid_argument("quantize: the model is already quantized");
  }
  // Checked before copying the matrices, so a bad option costs no memory.
  EMBEDWASM_RETURN_IF_ERROR(check_quantize_options(options, model.dim()));
  ModelFile f;
  f.args = model.args();
  f.dictionary = model.dictionary().data();
  RowMatrix input, output;
  EMBEDWASM_RETURN_IF_ERROR(model.input_matrix().dense_rows().clone(&input));
  EMBEDWASM_RETURN_IF_ERROR(model.output_matrix().dense_rows().clone(&output));
  f.input = ModelMatrix::dense(std::move(input));
  f.output = ModelMatrix::dense(std::move(output));
  ModelFile q;
  EMBEDWASM_RETURN_IF_ERROR(quantize_model(f, options, &q));
  return FastTextModel::create(std::move(q), out);
}

}  // namespace embedwasm::fasttext
