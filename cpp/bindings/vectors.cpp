// Embind registrations for word vectors: KeyedVectors and its int8 snapshot, and the
// schemas of their query options for JS.
#include <emscripten/bind.h>

#include "bindings/vectors.h"

EMSCRIPTEN_BINDINGS(embedwasm_vectors) {
  using namespace emscripten;
  using namespace embedwasm::bindings;

  publish_schema([]() -> const embedwasm::OptionSchema& { return embedwasm::vectors::search_options_schema(); });
  publish_schema([]() -> const embedwasm::OptionSchema& { return embedwasm::vectors::analogy_options_schema(); });
  publish_schema([]() -> const embedwasm::OptionSchema& { return embedwasm::vectors::word_pair_options_schema(); });
  publish_schema([]() -> const embedwasm::OptionSchema& { return embedwasm::vectors::pca_options_schema(); });

  register_vector<std::string>("StringList");

  value_object<WordPairsReportJs>("WordPairsReport")
      .field("code", &WordPairsReportJs::code)
      .field("message", &WordPairsReportJs::message)
      .field("pearson", &WordPairsReportJs::pearson)
      .field("pearsonPvalue", &WordPairsReportJs::pearson_pvalue)
      .field("spearman", &WordPairsReportJs::spearman)
      .field("spearmanPvalue", &WordPairsReportJs::spearman_pvalue)
      .field("oovRatio", &WordPairsReportJs::oov_ratio)
      .field("pairs", &WordPairsReportJs::pairs)
      .field("oov", &WordPairsReportJs::oov);

  value_object<PcaReportJs>("PcaReport")
      .field("code", &PcaReportJs::code)
      .field("message", &PcaReportJs::message)
      .field("rows", &PcaReportJs::rows)
      .field("components", &PcaReportJs::components)
      .field("iterations", &PcaReportJs::iterations)
      .field("converged", &PcaReportJs::converged);

  class_<QueryTermsJs>("QueryTerms")
      .constructor<>()
      .function("addWord", &QueryTermsJs::add_word)
      .function("addIndex", &QueryTermsJs::add_index)
      .function("addVector", &QueryTermsJs::add_vector)
      .function("clear", &QueryTermsJs::clear);

  class_<QueryBatchJs>("QueryBatch")
      .constructor<>()
      .function("add", &QueryBatchJs::add)
      .function("clear", &QueryBatchJs::clear);

  // Registered on the base: Embind files a base-class member function under the base's
  // type, so listing it on a derived class_ would leave it off the derived prototype.
  class_<NeighborListsJs>("NeighborLists")
      .function("neighborsPtr", &NeighborListsJs::neighbors_ptr)
      .function("neighborsCount", &NeighborListsJs::neighbors_count)
      .function("offsetsPtr", &NeighborListsJs::offsets_ptr)
      .function("offsetsCount", &NeighborListsJs::offsets_count);

  class_<KeyedVectorsJs, base<NeighborListsJs>>("KeyedVectors")
      .constructor<>()
      .function("fromArrays", &KeyedVectorsJs::from_arrays)
      .function("size", &KeyedVectorsJs::size)
      .function("dim", &KeyedVectorsJs::dim)
      .function("memoryBytes", &KeyedVectorsJs::memory_bytes)
      .function("packWords", &KeyedVectorsJs::pack_words)
      .function("packedBytes", &KeyedVectorsJs::packed_bytes)
      .function("packedSize", &KeyedVectorsJs::packed_size)
      .function("packedLengths", &KeyedVectorsJs::packed_lengths)
      .function("releaseWords", &KeyedVectorsJs::release_words)
      .function("indexOf", &KeyedVectorsJs::index_of)
      .function("getVector", &KeyedVectorsJs::get_vector)
      .function("copyVectors", &KeyedVectorsJs::copy_vectors)
      .function("refreshNorms", &KeyedVectorsJs::refresh_norms)
      .function("normsFresh", &KeyedVectorsJs::norms_fresh)
      .function("mostSimilar", &KeyedVectorsJs::most_similar)
      .function("similarByVector", &KeyedVectorsJs::similar_by_vector)
      .function("similarByVectors", &KeyedVectorsJs::similar_by_vectors)
      .function("mostSimilarBatch", &KeyedVectorsJs::most_similar_batch)
      .function("similarity", &KeyedVectorsJs::similarity)
      .function("nSimilarity", &KeyedVectorsJs::n_similarity)
      .function("rank", &KeyedVectorsJs::rank)
      .function("value", &KeyedVectorsJs::value)
      .function("doesntMatch", &KeyedVectorsJs::doesnt_match)
      .function("text", &KeyedVectorsJs::text)
      .function("ignoredCount", &KeyedVectorsJs::ignored_count)
      .function("ignored", &KeyedVectorsJs::ignored)
      .function("distances", &KeyedVectorsJs::distances)
      .function("floatsPtr", &KeyedVectorsJs::floats_ptr)
      .function("floatsCount", &KeyedVectorsJs::floats_count)
      .function("releaseFloats", &KeyedVectorsJs::release_floats)
      .function("evaluateWordAnalogies", &KeyedVectorsJs::evaluate_word_analogies)
      .function("evaluateWordPairs", &KeyedVectorsJs::evaluate_word_pairs)
      .function("pca", &KeyedVectorsJs::pca)
      .function("explainedVarianceRatio", &KeyedVectorsJs::explained_variance_ratio);

  class_<QuantizedVectorsJs, base<NeighborListsJs>>("QuantizedVectors")
      .constructor<>()
      .function("create", &QuantizedVectorsJs::create)
      .function("size", &QuantizedVectorsJs::size)
      .function("dim", &QuantizedVectorsJs::dim)
      .function("memoryBytes", &QuantizedVectorsJs::memory_bytes)
      .function("search", &QuantizedVectorsJs::search)
      .function("searchBatch", &QuantizedVectorsJs::search_batch);
}
