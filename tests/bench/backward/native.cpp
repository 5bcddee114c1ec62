// dL/dW of an embedding lookup, inside the engine (as training uses it; nothing copied to
// JS): ids 1024 x 64 into a 100,000 x 128 table, dy (1024 x 64, 128). Dense: the (V, D)
// gradient zeroed and scatter-added (Embedding::backward_dense); sparse: the touched rows
// only (Embedding::backward_sparse). Built natively (-O3) and with em++ (run under Node).
// Data as in gather/native.cpp (splitmix64 seed 20240611: table, then ids, then dy by the
// same value rule), so node.mjs computes the same gradient.
// A training step's embedding part, backward + SparseAdam on the touched rows, two ways:
// "sparse-adam" writes the (U, D) gradient and then updates (Optimizer::apply), "fused-adam"
// updates each row as its gradient is summed (the fused sparse step, no gradient buffer).
// Each starts from the same table; after the same number of steps both tables must hold
// the same bits, which is the check of those two rows.
//
// Usage: backward_bench [--reps=20] [--warmup=5] [dense|sparse|sparse-adam|fused-adam...]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "common/bench_util.h"
#include "embedwasm/embedding/embedding.h"
#include "embedwasm/core/row_matrix.h"
#include "embedwasm/embedding/sparse_row_gradient.h"
#include "embedwasm/layers/param.h"
#include "embedwasm/optim/optimizer.h"

namespace {

using bench::Median;
using bench::NowMs;
using bench::SplitMix64;

constexpr size_t kV = 100000, kD = 128, kB = 1024, kT = 64, kN = kB * kT;
constexpr uint64_t kSeed = 20240611;

int Fail(const std::string& what) {
  std::fprintf(stderr, "backward_bench: %s\n", what.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  long long reps_arg = 20, warmup_arg = 5;
  std::vector<std::string> wanted;
  const std::string bad = bench::ParseArgs(argc, argv, {{"reps", &reps_arg}, {"warmup", &warmup_arg}}, &wanted);
  if (!bad.empty()) return Fail(bad);
  for (const std::string& w : wanted) {
    if (w != "dense" && w != "sparse" && w != "sparse-adam" && w != "fused-adam") {
      return Fail("no variant '" + w + "' (dense, sparse, sparse-adam, fused-adam)");
    }
  }
  if (reps_arg < 1 || warmup_arg < 1 || reps_arg > 100000 || warmup_arg > 100000) {
    return Fail("--reps and --warmup must be in [1, 100000]");
  }
  const int reps = static_cast<int>(reps_arg), warmup = static_cast<int>(warmup_arg);
  if (wanted.empty()) wanted = {"dense", "sparse", "sparse-adam", "fused-adam"};

  SplitMix64 rng{kSeed};
  std::vector<float> table(kV * kD);
  for (float& x : table) x = rng.value();
  std::vector<int32_t> ids(kN);
  for (int32_t& id : ids) id = static_cast<int32_t>(rng.next() % kV);
  std::vector<float> dy(kN * kD);
  for (float& x : dy) x = rng.value();

  embedwasm::embedding::EmbeddingConfig config;
  config.table.input_dim = kV;
  config.table.output_dim = kD;
  embedwasm::embedding::Embedding layer;
  embedwasm::Status s = embedwasm::embedding::Embedding::create(config, table.data(), &layer);
  if (!s.is_ok()) return Fail(s.message());
  const embedwasm::Shape shape{kB, kT};

  // The reference: every row's sum in double, in id order.
  std::vector<double> expected(kV * kD, 0.0);
  for (size_t i = 0; i < kN; ++i) {
    for (size_t j = 0; j < kD; ++j) expected[static_cast<size_t>(ids[i]) * kD + j] += dy[i * kD + j];
  }
  // A row sums a handful of float terms of |x| <= 0.5: rounding in another order stays
  // below 1e-6, while a missing or doubled term moves a sum by that term (2^-24 or more,
  // except for the rare terms closer to zero), so 1e-5 separates the two.
  const auto check = [&](const float* row_major, size_t stride) {
    double worst = 0;
    for (size_t r = 0; r < kV; ++r) {
      for (size_t j = 0; j < kD; ++j) worst = std::max(worst, std::fabs(row_major[r * stride + j] - expected[r * kD + j]));
    }
    return worst;
  };

  embedwasm::RowMatrix dense;
  s = embedwasm::RowMatrix::create(kV, kD, &dense);
  if (!s.is_ok()) return Fail(s.message());
  embedwasm::embedding::SparseRowGradient sparse;
  // The tables the two stepping variants trained, compared once both have run.
  std::vector<std::vector<float>> stepped;
  for (const std::string& variant : wanted) {
    if (variant == "sparse-adam" || variant == "fused-adam") {
      const bool fused = variant == "fused-adam";
      embedwasm::embedding::Embedding own;
      config.table.sparse = true;
      s = embedwasm::embedding::Embedding::create(config, table.data(), &own);
      if (!s.is_ok()) return Fail(s.message());
      embedwasm::layers::Param p;
      p.name = "embeddings";
      p.value = &own.table().weights();
      p.sparse = true;
      p.sparse_grad.cols = kD;
      embedwasm::optim::OptimizerSpec spec;
      spec.name = "sparse_adam";
      spec.learning_rate = 0.001;
      std::unique_ptr<embedwasm::optim::Optimizer> opt;
      s = embedwasm::optim::Optimizer::create(spec, &opt);
      if (!s.is_ok()) return Fail(s.message());
      std::vector<double> ms;
      for (int i = 0; i < warmup + reps; ++i) {
        const double t0 = NowMs();
        if (fused) {
          s = opt->prepare({&p});
          if (s.is_ok()) s = own.backward_sparse_rows(ids.data(), shape, dy.data(), opt->fused_row_step(&p, 0.001));
          if (s.is_ok()) s = opt->apply({}, 0.001);  // counts the step
        } else {
          s = own.backward_sparse(ids.data(), shape, dy.data(), &p.sparse_grad);
          if (s.is_ok()) s = opt->apply({&p}, 0.001);
        }
        const double t = NowMs() - t0;
        if (!s.is_ok()) return Fail(s.message());
        if (i >= warmup) ms.push_back(t);
      }
      const embedwasm::RowMatrix& w = *p.value;
      std::vector<float> out(kV * kD);
      for (size_t r = 0; r < kV; ++r) std::memcpy(out.data() + r * kD, w.row(r), kD * sizeof(float));
      stepped.push_back(std::move(out));
      const bool ok = stepped.size() < 2 || stepped[0] == stepped[1];
      std::printf(
          "{\"bench\":\"backward\",\"build\":\"%s\",\"variant\":\"%s\",\"case\":\"100000x128\",\"what\":\"%s\","
          "\"warmup\":%d,\"reps\":%d,\"median_ms\":%.4f,\"min_ms\":%.4f,\"max_ms\":%.4f,\"ok\":%s}\n",
          BENCH_BUILD, variant.c_str(),
          fused ? "backward + SparseAdam fused: each touched row updated as its gradient is summed"
                : "backward_sparse (U, D) gradient, then SparseAdam on the touched rows",
          warmup, reps, Median(ms), *std::min_element(ms.begin(), ms.end()), *std::max_element(ms.begin(), ms.end()),
          ok ? "true" : "false");
      std::fflush(stdout);
      if (!ok) return Fail("the fused and unfused steps left different tables");
      continue;
    }
    std::vector<double> ms;
    for (int i = 0; i < warmup + reps; ++i) {
      const double t0 = NowMs();
      if (variant == "dense") {
        dense.fill_zero();
        s = layer.backward_dense(ids.data(), shape, dy.data(), &dense);
      } else {
        s = layer.backward_sparse(ids.data(), shape, dy.data(), &sparse);
      }
      const double t = NowMs() - t0;
      if (!s.is_ok()) return Fail(s.message());
      if (i >= warmup) ms.push_back(t);
    }
    double worst;
    if (variant == "dense") {
      worst = check(dense.row(0), dense.stride());
    } else {
      std::vector<float> full(kV * kD, 0.0f);
      for (size_t k = 0; k < sparse.rows.size(); ++k) {
        std::memcpy(full.data() + static_cast<size_t>(sparse.rows[k]) * kD, sparse.row_values(k), kD * sizeof(float));
      }
      worst = check(full.data(), kD);
    }
    const bool ok = worst < 1e-5;
    std::printf(
        "{\"bench\":\"backward\",\"build\":\"%s\",\"variant\":\"%s\",\"case\":\"100000x128\",\"what\":\"%s\","
        "\"warmup\":%d,\"reps\":%d,\"median_ms\":%.4f,\"min_ms\":%.4f,\"max_ms\":%.4f,\"max_abs_error\":%.3g,"
        "\"unique_rows\":%zu,\"ok\":%s}\n",
        BENCH_BUILD, variant.c_str(),
        variant == "dense" ? "Embedding::backward_dense: zero (V, D), scatter-add" : "Embedding::backward_sparse: touched rows only",
        warmup, reps, Median(ms), *std::min_element(ms.begin(), ms.end()), *std::max_element(ms.begin(), ms.end()), worst,
        sparse.rows.size(), ok ? "true" : "false");
    std::fflush(stdout);
    if (!ok) return Fail(variant + " gradient differs from the double reference by " + std::to_string(worst));
  }
  return 0;
}
