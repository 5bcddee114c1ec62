#pragma once
// The KeyedVectors adapter: queries take words as JS strings (few per call) and return
// their neighbours as (index, score) pairs left in this object for JS to read in one
// view; JS maps indices to words with the word list it decoded once.
#include <string>
#include <utility>
#include <vector>

#include "bindings/core.h"
#include "bindings/word_blob.h"
#include "embedwasm/vectors/keyed_vectors.h"
#include "embedwasm/vectors/pca.h"
#include "embedwasm/vectors/quantized_vectors.h"
#include "embedwasm/vectors/word_analogies.h"
#include "embedwasm/vectors/word_pairs.h"

namespace embedwasm::bindings {

// Terms of a most_similar query, collected one call per term (queries have a handful).
class QueryTermsJs {
 public:
  void add_word(const std::string& word, bool has_weight, double weight) {
    add(vectors::QueryTerm::of_word(word), has_weight, weight);
  }
  void add_index(int32_t index, bool has_weight, double weight) {
    add(vectors::QueryTerm::of_index(index), has_weight, weight);
  }
  // vector: (D,) floats at a heap address, copied.
  void add_vector(uintptr_t vector, uint32_t dim, bool has_weight, double weight) {
    const float* v = ptr<const float>(vector);
    add(vectors::QueryTerm::of_vector(std::vector<float>(v, v + dim)), has_weight, weight);
  }
  void clear() { terms_.clear(); }
  const std::vector<vectors::QueryTerm>& terms() const { return terms_; }

 private:
  void add(vectors::QueryTerm term, bool has_weight, double weight) {
    if (has_weight) term.weight = static_cast<float>(weight);
    terms_.push_back(std::move(term));
  }
  std::vector<vectors::QueryTerm> terms_;
};

// Queries of a batched most_similar, each its positive and negative terms.
class QueryBatchJs {
 public:
  void add(const QueryTermsJs& positive, const QueryTermsJs& negative) {
    queries_.push_back({positive.terms(), negative.terms()});
  }
  void clear() { queries_.clear(); }
  const std::vector<vectors::SimilarityQuery>& queries() const { return queries_; }

 private:
  std::vector<vectors::SimilarityQuery> queries_;
};

// A batch's results laid out as one query's: every query's (K_b,) neighbors back to back,
// and offsets (B + 1,) uint32 where query b's start (JS reads both from the heap).
inline void flatten_results(std::vector<std::vector<vectors::Neighbor>>&& results,
                            std::vector<vectors::Neighbor>* neighbors, std::vector<uint32_t>* offsets) {
  neighbors->clear();
  offsets->assign(1, 0);
  for (const auto& r : results) {
    neighbors->insert(neighbors->end(), r.begin(), r.end());
    offsets->push_back(static_cast<uint32_t>(neighbors->size()));
  }
}

struct WordPairsReportJs {
  int code = 0;
  std::string message;
  double pearson = 0, pearson_pvalue = 0, spearman = 0, spearman_pvalue = 0, oov_ratio = 0;
  double pairs = 0, oov = 0;
};

struct PcaReportJs {
  int code = 0;
  std::string message;
  double rows = 0, components = 0, iterations = 0;
  bool converged = false;
};

// What a search leaves for JS to read: the last query's (K,) neighbours (int32 index then
// float32 score, 8 bytes each) or, after a batch, every query's, split by the (B + 1,)
// offsets.
class NeighborListsJs {
 public:
  uintptr_t neighbors_ptr() const { return reinterpret_cast<uintptr_t>(neighbors_.data()); }
  uint32_t neighbors_count() const { return neighbors_.size(); }
  uintptr_t offsets_ptr() const { return reinterpret_cast<uintptr_t>(offsets_.data()); }
  uint32_t offsets_count() const { return offsets_.size(); }

 protected:
  // Keeps a batch's results for JS and passes its status on.
  StatusJs keep_batch(const Status& s, std::vector<std::vector<vectors::Neighbor>>&& results) {
    flatten_results(std::move(results), &neighbors_, &offsets_);
    return to_js(s);
  }

  std::vector<vectors::Neighbor> neighbors_;
  std::vector<uint32_t> offsets_;
};

class KeyedVectorsJs : public NeighborListsJs {
 public:
  // words: count UTF-8 strings back to back with their byte lengths; dense: (V, D).
  StatusJs from_arrays(uintptr_t bytes, uintptr_t lengths, uint32_t count, uintptr_t dense, uint32_t dim) {
    return to_js(vectors::KeyedVectors::create(read_words(bytes, lengths, count), ptr<const float>(dense), dim, &kv_));
  }
  StatusJs adopt(std::vector<std::string> words, RowMatrix vectors) {
    return to_js(vectors::KeyedVectors::create(std::move(words), std::move(vectors), &kv_));
  }

  uint32_t size() const { return kv_.size(); }
  uint32_t dim() const { return kv_.dim(); }
  double memory_bytes() const {
    double bytes = static_cast<double>(kv_.vectors().rows()) * kv_.vectors().stride() * sizeof(float);
    for (const std::string& w : kv_.words()) bytes += w.size();
    return bytes + static_cast<double>(kv_.size()) * 2 * sizeof(float);  // norms, inverse norms
  }
  vectors::KeyedVectors& kv() { return kv_; }
  const vectors::KeyedVectors& kv() const { return kv_; }

  // The word list for JS to decode; release_words() frees the copy afterwards.
  void pack_words() { packed_.pack(kv_.words()); }
  uintptr_t packed_bytes() const { return reinterpret_cast<uintptr_t>(packed_.bytes.data()); }
  uint32_t packed_size() const { return packed_.bytes.size(); }
  uintptr_t packed_lengths() const { return reinterpret_cast<uintptr_t>(packed_.lengths.data()); }
  void release_words() { packed_.release(); }

  int32_t index_of(const std::string& word) const {
    int32_t index = -1;
    return kv_.index_of(word, &index).is_ok() ? index : -1;
  }
  // out: (D,)
  StatusJs get_vector(const std::string& word, bool normalized, uintptr_t out) {
    Status s = kv_.get_vector(word, normalized, &floats_);
    if (s.is_ok()) std::copy(floats_.begin(), floats_.end(), ptr<float>(out));
    return to_js(s);
  }
  // out: (V, D) dense
  void copy_vectors(uintptr_t out) const { kv_.vectors().copy_to_dense(ptr<float>(out)); }
  void refresh_norms() { kv_.refresh_norms(); }
  bool norms_fresh() const { return kv_.norms_fresh(); }

  StatusJs most_similar(const QueryTermsJs& positive, const QueryTermsJs& negative, uint32_t topn,
                        uint32_t restrict_vocab, bool cosmul) {
    vectors::SearchOptions options;
    options.topn = topn;
    options.restrict_vocab = restrict_vocab;
    return to_js(cosmul ? kv_.most_similar_cosmul(positive.terms(), negative.terms(), options, &neighbors_)
                        : kv_.most_similar(positive.terms(), negative.terms(), options, &neighbors_));
  }
  StatusJs similar_by_vector(uintptr_t vector, uint32_t dim, uint32_t topn, uint32_t restrict_vocab) {
    vectors::SearchOptions options;
    options.topn = topn;
    options.restrict_vocab = restrict_vocab;
    return to_js(kv_.similar_by_vector(ptr<const float>(vector), dim, options, &neighbors_));
  }
  // vectors: (count, D) floats.
  StatusJs similar_by_vectors(uintptr_t vectors, uint32_t count, uint32_t dim, uint32_t topn,
                              uint32_t restrict_vocab) {
    vectors::SearchOptions options;
    options.topn = topn;
    options.restrict_vocab = restrict_vocab;
    std::vector<std::vector<vectors::Neighbor>> results;
    const Status s = kv_.similar_by_vectors(ptr<const float>(vectors), count, dim, options, &results);
    return keep_batch(s, std::move(results));
  }
  StatusJs most_similar_batch(const QueryBatchJs& batch, uint32_t topn, uint32_t restrict_vocab) {
    vectors::SearchOptions options;
    options.topn = topn;
    options.restrict_vocab = restrict_vocab;
    std::vector<std::vector<vectors::Neighbor>> results;
    const Status s = kv_.most_similar_batch(batch.queries(), options, &results);
    return keep_batch(s, std::move(results));
  }

  StatusJs similarity(const std::string& w1, const std::string& w2) {
    float v = 0;
    Status s = kv_.similarity(w1, w2, &v);
    value_ = v;
    return to_js(s);
  }
  StatusJs n_similarity(const std::vector<std::string>& ws1, const std::vector<std::string>& ws2) {
    float v = 0;
    Status s = kv_.n_similarity(ws1, ws2, &v);
    value_ = v;
    return to_js(s);
  }
  StatusJs rank(const std::string& w1, const std::string& w2) {
    int64_t r = 0;
    Status s = kv_.rank(w1, w2, &r);
    value_ = static_cast<double>(r);
    return to_js(s);
  }
  double value() const { return value_; }

  StatusJs doesnt_match(const std::vector<std::string>& words) {
    ignored_.clear();
    return to_js(kv_.doesnt_match(words, &text_, &ignored_));
  }
  std::string text() const { return text_; }
  uint32_t ignored_count() const { return ignored_.size(); }
  std::string ignored(uint32_t i) const { return ignored_[i]; }

  // The last result's floats: distances (K,) or a PCA projection (N, K).
  StatusJs distances(const std::string& word, const std::vector<std::string>& others) {
    return to_js(kv_.distances(word, others, &floats_));
  }
  uintptr_t floats_ptr() const { return reinterpret_cast<uintptr_t>(floats_.data()); }
  uint32_t floats_count() const { return floats_.size(); }
  void release_floats() { std::vector<float>().swap(floats_); }

  // The report as text lines, "S\t<section>", "C\ta b c d" (correct), "I\ta b c d"
  // (incorrect), then "T\t<score>\t<questions>\t<oov>": words never hold whitespace in
  // this format, so the lines cannot be ambiguous.
  StatusJs evaluate_word_analogies(const std::string& text, uint32_t restrict_vocab, bool case_insensitive,
                                   bool dummy4unknown) {
    vectors::AnalogyOptions options;
    options.restrict_vocab = restrict_vocab;
    options.case_insensitive = case_insensitive;
    options.dummy4unknown = dummy4unknown;
    vectors::AnalogyReport report;
    Status s = vectors::evaluate_word_analogies(kv_, text, options, &report);
    text_.clear();
    if (!s.is_ok()) return to_js(s);
    auto section = [this](const vectors::AnalogySection& sec) {
      text_ += "S\t" + sec.name + "\n";
      for (const auto& q : sec.correct) text_ += "C\t" + q.a + " " + q.b + " " + q.c + " " + q.expected + "\n";
      for (const auto& q : sec.incorrect) text_ += "I\t" + q.a + " " + q.b + " " + q.c + " " + q.expected + "\n";
    };
    for (const auto& sec : report.sections) section(sec);
    section(report.total);
    text_ += "T\t" + std::to_string(report.score) + "\t" + std::to_string(report.questions) + "\t" +
             std::to_string(report.oov) + "\n";
    return to_js(s);
  }

  WordPairsReportJs evaluate_word_pairs(const std::string& text, const std::string& delimiter,
                                        uint32_t restrict_vocab, bool case_insensitive, bool dummy4unknown) {
    WordPairsReportJs out;
    if (delimiter.size() != 1) {
      out.code = static_cast<int>(StatusCode::kInvalidArgument);
      out.message = "delimiter must be one character, got '" + delimiter + "'";
      return out;
    }
    vectors::WordPairOptions options;
    options.delimiter = delimiter[0];
    options.restrict_vocab = restrict_vocab;
    options.case_insensitive = case_insensitive;
    options.dummy4unknown = dummy4unknown;
    vectors::WordPairReport report;
    Status s = vectors::evaluate_word_pairs(kv_, text, options, &report);
    out.code = static_cast<int>(s.code());
    out.message = s.message(camel_case);
    out.pearson = report.pearson.statistic;
    out.pearson_pvalue = report.pearson.pvalue;
    out.spearman = report.spearman.statistic;
    out.spearman_pvalue = report.spearman.pvalue;
    out.oov_ratio = report.oov_ratio;
    out.pairs = static_cast<double>(report.pairs);
    out.oov = static_cast<double>(report.oov);
    return out;
  }

  // The first `count` rows (the most frequent words) projected on k components; the
  // projection (count, k) is left in floats_.
  PcaReportJs pca(uint32_t k, uint32_t count, double seed) {
    PcaReportJs out;
    vectors::PcaOptions options;
    options.components = k;
    options.seed = static_cast<uint64_t>(seed);
    vectors::PcaResult result;
    const RowMatrix& x = kv_.vectors();
    Status s = count > x.rows()
                   ? Status::out_of_range("count = " + std::to_string(count) + " exceeds the " +
                                          std::to_string(x.rows()) + " words")
                   : vectors::pca(x.data(), count, x.cols(), x.stride(), options, &result);
    out.code = static_cast<int>(s.code());
    out.message = s.message(camel_case);
    if (!s.is_ok()) return out;
    floats_ = std::move(result.projection);
    out.rows = static_cast<double>(result.n);
    out.components = static_cast<double>(result.k);
    out.iterations = static_cast<double>(result.iterations);
    out.converged = result.converged;
    explained_ratio_ = std::move(result.explained_variance_ratio);
    return out;
  }
  // (K,) of the last pca()
  double explained_variance_ratio(uint32_t i) const { return explained_ratio_[i]; }

 private:
  vectors::KeyedVectors kv_;
  PackedWords packed_;
  std::vector<float> floats_;
  std::vector<std::string> ignored_;
  std::vector<double> explained_ratio_;
  std::string text_;
  double value_ = 0;
};

// The int8 snapshot of a KeyedVectors (vectors/quantized_vectors.h). Query vectors are
// built on the JS side from the float KeyedVectors; results are left here as
// (index, score) pairs like KeyedVectorsJs's.
class QuantizedVectorsJs : public NeighborListsJs {
 public:
  StatusJs create(const KeyedVectorsJs& from) { return to_js(vectors::QuantizedVectors::create(from.kv().vectors(), &q_)); }
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
  // queries: (count, D) floats; results as KeyedVectorsJs's batches leave them.
  StatusJs search_batch(uintptr_t queries, uint32_t count, uint32_t dim, uint32_t topn, uint32_t restrict_vocab) {
    std::vector<std::vector<vectors::Neighbor>> results;
    const Status s = q_.search_batch(ptr<const float>(queries), count, dim, topn, restrict_vocab, &results);
    return keep_batch(s, std::move(results));
  }

 private:
  vectors::QuantizedVectors q_;
  std::vector<int32_t> exclude_;
};

}  // namespace embedwasm::bindings
