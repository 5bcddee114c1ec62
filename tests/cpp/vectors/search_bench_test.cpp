// Timings of the search paths, hidden from the default run (tag [.bench]); run with
//   embedwasm_tests "[bench]"            (native)
//   node --no-experimental-fetch embedwasm_tests.cjs "[bench]"   (wasm)
// Each figure is the median of several calls after warm-up calls: V8 optimises a wasm
// function only for calls after it has run for a while (PERF-NOTES lesson 2).
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <random>
#include <vector>

#include "embedwasm/vectors/keyed_vectors.h"
#include "embedwasm/vectors/pca.h"
#include "embedwasm/vectors/quantized_vectors.h"
#include "vectors/vectors_test_util.h"

using namespace embedwasm;
using namespace embedwasm::search;

namespace {

double MedianMs(int warmup, int runs, const std::function<void()>& f) {
  for (int i = 0; i < warmup; ++i) f();
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

}  // namespace

TEST_CASE("bench: cosine top-10 over 400k x 100, single, batched and int8", "[.bench]") {
  const size_t v = 400000, d = 100, b = 100;
  RowMatrix m;
  REQUIRE(RowMatrix::create(v, d, &m).is_ok());
  std::mt19937 rng(1);
  std::normal_distribution<float> normal;
  for (size_t r = 0; r < v; ++r) {  // random unit vectors
    float* row = m.row(r);
    double s = 0.0;
    for (size_t j = 0; j < d; ++j) {
      row[j] = normal(rng);
      s += static_cast<double>(row[j]) * row[j];
    }
    for (size_t j = 0; j < d; ++j) row[j] = static_cast<float>(row[j] / std::sqrt(s));
  }
  KeyedVectors kv;
  REQUIRE(KeyedVectors::create(test::NumberedWords(v), std::move(m), &kv).is_ok());
  std::vector<float> queries(b * d);
  for (float& q : queries) q = normal(rng);

  const double refresh = MedianMs(1, 5, [&] { kv.refresh_norms(); });
  std::vector<Neighbor> out;
  SearchOptions o;
  o.topn = 10;
  // The very first query: in wasm its scan starts in V8's baseline code.
  const double first = MedianMs(0, 1, [&] { REQUIRE(kv.similar_by_vector(queries.data(), d, o, &out).is_ok()); });
  size_t next = 0;
  const double single =
      MedianMs(5, 15, [&] { REQUIRE(kv.similar_by_vector(queries.data() + (next++ % b) * d, d, o, &out).is_ok()); });
  std::vector<std::vector<Neighbor>> batch;
  const double batched =
      MedianMs(2, 5, [&] { REQUIRE(kv.similar_by_vectors(queries.data(), b, d, o, &batch).is_ok()); });
  const double word = MedianMs(3, 9, [&] {
    REQUIRE(kv.most_similar({QueryTerm::of_index(static_cast<int32_t>(next++ * 7919 % v))}, {}, o, &out).is_ok());
  });

  QuantizedVectors qv;
  const double quantize = MedianMs(0, 1, [&] { REQUIRE(QuantizedVectors::create(kv.vectors(), &qv).is_ok()); });
  const double int8_first = MedianMs(0, 1, [&] { REQUIRE(qv.search(queries.data(), d, 10, 0, {}, &out).is_ok()); });
  const double int8 =
      MedianMs(5, 15, [&] { REQUIRE(qv.search(queries.data() + (next++ % b) * d, d, 10, 0, {}, &out).is_ok()); });

  std::printf("[bench] V=%zu D=%zu (%s)\n", v, d,
#if defined(__wasm_simd128__)
              "wasm simd128"
#else
              "native"
#endif
  );
  std::printf("[bench] refresh_norms                 %8.2f ms\n", refresh);
  std::printf("[bench] similar_by_vector first call %8.2f ms\n", first);
  std::printf("[bench] similar_by_vector top-10      %8.2f ms\n", single);
  std::printf("[bench] most_similar(word) top-10     %8.2f ms\n", word);
  std::printf("[bench] similar_by_vectors B=%zu      %8.2f ms (%.2f ms/query)\n", b, batched, batched / b);
  std::printf("[bench] int8 create                   %8.2f ms (%.1f MB vs %.1f MB float)\n", quantize,
              qv.memory_bytes() / 1e6, v * d * 4 / 1e6);
  std::printf("[bench] int8 search first call       %8.2f ms\n", int8_first);
  std::printf("[bench] int8 search top-10            %8.2f ms\n", int8);
}

TEST_CASE("bench: PCA of 50,000 x 100 to 2 components", "[.bench]") {
  const size_t n = 50000, d = 100;
  const std::vector<float> x = test::ClusteredVectors(n, d, 50, 1.0f, 5);
  PcaOptions o;
  o.components = 2;
  PcaResult r;
  const double ms = MedianMs(1, 3, [&] { REQUIRE(pca(x.data(), n, d, d, o, &r).is_ok()); });
  std::printf("[bench] pca 50000 x 100 -> 2          %8.2f ms (%zu iterations, converged %d, ratio %.3f %.3f)\n", ms,
              r.iterations, r.converged ? 1 : 0, r.explained_variance_ratio[0], r.explained_variance_ratio[1]);
  const size_t d3 = 300;
  const std::vector<float> x3 = test::ClusteredVectors(n, d3, 50, 1.0f, 6);
  o.components = 3;
  const double ms3 = MedianMs(0, 1, [&] { REQUIRE(pca(x3.data(), n, d3, d3, o, &r).is_ok()); });
  std::printf("[bench] pca 50000 x 300 -> 3          %8.2f ms (%zu iterations, converged %d)\n", ms3, r.iterations,
              r.converged ? 1 : 0);
}
