#include "embedwasm/core/initializers.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "embedwasm/core/rng.h"
#include "embedwasm/core/row_matrix.h"

using embedwasm::InitializerSpec;
using embedwasm::initialize;
using embedwasm::RowMatrix;
using embedwasm::StatusCode;

namespace {

RowMatrix make_matrix(size_t rows, size_t cols) {
  RowMatrix m;
  REQUIRE(RowMatrix::create(rows, cols, &m).is_ok());
  return m;
}

InitializerSpec spec_named(const std::string& name) {
  InitializerSpec spec;
  spec.name = name;
  return spec;
}

RowMatrix initialized(const InitializerSpec& spec, size_t rows, size_t cols, uint64_t seed) {
  RowMatrix m = make_matrix(rows, cols);
  const auto status = initialize(spec, seed, &m);
  INFO(status.message());
  REQUIRE(status.is_ok());
  return m;
}

// The whole buffer, padding included, so equality also covers the padding.
std::vector<float> raw(const RowMatrix& m) {
  return std::vector<float>(m.data(), m.data() + m.rows() * m.stride());
}

bool padding_is_zero(const RowMatrix& m) {
  for (size_t r = 0; r < m.rows(); ++r) {
    for (size_t c = m.cols(); c < m.stride(); ++c) {
      if (m.row(r)[c] != 0.0f) return false;
    }
  }
  return true;
}

struct Moments {
  double mean, variance, min, max;
};

Moments moments(const RowMatrix& m) {
  double sum = 0, sum2 = 0, lo = INFINITY, hi = -INFINITY;
  for (size_t r = 0; r < m.rows(); ++r) {
    for (size_t c = 0; c < m.cols(); ++c) {
      const double x = m.row(r)[c];
      sum += x;
      sum2 += x * x;
      lo = std::min(lo, x);
      hi = std::max(hi, x);
    }
  }
  const double n = static_cast<double>(m.rows() * m.cols());
  return {sum / n, sum2 / n - (sum / n) * (sum / n), lo, hi};
}

// Largest |(M M^T or M^T M) - scale I| entry; `columns` picks M^T M (column Gram).
double gram_error(const RowMatrix& m, bool columns, double scale) {
  const size_t k = columns ? m.cols() : m.rows();
  const size_t len = columns ? m.rows() : m.cols();
  auto at = [&](size_t vec, size_t i) -> double {
    return columns ? m.row(i)[vec] : m.row(vec)[i];
  };
  double worst = 0;
  for (size_t a = 0; a < k; ++a) {
    for (size_t b = a; b < k; ++b) {
      double dot = 0;
      for (size_t i = 0; i < len; ++i) dot += at(a, i) * at(b, i);
      worst = std::max(worst, std::fabs(dot - (a == b ? scale : 0.0)));
    }
  }
  return worst;
}

uint64_t hash_floats(const RowMatrix& m) {
  uint64_t hash = 1469598103934665603ull;  // FNV-1a offset basis, one 32-bit word per step
  for (size_t r = 0; r < m.rows(); ++r) {
    for (size_t c = 0; c < m.cols(); ++c) {
      uint32_t bits;
      std::memcpy(&bits, &m.row(r)[c], sizeof bits);
      hash = (hash ^ bits) * 1099511628211ull;
    }
  }
  return hash;
}

}  // namespace

// Non-square (400, 300) tables tell fan_in (400), fan_avg (350) and fan_out (300) apart:
// using the wrong one moves the variance by >= 14%, against a 2% tolerance (~6 se).
TEST_CASE("initializers: each VarianceScaling initializer has Keras' variance", "[initializers]") {
  const size_t rows = 400, cols = 300;
  const double fan_in = rows, fan_avg = (rows + cols) / 2.0;
  struct Case {
    const char* name;
    double variance;
    bool uniform;
  };
  const Case cases[] = {
      {"glorot_uniform", 1.0 / fan_avg, true}, {"glorot_normal", 1.0 / fan_avg, false},
      {"he_uniform", 2.0 / fan_in, true},      {"he_normal", 2.0 / fan_in, false},
      {"lecun_uniform", 1.0 / fan_in, true},   {"lecun_normal", 1.0 / fan_in, false},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    const RowMatrix m = initialized(spec_named(c.name), rows, cols, 1234);
    const Moments s = moments(m);
    CHECK(std::fabs(s.variance / c.variance - 1.0) < 0.02);
    CHECK(std::fabs(s.mean) < 5 * std::sqrt(c.variance / (rows * cols)));
    if (c.uniform) {
      // Keras' limit: sqrt(6 / (fan_in + fan_out)) for glorot, so variance = limit^2 / 3.
      const double limit = std::sqrt(3.0 * c.variance);
      CHECK(s.min >= -static_cast<float>(limit));
      CHECK(s.max < static_cast<float>(limit));
      CHECK(s.max > 0.99 * limit);  // and the range is used to its ends
    } else {
      const double bound = 2.0 * std::sqrt(c.variance) / 0.87962566103423978;
      CHECK(s.min >= -bound * (1 + 1e-6));
      CHECK(s.max <= bound * (1 + 1e-6));
      CHECK(s.max > 0.99 * bound);
    }
  }
}

TEST_CASE("initializers: glorot_uniform uses Keras' limit sqrt(6 / (fan_in + fan_out))",
          "[initializers]") {
  const RowMatrix m = initialized(spec_named("glorot_uniform"), 50, 10, 3);
  const double limit = std::sqrt(6.0 / (50 + 10));
  const Moments s = moments(m);
  CHECK(s.max < limit);
  CHECK(s.min >= -limit);
  CHECK(s.max > 0.95 * limit);
  CHECK(s.min < -0.95 * limit);
}

TEST_CASE("initializers: uniform draws U[minval, maxval)", "[initializers]") {
  InitializerSpec spec;  // Keras' Embedding default: uniform in [-0.05, 0.05)
  {
    const RowMatrix m = initialized(spec, 500, 201, 5);
    const Moments s = moments(m);
    CHECK(s.min >= -0.05f);
    CHECK(s.max < 0.05f);
    CHECK(std::fabs(s.mean) < 5 * 0.1 / std::sqrt(12.0 * 500 * 201));
    CHECK(std::fabs(s.variance / (0.1 * 0.1 / 12) - 1) < 0.01);
  }
  spec.minval = 2.0;
  spec.maxval = 3.0;
  {
    const RowMatrix m = initialized(spec, 300, 101, 6);
    const Moments s = moments(m);
    CHECK(s.min >= 2.0f);
    CHECK(s.max < 3.0f);
    CHECK(std::fabs(s.mean - 2.5) < 2e-3);  // se 3.3e-4
    CHECK(std::fabs(s.variance / (1.0 / 12) - 1) < 0.015);
  }
  spec.minval = spec.maxval = -1.5;  // an empty interval is Keras' constant, not an error
  {
    const RowMatrix m = initialized(spec, 3, 5, 7);
    for (size_t r = 0; r < 3; ++r) {
      for (size_t c = 0; c < 5; ++c) CHECK(m.row(r)[c] == -1.5f);
    }
  }
}

TEST_CASE("initializers: uniform never reaches maxval after float32 rounding",
          "[initializers]") {
  // [1, 1 + 2^-23) holds exactly one float, 1; doubles in its upper half round up to the
  // excluded bound unless the initializer keeps the interval half-open.
  InitializerSpec spec;
  spec.minval = 1.0;
  spec.maxval = 1.0 + 0x1.0p-23;
  const RowMatrix m = initialized(spec, 64, 63, 8);
  for (size_t r = 0; r < 64; ++r) {
    for (size_t c = 0; c < 63; ++c) REQUIRE(m.row(r)[c] == 1.0f);
  }
}

TEST_CASE("initializers: normal draws N(mean, stddev)", "[initializers]") {
  InitializerSpec spec = spec_named("normal");
  spec.mean = 0.25;
  spec.stddev = 0.5;
  const RowMatrix m = initialized(spec, 600, 333, 9);
  const Moments s = moments(m);
  CHECK(std::fabs(s.mean - 0.25) < 5 * 0.5 / std::sqrt(600.0 * 333));
  CHECK(std::fabs(s.variance / 0.25 - 1) < 0.01);  // se 0.0031
  CHECK(s.max - 0.25 > 4 * 0.5);  // untruncated: 200k draws reach past 4 sigma
}

TEST_CASE("initializers: truncated_normal redraws beyond two stddev", "[initializers]") {
  InitializerSpec spec = spec_named("truncated_normal");
  spec.mean = -1.0;
  spec.stddev = 0.3;
  const RowMatrix m = initialized(spec, 500, 401, 10);
  const Moments s = moments(m);
  const float lo = static_cast<float>(-1.0 - 0.6), hi = static_cast<float>(-1.0 + 0.6);
  CHECK(s.min >= lo);
  CHECK(s.max <= hi);
  CHECK(s.min < lo + 1e-3);
  CHECK(s.max > hi - 1e-3);
  // The variance of N(0, 1) truncated to [-2, 2] is 0.87962566...^2 = 0.77374.
  CHECK(std::fabs(s.variance / (0.09 * 0.87962566103423978 * 0.87962566103423978) - 1) < 0.01);
  CHECK(std::fabs(s.mean + 1.0) < 2e-3);  // se 2.9e-4
}

TEST_CASE("initializers: stddev 0 gives the mean exactly", "[initializers]") {
  for (const char* name : {"normal", "truncated_normal"}) {
    InitializerSpec spec = spec_named(name);
    spec.mean = 0.75;
    spec.stddev = 0.0;
    const RowMatrix m = initialized(spec, 4, 9, 11);
    for (size_t r = 0; r < 4; ++r) {
      for (size_t c = 0; c < 9; ++c) CHECK(m.row(r)[c] == 0.75f);
    }
  }
}

TEST_CASE("initializers: zeros, ones and constant are exact", "[initializers]") {
  InitializerSpec spec = spec_named("constant");
  spec.value = -3.25;
  struct Case {
    InitializerSpec spec;
    float value;
  };
  const Case cases[] = {{spec_named("zeros"), 0.0f}, {spec_named("ones"), 1.0f}, {spec, -3.25f}};
  for (const Case& c : cases) {
    INFO(c.spec.name);
    RowMatrix m = make_matrix(7, 13);
    for (size_t r = 0; r < 7; ++r) {
      for (size_t k = 0; k < 13; ++k) m.row(r)[k] = 9.0f;  // zeros must overwrite, too
    }
    REQUIRE(initialize(c.spec, 1, &m).is_ok());
    for (size_t r = 0; r < 7; ++r) {
      for (size_t k = 0; k < 13; ++k) REQUIRE(m.row(r)[k] == c.value);
    }
    CHECK(padding_is_zero(m));
  }
}

TEST_CASE("initializers: orthogonal has orthonormal columns when tall, rows when wide",
          "[initializers]") {
  InitializerSpec spec = spec_named("orthogonal");
  SECTION("tall 300 x 40: Q^T Q = I") {
    CHECK(gram_error(initialized(spec, 300, 40, 1), true, 1.0) < 1e-4);
  }
  SECTION("wide 40 x 300: Q Q^T = I") {
    CHECK(gram_error(initialized(spec, 40, 300, 1), false, 1.0) < 1e-4);
  }
  SECTION("square 64 x 64: both") {
    const RowMatrix m = initialized(spec, 64, 64, 2);
    CHECK(gram_error(m, true, 1.0) < 1e-5);
    CHECK(gram_error(m, false, 1.0) < 1e-5);
  }
  SECTION("2000 x 128: float64 QR keeps float32-level accuracy") {
    CHECK(gram_error(initialized(spec, 2000, 128, 3), true, 1.0) < 1e-5);
  }
  SECTION("gain scales the Gram matrix by gain^2") {
    spec.gain = 2.5;
    CHECK(gram_error(initialized(spec, 120, 33, 4), true, 6.25) < 1e-4);
    CHECK(gram_error(initialized(spec, 33, 120, 4), false, 6.25) < 1e-4);
    spec.gain = -1.0;  // Keras accepts any gain; a negative one flips every vector
    CHECK(gram_error(initialized(spec, 120, 33, 4), true, 1.0) < 1e-4);
  }
  SECTION("single row or column: a unit vector") {
    CHECK(gram_error(initialized(spec, 50, 1, 5), true, 1.0) < 1e-6);
    CHECK(gram_error(initialized(spec, 1, 50, 5), false, 1.0) < 1e-6);
    const float one = initialized(spec, 1, 1, 5).row(0)[0];
    CHECK(std::fabs(one) == 1.0f);
  }
}

TEST_CASE("initializers: orthogonal is the Q of the seed's normal draw with diag(R) > 0",
          "[initializers]") {
  // Keras' sign fix makes Q unique for a given normal matrix G: Q^T G (tall) or Q G^T
  // (wide) must be upper triangular with a positive diagonal. G is the (rows, cols)
  // standard normal draw, row-major, from Rng(seed) (documented in initializers.cpp).
  for (const bool tall : {true, false}) {
    INFO((tall ? "tall" : "wide"));
    const size_t rows = tall ? 90 : 12, cols = tall ? 12 : 90, n = 12, m = 90;
    const RowMatrix q = initialized(spec_named("orthogonal"), rows, cols, 77);
    embedwasm::Rng rng(77);
    std::vector<double> g(rows * cols);
    for (double& x : g) x = rng.normal();
    // a(i, j): the tall matrix A (m, n) that was factored; qt(i, j): Q (m, n).
    auto a = [&](size_t i, size_t j) { return tall ? g[i * cols + j] : g[j * cols + i]; };
    auto qt = [&](size_t i, size_t j) -> double { return tall ? q.row(i)[j] : q.row(j)[i]; };
    for (size_t i = 0; i < n; ++i) {
      for (size_t j = 0; j < n; ++j) {
        double r_ij = 0;  // R = Q^T A
        for (size_t k = 0; k < m; ++k) r_ij += qt(k, i) * a(k, j);
        if (i > j) CHECK(std::fabs(r_ij) < 1e-4);
        if (i == j) CHECK(r_ij > 0.1);
      }
    }
  }
}

TEST_CASE("initializers: a seed fixes the table; another seed changes it", "[initializers]") {
  for (const char* name : {"uniform", "normal", "truncated_normal", "glorot_uniform",
                           "he_normal", "orthogonal"}) {
    INFO(name);
    const InitializerSpec spec = spec_named(name);
    const auto a = raw(initialized(spec, 37, 11, 100));
    CHECK(a == raw(initialized(spec, 37, 11, 100)));
    CHECK(a != raw(initialized(spec, 37, 11, 101)));
  }
}

TEST_CASE("initializers: golden tables are bit-identical on every platform", "[initializers]") {
  // Recorded natively; the wasm build of this test must match them bit for bit.
  struct Case {
    const char* name;
    size_t rows, cols;
    uint64_t hash;
  };
  const Case cases[] = {
      {"uniform", 17, 9, 0x3337434f31786107ull},
      {"normal", 17, 9, 0x0c147d77e7b439e2ull},
      {"truncated_normal", 17, 9, 0x9706e42622f28783ull},
      {"glorot_normal", 33, 7, 0x352ddedc2b1ad08bull},
      {"he_uniform", 33, 7, 0xf2f30001258375ddull},
      {"orthogonal", 40, 9, 0x4db879628193b3bfull},
      {"orthogonal", 9, 40, 0xdcf3feb185d25b7bull},
      {"orthogonal", 300, 64, 0x4fc796dc7b5b6f74ull},
  };
  for (const Case& c : cases) {
    INFO(c.name << " " << c.rows << " x " << c.cols);
    CHECK(hash_floats(initialized(spec_named(c.name), c.rows, c.cols, 2024)) == c.hash);
  }
}

TEST_CASE("initializers: camelCase and Keras class names alias the snake_case names",
          "[initializers]") {
  const std::pair<const char*, const char*> aliases[] = {
      {"randomUniform", "uniform"},          {"random_uniform", "uniform"},
      {"RandomUniform", "uniform"},          {"randomNormal", "normal"},
      {"random_normal", "normal"},           {"truncatedNormal", "truncated_normal"},
      {"glorotUniform", "glorot_uniform"},   {"GlorotUniform", "glorot_uniform"},
      {"glorotNormal", "glorot_normal"},     {"heUniform", "he_uniform"},
      {"heNormal", "he_normal"},             {"lecunUniform", "lecun_uniform"},
      {"leCunUniform", "lecun_uniform"},     {"lecunNormal", "lecun_normal"},
      {"leCunNormal", "lecun_normal"},       {"Orthogonal", "orthogonal"},
      {"Zeros", "zeros"},                    {"Ones", "ones"},
  };
  for (const auto& alias : aliases) {
    INFO(alias.first << " vs " << alias.second);
    CHECK(raw(initialized(spec_named(alias.first), 9, 7, 55)) ==
          raw(initialized(spec_named(alias.second), 9, 7, 55)));
  }
}

TEST_CASE("initializers: row padding stays zero", "[initializers]") {
  for (const char* name : {"uniform", "normal", "truncated_normal", "glorot_uniform",
                           "glorot_normal", "he_uniform", "he_normal", "lecun_uniform",
                           "lecun_normal", "zeros", "ones", "constant", "orthogonal"}) {
    for (size_t cols : {size_t{1}, size_t{5}, size_t{7}, size_t{30}}) {
      INFO(name << " cols " << cols);
      InitializerSpec spec = spec_named(name);
      spec.value = 4.0;
      for (size_t rows : {size_t{3}, size_t{41}}) {
        CHECK(padding_is_zero(initialized(spec, rows, cols, 12)));
      }
    }
  }
}

TEST_CASE("initializers: empty tables succeed and write nothing", "[initializers]") {
  for (const char* name : {"uniform", "orthogonal", "glorot_normal"}) {
    RowMatrix a = make_matrix(0, 16), b = make_matrix(16, 0);
    CHECK(initialize(spec_named(name), 1, &a).is_ok());
    CHECK(initialize(spec_named(name), 1, &b).is_ok());
  }
}

TEST_CASE("initializers: invalid specs are refused and leave the table unchanged", "[initializers]") {
  // Unknown names and minval > maxval are kInvalidArgument; a parameter outside its range
  // (initializer_schema(): a finite float32, stddev >= 0) is kOutOfRange.
  struct Case {
    InitializerSpec spec;
    StatusCode code;
    const char* message_part;
  };
  auto with = [](const char* name, void (*edit)(InitializerSpec*)) {
    InitializerSpec spec = spec_named(name);
    edit(&spec);
    return spec;
  };
  constexpr StatusCode kInvalid = StatusCode::kInvalidArgument;
  constexpr StatusCode kRange = StatusCode::kOutOfRange;
  const Case cases[] = {
      {spec_named("glorot"), kInvalid, "unknown initializer 'glorot'"},
      {spec_named(""), kInvalid, "unknown initializer ''"},
      {spec_named("GLOROT_UNIFORM"), kInvalid, "glorot_uniform, glorot_normal"},  // lists valid names
      {with("uniform", [](InitializerSpec* s) { s->minval = 0.2; s->maxval = 0.1; }), kInvalid,
       "minval (0.2) > maxval (0.1)"},
      {with("uniform", [](InitializerSpec* s) { s->minval = NAN; }), kRange,
       "minval must be a finite float32 value, got nan"},
      {with("random_uniform", [](InitializerSpec* s) { s->maxval = INFINITY; }), kRange,
       "maxval must be a finite float32 value, got inf"},
      {with("uniform", [](InitializerSpec* s) { s->maxval = 1e39; }), kRange,
       "maxval must be a finite float32 value, got 1e+39"},
      {with("normal", [](InitializerSpec* s) { s->stddev = -0.1; }), kRange,
       "stddev must be a finite float32 value >= 0, got -0.1"},
      {with("truncated_normal", [](InitializerSpec* s) { s->stddev = -1; }), kRange,
       "stddev must be a finite float32 value >= 0"},
      {with("normal", [](InitializerSpec* s) { s->mean = -INFINITY; }), kRange, "mean must be a finite"},
      {with("truncatedNormal", [](InitializerSpec* s) { s->stddev = NAN; }), kRange, "stddev must be a finite"},
      {with("constant", [](InitializerSpec* s) { s->value = NAN; }), kRange, "value must be a finite"},
      {with("orthogonal", [](InitializerSpec* s) { s->gain = NAN; }), kRange, "gain must be a finite"},
      {with("orthogonal", [](InitializerSpec* s) { s->gain = INFINITY; }), kRange, "gain must be a finite"},
  };
  for (const Case& c : cases) {
    INFO("name '" << c.spec.name << "'");
    RowMatrix m = make_matrix(6, 5);
    for (size_t r = 0; r < 6; ++r) {
      for (size_t k = 0; k < 5; ++k) m.row(r)[k] = static_cast<float>(r * 10 + k);
    }
    const std::vector<float> before = raw(m);
    const auto status = initialize(c.spec, 3, &m);
    CHECK(status.code() == c.code);
    CHECK_THAT(status.message(), Catch::Matchers::Contains(c.message_part));
    CHECK(raw(m) == before);
  }
  CHECK(initialize(InitializerSpec(), 1, nullptr).code() == StatusCode::kInvalidArgument);
}

TEST_CASE("initializers: parameters another initializer would use are ignored",
          "[initializers]") {
  // As in Keras, only the chosen initializer's arguments are validated.
  InitializerSpec spec = spec_named("glorot_uniform");
  spec.minval = 1;
  spec.maxval = 0;
  spec.stddev = -1;
  spec.gain = NAN;
  RowMatrix m = make_matrix(4, 4);
  CHECK(initialize(spec, 1, &m).is_ok());
}

TEST_CASE("initializers: orthogonal on a large tall table", "[initializers]") {
  // Rows far beyond the columns (an embedding table's shape): the columns stay
  // orthonormal to float rounding however many rows each dot product sums over.
  const RowMatrix m = initialized(spec_named("orthogonal"), 20000, 64, 6);
  CHECK(gram_error(m, true, 1.0) < 1e-4);
}
