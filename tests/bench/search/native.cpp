// Brute-force cosine top-10 over V = 400,000 rows of D = 100 (the size of GloVe 6B's
// vocabulary), one query per call, with our search code: KeyedVectors (float32) and
// QuantizedVectors (int8), plus a plain loop as the independent check of the float results.
// Built natively (-O3: the baseline for the WASM figure) and with em++ (run under
// Node). Prints one JSON line per variant; int8 also reports recall@10 against float.
//
// Usage: search_bench [--V=400000] [--D=100] [--queries=60] [--warmup=5] [variant...]
//
// Rows are clustered (2,000 centres, each row a centre plus noise of about the same size),
// so neighbours are close together as in trained vectors; uniform random rows would make
// every top-10 a near tie and recall meaningless. Queries are fresh points drawn the same
// way, not rows of the table. Every timed call is one query: V8 has no on-stack replacement
// for wasm, so code reaches its optimized tier by being called again, not by looping.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "common/bench_util.h"
#include "embedwasm/core/row_matrix.h"
#include "embedwasm/vectors/keyed_vectors.h"
#include "embedwasm/vectors/quantized_vectors.h"

namespace {

using bench::JoinMs;
using bench::Median;
using bench::NowMs;
using bench::SplitMix64;

// Sum of four uniforms, centred: a bell shape from exact float arithmetic, so native and
// wasm builds generate the same numbers (libm's log/cos could differ between them).
float Bell(SplitMix64* rng) {
  float sum = 0;
  for (int i = 0; i < 4; ++i) sum += static_cast<float>(rng->next() >> 40) * 0x1p-24f;
  return sum - 2.0f;
}

namespace search = embedwasm::vectors;
constexpr size_t kTopN = 10;
constexpr size_t kCentres = 2000;
constexpr uint64_t kSeed = 20240611;

// Fills (count, D) points: centre c = a random one, point = centre + noise.
void Points(SplitMix64* rng, const std::vector<float>& centres, size_t count, size_t d, float* out, size_t stride) {
  for (size_t i = 0; i < count; ++i) {
    const float* c = centres.data() + (rng->next() % kCentres) * d;
    for (size_t j = 0; j < d; ++j) out[i * stride + j] = c[j] + 0.8f * Bell(rng);
  }
}

// The independent reference: cosine of every row by a plain loop in double, then the top n.
std::vector<int32_t> PlainTopN(const search::KeyedVectors& kv, const float* q, size_t n) {
  const size_t d = kv.dim();
  double qq = 0;
  for (size_t j = 0; j < d; ++j) qq += static_cast<double>(q[j]) * q[j];
  std::vector<std::pair<double, int32_t>> scored(kv.size());
  for (size_t r = 0; r < kv.size(); ++r) {
    const float* row = kv.vectors().row(r);
    double dot = 0, rr = 0;
    for (size_t j = 0; j < d; ++j) {
      dot += static_cast<double>(row[j]) * q[j];
      rr += static_cast<double>(row[j]) * row[j];
    }
    scored[r] = {-dot / std::sqrt(rr * qq), static_cast<int32_t>(r)};
  }
  std::partial_sort(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(n), scored.end());
  std::vector<int32_t> top(n);
  for (size_t i = 0; i < n; ++i) top[i] = scored[i].second;
  return top;
}

int Fail(const std::string& what) {
  std::fprintf(stderr, "search_bench: %s\n", what.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  long long v_arg = 400000, d_arg = 100, queries_arg = 60, warmup_arg = 5;
  std::vector<std::string> wanted;
  const std::string bad = bench::ParseArgs(
      argc, argv, {{"V", &v_arg}, {"D", &d_arg}, {"queries", &queries_arg}, {"warmup", &warmup_arg}}, &wanted);
  if (!bad.empty()) return Fail(bad);
  if (v_arg < static_cast<long long>(kTopN) || v_arg > INT32_MAX || d_arg < 1 || d_arg > 1024 ||
      queries_arg < 10 || warmup_arg < 1) {
    return Fail("--V in [10, 2^31), --D in [1, 1024], --queries >= 10, --warmup >= 1");
  }
  for (const std::string& w : wanted) {
    if (w != "float" && w != "int8" && w != "plain") return Fail("no variant '" + w + "' (float, int8, plain)");
  }
  const auto chosen = [&](const char* name) {
    return wanted.empty() || std::find(wanted.begin(), wanted.end(), name) != wanted.end();
  };
  const size_t V = static_cast<size_t>(v_arg), D = static_cast<size_t>(d_arg);
  const size_t Q = static_cast<size_t>(queries_arg), W = static_cast<size_t>(warmup_arg);

  SplitMix64 rng{kSeed};
  std::vector<float> centres(kCentres * D);
  for (float& x : centres) x = Bell(&rng);
  embedwasm::RowMatrix rows;
  embedwasm::Status s = embedwasm::RowMatrix::create(V, D, &rows);
  if (!s.is_ok()) return Fail(s.message());
  for (size_t r = 0; r < V; ++r) Points(&rng, centres, 1, D, rows.row(r), D);
  std::vector<float> queries((W + Q) * D);
  Points(&rng, centres, W + Q, D, queries.data(), D);

  std::vector<std::string> words(V);
  for (size_t r = 0; r < V; ++r) words[r] = "w" + std::to_string(r);
  search::KeyedVectors kv;
  s = search::KeyedVectors::create(std::move(words), std::move(rows), &kv);
  if (!s.is_ok()) return Fail(s.message());
  kv.refresh_norms();  // once, as a loaded model does; not part of a query's time
  search::QuantizedVectors q8;
  s = search::QuantizedVectors::create(kv.vectors(), &q8);
  if (!s.is_ok()) return Fail(s.message());

  // Exact top-10 of every timed query: the reference for both float and int8.
  std::vector<std::vector<int32_t>> exact(Q);
  for (size_t i = 0; i < Q; ++i) exact[i] = PlainTopN(kv, queries.data() + (W + i) * D, kTopN);

  struct Result {
    std::vector<double> ms;
    std::vector<std::vector<int32_t>> top;
  };
  const auto run = [&](auto&& query_fn) {
    Result r;
    std::vector<search::Neighbor> out;
    for (size_t i = 0; i < W + Q; ++i) {
      const double t0 = NowMs();
      const embedwasm::Status st = query_fn(queries.data() + i * D, &out);
      const double ms = NowMs() - t0;
      if (!st.is_ok()) {
        std::fprintf(stderr, "search_bench: %s\n", st.message().c_str());
        std::exit(1);
      }
      if (i < W) continue;
      r.ms.push_back(ms);
      std::vector<int32_t> ids;
      for (const search::Neighbor& n : out) ids.push_back(n.index);
      r.top.push_back(ids);
    }
    return r;
  };
  // recall@10: the share of the exact top 10 found; "same" counts queries whose top 10 is
  // exactly the reference's, in order (float must give every one of them).
  const auto report = [&](const char* variant, const char* what, const Result& r, size_t bytes) {
    size_t found = 0, same = 0;
    for (size_t i = 0; i < Q; ++i) {
      for (int32_t id : r.top[i]) found += std::count(exact[i].begin(), exact[i].end(), id);
      same += r.top[i] == exact[i];
    }
    const double recall = static_cast<double>(found) / static_cast<double>(Q * kTopN);
    std::printf(
        "{\"bench\":\"search\",\"build\":\"%s\",\"variant\":\"%s\",\"what\":\"%s\",\"V\":%zu,\"D\":%zu,\"topn\":%zu,"
        "\"warmup\":%zu,\"reps\":%zu,\"median_ms\":%.4f,\"min_ms\":%.4f,\"max_ms\":%.4f,\"recall_at_10\":%.4f,"
        "\"same_top10\":%zu,\"table_bytes\":%zu,\"ms\":[%s]}\n",
        BENCH_BUILD, variant, what, V, D, kTopN, W, Q, Median(r.ms), *std::min_element(r.ms.begin(), r.ms.end()),
        *std::max_element(r.ms.begin(), r.ms.end()), recall, same, bytes, JoinMs(r.ms).c_str());
    std::fflush(stdout);
  };

  search::SearchOptions options;
  options.topn = kTopN;
  if (chosen("float")) {
    Result r = run([&](const float* q, std::vector<search::Neighbor>* out) {
      return kv.similar_by_vector(q, D, options, out);
    });
    report("float", "KeyedVectors::similar_by_vector (float32 cosine, one query)", r, V * D * sizeof(float));
  }
  if (chosen("int8")) {
    const std::vector<int32_t> none;
    Result r = run([&](const float* q, std::vector<search::Neighbor>* out) {
      return q8.search(q, D, kTopN, 0, none, out);
    });
    report("int8", "QuantizedVectors::search (int8 dot, per-row scale, one query)", r, q8.memory_bytes());
  }
  if (chosen("plain")) {
    Result r = run([&](const float* q, std::vector<search::Neighbor>* out) {
      out->clear();
      for (int32_t id : PlainTopN(kv, q, kTopN)) out->push_back({id, 0.0f});
      return embedwasm::Status::ok();
    });
    report("plain", "plain double loop + partial_sort (the reference)", r, V * D * sizeof(float));
  }
  return 0;
}
