// vectors/pca: block power iteration against an exact Jacobi eigensolver written here.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "embedwasm/vectors/pca.h"

using namespace embedwasm;
using namespace embedwasm::vectors;

namespace {

// The reference: all eigenpairs of a symmetric m x m matrix by cyclic Jacobi with the
// classic threshold-free sweep, to full double precision. Returns values descending and
// vectors as rows.
void JacobiReference(std::vector<double> a, size_t m, std::vector<double>* values,
                     std::vector<std::vector<double>>* vectors) {
  std::vector<double> v(m * m, 0.0);
  for (size_t i = 0; i < m; ++i) v[i * m + i] = 1.0;
  for (int sweep = 0; sweep < 100; ++sweep) {
    double off = 0.0;
    for (size_t p = 0; p < m; ++p)
      for (size_t q = p + 1; q < m; ++q) off += a[p * m + q] * a[p * m + q];
    if (off < 1e-40) break;
    for (size_t p = 0; p < m; ++p) {
      for (size_t q = p + 1; q < m; ++q) {
        if (a[p * m + q] == 0.0) continue;
        const double phi = 0.5 * std::atan2(2.0 * a[p * m + q], a[q * m + q] - a[p * m + p]);
        const double c = std::cos(phi), s = std::sin(phi);
        for (size_t k = 0; k < m; ++k) {
          const double kp = a[k * m + p], kq = a[k * m + q];
          a[k * m + p] = c * kp - s * kq;
          a[k * m + q] = s * kp + c * kq;
        }
        for (size_t k = 0; k < m; ++k) {
          const double pk = a[p * m + k], qk = a[q * m + k];
          a[p * m + k] = c * pk - s * qk;
          a[q * m + k] = s * pk + c * qk;
        }
        for (size_t k = 0; k < m; ++k) {
          const double kp = v[k * m + p], kq = v[k * m + q];
          v[k * m + p] = c * kp - s * kq;
          v[k * m + q] = s * kp + c * kq;
        }
      }
    }
  }
  std::vector<size_t> order(m);
  for (size_t i = 0; i < m; ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t i, size_t j) { return a[i * m + i] > a[j * m + j]; });
  values->clear();
  vectors->clear();
  for (size_t c : order) {
    values->push_back(a[c * m + c]);
    std::vector<double> col(m);
    for (size_t k = 0; k < m; ++k) col[k] = v[k * m + c];
    vectors->push_back(col);
  }
}

// Covariance (N - 1 denominator) in double, the textbook way.
std::vector<double> Covariance(const std::vector<float>& x, size_t n, size_t d) {
  std::vector<double> mean(d, 0.0), c(d * d, 0.0);
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < d; ++j) mean[j] += x[i * d + j];
  for (double& m : mean) m /= static_cast<double>(n);
  for (size_t i = 0; i < n; ++i)
    for (size_t a = 0; a < d; ++a)
      for (size_t b = 0; b < d; ++b) c[a * d + b] += (x[i * d + a] - mean[a]) * (x[i * d + b] - mean[b]);
  for (double& e : c) e /= static_cast<double>(n - 1);
  return c;
}

// Gaussian rows with standard deviations `sd` along a random orthonormal basis, shifted by
// an offset: a known, well separated spectrum sd^2.
std::vector<float> Anisotropic(size_t n, const std::vector<double>& sd, uint32_t seed) {
  const size_t d = sd.size();
  std::mt19937 rng(seed);
  std::normal_distribution<double> normal;
  std::vector<double> basis(d * d);
  for (double& b : basis) b = normal(rng);
  for (size_t i = 0; i < d; ++i) {  // Gram-Schmidt on the rows
    for (size_t k = 0; k < i; ++k) {
      double dot = 0.0;
      for (size_t j = 0; j < d; ++j) dot += basis[i * d + j] * basis[k * d + j];
      for (size_t j = 0; j < d; ++j) basis[i * d + j] -= dot * basis[k * d + j];
    }
    double norm = 0.0;
    for (size_t j = 0; j < d; ++j) norm += basis[i * d + j] * basis[i * d + j];
    for (size_t j = 0; j < d; ++j) basis[i * d + j] /= std::sqrt(norm);
  }
  std::vector<float> x(n * d);
  for (size_t r = 0; r < n; ++r) {
    for (size_t i = 0; i < d; ++i) {
      const double z = normal(rng) * sd[i];
      for (size_t j = 0; j < d; ++j) x[r * d + j] += static_cast<float>(z * basis[i * d + j]);
    }
    for (size_t j = 0; j < d; ++j) x[r * d + j] += 3.0f + 0.1f * static_cast<float>(j);
  }
  return x;
}

double AbsCos(const double* a, const std::vector<double>& b) {
  double dot = 0.0, na = 0.0, nb = 0.0;
  for (size_t j = 0; j < b.size(); ++j) {
    dot += a[j] * b[j];
    na += a[j] * a[j];
    nb += b[j] * b[j];
  }
  return std::fabs(dot) / std::sqrt(na * nb);
}

void CheckAgainstJacobi(const std::vector<float>& x, size_t n, size_t d, size_t k, PcaMethod method) {
  PcaOptions o;
  o.components = k;
  o.method = method;
  o.tolerance = 1e-11;  // tighter than the default, to compare with an exact solver
  PcaResult r;
  REQUIRE(pca(x.data(), n, d, d, o, &r).is_ok());
  CHECK(r.converged);
  CHECK(r.dense_covariance == (method != PcaMethod::kImplicit));
  std::vector<double> values;
  std::vector<std::vector<double>> vectors;
  const std::vector<double> c = Covariance(x, n, d);
  JacobiReference(c, d, &values, &vectors);
  double trace = 0.0;
  for (double v : values) trace += v;
  CHECK(r.total_variance == Approx(trace).epsilon(1e-12));
  for (size_t i = 0; i < k; ++i) {
    INFO("component " << i);
    CHECK(r.explained_variance[i] == Approx(values[i]).epsilon(1e-9));
    CHECK(r.explained_variance_ratio[i] == Approx(values[i] / trace).epsilon(1e-9));
    CHECK(AbsCos(r.components.data() + i * d, vectors[i]) > 1.0 - 1e-10);  // equal up to sign
    // Sign convention: the largest-magnitude loading is positive.
    const double* comp = r.components.data() + i * d;
    size_t largest = 0;
    for (size_t j = 1; j < d; ++j)
      if (std::fabs(comp[j]) > std::fabs(comp[largest])) largest = j;
    CHECK(comp[largest] > 0.0);
  }
  // The projection is the centred rows times the components.
  for (size_t row : {size_t{0}, n / 2, n - 1}) {
    for (size_t i = 0; i < k; ++i) {
      double s = 0.0;
      for (size_t j = 0; j < d; ++j) s += (x[row * d + j] - r.mean[j]) * r.components[i * d + j];
      CHECK(r.projection[row * k + i] == Approx(s).epsilon(1e-6).margin(1e-6));
    }
  }
}

}  // namespace

TEST_CASE("pca agrees with a Jacobi eigensolver on a small matrix", "[vectors]") {
  const size_t n = 300, d = 8;
  const std::vector<float> x = Anisotropic(n, {5.0, 3.0, 2.0, 1.0, 0.8, 0.5, 0.3, 0.1}, 1);
  for (size_t k : {size_t{1}, size_t{2}, size_t{3}}) {
    INFO("k=" << k);
    CheckAgainstJacobi(x, n, d, k, PcaMethod::kAuto);
    CheckAgainstJacobi(x, n, d, k, PcaMethod::kImplicit);  // no D x D matrix
  }
}

TEST_CASE("pca on more dimensions than the block, with a flat tail spectrum", "[vectors]") {
  const size_t n = 400, d = 30;
  std::vector<double> sd(d, 1.0);
  sd[0] = 4.0;
  sd[1] = 2.5;
  sd[2] = 1.6;
  for (size_t i = 3; i < d; ++i) sd[i] = 1.0 - 0.01 * static_cast<double>(i);
  const std::vector<float> x = Anisotropic(n, sd, 2);
  CheckAgainstJacobi(x, n, d, 3, PcaMethod::kAuto);
}

TEST_CASE("pca finds a known dominant direction", "[vectors]") {
  // 5000 x 50: isotropic unit noise plus t * u, t ~ N(0, 6^2) along a fixed unit u.
  const size_t n = 5000, d = 50;
  std::mt19937 rng(3);
  std::normal_distribution<float> normal;
  std::vector<double> u(d);
  for (size_t j = 0; j < d; ++j) u[j] = (j % 7 == 0 ? 1.0 : 0.0) + 0.1 * static_cast<double>(j % 3);
  double nu = 0.0;
  for (double e : u) nu += e * e;
  for (double& e : u) e /= std::sqrt(nu);
  std::vector<float> x(n * d);
  for (size_t i = 0; i < n; ++i) {
    const float t = 6.0f * normal(rng);
    for (size_t j = 0; j < d; ++j) x[i * d + j] = normal(rng) + t * static_cast<float>(u[j]);
  }
  PcaOptions o;
  o.components = 2;
  PcaResult r;
  REQUIRE(pca(x.data(), n, d, d, o, &r).is_ok());
  CHECK(r.converged);
  CHECK(AbsCos(r.components.data(), u) > 0.999);
  // Variance along u is 36 + 1 out of 36 + 50 in total.
  CHECK(r.explained_variance_ratio[0] == Approx(37.0 / 86.0).epsilon(0.05));
  CHECK(r.explained_variance[0] == Approx(37.0).epsilon(0.05));
  CHECK(r.explained_variance_ratio[1] < 0.03);
  // The two components are orthonormal.
  double dot = 0.0, n0 = 0.0, n1 = 0.0;
  for (size_t j = 0; j < d; ++j) {
    dot += r.components[j] * r.components[d + j];
    n0 += r.components[j] * r.components[j];
    n1 += r.components[d + j] * r.components[d + j];
  }
  CHECK(std::fabs(dot) < 1e-10);
  CHECK(n0 == Approx(1.0).epsilon(1e-12));
  CHECK(n1 == Approx(1.0).epsilon(1e-12));
}

TEST_CASE("pca is deterministic and its signs do not depend on the seed", "[vectors]") {
  const size_t n = 500, d = 12;
  const std::vector<float> x = Anisotropic(n, {4, 3, 2.5, 2, 1.5, 1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4}, 4);
  PcaOptions o;
  o.components = 3;
  PcaResult a, b, c;
  REQUIRE(pca(x.data(), n, d, d, o, &a).is_ok());
  REQUIRE(pca(x.data(), n, d, d, o, &b).is_ok());
  CHECK(a.projection == b.projection);  // bit for bit
  CHECK(a.components == b.components);
  // Another seed converges to the same components (within the tolerance) and the same signs.
  o.seed = 99;
  REQUIRE(pca(x.data(), n, d, d, o, &c).is_ok());
  for (size_t i = 0; i < a.components.size(); ++i) CHECK(c.components[i] == Approx(a.components[i]).margin(1e-5));
  for (size_t i = 0; i < a.projection.size(); ++i) CHECK(c.projection[i] == Approx(a.projection[i]).margin(1e-3));
}

TEST_CASE("pca with rows in a RowMatrix, rank-deficient data and bad arguments", "[vectors]") {
  // 3 rows in 5-D span a 2-D affine plane: the third component has variance 0.
  RowMatrix m;
  REQUIRE(RowMatrix::create(3, 5, &m).is_ok());
  const float rows[3][5] = {{1, 2, 3, 4, 5}, {2, 2, 3, 4, 6}, {0, 5, 3, 4, 5}};
  for (size_t i = 0; i < 3; ++i) std::copy(rows[i], rows[i] + 5, m.row(i));
  PcaOptions o;
  o.components = 3;
  PcaResult r;
  REQUIRE(pca(m, o, &r).is_ok());
  CHECK(r.converged);
  CHECK(r.explained_variance_ratio[0] + r.explained_variance_ratio[1] == Approx(1.0).epsilon(1e-12));
  CHECK(r.explained_variance[2] == Approx(0.0).margin(1e-12));
  // Identical rows: no variance at all.
  RowMatrix same;
  REQUIRE(RowMatrix::create(4, 3, &same).is_ok());
  for (size_t i = 0; i < 4; ++i) same.row(i)[1] = 2.0f;
  o.components = 2;
  REQUIRE(pca(same, o, &r).is_ok());
  CHECK(r.total_variance == 0.0);
  CHECK(r.explained_variance_ratio[0] == 0.0);
  for (float p : r.projection) CHECK(p == 0.0f);

  o.components = 0;
  CHECK(pca(m, o, &r).code() == StatusCode::kOutOfRange);
  o.components = 6;
  CHECK(pca(m, o, &r).code() == StatusCode::kOutOfRange);
  o.components = 2;
  RowMatrix one;
  REQUIRE(RowMatrix::create(1, 5, &one).is_ok());
  CHECK(pca(one, o, &r).code() == StatusCode::kInvalidArgument);
  CHECK(pca(m.data(), 3, 5, 4, o, &r).code() == StatusCode::kInvalidArgument);  // stride < D
}
