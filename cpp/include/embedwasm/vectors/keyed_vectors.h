#pragma once
// Word vectors and the similarity queries of gensim 4's KeyedVectors (gensim 4.2 is the
// reference; deliberate differences are listed at the end of this comment).
//
// A KeyedVectors holds V words (row r is words()[r]; the vocabulary is usually sorted by
// descending frequency, which restrict_vocab relies on) and their (V, D) float32 vectors.
//
// Norms. Cosine queries divide by each row's L2 norm. Like gensim 4 (which keeps `norms`,
// not gensim 3's `vectors_norm` copy) only the norms are cached, not a unit-normalised copy
// of the matrix: scores are (x_r . q) / ||x_r||, which is what gensim computes, and the
// cache costs V floats instead of doubling the memory of a 400k x 300 model (480 MB) in a
// 4 GiB wasm heap. A zero row has norm 0 and scores 0 (gensim gives NaN); its unit vector
// is the zero vector.
// The cache follows a version counter. mark_dirty() (or mutable_vectors()) bumps the
// version; the next query sees the stale cache and calls refresh_norms() itself, or a
// trainer calls refresh_norms() after each chunk so that no query pays for it. The lazy
// refresh writes to the cache from const queries: like every object here, one
// KeyedVectors must not be queried from two threads at once while it is dirty.
//
// Queries follow gensim 4.2 (snake_case names; topn = 0 gives an empty result as gensim's
// `topn < 1`; restrict_vocab = 0 means all rows, as gensim's None):
//   most_similar          mean of the terms (unit vectors for words, given vectors as they
//                         are, each times its weight, over the sum of |weights|), unit-
//                         normalised; cosine against every row; the query's words and row
//                         ids are left out of the results.
//   most_similar_cosmul   Levy & Goldberg's 3CosMul: prod_pos (1 + cos) / 2 over
//                         (prod_neg (1 + cos) / 2 + 1e-6), in float32 as gensim; cos is
//                         with each word's unit vector, or with a given vector as it is
//                         (gensim divides by the row norms only, so pass unit vectors).
//   similar_by_word / similar_by_vector, similarity, n_similarity, doesnt_match,
//   rank_by_centrality, distances, closer_than, rank.
// Results are best first; equal scores keep the lower row first (top_k.h).
// Unknown words give kInvalidArgument "word 'xyz' not in vocabulary"; row ids outside
// [0, V) give kOutOfRange.
//
// Differences from gensim 4.2:
// - most_similar_cosmul honours restrict_vocab (gensim 4.2 accepts and ignores it).
// - n_similarity rejects unknown words (gensim 4.0/4.1 did; 4.2 silently skips them).
// - zero vectors score 0 rather than NaN, and distances to them are 1.
// - the query mean is accumulated in double (gensim: float32), so scores can differ from
//   gensim's in the last bit or two.
//
// Batches: most_similar_batch and similar_by_vectors score B queries in one pass over the
// rows (kernels/f32_dot_rows) and give exactly the single queries' results. Over 400k x 100
// in wasm: 2.2 ms per query in a batch of 100 against 6 ms for one query alone. One
// boundary call per batch also suits the JS side.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "embedwasm/core/option_schema.h"
#include "embedwasm/core/row_matrix.h"
#include "embedwasm/vectors/top_k.h"
#include "embedwasm/core/status.h"

namespace embedwasm::vectors {

// One input of most_similar: a word, a row id (gensim's int key) or a raw (D,) vector.
struct QueryTerm {
  enum class Kind { kWord, kIndex, kVector };
  Kind kind = Kind::kWord;
  std::string word;
  int32_t index = -1;
  std::vector<float> vector;
  // gensim's (key, weight) tuple: used as given, in `negative` too. Unset: +1 in
  // `positive`, -1 in `negative`. Ignored by most_similar_cosmul, as in gensim.
  std::optional<float> weight;

  static QueryTerm of_word(std::string w, std::optional<float> weight = std::nullopt) {
    QueryTerm t;
    t.kind = Kind::kWord;
    t.word = std::move(w);
    t.weight = weight;
    return t;
  }
  static QueryTerm of_index(int32_t i, std::optional<float> weight = std::nullopt) {
    QueryTerm t;
    t.kind = Kind::kIndex;
    t.index = i;
    t.weight = weight;
    return t;
  }
  static QueryTerm of_vector(std::vector<float> v, std::optional<float> weight = std::nullopt) {
    QueryTerm t;
    t.kind = Kind::kVector;
    t.vector = std::move(v);
    t.weight = weight;
    return t;
  }
};

struct SimilarityQuery {
  std::vector<QueryTerm> positive;
  std::vector<QueryTerm> negative;
};

struct SearchOptions {
  size_t topn = 10;
  size_t restrict_vocab = 0;  // search only rows [0, restrict_vocab); 0: all rows
};
// topn, restrict_vocab: JS reads their defaults here (its own range is the binding's uint32).
const Schema<SearchOptions>& search_options_schema();

class KeyedVectors {
 public:
  KeyedVectors() = default;
  KeyedVectors(KeyedVectors&&) noexcept = default;
  KeyedVectors& operator=(KeyedVectors&&) noexcept = default;

  // words: (V,), distinct; vectors: (V, D), taken over. Fails on a duplicate or a row
  // count that differs from the word count, and for V >= 2^31 (row ids are int32).
  static Status create(std::vector<std::string> words, RowMatrix vectors, KeyedVectors* out);
  // dense: (V, D) row-major, copied.
  static Status create(std::vector<std::string> words, const float* dense, size_t dim, KeyedVectors* out);

  size_t size() const { return words_.size(); }   // V
  size_t dim() const { return vectors_.cols(); }  // D
  const std::vector<std::string>& words() const { return words_; }
  const std::string& word(size_t index) const { return words_[index]; }  // index < size(), unchecked
  const RowMatrix& vectors() const { return vectors_; }

  // ---- Keeping the norm cache in step with the vectors ----
  // For a writer (a trainer updating the rows in place). Marks the norms stale; the
  // writer calls mark_dirty() again after every later batch of writes.
  RowMatrix* mutable_vectors() {
    mark_dirty();
    return &vectors_;
  }
  void mark_dirty() { ++version_; }
  // Recomputes every row's norm now (O(V D)).
  void refresh_norms();
  uint64_t version() const { return version_; }
  bool norms_fresh() const { return norms_version_ == version_; }
  // (V,) L2 norms, refreshed first if stale.
  const std::vector<float>& norms() const;

  // ---- Lookup ----
  bool has(const std::string& word) const { return index_.count(word) != 0; }
  Status index_of(const std::string& word, int32_t* out) const;
  // The raw row, or the row over its norm when `normalized` (zeros for a zero row).
  Status get_vector(const std::string& word, bool normalized, std::vector<float>* out) const;
  // Unit-normalised copy of every row, for callers that want one (e.g. an export).
  Status unit_vectors(RowMatrix* out) const;

  // ---- Nearest neighbours ----
  Status most_similar(const std::vector<QueryTerm>& positive, const std::vector<QueryTerm>& negative,
                      const SearchOptions& options, std::vector<Neighbor>* out) const;
  // out: (B,) results, one per query, scored in one pass over the rows.
  Status most_similar_batch(const std::vector<SimilarityQuery>& queries, const SearchOptions& options,
                            std::vector<std::vector<Neighbor>>* out) const;
  Status most_similar_cosmul(const std::vector<QueryTerm>& positive, const std::vector<QueryTerm>& negative,
                             const SearchOptions& options, std::vector<Neighbor>* out) const;
  Status similar_by_word(const std::string& word, const SearchOptions& options, std::vector<Neighbor>* out) const;
  // vector: (D,); nothing is excluded from the results.
  Status similar_by_vector(const float* vector, size_t dim, const SearchOptions& options,
                           std::vector<Neighbor>* out) const;
  // vectors: (B, D) row-major; out: (B,) results.
  Status similar_by_vectors(const float* vectors, size_t count, size_t dim, const SearchOptions& options,
                            std::vector<std::vector<Neighbor>>* out) const;

  // ---- Pairwise ----
  // Cosine of the two words' vectors (0 if either is zero).
  Status similarity(const std::string& w1, const std::string& w2, float* out) const;
  Status similarity_by_index(int32_t i1, int32_t i2, float* out) const;
  // Cosine of the means of the raw vectors of ws1 and of ws2 (neither may be empty).
  Status n_similarity(const std::vector<std::string>& ws1, const std::vector<std::string>& ws2, float* out) const;
  // The known words (repeats kept) with their cosine to the unit mean of their unit
  // vectors, most central first; unknown words are skipped (and listed in *ignored if
  // given). Fails if no word is known.
  Status rank_by_centrality(const std::vector<std::string>& words, std::vector<std::pair<float, std::string>>* out,
                            std::vector<std::string>* ignored = nullptr) const;
  // The last of rank_by_centrality: the word furthest from the mean.
  Status doesnt_match(const std::vector<std::string>& words, std::string* out,
                      std::vector<std::string>* ignored = nullptr) const;
  // 1 - cosine between word's vector (or `vector`) and each of `others`, or every row (V,)
  // when `others` is empty.
  Status distances(const std::string& word, const std::vector<std::string>& others, std::vector<float>* out) const;
  Status distances_from_vector(const float* vector, size_t dim, const std::vector<std::string>& others,
                               std::vector<float>* out) const;
  // Rows strictly closer to w1 than w2 is (by distances), w1 itself left out, in row order.
  Status closer_than(const std::string& w1, const std::string& w2, std::vector<int32_t>* out) const;
  // 1 + the number of rows closer_than returns: w2's 1-based rank among w1's neighbours.
  Status rank(const std::string& w1, const std::string& w2, int64_t* out) const;

 private:
  Status lookup(const std::string& word, int32_t* out) const;
  Status check_index(int32_t index) const;
  void ensure_norms() const;
  void compute_norms() const;  // writes only the mutable cache
  size_t clip_rows(size_t restrict_vocab) const;
  // Scores rows [0, rows) against the B = count unit queries (count, D dense) in one pass;
  // tops[b] keeps the best topn + excluded[b].size() and the excluded rows are then
  // dropped (as gensim takes topn + len(all_keys) and filters).
  void search_queries(const float* queries, size_t count, size_t rows, size_t topn,
                      const std::vector<std::vector<int32_t>>& excluded, std::vector<std::vector<Neighbor>>* out) const;
  // The query of most_similar: the weighted mean, unit-normalised, into mean (D,), and the
  // rows of word and id terms into *excluded.
  Status build_mean(const std::vector<QueryTerm>& positive, const std::vector<QueryTerm>& negative, float* mean,
                    std::vector<int32_t>* excluded) const;
  // A term's vector for cosmul: the unit row of a word or id, or the vector as given.
  Status term_vector(const QueryTerm& term, float* out, int32_t* row) const;
  void unit_row(size_t r, float* out) const;

  std::vector<std::string> words_;                  // (V,)
  std::unordered_map<std::string, int32_t> index_;  // word -> row
  RowMatrix vectors_;                               // (V, D)
  uint64_t version_ = 1;
  // The norm cache, refreshed lazily from const queries (see the top of this file).
  mutable std::vector<float> norms_;      // (V,)
  mutable std::vector<float> inv_norms_;  // (V,) 1 / norm, 0 for a zero row
  mutable uint64_t norms_version_ = 0;
};

}  // namespace embedwasm::vectors
