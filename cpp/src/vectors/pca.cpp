#include "embedwasm/vectors/pca.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <utility>

#include "embedwasm/core/rng.h"
#include "vectors/tiered_call.h"

namespace embedwasm::vectors {
namespace {

// Rows centred per block before they enter the covariance: 8 rows of D = 300 doubles are
// 19 KB, so the block and the covariance row being updated both stay in L1.
constexpr size_t kBlockRows = 8;
// Rows per call of the other passes over the data (tiered_call.h).
constexpr size_t kPassRows = 256;
constexpr size_t kOversample = 8;

// Eigenpairs of a small symmetric m x m matrix `a` (row-major, destroyed) by cyclic Jacobi
// rotations. values: (m,) in decreasing order; vectors: (m, m), column c the unit
// eigenvector of values[c].
void jacobi_eigen(size_t m, std::vector<double>* a_in, std::vector<double>* values, std::vector<double>* vectors) {
  std::vector<double>& a = *a_in;
  std::vector<double> v(m * m, 0.0);
  for (size_t i = 0; i < m; ++i) v[i * m + i] = 1.0;
  double frob = 0.0;
  for (double x : a) frob += x * x;
  for (int sweep = 0; sweep < 64; ++sweep) {
    double off = 0.0;
    for (size_t p = 0; p < m; ++p) {
      for (size_t q = p + 1; q < m; ++q) off += a[p * m + q] * a[p * m + q];
    }
    if (off <= 1e-32 * frob) break;
    for (size_t p = 0; p < m; ++p) {
      for (size_t q = p + 1; q < m; ++q) {
        const double apq = a[p * m + q];
        if (apq == 0.0) continue;
        // The rotation that zeroes a_pq: t = tan(angle), the smaller root for stability.
        const double theta = (a[q * m + q] - a[p * m + p]) / (2.0 * apq);
        const double t = (theta >= 0.0 ? 1.0 : -1.0) / (std::fabs(theta) + std::sqrt(theta * theta + 1.0));
        const double c = 1.0 / std::sqrt(t * t + 1.0), s = t * c;
        for (size_t k = 0; k < m; ++k) {  // columns p, q
          const double akp = a[k * m + p], akq = a[k * m + q];
          a[k * m + p] = c * akp - s * akq;
          a[k * m + q] = s * akp + c * akq;
        }
        for (size_t k = 0; k < m; ++k) {  // rows p, q
          const double apk = a[p * m + k], aqk = a[q * m + k];
          a[p * m + k] = c * apk - s * aqk;
          a[q * m + k] = s * apk + c * aqk;
        }
        for (size_t k = 0; k < m; ++k) {
          const double vkp = v[k * m + p], vkq = v[k * m + q];
          v[k * m + p] = c * vkp - s * vkq;
          v[k * m + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  std::vector<size_t> order(m);
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t i, size_t j) { return a[i * m + i] > a[j * m + j]; });
  values->resize(m);
  vectors->assign(m * m, 0.0);
  for (size_t c = 0; c < m; ++c) {
    (*values)[c] = a[order[c] * m + order[c]];
    for (size_t k = 0; k < m; ++k) (*vectors)[k * m + c] = v[k * m + order[c]];
  }
}

// Makes the p columns of q ((D, p) row-major) orthonormal, in order: modified Gram-Schmidt
// run twice ("twice is enough", Giraud et al.), so the columns stay orthogonal to working
// precision even when the power steps have made them nearly parallel. A column that
// vanishes (C has lower rank than p) is replaced by a random one.
void orthonormalize(size_t d, size_t p, std::vector<double>* q_in, Rng* rng) {
  std::vector<double>& q = *q_in;
  for (size_t c = 0; c < p; ++c) {
    for (int attempt = 0; attempt < 4; ++attempt) {
      double before = 0.0;
      for (size_t i = 0; i < d; ++i) before += q[i * p + c] * q[i * p + c];
      for (int pass = 0; pass < 2; ++pass) {
        for (size_t b = 0; b < c; ++b) {
          double dot = 0.0;
          for (size_t i = 0; i < d; ++i) dot += q[i * p + b] * q[i * p + c];
          for (size_t i = 0; i < d; ++i) q[i * p + c] -= dot * q[i * p + b];
        }
      }
      double after = 0.0;
      for (size_t i = 0; i < d; ++i) after += q[i * p + c] * q[i * p + c];
      if (after > 1e-24 * before && after > 0.0) {
        const double inv = 1.0 / std::sqrt(after);
        for (size_t i = 0; i < d; ++i) q[i * p + c] *= inv;
        break;
      }
      for (size_t i = 0; i < d; ++i) q[i * p + c] = rng->normal();
    }
  }
}

struct Data {
  const float* x;
  size_t n, d, stride;
  const std::vector<double>* mean;
  void centred_row(size_t i, double* out) const {
    const float* row = x + i * stride;
    for (size_t j = 0; j < d; ++j) out[j] = static_cast<double>(row[j]) - (*mean)[j];
  }
};

// The passes over the rows, each a function called once per block of rows.

EMBEDWASM_NOINLINE void add_column_sums(const Data& data, size_t i0, size_t rows, double* sums) {
  for (size_t i = i0; i < i0 + rows; ++i) {
    const float* row = data.x + i * data.stride;
    for (size_t j = 0; j < data.d; ++j) sums[j] += row[j];
  }
}

EMBEDWASM_NOINLINE double centred_sum_of_squares(const Data& data, size_t i0, size_t rows, double* scratch) {
  double s = 0.0;
  for (size_t i = i0; i < i0 + rows; ++i) {
    data.centred_row(i, scratch);
    for (size_t j = 0; j < data.d; ++j) s += scratch[j] * scratch[j];
  }
  return s;
}

// c (D, D), upper triangle += block^T block for up to kBlockRows centred rows from i0.
EMBEDWASM_NOINLINE void add_to_covariance(const Data& data, size_t i0, size_t rows, double* block, double* c) {
  const size_t d = data.d;
  for (size_t r = 0; r < rows; ++r) data.centred_row(i0 + r, block + r * d);
  for (size_t i = 0; i < d; ++i) {
    double* ci = c + i * d;
    for (size_t r = 0; r < rows; ++r) {
      const double a = block[r * d + i];
      const double* br = block + r * d;
      for (size_t j = i; j < d; ++j) ci[j] += a * br[j];
    }
  }
}

// z (D, P) += Xc_rows^T (Xc_rows q) for rows [i0, i0 + rows).
EMBEDWASM_NOINLINE void add_implicit_product(const Data& data, size_t i0, size_t rows, size_t p, const double* q,
                                             double* z, double* row, double* y) {
  const size_t d = data.d;
  for (size_t i = i0; i < i0 + rows; ++i) {
    data.centred_row(i, row);
    std::fill(y, y + p, 0.0);
    for (size_t j = 0; j < d; ++j) {
      const double* qj = q + j * p;
      for (size_t b = 0; b < p; ++b) y[b] += row[j] * qj[b];
    }
    for (size_t j = 0; j < d; ++j) {
      double* zj = z + j * p;
      for (size_t b = 0; b < p; ++b) zj[b] += row[j] * y[b];
    }
  }
}

// out (rows, K) = centred rows [i0, i0 + rows) times components (K, D)^T.
EMBEDWASM_NOINLINE void project_rows(const Data& data, size_t i0, size_t rows, size_t k, const double* components,
                                     double* row, float* out) {
  for (size_t i = i0; i < i0 + rows; ++i) {
    data.centred_row(i, row);
    for (size_t col = 0; col < k; ++col) {
      const double* comp = components + col * data.d;
      double s = 0.0;
      for (size_t j = 0; j < data.d; ++j) s += row[j] * comp[j];
      out[i * k + col] = static_cast<float>(s);
    }
  }
}

// c: (D, D) = Xc^T Xc / (N - 1), both triangles.
void form_covariance(const Data& data, std::vector<double>* c_out) {
  const size_t d = data.d;
  std::vector<double>& c = *c_out;
  c.assign(d * d, 0.0);
  std::vector<double> block(kBlockRows * d);
  const auto add = detail::tiered(&add_to_covariance);
  for (size_t i0 = 0; i0 < data.n; i0 += kBlockRows) {
    add(data, i0, std::min(kBlockRows, data.n - i0), block.data(), c.data());
  }
  const double scale = 1.0 / static_cast<double>(data.n - 1);
  for (size_t i = 0; i < d; ++i) {
    for (size_t j = i; j < d; ++j) {
      c[i * d + j] *= scale;
      c[j * d + i] = c[i * d + j];
    }
  }
}

// z = C q for q, z: (D, P) row-major; C dense (D, D) or, when empty, applied as
// Xc^T (Xc q) / (N - 1) block by block.
void apply_covariance(const Data& data, const std::vector<double>& c, size_t p, const std::vector<double>& q,
                      std::vector<double>* z_out) {
  const size_t d = data.d;
  std::vector<double>& z = *z_out;
  z.assign(d * p, 0.0);
  if (!c.empty()) {
    for (size_t i = 0; i < d; ++i) {
      double* zi = z.data() + i * p;
      for (size_t k = 0; k < d; ++k) {
        const double cik = c[i * d + k];
        const double* qk = q.data() + k * p;
        for (size_t b = 0; b < p; ++b) zi[b] += cik * qk[b];
      }
    }
    return;
  }
  std::vector<double> row(d), y(p);
  const auto add = detail::tiered(&add_implicit_product);
  for (size_t i0 = 0; i0 < data.n; i0 += kPassRows) {
    add(data, i0, std::min(kPassRows, data.n - i0), p, q.data(), z.data(), row.data(), y.data());
  }
  const double scale = 1.0 / static_cast<double>(data.n - 1);
  for (double& v : z) v *= scale;
}

// out (D, P) = a (D, P) w (P, P)
void multiply_small(size_t d, size_t p, const std::vector<double>& a, const std::vector<double>& w,
                    std::vector<double>* out) {
  out->assign(d * p, 0.0);
  for (size_t i = 0; i < d; ++i) {
    for (size_t k = 0; k < p; ++k) {
      const double aik = a[i * p + k];
      for (size_t b = 0; b < p; ++b) (*out)[i * p + b] += aik * w[k * p + b];
    }
  }
}

}  // namespace

Status pca(const float* x, size_t n, size_t d, size_t stride, const PcaOptions& options, PcaResult* out) {
  *out = PcaResult();
  const size_t k = options.components;
  if (n < 2) return Status::invalid_argument("pca: needs at least 2 rows, got " + std::to_string(n));
  if (d == 0) return Status::invalid_argument("pca: rows have no columns");
  if (stride < d)
    return Status::invalid_argument("pca: row stride " + std::to_string(stride) + " < dimension " + std::to_string(d));
  if (x == nullptr) return Status::invalid_argument("pca: null data");
  if (k < 1 || k > std::min(d, kPcaMaxComponents)) {
    return Status::out_of_range("pca: components = " + std::to_string(k) + " outside [1, " +
                                std::to_string(std::min(d, kPcaMaxComponents)) + "]");
  }
  if (!(options.tolerance >= 0.0)) return Status::invalid_argument("pca: tolerance must be >= 0");

  std::vector<double> mean(d, 0.0), row(d);
  const Data data{x, n, d, stride, &mean};
  const auto sums = detail::tiered(&add_column_sums);
  for (size_t i0 = 0; i0 < n; i0 += kPassRows) sums(data, i0, std::min(kPassRows, n - i0), mean.data());
  for (double& m : mean) m /= static_cast<double>(n);

  double total = 0.0;
  const auto squares = detail::tiered(&centred_sum_of_squares);
  for (size_t i0 = 0; i0 < n; i0 += kPassRows) total += squares(data, i0, std::min(kPassRows, n - i0), row.data());
  total /= static_cast<double>(n - 1);

  std::vector<double> c;  // (D, D), or empty for the implicit product
  const bool dense =
      options.method == PcaMethod::kDenseCovariance || (options.method == PcaMethod::kAuto && d <= kPcaDenseMaxDim);
  if (dense) form_covariance(data, &c);

  const size_t p = std::min(d, k + kOversample);
  Rng rng(options.seed);
  std::vector<double> q(d * p), z, t(p * p), w, values, v, av;
  for (double& e : q) e = rng.normal();
  orthonormalize(d, p, &q, &rng);

  size_t iterations = 0;
  bool converged = false;
  while (true) {
    apply_covariance(data, c, p, q, &z);
    ++iterations;
    // Rayleigh-Ritz: T = Q^T C Q, symmetrised against rounding, then rotate Q and CQ.
    for (size_t a = 0; a < p; ++a) {
      for (size_t b = 0; b < p; ++b) {
        double s = 0.0;
        for (size_t i = 0; i < d; ++i) s += q[i * p + a] * z[i * p + b];
        t[a * p + b] = s;
      }
    }
    for (size_t a = 0; a < p; ++a) {
      for (size_t b = a + 1; b < p; ++b) t[a * p + b] = t[b * p + a] = 0.5 * (t[a * p + b] + t[b * p + a]);
    }
    jacobi_eigen(p, &t, &values, &w);
    multiply_small(d, p, q, w, &v);   // Ritz vectors
    multiply_small(d, p, z, w, &av);  // C times them
    double worst = 0.0;
    for (size_t col = 0; col < k; ++col) {
      double r2 = 0.0;
      for (size_t i = 0; i < d; ++i) {
        const double e = av[i * p + col] - values[col] * v[i * p + col];
        r2 += e * e;
      }
      worst = std::max(worst, std::sqrt(r2));
    }
    if (worst <= options.tolerance * std::max(values[0], 0.0)) {
      converged = true;
      break;
    }
    if (iterations >= options.max_iterations) break;
    q = av;  // the power step, already in Ritz order
    orthonormalize(d, p, &q, &rng);
  }

  out->n = n;
  out->d = d;
  out->k = k;
  out->mean = mean;
  out->total_variance = total;
  out->iterations = iterations;
  out->converged = converged;
  out->dense_covariance = dense;
  out->components.assign(k * d, 0.0);
  out->explained_variance.resize(k);
  out->explained_variance_ratio.resize(k);
  for (size_t col = 0; col < k; ++col) {
    double* comp = out->components.data() + col * d;
    double norm2 = 0.0;
    size_t largest = 0;
    for (size_t i = 0; i < d; ++i) {
      comp[i] = v[i * p + col];
      norm2 += comp[i] * comp[i];
      if (std::fabs(comp[i]) > std::fabs(comp[largest])) largest = i;
    }
    const double scale = (comp[largest] < 0.0 ? -1.0 : 1.0) / std::sqrt(norm2);
    for (size_t i = 0; i < d; ++i) comp[i] *= scale;
    const double variance = std::max(values[col], 0.0);
    out->explained_variance[col] = variance;
    out->explained_variance_ratio[col] = total > 0.0 ? variance / total : 0.0;
  }
  out->projection.resize(n * k);
  const auto project = detail::tiered(&project_rows);
  for (size_t i0 = 0; i0 < n; i0 += kPassRows) {
    project(data, i0, std::min(kPassRows, n - i0), k, out->components.data(), row.data(), out->projection.data());
  }
  return Status::ok();
}

Status pca(const RowMatrix& x, const PcaOptions& options, PcaResult* out) {
  return pca(x.data(), x.rows(), x.cols(), x.stride(), options, out);
}

const Schema<PcaOptions>& pca_options_schema() {
  static const Schema<PcaOptions> schema = [] {
    Schema<PcaOptions> s("pca");
    s.add("components", &PcaOptions::components).at_least(1);
    s.add("seed", &PcaOptions::seed);
    return s;
  }();
  return schema;
}

}  // namespace embedwasm::vectors
