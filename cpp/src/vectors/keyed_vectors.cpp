#include "embedwasm/vectors/keyed_vectors.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "embedwasm/core/thread_pool.h"
#include "kernels/kernels.h"
#include "vectors/cosine_scan.h"

namespace embedwasm::vectors {
namespace {

constexpr size_t kMaxRows = static_cast<size_t>(std::numeric_limits<int32_t>::max());

Status unknown_word(const std::string& word) {
  return Status::invalid_argument("word '" + word + "' not in vocabulary");
}

Status wrong_length(size_t got, size_t dim) {
  return Status::invalid_argument("vector has " + std::to_string(got) + " elements, expected " + std::to_string(dim));
}

// Scales v (D,) in double to unit length; a zero vector stays zero, as gensim's unitvec.
void normalize(std::vector<double>* v) {
  double s = 0.0;
  for (double x : *v) s += x * x;
  const double norm = std::sqrt(s);
  if (norm > 0.0) {
    for (double& x : *v) x /= norm;
  }
}

// The consumers below run once per tile, called through std::function (cosine_scan.h).

// Pushes one tile of one query's cosines.
void push_tile(TopK* top, size_t first, size_t n, const float* cos) {
  for (size_t i = 0; i < n; ++i) {
    if (top->admits_next(cos[i])) top->push(static_cast<int32_t>(first + i), cos[i]);
  }
}

// 3CosMul for one tile: terms [0, n_pos) are positive, [n_pos, count) negative. float32
// throughout, in gensim's order of operations.
void push_cosmul_tile(TopK* top, size_t first, size_t n, const float* cos, size_t n_pos, size_t count) {
  for (size_t i = 0; i < n; ++i) {
    float pos = 1.0f, neg = 1.0f;
    for (size_t t = 0; t < count; ++t) {
      const float shifted = (1.0f + cos[t * detail::kTileRows + i]) / 2.0f;
      (t < n_pos ? pos : neg) *= shifted;  // 1 * x is exact: the first factor is taken as is
    }
    const float score = pos / (neg + 0.000001f);
    if (top->admits_next(score)) top->push(static_cast<int32_t>(first + i), score);
  }
}

void distance_tile(float* out, size_t first, size_t n, const float* cos) {
  for (size_t i = 0; i < n; ++i) out[first + i] = 1.0f - cos[i];
}

EMBEDWASM_NOINLINE void norms_tile(const RowMatrix& x, size_t first, size_t n, float* norms, float* inv_norms) {
  for (size_t r = first; r < first + n; ++r) {
    const float norm = kernels::f32_l2_norm(x.cols(), x.row(r));
    norms[r] = norm;
    inv_norms[r] = norm > 0.0f ? 1.0f / norm : 0.0f;
  }
}

}  // namespace

Status KeyedVectors::create(std::vector<std::string> words, RowMatrix vectors, KeyedVectors* out) {
  if (words.size() != vectors.rows()) {
    return Status::invalid_argument("KeyedVectors: " + std::to_string(words.size()) + " words but " +
                                    std::to_string(vectors.rows()) + " vector rows");
  }
  if (words.size() > kMaxRows) {
    return Status::out_of_range("KeyedVectors: " + std::to_string(words.size()) + " words exceed the 2^31 - 1 row ids");
  }
  if (vectors.cols() == 0) return Status::invalid_argument("KeyedVectors: vectors need at least one dimension");
  std::unordered_map<std::string, int32_t> index;
  index.reserve(words.size());
  for (size_t r = 0; r < words.size(); ++r) {
    if (!index.emplace(words[r], static_cast<int32_t>(r)).second) {
      return Status::invalid_argument("KeyedVectors: duplicate word '" + words[r] + "' at rows " +
                                      std::to_string(index[words[r]]) + " and " + std::to_string(r));
    }
  }
  KeyedVectors kv;
  kv.words_ = std::move(words);
  kv.index_ = std::move(index);
  kv.vectors_ = std::move(vectors);
  *out = std::move(kv);
  return Status::ok();
}

Status KeyedVectors::create(std::vector<std::string> words, const float* dense, size_t dim, KeyedVectors* out) {
  RowMatrix m;
  EMBEDWASM_RETURN_IF_ERROR(RowMatrix::create(words.size(), dim, &m));
  if (words.size() > 0 && dim > 0) {
    if (dense == nullptr) return Status::invalid_argument("KeyedVectors: null vector data");
    m.copy_from_dense(dense);
  }
  return create(std::move(words), std::move(m), out);
}

// ---- Norms ----

void KeyedVectors::refresh_norms() { compute_norms(); }

void KeyedVectors::compute_norms() const {
  const size_t v = size();
  norms_.resize(v);
  inv_norms_.resize(v);
  const auto tile = detail::tiered(&norms_tile);
  for (size_t first = 0; first < v; first += detail::kTileRows) {
    tile(vectors_, first, std::min(detail::kTileRows, v - first), norms_.data(), inv_norms_.data());
  }
  norms_version_ = version_;
}

void KeyedVectors::ensure_norms() const {
  if (norms_version_ != version_) compute_norms();
}

const std::vector<float>& KeyedVectors::norms() const {
  ensure_norms();
  return norms_;
}

// ---- Lookup ----

Status KeyedVectors::lookup(const std::string& word, int32_t* out) const {
  const auto it = index_.find(word);
  if (it == index_.end()) return unknown_word(word);
  *out = it->second;
  return Status::ok();
}

Status KeyedVectors::check_index(int32_t index) const {
  if (index < 0 || static_cast<size_t>(index) >= size()) {
    return Status::out_of_range("row id " + std::to_string(index) + " outside [0, " + std::to_string(size()) + ")");
  }
  return Status::ok();
}

Status KeyedVectors::index_of(const std::string& word, int32_t* out) const { return lookup(word, out); }

void KeyedVectors::unit_row(size_t r, float* out) const {
  const float* x = vectors_.row(r);
  const float n = norms_[r];
  for (size_t j = 0; j < dim(); ++j) out[j] = n > 0.0f ? x[j] / n : 0.0f;
}

Status KeyedVectors::get_vector(const std::string& word, bool normalized, std::vector<float>* out) const {
  int32_t r = 0;
  EMBEDWASM_RETURN_IF_ERROR(lookup(word, &r));
  out->resize(dim());
  if (normalized) {
    ensure_norms();
    unit_row(static_cast<size_t>(r), out->data());
  } else {
    std::copy(vectors_.row(r), vectors_.row(r) + dim(), out->begin());
  }
  return Status::ok();
}

Status KeyedVectors::unit_vectors(RowMatrix* out) const {
  ensure_norms();
  RowMatrix m;
  EMBEDWASM_RETURN_IF_ERROR(RowMatrix::create(size(), dim(), &m));
  for (size_t r = 0; r < size(); ++r) unit_row(r, m.row(r));
  *out = std::move(m);
  return Status::ok();
}

// ---- Nearest neighbours ----

size_t KeyedVectors::clip_rows(size_t restrict_vocab) const {
  return restrict_vocab == 0 ? size() : std::min(restrict_vocab, size());
}

Status KeyedVectors::build_mean(const std::vector<QueryTerm>& positive, const std::vector<QueryTerm>& negative,
                                float* mean, std::vector<int32_t>* excluded) const {
  if (positive.empty() && negative.empty()) {
    return Status::invalid_argument("cannot compute similarity with no input");
  }
  const size_t d = dim();
  std::vector<double> acc(d, 0.0);
  std::vector<float> unit(d);
  double total_weight = 0.0;
  for (int side = 0; side < 2; ++side) {
    for (const QueryTerm& term : side == 0 ? positive : negative) {
      const double w = term.weight.has_value() ? *term.weight : (side == 0 ? 1.0 : -1.0);
      if (term.kind == QueryTerm::Kind::kVector) {
        if (term.vector.size() != d) return wrong_length(term.vector.size(), d);
        for (size_t j = 0; j < d; ++j) acc[j] += w * term.vector[j];
      } else {
        int32_t r = term.index;
        if (term.kind == QueryTerm::Kind::kWord) {
          EMBEDWASM_RETURN_IF_ERROR(lookup(term.word, &r));
        } else {
          EMBEDWASM_RETURN_IF_ERROR(check_index(r));
        }
        unit_row(static_cast<size_t>(r), unit.data());
        for (size_t j = 0; j < d; ++j) acc[j] += w * unit[j];
        excluded->push_back(r);
      }
      total_weight += std::fabs(w);
    }
  }
  if (total_weight > 0.0) {
    for (double& x : acc) x /= total_weight;
  }
  normalize(&acc);
  for (size_t j = 0; j < d; ++j) mean[j] = static_cast<float>(acc[j]);
  return Status::ok();
}

void KeyedVectors::search_queries(const float* queries, size_t count, size_t rows, size_t topn,
                                  const std::vector<std::vector<int32_t>>& excluded,
                                  std::vector<std::vector<Neighbor>>* out) const {
  const size_t d = dim();
  out->assign(count, {});
  const size_t group = std::min(count, detail::kQueryGroup);
  // Split by table rows, whole tiles per task: each task keeps its own top-k per query, and
  // the parts merge through TopK::push, whose order is total (score, then lower row), so
  // the K best are the same entries, in the same order, with any split.
  const size_t tiles = (rows + detail::kTileRows - 1) / detail::kTileRows;
  const size_t tile_grain = row_grain(tiles, detail::kTileRows * d * group, kMinTaskFloats);
  const size_t parts = (tiles + tile_grain - 1) / tile_grain;
  std::vector<std::vector<TopK>> tops(std::max<size_t>(parts, 1), std::vector<TopK>(group));
  std::vector<Neighbor> sorted;
  for (size_t g0 = 0; g0 < count; g0 += detail::kQueryGroup) {
    const size_t g = std::min(detail::kQueryGroup, count - g0);
    parallel_for(tiles, tile_grain, [&](size_t t0, size_t t1) {
      std::vector<TopK>& part = tops[t0 / tile_grain];
      std::vector<float> scratch(g * detail::kTileRows);
      for (size_t b = 0; b < g; ++b) part[b].reset(std::min(rows, topn + excluded[g0 + b].size()));
      detail::scan_cosines(vectors_, inv_norms_.data(), std::min(rows, t1 * detail::kTileRows), queries + g0 * d, g,
                           d, scratch.data(),
                           [&](size_t first, size_t n, const float* cos) {
                             for (size_t b = 0; b < g; ++b) push_tile(&part[b], first, n, cos + b * detail::kTileRows);
                           },
                           t0 * detail::kTileRows);
    });
    for (size_t b = 0; b < g; ++b) {
      const std::vector<int32_t>& ex = excluded[g0 + b];
      take_merged(parts, std::min(rows, topn + ex.size()), [&](size_t p) -> TopK& { return tops[p][b]; }, &sorted);
      std::vector<Neighbor>& result = (*out)[g0 + b];
      for (const Neighbor& nb : sorted) {
        if (result.size() == topn) break;
        if (std::find(ex.begin(), ex.end(), nb.index) == ex.end()) result.push_back(nb);
      }
    }
  }
}

Status KeyedVectors::most_similar(const std::vector<QueryTerm>& positive, const std::vector<QueryTerm>& negative,
                                  const SearchOptions& options, std::vector<Neighbor>* out) const {
  out->clear();
  if (options.topn == 0) return Status::ok();  // gensim: topn < 1 returns [] before anything else
  ensure_norms();
  std::vector<float> mean(dim());
  std::vector<std::vector<int32_t>> excluded(1);
  EMBEDWASM_RETURN_IF_ERROR(build_mean(positive, negative, mean.data(), &excluded[0]));
  std::vector<std::vector<Neighbor>> results;
  search_queries(mean.data(), 1, clip_rows(options.restrict_vocab), options.topn, excluded, &results);
  *out = std::move(results[0]);
  return Status::ok();
}

Status KeyedVectors::most_similar_batch(const std::vector<SimilarityQuery>& queries, const SearchOptions& options,
                                        std::vector<std::vector<Neighbor>>* out) const {
  out->clear();
  if (options.topn == 0) {
    out->resize(queries.size());
    return Status::ok();
  }
  ensure_norms();
  const size_t d = dim();
  std::vector<float> means;
  if (!queries.empty()) means.resize(queries.size() * d);
  std::vector<std::vector<int32_t>> excluded(queries.size());
  for (size_t b = 0; b < queries.size(); ++b) {
    const Status s = build_mean(queries[b].positive, queries[b].negative, means.data() + b * d, &excluded[b]);
    if (!s.is_ok()) return s.prefixed("query " + std::to_string(b) + ": ");
  }
  search_queries(means.data(), queries.size(), clip_rows(options.restrict_vocab), options.topn, excluded, out);
  return Status::ok();
}

Status KeyedVectors::similar_by_word(const std::string& word, const SearchOptions& options,
                                     std::vector<Neighbor>* out) const {
  return most_similar({QueryTerm::of_word(word)}, {}, options, out);
}

Status KeyedVectors::similar_by_vector(const float* vector, size_t dim_given, const SearchOptions& options,
                                       std::vector<Neighbor>* out) const {
  out->clear();
  std::vector<std::vector<Neighbor>> results;
  EMBEDWASM_RETURN_IF_ERROR(similar_by_vectors(vector, 1, dim_given, options, &results));
  *out = std::move(results[0]);
  return Status::ok();
}

Status KeyedVectors::similar_by_vectors(const float* vectors, size_t count, size_t dim_given,
                                        const SearchOptions& options, std::vector<std::vector<Neighbor>>* out) const {
  out->clear();
  const size_t d = dim();
  if (dim_given != d) return wrong_length(dim_given, d);
  if (count > 0 && vectors == nullptr) return Status::invalid_argument("null query vectors");
  if (options.topn == 0) {
    out->resize(count);
    return Status::ok();
  }
  ensure_norms();
  // Each query alone is gensim's most_similar(positive=[vector]): unit-normalised.
  std::vector<float> unit(count * d);
  std::vector<double> v(d);
  for (size_t b = 0; b < count; ++b) {
    for (size_t j = 0; j < d; ++j) v[j] = vectors[b * d + j];
    normalize(&v);
    for (size_t j = 0; j < d; ++j) unit[b * d + j] = static_cast<float>(v[j]);
  }
  const std::vector<std::vector<int32_t>> excluded(count);
  search_queries(unit.data(), count, clip_rows(options.restrict_vocab), options.topn, excluded, out);
  return Status::ok();
}

Status KeyedVectors::term_vector(const QueryTerm& term, float* out, int32_t* row) const {
  *row = -1;
  if (term.kind == QueryTerm::Kind::kVector) {
    if (term.vector.size() != dim()) return wrong_length(term.vector.size(), dim());
    std::copy(term.vector.begin(), term.vector.end(), out);
    return Status::ok();
  }
  int32_t r = term.index;
  if (term.kind == QueryTerm::Kind::kWord) {
    EMBEDWASM_RETURN_IF_ERROR(lookup(term.word, &r));
  } else {
    EMBEDWASM_RETURN_IF_ERROR(check_index(r));
  }
  unit_row(static_cast<size_t>(r), out);
  *row = r;
  return Status::ok();
}

Status KeyedVectors::most_similar_cosmul(const std::vector<QueryTerm>& positive, const std::vector<QueryTerm>& negative,
                                         const SearchOptions& options, std::vector<Neighbor>* out) const {
  out->clear();
  if (options.topn == 0) return Status::ok();
  if (positive.empty()) return Status::invalid_argument("cannot compute similarity with no input");
  ensure_norms();
  const size_t d = dim(), count = positive.size() + negative.size();
  std::vector<float> terms(count * d);
  std::vector<int32_t> excluded;
  for (size_t t = 0; t < count; ++t) {
    const QueryTerm& term = t < positive.size() ? positive[t] : negative[t - positive.size()];
    int32_t row;
    EMBEDWASM_RETURN_IF_ERROR(term_vector(term, terms.data() + t * d, &row));
    if (row >= 0) excluded.push_back(row);
  }
  const size_t rows = clip_rows(options.restrict_vocab);
  TopK top(std::min(rows, options.topn + excluded.size()));
  std::vector<float> scratch(count * detail::kTileRows);
  const size_t n_pos = positive.size();
  detail::scan_cosines(
      vectors_, inv_norms_.data(), rows, terms.data(), count, d, scratch.data(),
      [&](size_t first, size_t n, const float* cos) { push_cosmul_tile(&top, first, n, cos, n_pos, count); });
  std::vector<Neighbor> sorted;
  top.take_sorted(&sorted);
  for (const Neighbor& nb : sorted) {
    if (out->size() == options.topn) break;
    if (std::find(excluded.begin(), excluded.end(), nb.index) == excluded.end()) out->push_back(nb);
  }
  return Status::ok();
}

// ---- Pairwise ----

Status KeyedVectors::similarity_by_index(int32_t i1, int32_t i2, float* out) const {
  EMBEDWASM_RETURN_IF_ERROR(check_index(i1));
  EMBEDWASM_RETURN_IF_ERROR(check_index(i2));
  const float* x = vectors_.row(static_cast<size_t>(i1));
  const float* y = vectors_.row(static_cast<size_t>(i2));
  double xy = 0.0, xx = 0.0, yy = 0.0;
  for (size_t j = 0; j < dim(); ++j) {
    xy += static_cast<double>(x[j]) * y[j];
    xx += static_cast<double>(x[j]) * x[j];
    yy += static_cast<double>(y[j]) * y[j];
  }
  *out = xx > 0.0 && yy > 0.0 ? static_cast<float>(xy / (std::sqrt(xx) * std::sqrt(yy))) : 0.0f;
  return Status::ok();
}

Status KeyedVectors::similarity(const std::string& w1, const std::string& w2, float* out) const {
  int32_t i1 = 0, i2 = 0;
  EMBEDWASM_RETURN_IF_ERROR(lookup(w1, &i1));
  EMBEDWASM_RETURN_IF_ERROR(lookup(w2, &i2));
  return similarity_by_index(i1, i2, out);
}

Status KeyedVectors::n_similarity(const std::vector<std::string>& ws1, const std::vector<std::string>& ws2,
                                  float* out) const {
  if (ws1.empty() || ws2.empty()) {
    return Status::invalid_argument("n_similarity: at least one of the word lists is empty");
  }
  const size_t d = dim();
  std::vector<double> m1(d, 0.0), m2(d, 0.0);
  for (int side = 0; side < 2; ++side) {
    const std::vector<std::string>& ws = side == 0 ? ws1 : ws2;
    std::vector<double>& m = side == 0 ? m1 : m2;
    for (const std::string& w : ws) {
      int32_t r = 0;
      EMBEDWASM_RETURN_IF_ERROR(lookup(w, &r));
      const float* x = vectors_.row(static_cast<size_t>(r));
      for (size_t j = 0; j < d; ++j) m[j] += x[j];
    }
    for (double& x : m) x /= static_cast<double>(ws.size());
    normalize(&m);
  }
  double dot = 0.0;
  for (size_t j = 0; j < d; ++j) dot += m1[j] * m2[j];
  *out = static_cast<float>(dot);
  return Status::ok();
}

Status KeyedVectors::rank_by_centrality(const std::vector<std::string>& words,
                                        std::vector<std::pair<float, std::string>>* out,
                                        std::vector<std::string>* ignored) const {
  out->clear();
  if (ignored != nullptr) ignored->clear();
  ensure_norms();
  const size_t d = dim();
  std::vector<int32_t> rows;
  std::vector<const std::string*> used;
  for (const std::string& w : words) {
    const auto it = index_.find(w);
    if (it == index_.end()) {
      if (ignored != nullptr) ignored->push_back(w);
      continue;
    }
    rows.push_back(it->second);
    used.push_back(&w);
  }
  if (rows.empty()) return Status::invalid_argument("cannot select a word from an empty list");
  std::vector<float> units(rows.size() * d);
  std::vector<double> mean(d, 0.0);
  for (size_t i = 0; i < rows.size(); ++i) {
    unit_row(static_cast<size_t>(rows[i]), units.data() + i * d);
    for (size_t j = 0; j < d; ++j) mean[j] += units[i * d + j];
  }
  for (double& x : mean) x /= static_cast<double>(rows.size());
  normalize(&mean);
  for (size_t i = 0; i < rows.size(); ++i) {
    double dot = 0.0;
    for (size_t j = 0; j < d; ++j) dot += units[i * d + j] * mean[j];
    out->emplace_back(static_cast<float>(dot), *used[i]);
  }
  // gensim: sorted(zip(dists, words), reverse=True), i.e. by score then word, descending.
  std::sort(out->begin(), out->end(), [](const auto& a, const auto& b) { return a > b; });
  return Status::ok();
}

Status KeyedVectors::doesnt_match(const std::vector<std::string>& words, std::string* out,
                                  std::vector<std::string>* ignored) const {
  std::vector<std::pair<float, std::string>> ranked;
  EMBEDWASM_RETURN_IF_ERROR(rank_by_centrality(words, &ranked, ignored));
  *out = ranked.back().second;
  return Status::ok();
}

Status KeyedVectors::distances_from_vector(const float* vector, size_t dim_given,
                                           const std::vector<std::string>& others, std::vector<float>* out) const {
  out->clear();
  const size_t d = dim();
  if (dim_given != d) return wrong_length(dim_given, d);
  if (vector == nullptr) return Status::invalid_argument("null vector");
  ensure_norms();
  std::vector<double> v(vector, vector + d);
  normalize(&v);
  const std::vector<float> unit(v.begin(), v.end());
  if (others.empty()) {
    out->resize(size());
    std::vector<float> scratch(detail::kTileRows);
    float* o = out->data();
    detail::scan_cosines(vectors_, inv_norms_.data(), size(), unit.data(), 1, d, scratch.data(),
                         [o](size_t first, size_t n, const float* cos) { distance_tile(o, first, n, cos); });
    return Status::ok();
  }
  std::vector<int32_t> rows(others.size());
  for (size_t i = 0; i < others.size(); ++i) EMBEDWASM_RETURN_IF_ERROR(lookup(others[i], &rows[i]));
  out->resize(others.size());
  for (size_t i = 0; i < others.size(); ++i) {
    float dot;  // the same kernel and order as a full scan, so both agree to the bit
    kernels::f32_dot_rows(1, 1, d, vectors_.row(static_cast<size_t>(rows[i])), vectors_.stride(), unit.data(), d, &dot,
                          1);
    (*out)[i] = 1.0f - dot * inv_norms_[static_cast<size_t>(rows[i])];
  }
  return Status::ok();
}

Status KeyedVectors::distances(const std::string& word, const std::vector<std::string>& others,
                               std::vector<float>* out) const {
  out->clear();
  int32_t r = 0;
  EMBEDWASM_RETURN_IF_ERROR(lookup(word, &r));
  return distances_from_vector(vectors_.row(static_cast<size_t>(r)), dim(), others, out);
}

Status KeyedVectors::closer_than(const std::string& w1, const std::string& w2, std::vector<int32_t>* out) const {
  out->clear();
  int32_t i1 = 0, i2 = 0;
  EMBEDWASM_RETURN_IF_ERROR(lookup(w1, &i1));
  EMBEDWASM_RETURN_IF_ERROR(lookup(w2, &i2));
  std::vector<float> dist;
  EMBEDWASM_RETURN_IF_ERROR(distances(w1, {}, &dist));
  const float limit = dist[static_cast<size_t>(i2)];
  for (size_t r = 0; r < dist.size(); ++r) {
    if (dist[r] < limit && static_cast<int32_t>(r) != i1) out->push_back(static_cast<int32_t>(r));
  }
  return Status::ok();
}

Status KeyedVectors::rank(const std::string& w1, const std::string& w2, int64_t* out) const {
  std::vector<int32_t> closer;
  EMBEDWASM_RETURN_IF_ERROR(closer_than(w1, w2, &closer));
  *out = static_cast<int64_t>(closer.size()) + 1;
  return Status::ok();
}

const Schema<SearchOptions>& search_options_schema() {
  static const Schema<SearchOptions> schema = [] {
    Schema<SearchOptions> s("search");
    s.add("topn", &SearchOptions::topn);
    s.add("restrict_vocab", &SearchOptions::restrict_vocab);
    return s;
  }();
  return schema;
}

}  // namespace embedwasm::vectors
