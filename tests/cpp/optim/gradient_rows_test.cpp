// layers/param's tracked gradient rows (a table's dense gradient, nonzero only on the
// rows a batch looked up) through a dense optimizer step: every algorithm must step a
// param that tracks its rows to the bits of the same param with a plainly zeroed
// gradient, with and without a regularizer (which writes every row), and must not read
// a row that is not marked.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <limits>
#include <memory>
#include <vector>

#include "embedwasm/core/thread_pool.h"
#include "embedwasm/layers/param.h"
#include "embedwasm/optim/algorithm.h"
#include "embedwasm/optim/optimizer.h"

using namespace embedwasm;
using namespace embedwasm::layers;
using namespace embedwasm::optim;

namespace {

constexpr size_t kRows = 9, kCols = 6;  // kCols: a SIMD width and a tail
const std::vector<std::vector<int32_t>> kTouched = {{1, 4, 4}, {0, 4}, {8, 2, 1}};

struct Owned {
  RowMatrix value;
  Param param;
};

std::unique_ptr<Owned> Make(bool tracks, double l2) {
  auto o = std::make_unique<Owned>();
  REQUIRE(RowMatrix::create(kRows, kCols, &o->value).is_ok());
  REQUIRE(RowMatrix::create(kRows, kCols, &o->param.grad).is_ok());
  for (size_t r = 0; r < kRows; ++r) {
    for (size_t j = 0; j < kCols; ++j) o->value.row(r)[j] = 0.3f + 0.1f * static_cast<float>(r) - 0.05f * j;
  }
  o->param.name = "embeddings";
  o->param.value = &o->value;
  o->param.tracks_grad_rows = tracks;
  o->param.regularizer.l2 = l2;
  return o;
}

// What a table layer's backward does: adds into the rows its ids name, then marks them.
void Backward(Param* p, int t) {
  for (int32_t r : kTouched[static_cast<size_t>(t)]) {
    float* g = p->grad.row(static_cast<size_t>(r));
    for (size_t j = 0; j < kCols; ++j) g[j] += std::sin(1.7f * t + 0.9f * r + 0.4f * j);
  }
  mark_gradient_rows(p, kTouched[static_cast<size_t>(t)].data(), kTouched[static_cast<size_t>(t)].size());
}

bool SameBits(const RowMatrix& a, const RowMatrix& b) {
  if (a.rows() != b.rows()) return false;
  for (size_t r = 0; r < a.rows(); ++r) {
    if (std::memcmp(a.row(r), b.row(r), a.cols() * sizeof(float)) != 0) return false;
  }
  return true;
}

bool AllZero(const RowMatrix& m) {
  for (size_t r = 0; r < m.rows(); ++r) {
    for (size_t j = 0; j < m.cols(); ++j) {
      if (m.row(r)[j] != 0.0f) return false;
    }
  }
  return true;
}

}  // namespace

TEST_CASE("a tracked dense gradient steps every algorithm to the bits of a zeroed one", "[optim][param]") {
  for (const Algorithm* algorithm : algorithms()) {
    for (double l2 : {0.0, 0.01}) {
      INFO(algorithm->name << " l2=" << l2);
      OptimizerSpec spec = default_spec(*algorithm);
      spec.momentum = 0.5;  // gives sgd and rmsprop a slot that moves on a zero gradient
      std::unique_ptr<Optimizer> tracked_opt, plain_opt;
      REQUIRE(Optimizer::create(spec, &tracked_opt).is_ok());
      REQUIRE(Optimizer::create(spec, &plain_opt).is_ok());
      auto tracked = Make(true, l2), plain = Make(false, l2);
      for (int t = 0; t < 3; ++t) {
        clear_gradient(&tracked->param);
        plain->param.grad.fill_zero();
        CHECK(AllZero(tracked->param.grad));  // the rows the last step marked are zeroed too
        CHECK(tracked->param.grad_rows.size() == kRows);
        Backward(&tracked->param, t);
        Backward(&plain->param, t);
        apply_regularizer(&tracked->param);
        apply_regularizer(&plain->param);
        // A regularizer writes every row, so the marks no longer say which are zero.
        CHECK(tracked->param.grad_rows.empty() == (l2 != 0.0));
        REQUIRE(tracked_opt->apply({&tracked->param}, 0.05).is_ok());
        REQUIRE(plain_opt->apply({&plain->param}, 0.05).is_ok());
        CHECK(SameBits(tracked->value, plain->value));
      }
    }
  }
}

TEST_CASE("an optimizer step does not read the gradient rows that are not marked", "[optim][param]") {
  for (const Algorithm* algorithm : algorithms()) {
    INFO(algorithm->name);
    std::unique_ptr<Optimizer> tracked_opt, plain_opt;
    REQUIRE(Optimizer::create(default_spec(*algorithm), &tracked_opt).is_ok());
    REQUIRE(Optimizer::create(default_spec(*algorithm), &plain_opt).is_ok());
    auto tracked = Make(true, 0.0), plain = Make(false, 0.0);
    clear_gradient(&tracked->param);
    Backward(&tracked->param, 0);
    Backward(&plain->param, 0);
    // Row 3 is not marked: were it read, the NaN would reach its weights.
    tracked->param.grad.row(3)[2] = std::numeric_limits<float>::quiet_NaN();
    REQUIRE(tracked_opt->apply({&tracked->param}, 0.05).is_ok());
    REQUIRE(plain_opt->apply({&plain->param}, 0.05).is_ok());
    CHECK(SameBits(tracked->value, plain->value));
  }
}

TEST_CASE("a gradient's row marks must cover its rows", "[optim][param]") {
  auto o = Make(true, 0.0);
  clear_gradient(&o->param);
  o->param.grad_rows.resize(kRows - 1);
  CHECK(validate(o->param).code() == StatusCode::kInvalidArgument);
}

TEST_CASE("clearing a tracked gradient zeroes every marked row of a table split into tasks", "[optim][param][threads]") {
  // 4,096 x 64 is cut into several tasks at any thread count: every task must zero its
  // marked rows and clear their marks.
  constexpr size_t kBigRows = 4096, kBigCols = 64;
  const int threads = GENERATE(1, 2);
  INFO(threads << " thread(s)");
  const int saved = thread_count();
  set_thread_count(threads);
  RowMatrix value;
  Param p;
  REQUIRE(RowMatrix::create(kBigRows, kBigCols, &value).is_ok());
  REQUIRE(RowMatrix::create(kBigRows, kBigCols, &p.grad).is_ok());
  p.value = &value;
  p.tracks_grad_rows = true;
  clear_gradient(&p);
  std::vector<int32_t> rows;
  for (size_t r = 3; r < kBigRows; r += 7) rows.push_back(static_cast<int32_t>(r));
  rows.push_back(kBigRows - 1);
  for (int32_t r : rows) std::fill(p.grad.row(r), p.grad.row(r) + kBigCols, 1.5f);
  mark_gradient_rows(&p, rows.data(), rows.size());
  clear_gradient(&p);
  set_thread_count(saved);
  CHECK(AllZero(p.grad));
  CHECK(std::count(p.grad_rows.begin(), p.grad_rows.end(), 0) == static_cast<std::ptrdiff_t>(kBigRows));
}
